// Corpus-level entity resolution: lists split, keys a researcher calls one thing merged (and nothing else), variants
// found, names spread to every paper that writes them. Rows are made-up abstracts in the ACL corpus's manner.
import { describe, expect, it } from 'vitest';
import {
  applyOverruled,
  canonicalKey,
  entityMerges,
  listCuts,
  nameMentions,
  overruledDefinitions,
  resolveCorpus,
  splitList,
  splitListMentions,
} from '../../pipeline/extract/index.js';
import type { AcronymDefinition, ExtractionResult, MentionType } from '../../pipeline/core/types.js';

interface Doc {
  id: string;
  text: string;
  /** Surfaces tagged in the text, in order (each found after the previous one), with their types. */
  tagged: [string, MentionType][];
  acronyms?: AcronymDefinition[];
}

/** Extraction results for made-up documents: mentions at the tagged surfaces, keyed by canonicalKey. */
function results(docs: Doc[]): ExtractionResult[] {
  return docs.map((d) => {
    let from = 0;
    const mentions = d.tagged.map(([surface, type]) => {
      const start = d.text.indexOf(surface, from);
      if (start < 0) throw new Error(`"${surface}" not in ${d.id}`);
      from = start + 1;
      return { start, end: start + surface.length, text: surface, type, key: canonicalKey(surface) };
    });
    return { id: d.id, mentions, relations: [], acronyms: d.acronyms ?? [] };
  });
}
const textOf = (docs: Doc[]) => (id: string) => docs.find((d) => d.id === id)?.text;
const keyOfSurface = (out: ExtractionResult[], surface: string): string[] => [
  ...new Set(out.flatMap((r) => r.mentions.filter((m) => m.text === surface).map((m) => m.key))),
];

describe('splitList: a mention that is a list becomes its members', () => {
  it.each<[string, string, string[]]>([
    ['a list of resources', 'WordNet, Wikipedia, Wiktionary', ['WordNet', 'Wikipedia', 'Wiktionary']],
    [
      'two defined terms joined by "and"',
      'Multi-task learning (MTL) and transfer learning (TL)',
      ['Multi-task learning (MTL)', 'transfer learning (TL)'],
    ],
    [
      'two defined terms, each with a head',
      'Bidirectional Long Short-Term Memory (Bi-LSTM) network and Conditional Random Field (CRF) network',
      ['Bidirectional Long Short-Term Memory (Bi-LSTM) network', 'Conditional Random Field (CRF) network'],
    ],
    [
      'two defined tasks, comma',
      'Sentiment Analysis (SA), Named Entity Recognition (NER)',
      ['Sentiment Analysis (SA)', 'Named Entity Recognition (NER)'],
    ],
    ['enumerators dropped', 'cross-platform, (b) cross-domain', ['cross-platform', 'cross-domain']],
  ])('%s: %s', (_why, text, members) => {
    expect(
      splitList({ start: 10, end: 10 + text.length, text, type: 'method', key: canonicalKey(text) }).map((m) => m.text),
    ).toEqual(members);
  });

  it.each<[string, string]>([
    ['a thousands separator', '18,502 transitive clauses'],
    ['a list inside brackets only', 'Recurrent Neural Networks (BLSTM, BGRU)'],
    ['a plain coordination, no defined terms', 'speech and language processing'],
    ['one member and a stray comma', 'XLM ,'],
  ])('leaves %s whole: %s', (_why, text) => {
    expect(
      listCuts(text).length === 0 ||
        splitList({ start: 0, end: text.length, text, type: 'method', key: '' }).length === 0,
    ).toBe(true);
  });

  it('keeps offsets true to the text and gives every member the list relations', () => {
    const text = 'We use WordNet, Wikipedia for WSD.';
    const [r] = splitListMentions([
      {
        id: 'a',
        mentions: [
          { start: 7, end: 25, text: 'WordNet, Wikipedia', type: 'dataset', key: 'wordnet, wikipedia' },
          { start: 30, end: 33, text: 'WSD', type: 'task', key: 'wsd' },
        ],
        relations: [{ type: 'USED_FOR', head: 0, tail: 1 }],
        acronyms: [],
      },
    ]);
    expect(r!.mentions.map((m) => [m.text, text.slice(m.start, m.end), m.key])).toEqual([
      ['WordNet', 'WordNet', 'wordnet'],
      ['Wikipedia', 'Wikipedia', 'wikipedia'],
      ['WSD', 'WSD', 'wsd'],
    ]);
    expect(r!.relations).toEqual([
      { type: 'USED_FOR', head: 0, tail: 2 },
      { type: 'USED_FOR', head: 1, tail: 2 },
    ]);
  });
});

