/**
 * Corpus-level merging of a metric's name with the same name followed by "score", "metric" or "measure": "F1 score"
 * and "F1", "BLEU metric" and "BLEU", "precision scores" and "precision" are one entity each. Only where the bare name
 * is a metric by the corpus's vote (most of its mentions typed metric): "attention scores" stay apart from the
 * mechanism "attention", "BERT score" from the model BERT, "evaluation metrics" from the task "evaluation".
 */
import type { ExtractionResult, Mention } from '../core/types.js';
import { countTypes } from './corpus-acronyms.js';

/** Words after a metric's name that do not change what it names (keys are singular). */
const SUFFIX = / (?:score|metric|measure)$/;

/** The key each "X score|metric|measure" key of the corpus merges into (chains followed: "f1 score score" → "f1"). */
export function metricSuffixMerges(results: readonly ExtractionResult[]): Map<string, string> {
  const kinds = countTypes(results, (m) => m.key);
  // A metric by vote: more mentions typed metric than any other type.
  const isMetric = (key: string): boolean => {
    const byType = kinds.get(key);
    const metric = byType?.get('metric') ?? 0;
    if (byType === undefined || metric === 0) return false;
    for (const [type, n] of byType) if (type !== 'metric' && n >= metric) return false;
    return true;
  };
  const target = (key: string): string | undefined => {
    let base = key;
    let merged: string | undefined;
    while (SUFFIX.test(base)) {
      base = base.replace(SUFFIX, '');
      if (!isMetric(base)) break;
      merged = base;
    }
    return merged;
  };
  const out = new Map<string, string>();
  for (const key of [...kinds.keys()].sort()) {
    const to = target(key);
    if (to !== undefined) out.set(key, to);
  }
  return out;
}

/** Applies {@link metricSuffixMerges} to a corpus's results; new objects, inputs untouched. */
export function mergeMetricSuffixes(
  results: readonly ExtractionResult[],
  merges: ReadonlyMap<string, string> = metricSuffixMerges(results),
): ExtractionResult[] {
  return results.map((r) => ({
    ...r,
    mentions: r.mentions.map((m): Mention => {
      const to = merges.get(m.key);
      return to === undefined ? m : { ...m, key: to, type: 'metric' };
    }),
  }));
}
