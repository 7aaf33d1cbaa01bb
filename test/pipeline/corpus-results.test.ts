// The corpus stage keeps results' mention indexes valid (issue 31): a list split into members, names added to papers.
import { describe, expect, it } from 'vitest';
import type { ExtractionResult, Mention, MentionType } from '../../pipeline/core/types.js';
import { canonicalKey } from '../../pipeline/extract/core/canonical.js';
import { splitListMentions } from '../../pipeline/extract/corpus-lists.js';
import { nameMentions } from '../../pipeline/extract/corpus-names.js';
import { resolveCorpus } from '../../pipeline/extract/corpus.js';

const mention = (text: string, surface: string, type: MentionType, from = 0): Mention => {
  const start = text.indexOf(surface, from);
  return { start, end: start + surface.length, text: surface, type, key: canonicalKey(surface) };
};

describe('results through the corpus stage', () => {
  const text = 'BERT, ELMo help. BiLSTM-CRF achieves 92.1 F1 on CoNLL-2003 and OntoNotes.';
  const mentions = [
    mention(text, 'BERT, ELMo', 'method'),
    mention(text, 'BiLSTM-CRF', 'method'),
    mention(text, 'F1', 'metric'),
    mention(text, 'CoNLL-2003', 'dataset'),
  ];
  const value = text.indexOf('92.1');
  const result: ExtractionResult = {
    id: 'p',
    mentions,
    relations: [],
    acronyms: [],
    results: [
      { metric: 2, dataset: 3, method: 1, value: 92.1, start: value, end: value + 4, sentence: [17, text.length] },
    ],
  };

  it('a list split before the result moves its indexes to where its mentions went', () => {
    const [split] = splitListMentions([result]);
    expect(split!.mentions.map((m) => m.text)).toEqual(['BERT', 'ELMo', 'BiLSTM-CRF', 'F1', 'CoNLL-2003']);
    expect(split!.results).toEqual([{ ...result.results![0], metric: 3, dataset: 4, method: 2 }]);
  });

  it('a list in the result keeps it only where it stays one mention: a split metric drops it, a split dataset is left out', () => {
    const t = 'Our tagger reaches 90 precision, recall on CoNLL-2003, OntoNotes.';
    const listed: ExtractionResult = {
      id: 'q',
      mentions: [mention(t, 'precision, recall', 'metric'), mention(t, 'CoNLL-2003, OntoNotes', 'dataset')],
      relations: [],
      acronyms: [],
      results: [{ metric: 0, dataset: 1, value: 90, start: 19, end: 21, sentence: [0, t.length] }],
    };
    expect(splitListMentions([listed])[0]!.results).toEqual([]);
    const one: ExtractionResult = {
      ...listed,
      mentions: [mention(t, 'precision', 'metric'), mention(t, 'CoNLL-2003, OntoNotes', 'dataset')],
    };
    const [split] = splitListMentions([one]);
    expect(split!.results).toEqual([{ metric: 0, value: 90, start: 19, end: 21, sentence: [0, t.length] }]);
  });

  it('names added before the result shift its indexes; the whole corpus stage keeps every index on its mention', () => {
    const other: ExtractionResult = {
      id: 'o',
      mentions: [mention('ELMo is good. ELMo again. ELMo.', 'ELMo', 'method')],
      relations: [],
      acronyms: [],
    };
    const texts = new Map([
      ['p', text],
      ['o', 'ELMo is good. ELMo again. ELMo.'],
    ]);
    const named = nameMentions([result, other], (id) => texts.get(id), new Set(), { minTaggedPapers: 1 });
    const r = named[0]!;
    const x = r.results![0]!;
    expect([r.mentions[x.metric]!.text, r.mentions[x.dataset!]!.text, r.mentions[x.method!]!.text]).toEqual([
      'F1',
      'CoNLL-2003',
      'BiLSTM-CRF',
    ]);
    const { results } = resolveCorpus([result, other], (id) => texts.get(id));
    const y = results[0]!.results![0]!;
    expect(results[0]!.mentions[y.metric]!.text).toBe('F1');
    expect(results[0]!.mentions[y.dataset!]!.text).toBe('CoNLL-2003');
    expect(results[0]!.mentions[y.method!]!.text).toBe('BiLSTM-CRF');
  });
});