// A small corpus: BERT defined once and used bare, a case twin, empty heads, a variant, a spelling slip.
const docs: Doc[] = [
  {
    id: 'p1',
    text: 'BERT for tagging\nWe fine-tune Bidirectional Encoder Representations from Transformers (BERT) on SQuAD and report BLEU.',
    tagged: [
      ['BERT', 'method'],
      ['Bidirectional Encoder Representations from Transformers (BERT)', 'method'],
      ['SQuAD', 'dataset'],
      ['BLEU', 'metric'],
    ],
    acronyms: [{ short: 'BERT', long: 'bidirectional encoder representation from transformers' }],
  },
  {
    id: 'p2',
    text: 'Parsing\nThe BERT model improves on SQuAD dataset results, and back-translation helps.',
    tagged: [
      ['BERT model', 'method'],
      ['SQuAD dataset', 'dataset'],
      ['back-translation', 'method'],
    ],
  },
  {
    id: 'p3',
    text: 'Tagging\nWe compare Bert with pre-trained BERT and with backtranslation.',
    tagged: [
      ['Bert', 'method'],
      ['pre-trained BERT', 'method'],
      ['backtranslation', 'method'],
    ],
  },
  {
    id: 'p4',
    text: 'QA\nResults on SQuAD 2.0 and SQuAD with BERT-large.',
    tagged: [
      ['SQuAD 2.0', 'dataset'],
      ['SQuAD', 'dataset'],
      ['BERT-large', 'method'],
    ],
  },
  {
    id: 'p5',
    text: 'Models\nA language model and a translation model beat language features.',
    tagged: [
      ['language model', 'method'],
      ['translation model', 'method'],
      ['language features', 'concept'],
    ],
  },
  {
    id: 'p6',
    text: 'More\nThe language model uses BERT features; we evaluate on SQuAD.',
    tagged: [
      ['language model', 'method'],
      ['BERT features', 'concept'],
      ['SQuAD', 'dataset'],
    ],
  },
  {
    id: 'p7',
    text: 'Translation\nOur translation model and language study with BERT.',
    tagged: [
      ['translation model', 'method'],
      ['BERT', 'method'],
    ],
  },
];

describe('resolveCorpus on a small corpus', () => {
  const { results: out, variants } = resolveCorpus(results(docs), textOf(docs));
  const bert = 'bidirectional encoder representation from transformers';

  it.each<[string, string]>([
    ['the acronym', 'BERT'],
    ['a case twin of the acronym', 'Bert'],
    ['a name before an empty head noun', 'BERT model'],
    ['a name after a modifier that names nothing', 'pre-trained BERT'],
  ])('merges %s into the name: %s', (_why, surface) => {
    expect(keyOfSurface(out, surface)).toEqual([bert]);
  });

  it('merges "SQuAD dataset" into SQuAD and the spellings of back-translation', () => {
    expect(keyOfSurface(out, 'SQuAD dataset')).toEqual(keyOfSurface(out, 'SQuAD'));
    expect(keyOfSurface(out, 'backtranslation')).toEqual(keyOfSurface(out, 'back-translation'));
  });

  it('keeps a head that carries meaning apart: a language model is no language, a translation model no translation', () => {
    expect(keyOfSurface(out, 'language model')).toEqual(['language model']);
    expect(keyOfSurface(out, 'translation model')).toEqual(['translation model']);
  });

  it('keeps versions and variants as their own nodes, recorded as variants of the family', () => {
    expect(keyOfSurface(out, 'SQuAD 2.0')).toEqual(['squad 2.0']);
    // "BERT" inside a phrase's key is spelt out as the corpus defines it (corpus-acronyms.ts).
    expect(keyOfSurface(out, 'BERT-large')).toEqual([`${bert} large`]);
    expect(variants.get('squad 2.0')).toBe('squad');
    expect(variants.get(`${bert} large`)).toBe(bert);
  });

  it('spreads a name to its uses inside longer terms and untagged ones, keyed by its sense', () => {
    // p6 tagged only "BERT features"; p4 only "BERT-large": both papers now mention BERT too.
    const papersOf = (key: string) => out.filter((r) => r.mentions.some((m) => m.key === key)).map((r) => r.id);
    expect(papersOf(bert)).toEqual(['p1', 'p2', 'p3', 'p4', 'p6', 'p7']);
    const p6 = out.find((r) => r.id === 'p6')!;
    const nested = p6.mentions.find((m) => m.key === bert)!;
    expect(docs[5]!.text.slice(nested.start, nested.end)).toBe('BERT');
    expect(p6.mentions.map((m) => m.start)).toEqual([...p6.mentions.map((m) => m.start)].sort((a, b) => a - b));
  });
});

