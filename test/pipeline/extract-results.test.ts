// Results the text states (pipeline/extract/results.ts): the patterns on sentences with hand-placed mentions, the
// negatives (years, counts, sizes, p-values, ranks, ranges, vague metrics), and the shipped extractor end to end.
import { describe, expect, it } from 'vitest';
import type { Mention, MentionType, ReportedResult } from '../../pipeline/core/types.js';
import { canonicalKey } from '../../pipeline/extract/core/canonical.js';
import { findResults, sentenceSpans } from '../../pipeline/extract/results.js';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';

/** Mentions at the first occurrence of each surface (after the previous one), sorted by start. */
function place(text: string, spec: [string, MentionType][]): Mention[] {
  let from = 0;
  return spec.map(([surface, type]) => {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`${surface} not in ${text}`);
    from = start + surface.length;
    return { start, end: from, text: surface, type, key: canonicalKey(surface) };
  });
}

/** Sentences split after ". " (the tests' texts have no abbreviations). */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (const m of text.matchAll(/\.\s+/g)) {
    out.push([s, m.index + 1]);
    s = m.index + m[0].length;
  }
  if (s < text.length) out.push([s, text.length]);
  return out;
}

/** The results of a text as readable rows: metric, value, unit, delta, dataset, method. */
function read(text: string, spec: [string, MentionType][]) {
  const mentions = place(text, spec);
  return findResults(text, mentions, sentences(text)).map((r: ReportedResult) => ({
    metric: mentions[r.metric]!.text,
    value: r.value,
    ...(r.unit === undefined ? {} : { unit: r.unit }),
    ...(r.delta === undefined ? {} : { delta: r.delta }),
    ...(r.dataset === undefined ? {} : { dataset: mentions[r.dataset]!.text }),
    ...(r.method === undefined ? {} : { method: mentions[r.method]!.text }),
  }));
}

describe('findResults: what it reads', () => {
  it('a level before its metric, on a dataset, by a named method', () => {
    expect(
      read('BiLSTM-CRF achieves 92.1 F1 on CoNLL-2003.', [
        ['BiLSTM-CRF', 'method'],
        ['F1', 'metric'],
        ['CoNLL-2003', 'dataset'],
      ]),
    ).toEqual([{ metric: 'F1', value: 92.1, dataset: 'CoNLL-2003', method: 'BiLSTM-CRF' }]);
  });

  it('"our model" is no method: a generic subject is left out', () => {
    expect(
      read('Our model achieves 92.1 F1 on CoNLL-2003.', [
        ['model', 'generic'],
        ['F1', 'metric'],
        ['CoNLL-2003', 'dataset'],
      ]),
    ).toEqual([{ metric: 'F1', value: 92.1, dataset: 'CoNLL-2003' }]);
  });

  it('a change by a verb, in points, on a dataset', () => {
    expect(
      read('The proposed method improves BLEU by 2.3 points on WMT14.', [
        ['method', 'generic'],
        ['BLEU', 'metric'],
        ['WMT14', 'dataset'],
      ]),
    ).toEqual([{ metric: 'BLEU', value: 2.3, unit: 'points', delta: 'absolute', dataset: 'WMT14' }]);
  });

  it('a metric before its level: "accuracy of 89.4 %", "an F-score of 0.87"', () => {
    expect(
      read('We obtain state-of-the-art accuracy of 89.4 % on SST-2. The system achieves an F-score of 0.87.', [
        ['accuracy', 'metric'],
        ['SST-2', 'dataset'],
        ['system', 'generic'],
        ['F-score', 'metric'],
      ]),
    ).toEqual([
      { metric: 'accuracy', value: 89.4, unit: '%', dataset: 'SST-2' },
      { metric: 'F-score', value: 0.87 },
    ]);
  });

  it('a relative change named by a noun: "a 15 % relative reduction in WER"', () => {
    expect(read('This yields a 15 % relative reduction in WER.', [['WER', 'metric']])).toEqual([
      { metric: 'WER', value: 15, unit: '%', delta: 'relative' },
    ]);
  });

  it('an absolute change written so: "by 2.1 % BLEU absolute", "+0.8 BLEU", "gains of up to 1.4 points in BLEU and 2.8 points in TER"', () => {
    expect(
      read('An ensemble outperforms the baseline by 2.1 % BLEU absolute.', [
        ['ensemble', 'generic'],
        ['baseline', 'generic'],
        ['BLEU', 'metric'],
      ]),
    ).toEqual([{ metric: 'BLEU', value: 2.1, unit: '%', delta: 'absolute' }]);
    expect(read('We report up to +0.8 BLEU.', [['BLEU', 'metric']])).toEqual([
      { metric: 'BLEU', value: 0.8, delta: 'absolute' },
    ]);
    expect(
      read('The joint setups yield gains of up to 1.4 points in BLEU and 2.8 points in TER.', [
        ['BLEU', 'metric'],
        ['TER', 'metric'],
      ]),
    ).toEqual([
      { metric: 'BLEU', value: 1.4, unit: 'points', delta: 'absolute' },
      { metric: 'TER', value: 2.8, unit: 'points', delta: 'absolute' },
    ]);
  });

  it('"On X, …" gives the sentence its dataset; "for English" is no dataset', () => {
    expect(
      read('On SQuAD, our reader reaches an F1 of 88.5.', [
        ['SQuAD', 'dataset'],
        ['reader', 'generic'],
        ['F1', 'metric'],
      ]),
    ).toEqual([{ metric: 'F1', value: 88.5, dataset: 'SQuAD' }]);
    expect(
      read('The accuracy is 0.47 on English.', [
        ['accuracy', 'metric'],
        ['English', 'dataset'],
      ]),
    ).toEqual([{ metric: 'accuracy', value: 0.47 }]);
  });
});

