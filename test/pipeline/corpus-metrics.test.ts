// A metric's name and the same name followed by "score", "metric" or "measure" are one entity, where the corpus says
// the name is a metric.
import { describe, expect, it } from 'vitest';
import { mergeMetricSuffixes, metricSuffixMerges } from '../../pipeline/extract/index.js';
import type { ExtractionResult, MentionType } from '../../pipeline/core/types.js';

const result = (id: string, mentions: [string, MentionType][]): ExtractionResult => ({
  id,
  mentions: mentions.map(([key, type], i) => ({ start: i * 10, end: i * 10 + key.length, text: key, type, key })),
  relations: [],
  acronyms: [],
});

describe('mergeMetricSuffixes', () => {
  const corpus = [
    result('a', [
      ['f1', 'metric'],
      ['f1 score', 'metric'],
      ['attention', 'concept'],
      ['attention score', 'concept'],
    ]),
    result('b', [
      ['f1', 'metric'],
      ['f1 score score', 'metric'],
      ['bert', 'method'],
      ['bert score', 'metric'],
    ]),
    result('c', [
      ['precision', 'metric'],
      ['precision measure', 'concept'],
      ['evaluation', 'task'],
      ['evaluation metric', 'metric'],
      ['recall metric', 'metric'],
    ]),
  ];

  it('merges "X score|metric|measure" into X where X is a metric by vote, following chains', () => {
    expect([...metricSuffixMerges(corpus)]).toEqual([
      ['f1 score', 'f1'],
      ['f1 score score', 'f1'],
      ['precision measure', 'precision'],
    ]);
    const out = mergeMetricSuffixes(corpus);
    expect(out[0]?.mentions.map((m) => m.key)).toEqual(['f1', 'f1', 'attention', 'attention score']);
    expect(out[2]?.mentions[1]).toMatchObject({ key: 'precision', type: 'metric' });
  });

  it('leaves a name that is no metric, or never seen bare, alone: attention scores, BERT score, evaluation metrics', () => {
    const keys = mergeMetricSuffixes(corpus).flatMap((r) => r.mentions.map((m) => m.key));
    expect(keys).toContain('attention score');
    expect(keys).toContain('bert score');
    expect(keys).toContain('evaluation metric');
    expect(keys).toContain('recall metric');
  });

  it('pure: the inputs are untouched', () => {
    const before = JSON.stringify(corpus);
    mergeMetricSuffixes(corpus);
    expect(JSON.stringify(corpus)).toBe(before);
  });
});
