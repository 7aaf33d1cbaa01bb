// createExtractor({ models }) (issue 28, item 4): an extractor on the shipped models gives what extract() gave before
// it existed, and two extractors made with different models share no state.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EXTRACTOR_VERSION,
  createExtractor,
  loadModels,
  shippedModelsDir,
  type Models,
} from '../../pipeline/extract/index.js';
import { WordClasses } from '../../pipeline/extract/tagger/clusters.js';
import type { ExtractionInput, ExtractionResult } from '../../pipeline/core/types.js';
import { seedAbstracts } from '../fixtures/extract/abstracts.js';

/** Outputs of extract() at 2e28420, before createExtractor: three seed abstracts as papers and a journal paragraph. */
const BEFORE = JSON.parse(
  readFileSync(new URL('../fixtures/extract/before-create-extractor.json', import.meta.url), 'utf8'),
) as {
  extractor: string;
  cases: { input: ExtractionInput; expected: ExtractionResult; rulesOnly: ExtractionResult }[];
};

const models = loadModels();
const texts = seedAbstracts(6).map((abstract, i) => ({
  id: `s${i}`,
  title: abstract.split(/(?<=\.) /)[0] ?? '',
  abstract,
}));
const outputs = (extract: (input: ExtractionInput) => ExtractionResult): string => JSON.stringify(texts.map(extract));

describe('an extractor on the shipped models', () => {
  it('gives what extract() gave before createExtractor, with the tagger and with the hand rules alone', () => {
    expect(BEFORE.extractor).toBe(EXTRACTOR_VERSION);
    const extractor = createExtractor({ models });
    const rulesOnly = createExtractor({ models: { ...models, tagger: null } });
    // The journal paragraph goes to the journal tagger, the abstracts to the abstracts tagger: both are compared.
    expect(BEFORE.cases.map((c) => extractor.domainOf('text' in c.input ? c.input.text : c.input.abstract))).toEqual([
      'abstracts',
      'abstracts',
      'abstracts',
      'journal',
    ]);
    for (const c of BEFORE.cases) {
      expect(extractor.extract(c.input), c.input.id).toEqual(c.expected);
      expect(rulesOnly.extract(c.input), c.input.id).toEqual(c.rulesOnly);
    }
  });

  it('refuses a domain that names no tagger, at once', () => {
    expect(() => createExtractor({ models, domain: 'physics' as never })).toThrow(
      expect.objectContaining({ name: 'UsageError', code: 'KG_USAGE' }),
    );
  });

  it('reads the same files from the shipped folder named explicitly', () => {
    const a = createExtractor({ models });
    const b = createExtractor({ models: loadModels(shippedModelsDir()) });
    expect(outputs(b.extract)).toBe(outputs(a.extract));
  });
});

describe('two extractors', () => {
  it('with different models give different results, and making or using one does not change the other', () => {
    const full = createExtractor({ models });
    const before = outputs(full.extract);
    const rulesOnly = createExtractor({ models: { ...models, tagger: null } });
    const rules = outputs(rulesOnly.extract);
    expect(rules).not.toBe(before);
    // Used in turn, each keeps giving its own output.
    expect(outputs(full.extract)).toBe(before);
    expect(outputs(rulesOnly.extract)).toBe(rules);
    // A fresh extractor on the same models gives the first one's output.
    expect(outputs(createExtractor({ models }).extract)).toBe(before);
  });

  it('sharing a tagger but not its word classes keep apart the weights they summed', () => {
    // Every word of class "u": the taggers' features differ from the shipped classes', so must their cached sums.
    const noClasses: Models = {
      ...models,
      wordClasses: new WordClasses({ format: 'kg-word-classes/1', trainedOn: {}, classes: 1, words: {} }),
    };
    const full = createExtractor({ models });
    const before = outputs(full.extract);
    const other = createExtractor({ models: noClasses });
    const otherOutput = outputs(other.extract);
    expect(otherOutput).not.toBe(before);
    expect(outputs(full.extract)).toBe(before);
    expect(outputs(createExtractor({ models: noClasses }).extract)).toBe(otherOutput);
  });

  it('without a pair classifier find no learnt USED_FOR, and the one with it still does', () => {
    const full = createExtractor({ models });
    const patterns = createExtractor({ models: { ...models, pairs: null } });
    const learnt = (r: ExtractionResult[]): number =>
      r.flatMap((x) => x.relations).filter((rel) => rel.type === 'USED_FOR').length;
    const withPairs = learnt(texts.map(full.extract));
    expect(learnt(texts.map(patterns.extract))).toBeLessThan(withPairs);
    expect(learnt(texts.map(full.extract))).toBe(withPairs);
  });

  it('read a domain tagger through their models: a fixed domain uses that tagger for every text', () => {
    const journal = createExtractor({ models, domain: 'journal' });
    const auto = createExtractor({ models });
    expect(texts.map((t) => journal.domainOf(t.abstract))).toEqual(texts.map(() => 'journal'));
    expect(texts.map((t) => auto.domainOf(t.abstract))).toEqual(texts.map(() => 'abstracts'));
    expect(outputs(journal.extract)).not.toBe(outputs(auto.extract));
  });
});