describe('findResults: what it leaves out', () => {
  const none = (text: string, spec: [string, MentionType][]) => expect(read(text, spec)).toEqual([]);

  it('years, counts, sizes and multipliers', () => {
    none('The 2019 BLEU evaluation covered 12 languages.', [['BLEU', 'metric']]);
    none('We train on 1.5M sentences and report BLEU.', [['BLEU', 'metric']]);
    none('It is 6.15 times faster with the same accuracy.', [['accuracy', 'metric']]);
    none('In 150 translations, accuracy matters.', [['accuracy', 'metric']]);
  });

  it('p-values, ranks, top-k and numbers inside a name', () => {
    none('The gain in accuracy is significant (p < 0.05 accuracy).', [['accuracy', 'metric']]);
    none('Our system ranked 3rd in F1.', [['F1', 'metric']]);
    none('We report top 5 accuracy.', [['accuracy', 'metric']]);
    none('We report F0.5 scores and BLEU-4.', [
      ['F0.5 scores', 'metric'],
      ['BLEU-4', 'metric'],
    ]);
  });

  it('ranges, shares of items, unclear pairings and vague metrics', () => {
    none('It improves by 2.1 to 4.9 BLEU points.', [['BLEU points', 'metric']]);
    none('We find that 89 % of the accuracy errors are names.', [['accuracy', 'metric']]);
    none('We obtain precision and recall of 90 % and 85 %.', [
      ['precision', 'metric'],
      ['recall', 'metric'],
    ]);
    none('Our system achieves a performance of 85 %.', [['performance', 'metric']]);
  });

  it('a change in % that may be relative or absolute: "reduces WER by 20 %"', () => {
    none('The model reduces WER by 20 %.', [['WER', 'metric']]);
    none('It improves the conversion accuracy by 63 % over a simple method.', [['conversion accuracy', 'metric']]);
  });

  it('a method that is the object of a preposition, not the subject', () => {
    expect(
      read('RobEn paired with BERT achieves an accuracy of 71.3 %.', [
        ['RobEn', 'method'],
        ['BERT', 'method'],
        ['accuracy', 'metric'],
      ]),
    ).toEqual([{ metric: 'accuracy', value: 71.3, unit: '%' }]);
  });
});

describe('the shipped extractor', () => {
  const { extract } = createExtractor({ models: loadModels() });
  it('fills `results` with valid mention indexes and the sentence as evidence', () => {
    const text =
      'Named entity recognition with BERT.\nBERT achieves an accuracy of 85.2% on the MNLI dataset. We train it on 2 GPUs.';
    const r = extract({ id: 'x', text });
    expect(r.results).toHaveLength(1);
    const [x] = r.results!;
    expect(r.mentions[x!.metric]).toMatchObject({ type: 'metric', text: 'accuracy' });
    expect(x!.value).toBe(85.2);
    expect(x!.unit).toBe('%');
    expect(text.slice(x!.start, x!.end)).toBe('85.2');
    expect(text.slice(...x!.sentence)).toBe('BERT achieves an accuracy of 85.2% on the MNLI dataset.');
    expect(r.mentions[x!.dataset!]?.type).toBe('dataset');
    expect(r.mentions[x!.method!]?.text).toBe('BERT');
  });

  it('sentenceSpans take in the full stop', () => {
    expect(
      sentenceSpans('A b. C d.', [
        { start: 0, end: 1, sentence: 0 },
        { start: 2, end: 3, sentence: 0 },
        { start: 5, end: 6, sentence: 1 },
        { start: 7, end: 8, sentence: 1 },
      ]),
    ).toEqual([
      [0, 4],
      [5, 9],
    ]);
  });
});
