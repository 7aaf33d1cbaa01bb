/** Runs an extractor over a gold set and scores it in the set's own labels. */
import type { ExtractionResult } from '../core/types.js';
import { GENERIC_LABEL, SCHEME_LABELS, labelOf, type GoldSet } from './gold.js';
import {
  bootstrapIntervals,
  score,
  type BootstrapOptions,
  type ScoreIntervals,
  type ScoredDoc,
  type Scores,
  type Span,
  type SpanRelation,
} from './score.js';

/** The relation `kg eval` scores on SciERC: kg's USED_FOR against SciERC's USED-FOR. */
const RELATION_LABEL = { scierc: 'USED-FOR', scienceie: undefined } as const;

export interface EvalReport {
  set: string;
  docs: number;
  scores: Scores;
  /** Bootstrap intervals of the F1s over the set's documents (absent when asked for none). */
  intervals?: ScoreIntervals;
  /** Abstracts per second of the extractor over the set (parse included). */
  rate: number;
}

/** What `evaluate` runs on each document: kg's is an extractor's `extract` (`createExtractor`). */
export type ExtractFunction = (input: { id: string; text: string }) => ExtractionResult;

/**
 * Extracts every document of `set` with `extract` and scores the result, with bootstrap intervals of the F1s
 * (`bootstrap`: their options, or `false` for none).
 */
export function evaluate(
  set: GoldSet,
  extract: ExtractFunction,
  onProgress?: (done: number, total: number) => void,
  bootstrap: BootstrapOptions | false = {},
): EvalReport {
  const scored: ScoredDoc[] = [];
  const started = performance.now();
  const relationLabel = RELATION_LABEL[set.scheme];
  for (const doc of set.docs) {
    const result = extract({ id: doc.id, text: doc.text });
    scored.push(toScoredDoc(set, doc, result, relationLabel));
    onProgress?.(scored.length, set.docs.length);
  }
  const seconds = (performance.now() - started) / 1000;
  const options = { labels: SCHEME_LABELS[set.scheme], genericLabel: GENERIC_LABEL[set.scheme], relationLabel };
  const report: EvalReport = {
    set: set.name,
    docs: set.docs.length,
    scores: score(scored, options),
    rate: seconds > 0 ? set.docs.length / seconds : 0,
  };
  if (bootstrap !== false && (bootstrap.samples ?? 1) > 0)
    report.intervals = bootstrapIntervals(scored, options, bootstrap);
  return report;
}

function toScoredDoc(
  set: GoldSet,
  doc: GoldSet['docs'][number],
  result: ExtractionResult,
  relationLabel: string | undefined,
): ScoredDoc {
  const predicted: Span[] = [];
  for (const m of result.mentions) {
    const label = labelOf(set.scheme, m.type);
    if (label !== undefined) predicted.push({ start: m.start, end: m.end, type: label });
  }
  const out: ScoredDoc = { gold: doc.entities, predicted };
  if (relationLabel !== undefined) {
    out.goldRelations = doc.relations;
    const predictedRelations: SpanRelation[] = [];
    for (const r of result.relations) {
      if (r.type !== 'USED_FOR') continue;
      const h = result.mentions[r.head];
      const t = result.mentions[r.tail];
      if (h === undefined || t === undefined) continue;
      predictedRelations.push({ head: [h.start, h.end], tail: [t.start, t.end], type: relationLabel });
    }
    out.predictedRelations = predictedRelations;
  }
  return out;
}
