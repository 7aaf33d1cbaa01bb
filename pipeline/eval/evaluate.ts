/** Runs an extractor over a gold set and scores it in the set's own labels. */
import type { ExtractionResult, RelationType } from '../core/types.js';
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

/** The relation `kg eval` has scored on SciERC since the start (kept as its own row): kg's USED_FOR against USED-FOR. */
const RELATION_LABEL = { scierc: 'USED-FOR', scienceie: undefined } as const;

/** SciERC's seven relation labels, in the order `kg eval` prints them. */
export const SCIERC_RELATIONS: readonly string[] = [
  'USED-FOR',
  'FEATURE-OF',
  'HYPONYM-OF',
  'PART-OF',
  'COMPARE',
  'CONJUNCTION',
  'EVALUATE-FOR',
];

/** SciERC's labels whose two ends may come in either order. */
export const SCIERC_SYMMETRIC: readonly string[] = ['COMPARE', 'CONJUNCTION'];

/**
 * How kg's relation types read as SciERC's: the label, and whether head and tail swap. SciERC's EVALUATE-FOR points
 * from what evaluates (metric, dataset) to what is evaluated, kg's EVALUATED_ON from the evaluated to its dataset or
 * metric, so it is reversed. kg has no FEATURE-OF; no rule of kg makes PART_OF (the type exists for other sources).
 */
export const SCIERC_RELATION_OF: Record<RelationType, { label: string; reverse: boolean }> = {
  USED_FOR: { label: 'USED-FOR', reverse: false },
  HYPONYM_OF: { label: 'HYPONYM-OF', reverse: false },
  PART_OF: { label: 'PART-OF', reverse: false },
  COMPARE: { label: 'COMPARE', reverse: false },
  CONJUNCTION: { label: 'CONJUNCTION', reverse: false },
  EVALUATED_ON: { label: 'EVALUATE-FOR', reverse: true },
};

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
  const options = {
    labels: SCHEME_LABELS[set.scheme],
    genericLabel: GENERIC_LABEL[set.scheme],
    relationLabel,
    ...(set.scheme === 'scierc' ? { relationLabels: SCIERC_RELATIONS, symmetricRelations: SCIERC_SYMMETRIC } : {}),
  };
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
      const h = result.mentions[r.head];
      const t = result.mentions[r.tail];
      if (h === undefined || t === undefined) continue;
      const { label, reverse } = SCIERC_RELATION_OF[r.type];
      const [head, tail] = reverse ? [t, h] : [h, t];
      predictedRelations.push({ head: [head.start, head.end], tail: [tail.start, tail.end], type: label });
    }
    out.predictedRelations = predictedRelations;
  }
  return out;
}