describe('entityMerges', () => {
  it('does not take a common word into an acronym written like it ("news" is no NEWS)', () => {
    const corpus: Doc[] = [
      {
        id: 'a',
        text: 'T\nWe read news and the Named Entities Workshop (NEWS) data.',
        tagged: [
          ['news', 'dataset'],
          ['Named Entities Workshop (NEWS)', 'task'],
        ],
      },
      {
        id: 'b',
        text: 'T\nWe read news about news.',
        tagged: [
          ['news', 'dataset'],
          ['news', 'dataset'],
        ],
      },
    ];
    const { merges } = entityMerges(results(corpus), textOf(corpus), new Map([['news', 'named entities workshop']]));
    expect(merges.has('news')).toBe(false);
  });

  it('joins long forms of one acronym that differ in word endings, of one kind only', () => {
    const corpus: Doc[] = [
      {
        id: 'a',
        text: 'T\nautomatic speech recognition (ASR) works.',
        tagged: [['automatic speech recognition (ASR)', 'task']],
        acronyms: [{ short: 'ASR', long: 'automatic speech recognition' }],
      },
      { id: 'b', text: 'T\nautomatic speech recognition is hard.', tagged: [['automatic speech recognition', 'task']] },
      {
        id: 'c',
        text: 'T\nautomatic speech recognizer (ASR) errs.',
        tagged: [['automatic speech recognizer (ASR)', 'task']],
        acronyms: [{ short: 'ASR', long: 'automatic speech recognizer' }],
      },
      {
        id: 'd',
        text: 'T\nlanguage model (LM) and language modeling (LM).',
        tagged: [
          ['language model (LM)', 'method'],
          ['language modeling (LM)', 'task'],
        ],
        acronyms: [
          { short: 'LM', long: 'language model' },
          { short: 'LM', long: 'language modeling' },
        ],
      },
    ];
    const { merges } = entityMerges(results(corpus), textOf(corpus), new Map());
    expect(merges.get('automatic speech recognizer')).toBe('automatic speech recognition');
    expect(merges.has('language modeling')).toBe(false);
    expect(merges.has('language model')).toBe(false);
  });
});

describe('nameMentions', () => {
  it('leaves a word that the corpus mostly does not tag alone, and honours a paper that defines the acronym otherwise', () => {
    const corpus: Doc[] = [
      { id: 'a', text: 'T\nCRF tagging with a CRF.', tagged: [['CRF', 'method']] },
      { id: 'b', text: 'T\nA CRF layer.', tagged: [['CRF', 'method']] },
      { id: 'c', text: 'T\nCRF again.', tagged: [['CRF', 'method']] },
      {
        id: 'd',
        text: 'T\nThe crystal field (CRF) of CRF samples.',
        tagged: [['crystal field (CRF)', 'concept']],
        acronyms: [{ short: 'CRF', long: 'crystal field' }],
      },
      { id: 'e', text: 'T\nIT is US and IT; IT.', tagged: [] },
    ];
    const out = nameMentions(results(corpus), textOf(corpus));
    expect(out[0]!.mentions.map((m) => m.text)).toEqual(['CRF', 'CRF']);
    expect(out[3]!.mentions.filter((m) => m.key === 'crf')).toEqual([]);
    expect(out[4]!.mentions).toEqual([]);
  });
});

describe('overruled acronym definitions', () => {
  it("drops a paper's definition that the corpus contradicts, so NAT stays out of Neural Machine Translation", () => {
    const nmt = (id: string): Doc => ({
      id,
      text: 'T\nneural machine translation (NMT) and NMT.',
      tagged: [
        ['neural machine translation (NMT)', 'task'],
        ['NMT', 'task'],
      ],
      acronyms: [{ short: 'NMT', long: 'neural machine translation' }],
    });
    const nat = (id: string): Doc => ({
      id,
      text: 'T\nnon-autoregressive translation (NAT) beats NAT.',
      tagged: [
        ['non-autoregressive translation (NAT)', 'method'],
        ['NAT', 'method'],
      ],
      acronyms: [{ short: 'NAT', long: 'nonautoregressive translation' }],
    });
    const wrong: Doc = {
      id: 'w',
      text: 'T\nnon-autoregressive neural machine translation (NAT) and NAT.',
      tagged: [
        ['neural machine translation (NAT)', 'task'],
        ['NAT', 'task'],
      ],
      acronyms: [{ short: 'NAT', long: 'neural machine translation' }],
    };
    const corpus = [...Array.from({ length: 12 }, (_, i) => nmt(`m${i}`)), nat('n1'), nat('n2'), wrong];
    const raw = results(corpus);
    raw[raw.length - 1]!.mentions[1]!.key = 'neural machine translation'; // as the extractor keys it by the paper's definition
    expect([...overruledDefinitions(raw)]).toEqual(['nat|neural machine translation']);
    const w = applyOverruled(raw).at(-1)!;
    expect(w.acronyms).toEqual([]);
    expect(w.mentions[1]!.key).toBe('nat');
  });
});
