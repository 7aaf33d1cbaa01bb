/**
 * "Rising in this view" (issue 30, item 4): the entities the filters show whose share of each year's papers grows
 * fastest, ranked by `kg trends`' own rule ({@link computeTrends}). Free of the DOM; rising-list.ts draws it.
 */
import {
  computeTrends,
  DEFAULT_TREND_OPTIONS,
  trendPeriod,
  type TrendEntity,
  type TrendInput,
} from '../../graph/trends.js';
import type { FilterableNode, Filters } from './state.js';

/** What the list reads of a node. */
export type RisingNode = Pick<FilterableNode, 'kind' | 'periods' | 'specificity'> & { label: string };

/** One entry: shares are of all the graph's dated papers of the period's first and last two fitted years (pooled). */
export interface RisingEntry {
  key: string;
  label: string;
  kind: string;
  /** Its papers within the period. */
  papers: number;
  shareStart: number;
  shareEnd: number;
  /** Growth of its yearly share, per year (weighted least squares). */
  slope: number;
}

/** The list, or why there is none (shown as a sentence). */
export type RisingResult =
  | { entries: RisingEntry[]; period: [number, number]; minPapers: number }
  | { reason: string; period?: [number, number] };

/** Entries shown at most. */
export const RISING_TOP = 8;

/**
 * The minimum papers of a ranked entity in the period: 1 % of its dated papers, between 3 and `kg trends`' 10. On a
 * full corpus that is kg trends' 10; on a graph of a few hundred papers 10 would leave almost nothing to rank.
 */
export function risingMinPapers(datedInPeriod: number): number {
  return Math.min(DEFAULT_TREND_OPTIONS.minPapers, Math.max(3, Math.round(datedInPeriod / 100)));
}

/** The year of an ISO date of any precision, or undefined. */
const yearOf = (date: string | undefined): number | undefined => {
  const y = date ? Number(date.slice(0, 4)) : NaN;
  return Number.isInteger(y) ? y : undefined;
};

/** Each periods object's years, made once: a node's periods never change, and the list is redrawn per filter change. */
const yearsOfPeriods = new WeakMap<Readonly<Record<string, number>>, Map<number, number>>();

/** An entity's papers per year from its periods (`YYYY-MM` and `YYYY` keys collapse into their year). */
export function periodsByYear(periods: Readonly<Record<string, number>>): Map<number, number> {
  const cached = yearsOfPeriods.get(periods);
  if (cached) return cached;
  const years = new Map<number, number>();
  yearsOfPeriods.set(periods, years);
  for (const [period, count] of Object.entries(periods)) {
    const year = Number(period.slice(0, 4));
    if (Number.isInteger(year)) years.set(year, (years.get(year) ?? 0) + count);
  }
  return years;
}

/**
 * The trend input of a view: every entity not in `hidden` (papers aside) with dated papers, by year, over the graph's
 * dated papers per year (`ApiMeta.years`), so a share stays a share of all papers whatever the filters show.
 */
export function viewTrendInput(
  nodes: Iterable<[string, RisingNode]>,
  hidden: ReadonlySet<string>,
  years: Readonly<Record<string, number>>,
): TrendInput {
  const totals = new Map<number, number>();
  for (const [year, count] of Object.entries(years)) {
    const y = Number(year);
    if (Number.isInteger(y) && count > 0) totals.set(y, count);
  }
  const entities: TrendEntity[] = [];
  for (const [key, node] of nodes) {
    if (node.kind === 'paper' || hidden.has(key) || !node.periods) continue;
    const byYear = periodsByYear(node.periods);
    if (byYear.size === 0) continue;
    const entity: TrendEntity = { key, label: node.label, kind: node.kind, years: byYear };
    if (node.specificity !== undefined) entity.specificity = node.specificity;
    entities.push(entity);
  }
  return { totals, undated: 0, entities };
}

/**
 * The entities rising fastest in the view: {@link computeTrends} on {@link viewTrendInput}, over the years of the
 * filters' date range when one is set (whole years: shares are yearly) or else kg trends' default period, umbrella
 * terms included (the filters already chose what shows), a slope fitted on years with 50 papers or more.
 */
export function risingInView(
  nodes: Iterable<[string, RisingNode]>,
  hidden: ReadonlySet<string>,
  years: Readonly<Record<string, number>>,
  filters: Pick<Filters, 'from' | 'to'>,
  top = RISING_TOP,
): RisingResult {
  const input = viewTrendInput(nodes, hidden, years);
  if (input.totals.size === 0 || input.entities.length === 0)
    return { reason: 'No entity in this view has a dated paper.' };
  const minYearPapers = DEFAULT_TREND_OPTIONS.minYearPapers;
  // The default period is kg trends' (the first year with enough papers to the last); a range sets either end.
  const [firstFull, last] = trendPeriod(input.totals, { minYearPapers });
  const first = Math.min(...input.totals.keys());
  const until = yearOf(filters.to) ?? last;
  const since = yearOf(filters.from) ?? (firstFull <= until ? firstFull : first);
  if (since > until) return { reason: 'No trend: the date range is empty.' };
  const period: [number, number] = [since, until];
  let dated = 0;
  let fitted = 0;
  for (const [year, count] of input.totals) {
    if (year < since || year > until) continue;
    dated += count;
    if (count >= minYearPapers) fitted += 1;
  }
  if (fitted < 2) {
    const span = since === until ? `${since}` : `${since}–${until}`;
    return {
      reason: `Too few dated years in this view: ${fitted === 0 ? 'no year' : 'one year'} of ${span} has ${minYearPapers} papers or more, and a trend needs two.`,
      period,
    };
  }
  const minPapers = risingMinPapers(dated);
  // Those with fewer papers in the period are not ranked: left out here, they cost computeTrends nothing (a third as long).
  const inPeriod = (e: TrendEntity): number => {
    let n = 0;
    for (const [year, count] of e.years) if (year >= since && year <= until) n += count;
    return n;
  };
  const ranked = { ...input, entities: input.entities.filter((e) => inPeriod(e) >= minPapers) };
  const result = computeTrends(ranked, { since, until, minYearPapers, minPapers, top, umbrella: true });
  const entries = result.rising.map(({ key, label, kind, papers, shareStart, shareEnd, slope }) => ({
    key,
    label,
    kind,
    papers,
    shareStart,
    shareEnd,
    slope,
  }));
  if (entries.length === 0)
    return {
      reason: `Nothing rises in this view over ${since}–${until}: no entity with ${minPapers} papers or more has a growing share.`,
      period,
    };
  return { entries, period, minPapers };
}

/** A share as a percentage with one decimal ("12.3 %"). */
export const formatShare = (share: number): string => `${(share * 100).toFixed(1)} %`;
