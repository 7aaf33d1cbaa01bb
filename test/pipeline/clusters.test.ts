import { describe, expect, it } from 'vitest';
import { exchangeClasses, sentenceWords, serialiseClasses } from '../../pipeline/train/clusters.js';
import { WordClasses } from '../../pipeline/extract/tagger/clusters.js';
import { loadModels } from '../../pipeline/extract/load-models.js';
import { TOY_SENTENCES } from '../fixtures/sentences.js';

describe('word classes (exchange algorithm)', () => {
  it('puts words that share their neighbours in one class and the others apart', () => {
    const file = exchangeClasses(TOY_SENTENCES, { classes: 4, minCount: 1, passes: 5 }, {});
    const c = new WordClasses(file);
    expect(c.of('parser')).toBe(c.of('tagger'));
    expect(c.of('segmenter')).toBe(c.of('parser'));
    expect(c.of('reads')).toBe(c.of('writes'));
    expect(c.of('checks')).toBe(c.of('reads'));
    expect(c.of('parser')).not.toBe(c.of('reads'));
    expect(c.of('the')).not.toBe(c.of('parser'));
    expect(c.of('unseen')).toBeUndefined();
  });

  it('is deterministic and leaves out words seen fewer than minCount times', () => {
    const a = exchangeClasses(TOY_SENTENCES, { classes: 3, minCount: 3, passes: 3 }, { data: 'test' });
    const b = exchangeClasses(TOY_SENTENCES, { classes: 3, minCount: 3, passes: 3 }, { data: 'test' });
    expect(serialiseClasses(a)).toBe(serialiseClasses(b));
    // "segmenter" and "checks" are seen twice each, every other word three or four times.
    expect(Object.keys(a.words).sort()).toEqual(['a', 'it', 'parser', 'reads', 'tagger', 'the', 'them', 'writes']);
    expect(JSON.parse(serialiseClasses(a))).toEqual(a);
  });

  it('reads words as the extractor does: compromise terms, lower case, per sentence', () => {
    expect(sentenceWords('We parse BERT-style models. Then we tag them!')).toEqual([
      ['we', 'parse', 'bert', 'style', 'models'],
      ['then', 'we', 'tag', 'them'],
    ]);
  });

  it('ships classes for the words of AI abstracts', () => {
    const c = loadModels().wordClasses;
    for (const w of ['parsing', 'translation', 'bleu', 'corpus', 'lstm']) expect(c.of(w)).toBeGreaterThanOrEqual(0);
    expect(c.of('bleu')).toBe(c.of('rouge'));
  });
});
