/**
 * The scorer of `kg eval`: strict typed micro-F1 (the published SciERC metric), per-type, untyped and overlap F1,
 * relations, and bootstrap intervals of the F1s.
 */
import { mulberry32 } from '../train/random.js';

/** A predicted or gold mention in the scheme's labels: `[start, end)` and a label. */
export interface Span {
  start: number;
  end: number;
  type: string;
}

/** A relation between two spans `[start, end)`, labelled in the scheme's relation labels. */
export interface SpanRelation {
  head: readonly [number, number];
  tail: readonly [number, number];
  type: string;
}

/** One document's gold and predicted spans and relations, already in the same labels. */
export interface ScoredDoc {
  gold: Span[];
  predicted: Span[];
  goldRelations?: SpanRelation[];
  predictedRelations?: SpanRelation[];
}

/** Precision, recall and F1 with the counts they come from. */
export interface Prf {
  gold: number;
  predicted: number;
  /** Predictions that match (for overlap scores: predictions that overlap a same-type gold span). */
  correct: number;
  /** Gold spans matched (differs from `correct` only for overlap scores). */
  found: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ScoreOptions {
  /** Labels to report per type, in order; labels seen only in predictions are still counted in the totals. */
  labels: readonly string[];
  /** Label left out of the untyped span score ("Generic"). */
  genericLabel?: string;
  /** Relation label to score ("USED-FOR"); relations are not scored when absent. */
  relationLabel?: string;
  /**
   * All the scheme's relation labels, in table order: scored together (`relations`) and each (`relationByType`),
   * head and tail spans exact and the label equal; not scored when absent.
   */
  relationLabels?: readonly string[];
  /** Labels whose two ends may come in either order ("COMPARE", "CONJUNCTION"); the others keep their direction. */
  symmetricRelations?: readonly string[];
}

export interface Scores {
  /** Strict typed micro-average over all labels: start, end and type must match. */
  strict: Prf;
  /** Strict P/R/F1 of each label. */
  byType: Record<string, Prf>;
  /** Overlap P/R/F1 of each label: a prediction counts when it overlaps a gold span of the same label. */
  overlapByType: Record<string, Prf>;
  /** Untyped span F1 over gold spans without the generic label (and predictions without it). */
  untyped: Prf;
  /** Relation F1 for `relationLabel`: head and tail spans exact, label equal. */
  relation?: Prf;
  /**
   * The same over the relations whose two ends are mentions without the generic label (gold ends among the gold
   * spans, predicted ends among the predicted ones): the relations a knowledge graph keeps. Given with both
   * `relationLabel` and `genericLabel`.
   */
  relationNamed?: Prf;
  /** Micro F1 over all `relationLabels` (the published SciERC relation metric, strict: spans and label exact). */
  relations?: Prf;
  /** The same for each of `relationLabels`. */
  relationByType?: Record<string, Prf>;
}

/** Scores documents; pure, so a test can check it on hand-made cases. */
export function score(docs: readonly ScoredDoc[], options: ScoreOptions): Scores {
  const labels = [...options.labels];
  const counts = (): Prf => ({ gold: 0, predicted: 0, correct: 0, found: 0, precision: 0, recall: 0, f1: 0 });
  const strict = counts();
  const untyped = counts();
  const byType: Record<string, Prf> = {};
  const overlapByType: Record<string, Prf> = {};
  for (const l of labels) {
    byType[l] = counts();
    overlapByType[l] = counts();
  }
  const relation = options.relationLabel === undefined ? undefined : counts();
  const relationNamed = relation === undefined || options.genericLabel === undefined ? undefined : counts();
  const relationLabels = options.relationLabels ?? [];
  const relations = relationLabels.length === 0 ? undefined : counts();
  const relationByType: Record<string, Prf> = {};
  for (const l of relationLabels) relationByType[l] = counts();
  const symmetric = new Set(options.symmetricRelations ?? []);
  const typedRelationKey = (r: SpanRelation): string =>
    `${r.type}|${symmetric.has(r.type) ? symmetricKey(r) : relationKey(r)}`;

  for (const doc of docs) {
    const gold = unique(doc.gold);
    const predicted = unique(doc.predicted);
    const goldKeys = new Set(gold.map(typedKey));
    strict.gold += gold.length;
    strict.predicted += predicted.length;
    for (const p of predicted) if (goldKeys.has(typedKey(p))) strict.correct++;
    for (const l of labels) {
      const g = gold.filter((s) => s.type === l);
      const p = predicted.filter((s) => s.type === l);
      const t = byType[l] as Prf;
      t.gold += g.length;
      t.predicted += p.length;
      const gk = new Set(g.map(typedKey));
      for (const s of p) if (gk.has(typedKey(s))) t.correct++;
      const o = overlapByType[l] as Prf;
      o.gold += g.length;
      o.predicted += p.length;
      for (const s of p) if (g.some((x) => overlaps(x, s))) o.correct++;
      for (const s of g) if (p.some((x) => overlaps(x, s))) o.found++;
    }
    const ug = uniqueKeys(gold.filter((s) => s.type !== options.genericLabel).map(spanKey));
    const up = uniqueKeys(predicted.filter((s) => s.type !== options.genericLabel).map(spanKey));
    untyped.gold += ug.size;
    untyped.predicted += up.size;
    for (const k of up) if (ug.has(k)) untyped.correct++;
    if (relation !== undefined) {
      const label = options.relationLabel;
      const rg = uniqueKeys((doc.goldRelations ?? []).filter((r) => r.type === label).map(relationKey));
      const rp = uniqueKeys((doc.predictedRelations ?? []).filter((r) => r.type === label).map(relationKey));
      relation.gold += rg.size;
      relation.predicted += rp.size;
      for (const k of rp) if (rg.has(k)) relation.correct++;
      if (relationNamed !== undefined) {
        const named = (spans: readonly Span[]): Set<string> =>
          new Set(spans.filter((s) => s.type !== options.genericLabel).map(spanKey));
        const [gn, pn] = [named(gold), named(predicted)];
        const between =
          (ends: Set<string>) =>
          (k: string): boolean =>
            k.split('>').every((end) => ends.has(end));
        const ng = [...rg].filter(between(gn));
        const np = new Set([...rp].filter(between(pn)));
        relationNamed.gold += ng.length;
        relationNamed.predicted += np.size;
        for (const k of ng) if (np.has(k)) relationNamed.correct++;
      }
    }
    if (relations !== undefined) {
      const rg = uniqueKeys((doc.goldRelations ?? []).map(typedRelationKey));
      const rp = uniqueKeys((doc.predictedRelations ?? []).map(typedRelationKey));
      for (const l of relationLabels) {
        const t = relationByType[l] as Prf;
        const g = [...rg].filter((k) => k.startsWith(`${l}|`));
        const p = [...rp].filter((k) => k.startsWith(`${l}|`));
        t.gold += g.length;
        t.predicted += p.length;
        for (const k of p) if (rg.has(k)) t.correct++;
      }
      relations.gold += rg.size;
      relations.predicted += rp.size;
      for (const k of rp) if (rg.has(k)) relations.correct++;
    }
  }
  strict.found = strict.correct;
  untyped.found = untyped.correct;
  for (const l of labels) (byType[l] as Prf).found = (byType[l] as Prf).correct;
  if (relation !== undefined) relation.found = relation.correct;
  if (relationNamed !== undefined) relationNamed.found = relationNamed.correct;
  finish(strict);
  finish(untyped);
  for (const l of labels) {
    finish(byType[l] as Prf);
    finish(overlapByType[l] as Prf);
  }
  if (relation !== undefined) finish(relation);
  if (relationNamed !== undefined) finish(relationNamed);
  const out: Scores = { strict, byType, overlapByType, untyped };
  if (relation !== undefined) out.relation = relation;
  if (relationNamed !== undefined) out.relationNamed = relationNamed;
  if (relations !== undefined) {
    for (const p of [relations, ...Object.values(relationByType)]) {
      p.found = p.correct;
      finish(p);
    }
    out.relations = relations;
    out.relationByType = relationByType;
  }
  return out;
}

function finish(c: Prf): void {
  c.precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
  c.recall = c.gold === 0 ? 0 : c.found / c.gold;
  c.f1 = c.precision + c.recall === 0 ? 0 : (2 * c.precision * c.recall) / (c.precision + c.recall);
}

const typedKey = (s: Span): string => `${s.start}:${s.end}:${s.type}`;
const spanKey = (s: Span): string => `${s.start}:${s.end}`;
const relationKey = (r: SpanRelation): string => `${r.head[0]}:${r.head[1]}>${r.tail[0]}:${r.tail[1]}`;
/** The key of a relation whose ends may come in either order: the ends sorted. */
const symmetricKey = (r: SpanRelation): string => {
  const [a, b] = [`${r.head[0]}:${r.head[1]}`, `${r.tail[0]}:${r.tail[1]}`];
  return a < b ? `${a}>${b}` : `${b}>${a}`;
};
const overlaps = (a: Span, b: Span): boolean => a.type === b.type && a.start < b.end && b.start < a.end;

/** The same span and label listed twice counts once. */
function unique(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    const k = typedKey(s);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

function uniqueKeys(keys: string[]): Set<string> {
  return new Set(keys);
}

/** A confidence interval of an F1: the `low` and `high` percentiles of its bootstrap distribution. */
export interface Interval {
  low: number;
  high: number;
}

/** Intervals of the micro-F1s of {@link Scores}, from resampling the documents. */
export interface ScoreIntervals {
  /** Coverage, 0.95 for a 95 % interval. */
  level: number;
  /** Resamples drawn. */
  samples: number;
  strict: Interval;
  byType: Record<string, Interval>;
  untyped: Interval;
  relation?: Interval;
  relationNamed?: Interval;
  /** All relation labels together. */
  relations?: Interval;
}

export interface BootstrapOptions {
  /** Resamples to draw (default 1000). */
  samples?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  /** Seed of the resampling, so the same documents give the same intervals (default 1). */
  seed?: number;
}

/**
 * Percentile-bootstrap intervals of the micro-F1s: the documents are drawn with replacement, as many as there are,
 * `samples` times, and each F1 is recomputed on every draw (Efron & Tibshirani 1993; resampling documents rather
 * than mentions, since a document's mentions are not independent). On a set of 50 abstracts the Task interval is
 * about ±9 points wide: a change smaller than that is not evidence on its own. Micro counts add up over documents,
 * so each document is scored once and a draw only sums its counts.
 */
export function bootstrapIntervals(
  docs: readonly ScoredDoc[],
  options: ScoreOptions,
  bootstrap: BootstrapOptions = {},
): ScoreIntervals {
  const samples = bootstrap.samples ?? 1000;
  const level = bootstrap.level ?? 0.95;
  const named = options.relationLabel !== undefined && options.genericLabel !== undefined;
  const names = [
    'strict',
    'untyped',
    ...(options.relationLabel === undefined ? [] : ['relation']),
    ...(named ? ['relationNamed'] : []),
    ...((options.relationLabels ?? []).length > 0 ? ['relations'] : []),
    ...options.labels.map((l) => `type:${l}`),
  ];
  // Per document and measure: gold, predicted, correct.
  const counts = docs.map((d) => {
    const s = score([d], options);
    return names.map((n) => {
      const p =
        n === 'strict'
          ? s.strict
          : n === 'untyped'
            ? s.untyped
            : n === 'relation' || n === 'relationNamed' || n === 'relations'
              ? (s[n] as Prf)
              : (s.byType[n.slice(5)] as Prf);
      return [p.gold, p.predicted, p.correct] as const;
    });
  });
  const draws = names.map(() => new Float64Array(samples));
  const rng = mulberry32(bootstrap.seed ?? 1);
  const sums = names.map(() => [0, 0, 0]);
  for (let b = 0; b < samples; b++) {
    for (const s of sums) s.fill(0);
    for (let k = 0; k < docs.length; k++) {
      const doc = counts[Math.floor(rng() * docs.length)] as (typeof counts)[number];
      doc.forEach(([g, p, c], m) => {
        const s = sums[m] as number[];
        s[0] = (s[0] as number) + g;
        s[1] = (s[1] as number) + p;
        s[2] = (s[2] as number) + c;
      });
    }
    sums.forEach(
      ([g, p, c], m) =>
        ((draws[m] as Float64Array)[b] =
          (g as number) + (p as number) === 0 ? 0 : (2 * (c as number)) / ((g as number) + (p as number))),
    );
  }
  const interval = (m: number): Interval => {
    if (samples === 0) return { low: 0, high: 0 };
    const sorted = (draws[m] as Float64Array).slice().sort();
    const at = (q: number): number => sorted[Math.min(samples - 1, Math.max(0, Math.floor(q * samples)))] as number;
    return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2 - 1 / samples) };
  };
  const byType: Record<string, Interval> = {};
  options.labels.forEach((l) => (byType[l] = interval(names.indexOf(`type:${l}`))));
  const out: ScoreIntervals = {
    level,
    samples,
    strict: interval(names.indexOf('strict')),
    byType,
    untyped: interval(names.indexOf('untyped')),
  };
  if (options.relationLabel !== undefined) out.relation = interval(names.indexOf('relation'));
  if (named) out.relationNamed = interval(names.indexOf('relationNamed'));
  if ((options.relationLabels ?? []).length > 0) out.relations = interval(names.indexOf('relations'));
  return out;
}
