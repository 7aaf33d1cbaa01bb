/**
 * Trends over time (`kg trends`): which entities rise, fade, burst or arrive, measured on their share of each year's
 * papers (the corpus itself swings: ACL has 901 papers in 2014 and 149 in 2015, so raw counts copy that sawtooth).
 * Pure: a {@link TrendInput} is read from a snapshot (`snapshotTrendInput`) or from Neo4j (graph/trends-neo4j.ts).
 */
import type { EntityKind } from '../pipeline/core/types.js';
import type { KnowledgeGraph, PaperAttributes } from './core/types.js';
import { UMBRELLA_BELOW } from './umbrella.js';

/** One entity's papers per year. */
export interface TrendEntity {
  key: string;
  label: string;
  kind: EntityKind;
  specificity?: number;
  /** Papers mentioning it, by year (dated papers only). */
  years: Map<number, number>;
}

/** Papers per year of a whole graph, and those without a year (they count nowhere): the denominators of shares. */
export interface YearTotals {
  totals: Map<number, number>;
  undated: number;
}

/** What trends are computed from: every year's dated papers and every entity's papers per year. */
export interface TrendInput extends YearTotals {
  entities: TrendEntity[];
}

/** Options of {@link computeTrends}; each has a default in {@link DEFAULT_TREND_OPTIONS}. */
export interface TrendOptions {
  /** First year of the period. @defaultValue the first year with `minYearPapers` papers */
  since?: number;
  /** Last year of the period. @defaultValue the last year with any dated paper */
  until?: number;
  /** Only entities of this kind. @defaultValue every kind */
  kind?: EntityKind;
  /** Entries per list. @defaultValue 10 */
  top: number;
  /** An entity is ranked only with at least this many papers in the period. @defaultValue 10 */
  minPapers: number;
  /** Years with fewer dated papers are marked `few`; they count in bursts but not in a slope. @defaultValue 50 */
  minYearPapers: number;
  /** Umbrella terms ("NLP", "features") are ranked too. @defaultValue false */
  umbrella: boolean;
  /** Kleinberg's burst rate ratio: a burst state emits at `s` times the base rate. @defaultValue 2 */
  burstRatio: number;
  /** Kleinberg's cost of entering a burst, times ln(years). @defaultValue 1 */
  burstGamma: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = {
  top: 10,
  minPapers: 10,
  minYearPapers: 50,
  umbrella: false,
  burstRatio: 2,
  burstGamma: 1,
};

/** A rising or declining entity: its share of the period's first and last years' papers (pooled), and the slope. */
export interface TrendEntry {
  key: string;
  label: string;
  kind: string;
  /** Papers mentioning it within the period. */
  papers: number;
  firstYear: number;
  shareStart: number;
  shareEnd: number;
  /** Weighted least-squares slope of its yearly share over the period's years with enough papers, per year. */
  slope: number;
}

/** A burst (Kleinberg 2002): years in which the entity's share ran well above its base rate over the period. */
export interface BurstEntry {
  key: string;
  label: string;
  kind: string;
  start: number;
  end: number;
  /** How much likelier the burst state makes those years' counts than the base state (natural log). */
  strength: number;
  papers: number;
}

/** The answer of `kg trends` (its `--format json`). */
export interface TrendsResult {
  period: [number, number];
  /** Papers with a year (in any year) and without one. */
  dated: number;
  undated: number;
  /** Dated papers per year of the period; `few` marks years under `minYearPapers` (shown, not used for slopes). */
  years: { year: number; papers: number; few: boolean }[];
  rising: TrendEntry[];
  declining: TrendEntry[];
  bursts: BurstEntry[];
  /** Entities first seen within the period, by papers in it (none when the period starts with the data). */
  newcomers: TrendEntry[];
}

/** The year of a paper: its `year`, else its date's. */
export function paperYear(p: Pick<PaperAttributes, 'year' | 'date'>): number | undefined {
  if (typeof p.year === 'number' && Number.isInteger(p.year)) return p.year;
  const y = p.date ? Number(p.date.slice(0, 4)) : NaN;
  return Number.isInteger(y) ? y : undefined;
}

/** Counts papers by their year ({@link paperYear}). */
export function yearTotals(papers: Iterable<Pick<PaperAttributes, 'year' | 'date'>>): YearTotals {
  const totals = new Map<number, number>();
  let undated = 0;
  for (const p of papers) {
    const year = paperYear(p);
    if (year === undefined) undated += 1;
    else totals.set(year, (totals.get(year) ?? 0) + 1);
  }
  return { totals, undated };
}

/** The paper nodes' attributes of a graph. */
export function* paperNodes(graph: KnowledgeGraph): Generator<PaperAttributes> {
  for (const { attributes } of graph.nodeEntries()) if (attributes.kind === 'paper') yield attributes;
}

/** Reads a snapshot's graph: dated papers per year, and every entity's papers per year through MENTIONS. */
export function snapshotTrendInput(graph: KnowledgeGraph): TrendInput {
  const yearOf = new Map<string, number>();
  graph.forEachNode((node, a) => {
    const year = a.kind === 'paper' ? paperYear(a) : undefined;
    if (year !== undefined) yearOf.set(node, year);
  });
  const byNode = new Map<string, TrendEntity>();
  graph.forEachEdge((_e, attr, source, target, _s, t) => {
    if (attr.type !== 'MENTIONS' || t.kind === 'paper') return;
    const year = yearOf.get(source);
    if (year === undefined) return;
    let entity = byNode.get(target);
    if (!entity) {
      entity = { key: t.key, label: t.label, kind: t.kind, years: new Map() };
      if (t.specificity !== undefined) entity.specificity = t.specificity;
      byNode.set(target, entity);
    }
    entity.years.set(year, (entity.years.get(year) ?? 0) + 1);
  });
  return { ...yearTotals(paperNodes(graph)), entities: [...byNode.values()] };
}

/** ln C(n, k) by sums of logs (n is at most a year's papers). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** Cost (negative log-likelihood) of seeing `r` of `d` papers at rate `p`. */
function emissionCost(r: number, d: number, p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return -(logChoose(d, r) + r * Math.log(q) + (d - r) * Math.log(1 - q));
}

/**
 * Kleinberg's two-state burst automaton over batches (2002, section 4): yearly counts `r` of `d` papers, base rate
 * R/D, burst rate `ratio` times it; entering the burst state costs `gamma · ln(years)`, leaving it nothing. Returns
 * the bursts as index ranges with their strength (the cost the burst state saves over those years).
 */
export function kleinbergBursts(
  r: readonly number[],
  d: readonly number[],
  ratio = DEFAULT_TREND_OPTIONS.burstRatio,
  gamma = DEFAULT_TREND_OPTIONS.burstGamma,
): { start: number; end: number; strength: number }[] {
  const n = r.length;
  const R = r.reduce((s, x) => s + x, 0);
  const D = d.reduce((s, x) => s + x, 0);
  if (n === 0 || R === 0 || D === 0) return [];
  const p0 = R / D;
  const p1 = Math.min(ratio * p0, 0.9999);
  if (p1 <= p0) return [];
  const enter = gamma * Math.log(n);
  const cost = r.map((x, t) => [emissionCost(x, d[t]!, p0), emissionCost(x, d[t]!, p1)] as const);
  // Viterbi over two states, starting in the base state.
  const best: [number, number][] = [];
  const from: [0 | 1, 0 | 1][] = [];
  for (let t = 0; t < n; t++) {
    const [c0, c1] = cost[t]!;
    if (t === 0) {
      best.push([c0, c1 + enter]);
      from.push([0, 0]);
      continue;
    }
    const [b0, b1] = best[t - 1]!;
    const to0: [number, 0 | 1] = b0 <= b1 ? [b0, 0] : [b1, 1];
    const to1: [number, 0 | 1] = b0 + enter < b1 ? [b0 + enter, 0] : [b1, 1];
    best.push([to0[0] + c0, to1[0] + c1]);
    from.push([to0[1], to1[1]]);
  }
  const states: (0 | 1)[] = new Array(n);
  let state: 0 | 1 = best[n - 1]![0] <= best[n - 1]![1] ? 0 : 1;
  for (let t = n - 1; t >= 0; t--) {
    states[t] = state;
    state = from[t]![state];
  }
  const bursts: { start: number; end: number; strength: number }[] = [];
  for (let t = 0; t < n; t++) {
    if (states[t] !== 1) continue;
    const start = t;
    let strength = 0;
    while (t < n && states[t] === 1) {
      strength += cost[t]![0] - cost[t]![1];
      t++;
    }
    bursts.push({ start, end: t - 1, strength });
  }
  return bursts;
}

/** Weighted least-squares slope of y over x (also the trend of a task's methods, graph/task.ts). */
export function slope(x: readonly number[], y: readonly number[], w: readonly number[]): number {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i]!;
    sx += w[i]! * x[i]!;
    sy += w[i]! * y[i]!;
  }
  if (sw === 0) return 0;
  const mx = sx / sw;
  const my = sy / sw;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    num += w[i]! * (x[i]! - mx) * (y[i]! - my);
    den += w[i]! * (x[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** The period asked for, within the years the input has; throws a RangeError on an inverted or empty one. */
export function trendPeriod(totals: ReadonlyMap<number, number>, options: Partial<TrendOptions>): [number, number] {
  const minYear = options.minYearPapers ?? DEFAULT_TREND_OPTIONS.minYearPapers;
  const years = [...totals.keys()].sort((a, b) => a - b);
  if (years.length === 0) throw new RangeError('no paper in this graph has a year');
  const firstFull = years.find((y) => (totals.get(y) ?? 0) >= minYear) ?? years[0]!;
  const since = options.since ?? firstFull;
  const until = options.until ?? years[years.length - 1]!;
  if (since > until) throw new RangeError(`the period is empty: --since ${since} is after --until ${until}`);
  return [since, until];
}

/** Rising, declining, bursting and new entities over a period; every list best first, ties by key. */
export function computeTrends(input: TrendInput, partial: Partial<TrendOptions> = {}): TrendsResult {
  const options: TrendOptions = { ...DEFAULT_TREND_OPTIONS, ...partial };
  const [since, until] = trendPeriod(input.totals, options);
  const years: number[] = [];
  for (let y = since; y <= until; y++) years.push(y);
  const totals = years.map((y) => input.totals.get(y) ?? 0);
  const full = years.map((_y, i) => totals[i]! >= options.minYearPapers);
  const fitYears = years.filter((_y, i) => full[i]);
  // Shares at the start and the end pool the first and the last two years with enough papers.
  const ends = (side: 'start' | 'end'): number[] => {
    const idx = years.map((_y, i) => i).filter((i) => full[i]);
    return side === 'start' ? idx.slice(0, 2) : idx.slice(-2);
  };
  const startIdx = ends('start');
  const endIdx = ends('end');
  const pooled = (counts: readonly number[], idx: readonly number[]): number => {
    const d = idx.reduce((s, i) => s + totals[i]!, 0);
    return d === 0 ? 0 : idx.reduce((s, i) => s + counts[i]!, 0) / d;
  };

  const rows: (TrendEntry & { counts: number[] })[] = [];
  for (const e of input.entities) {
    if (options.kind !== undefined && e.kind !== options.kind) continue;
    if (!options.umbrella && e.specificity !== undefined && e.specificity < UMBRELLA_BELOW) continue;
    const counts = years.map((y) => e.years.get(y) ?? 0);
    const papers = counts.reduce((s, x) => s + x, 0);
    if (papers < options.minPapers) continue;
    const firstYear = Math.min(...e.years.keys());
    const shares = years.map((_y, i) => (totals[i]! > 0 ? counts[i]! / totals[i]! : 0));
    const fit = years.map((_y, i) => i).filter((i) => full[i]);
    rows.push({
      key: e.key,
      label: e.label,
      kind: e.kind,
      papers,
      firstYear,
      shareStart: pooled(counts, startIdx),
      shareEnd: pooled(counts, endIdx),
      slope: slope(
        fit.map((i) => years[i]!),
        fit.map((i) => shares[i]!),
        fit.map((i) => totals[i]!),
      ),
      counts,
    });
  }
  const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const entry = ({ counts: _c, ...rest }: TrendEntry & { counts: number[] }): TrendEntry => rest;
  const rising =
    fitYears.length < 2
      ? []
      : rows
          .filter((r) => r.slope > 0)
          .sort((a, b) => b.slope - a.slope || byKey(a, b))
          .slice(0, options.top);
  const declining =
    fitYears.length < 2
      ? []
      : rows
          .filter((r) => r.slope < 0)
          .sort((a, b) => a.slope - b.slope || byKey(a, b))
          .slice(0, options.top);
  const bursts: BurstEntry[] = [];
  for (const r of rows) {
    for (const b of kleinbergBursts(r.counts, totals, options.burstRatio, options.burstGamma)) {
      bursts.push({
        key: r.key,
        label: r.label,
        kind: r.kind,
        start: years[b.start]!,
        end: years[b.end]!,
        strength: Math.round(b.strength * 100) / 100,
        papers: r.counts.slice(b.start, b.end + 1).reduce((s, x) => s + x, 0),
      });
    }
  }
  bursts.sort((a, b) => b.strength - a.strength || byKey(a, b) || a.start - b.start);
  // Nothing is new in a period that starts with the data.
  const dataStart = Math.min(...input.totals.keys());
  const newcomers = rows
    .filter((r) => since > dataStart && r.firstYear >= since)
    .sort((a, b) => b.papers - a.papers || byKey(a, b))
    .slice(0, options.top);
  return {
    period: [since, until],
    dated: [...input.totals.values()].reduce((a, b) => a + b, 0),
    undated: input.undated,
    years: years.map((year, i) => ({ year, papers: totals[i]!, few: !full[i] })),
    rising: rising.map(entry),
    declining: declining.map(entry),
    bursts: bursts.slice(0, options.top),
    newcomers: newcomers.map(entry),
  };
}

/** Yearly shares of several entities side by side (`kg trace A B --compare`): each year's papers and each share. */
export function compareShares(
  totals: ReadonlyMap<number, number>,
  series: readonly { label: string; perYear: Readonly<Record<string, number>> }[],
  period: [number, number],
): { year: number; papers: number; shares: number[]; counts: number[] }[] {
  const out: { year: number; papers: number; shares: number[]; counts: number[] }[] = [];
  for (let year = period[0]; year <= period[1]; year++) {
    const papers = totals.get(year) ?? 0;
    const counts = series.map((s) => s.perYear[String(year)] ?? 0);
    out.push({ year, papers, counts, shares: counts.map((c) => (papers > 0 ? c / papers : 0)) });
  }
  return out;
}
