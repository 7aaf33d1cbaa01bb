// The extractor never throws and keeps its offsets contract on odd input: empty, huge, emoji, markup, TeX, lone surrogates.
// tier: corpus
import { describe, expect, it } from 'vitest';
import { createExtractor, loadModels, looksEnglish } from '../../pipeline/extract/index.js';
import type { ExtractionInput } from '../../pipeline/core/types.js';

const { extract } = createExtractor({ models: loadModels() });

const ODD: [label: string, text: string][] = [
  ['empty', ''],
  ['whitespace only', ' \n\t \u00A0 '],
  ['emoji', '🤖🧠 We train 🔥 large language models (LLMs) on 🐍 code 😀. 👍🏽 GNNs!'],
  ['lone surrogates', 'Graph \uD800 Neural \uDC00 Networks (GNN\uD800s) for x\uDBFF'],
  ['HTML', '<p>We use <b>BERT</b> &amp; GPT-4 for QA.</p><script>alert(1)</script>'],
  ['TeX', 'We minimise $\\mathcal{L}(\\theta) = \\sum_i \\|x_i\\|^2$ via Adam \\cite{kingma}.'],
  [
    'non-English',
    '我们提出了一种新的图神经网络（GNN）方法。 Нейронные сети (НС) для классификации. Réseaux de neurones.',
  ],
  ['unbalanced parentheses', '((((()))))) ( ) (A) (AB) AB (A B C D E F G H) ('.repeat(50)],
  ['control characters', '\u0000\u0001abc\u0000 model\u0007s (M)'],
  ['contractions and quotes', "It's the model's \"best\" guess; they don't 'see' it."],
  ['one long word', 'a'.repeat(100_000)],
];

function check(text: string, input: ExtractionInput = { id: 'odd', text }): void {
  const r = extract(input);
  let prevEnd = 0;
  for (const m of r.mentions) {
    expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(m.start).toBeGreaterThanOrEqual(prevEnd);
    prevEnd = m.end;
  }
  for (const rel of r.relations) {
    expect(r.mentions[rel.head]).toBeDefined();
    expect(r.mentions[rel.tail]).toBeDefined();
  }
}

describe('never throws', () => {
  it.each(ODD)('%s', (_label, text) => {
    expect(() => check(text)).not.toThrow();
  });

  it('2 MB of abstract-like text, cut into segments, offsets still exact', () => {
    const sentence = 'We propose Graph Neural Networks (GNNs) for node classification and evaluate them on Cora. ';
    const text = sentence.repeat(Math.ceil(2_000_000 / sentence.length));
    const r = extract({ id: 'big', text });
    // Three mentions a sentence (the definition, "node classification", "Cora") over ~22,000 sentences.
    expect(r.mentions.length).toBeGreaterThan(40_000);
    check(text);
  }, 300_000); // about 75 s alone on 2 cores; two test runs at once took it past 120 s

  it('title and abstract that are not strings (untyped callers) do not throw', () => {
    const bad = { id: 'x', title: undefined, abstract: null } as unknown as ExtractionInput;
    expect(() => extract(bad)).not.toThrow();
  });
});

describe('text that is not English', () => {
  // Written for this test in the style of the TALN and CCL abstracts of the ACL corpus.
  const french =
    "Analyse syntaxique des langues peu dotées (Parsing low-resource languages)\nNous proposons dans cet article une méthode d'analyse syntaxique fondée sur des grammaires de dépendances, et nous montrons que les résultats obtenus sur le corpus arboré sont meilleurs que ceux de la littérature.";
  const chinese =
    '基于BERT的中文命名实体识别(Chinese Named Entity Recognition Based on BERT)\n命名实体识别是自然语言处理的一项基础任务,本文提出一种基于预训练语言模型的方法,在多个数据集上取得了较好的效果。';

  it('French and Chinese abstracts give no mentions, even with an English title in brackets', () => {
    expect(looksEnglish(french)).toBe(false);
    expect(looksEnglish(chinese)).toBe(false);
    expect(extract({ id: 'fr', text: french })).toEqual({ id: 'fr', mentions: [], relations: [], acronyms: [] });
    expect(extract({ id: 'zh', text: chinese }).mentions).toEqual([]);
  });

  it('English abstracts about French, short English texts and lists of terms are still read', () => {
    const english =
      'We present a dependency parser for French trained on the French Treebank, and we show that it outperforms earlier parsers on the Sequoia corpus.';
    expect(looksEnglish(english)).toBe(true);
    expect(extract({ id: 'en', text: english }).mentions.length).toBeGreaterThan(2);
    expect(looksEnglish('Graph neural networks')).toBe(true);
    expect(looksEnglish('')).toBe(true);
  });
});
