/** `kg eval --aliases`: are variants of one thing merged, and different things kept apart? Pair precision and recall. */
import type { ExtractionResult } from '../types.js';
import { canonicalKey } from '../extract/canonical.js';
import { resolveCorpus } from '../extract/corpus.js';
import fixture from './aliases.json' with { type: 'json' };
import traceNames from './trace-names.json' with { type: 'json' };

/** A pair of surface forms and whether they must share a key. */
export type AliasPair = [string, string, boolean];

/** The shipped fixture: pairs found in the seed abstracts. */
export const ALIAS_PAIRS: readonly AliasPair[] = fixture.pairs as AliasPair[];

export interface AliasOutcome {
  a: string;
  b: string;
  same: boolean;
  keyA: string;
  keyB: string;
  /** Whether each surface form was found as a mention (else its key is its canonical key). */
  seenA: boolean;
  seenB: boolean;
  merged: boolean;
}

export interface AliasReport {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  outcomes: AliasOutcome[];
}

/**
 * The key each surface form gets in `results` (the most frequent key among its mentions, ties by key order; a form
 * never extracted as written gets the key a mention of it would get: its canonical key through `unseen`, which kg
 * eval sets to the corpus's acronym table, see corpusKey), then pair precision (merged pairs that should be) and
 * recall (pairs that should be merged and are).
 */
export function evaluateAliases(pairs: readonly AliasPair[], results: readonly ExtractionResult[], unseen: (key: string) => string = (key) => key): AliasReport {
  const counts = new Map<string, Map<string, number>>();
  for (const r of results) {
    for (const m of r.mentions) {
      if (m.type === 'generic') continue;
      const byKey = counts.get(m.text) ?? new Map<string, number>();
      byKey.set(m.key, (byKey.get(m.key) ?? 0) + 1);
      counts.set(m.text, byKey);
    }
  }
  const keyOf = (surface: string): [string, boolean] => {
    const byKey = counts.get(surface);
    if (byKey === undefined) return [unseen(canonicalKey(surface)), false];
    const best = [...byKey].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0] as [string, number];
    return [best[0], true];
  };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const outcomes = pairs.map(([a, b, same]) => {
    const [keyA, seenA] = keyOf(a);
    const [keyB, seenB] = keyOf(b);
    const merged = keyA === keyB;
    if (merged && same) tp++;
    else if (merged) fp++;
    else if (same) fn++;
    return { a, b, same, keyA, keyB, seenA, seenB, merged };
  });
  return {
    pairs: pairs.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    outcomes,
  };
}

/**
 * The alias report of a corpus as kg builds it: the extraction results through the corpus-level steps (what `kg run`
 * does, see resolveCorpus; `text(id)` is what each result's offsets index), and forms never extracted as written keyed
 * as the corpus keys them.
 */
export function evaluateCorpusAliases(pairs: readonly AliasPair[], extracted: readonly ExtractionResult[], text: (id: string) => string | undefined): AliasReport {
  const { results, keyOf } = resolveCorpus(extracted, text);
  return evaluateAliases(pairs, results, keyOf);
}

/** Famous names `kg eval --graph` traces (see trace-names.json). */
export const TRACE_NAMES: readonly string[] = traceNames.names;
