/** The viewer's state and filter logic, free of the DOM and of sigma so it can be unit-tested. */
import type { VizNodeKind } from '../api/types.js';
import type { EntityKind } from '../../pipeline/core/types.js';

/** The entity kinds the filters offer, in their display order. */
export const FILTER_KINDS: readonly EntityKind[] = ['method', 'task', 'dataset', 'metric', 'concept'];

/** What the filters keep. */
export interface Filters {
  /** Entity kinds shown. */
  kinds: EntityKind[];
  /** Entities with fewer papers are hidden. */
  minPapers: number;
  /**
   * ISO dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): an entity is kept when it has papers within the range (counted by
   * month, or by year for papers dated by year only) and drawn at the size of that count; a paper when its date meets it.
   */
  from?: string;
  to?: string;
  /** Paper nodes drawn (they are always in the panel). */
  papers: boolean;
  /** Umbrella entities drawn: those scoring below the snapshot's specificity threshold ("features", "NLP"). */
  umbrella: boolean;
  /** Communities hidden from the legend. */
  hidden: number[];
  /** When set, only this community is shown. */
  focus?: number;
  /** `year`: nodes coloured by the mean year of their papers (VOSviewer's overlay) instead of by community. */
  colorBy?: 'year';
}

/** Camera position in sigma's framed-graph coordinates. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/** Everything a link restores. */
export interface ViewState {
  filters: Filters;
  selected?: string;
  camera?: CameraView;
  /** Entities loaded from the server (top by paper count). */
  limit?: number;
}

/** The filters of a fresh page (min papers is then tuned to the graph by {@link defaultMinPapers}). */
export const DEFAULT_FILTERS: Filters = {
  kinds: [...FILTER_KINDS],
  minPapers: 1,
  papers: false,
  umbrella: false,
  hidden: [],
};

/** Entities a fresh page tries to show at most, so labels stay legible. */
export const COMFORTABLE_ENTITIES = 1500;

/** The smallest minimum paper count that leaves at most `target` entities (1 when they all fit). */
export function defaultMinPapers(paperCounts: readonly number[], target = COMFORTABLE_ENTITIES): number {
  if (paperCounts.length <= target) return 1;
  const sorted = [...paperCounts].sort((a, b) => b - a);
  // The count of the (target+1)-th entity, plus one, cuts at or below target.
  const cut = (sorted[target] ?? 0) + 1;
  return Math.max(1, Math.min(cut, sorted[0] ?? 1));
}

/** The attributes filtering looks at. */
export interface FilterableNode {
  kind: VizNodeKind;
  community: number;
  paperCount: number;
  firstSeen?: string;
  lastSeen?: string;
  /** An entity's specificity in [0, 1]; absent on papers and on snapshots made before the score. */
  specificity?: number;
  /** An entity's dated papers per `YYYY-MM` or `YYYY` (ApiNode.periods). */
  periods?: Record<string, number>;
}

/** True for an umbrella entity: one scoring below `umbrellaBelow` (`ApiMeta.specificity`). No score counts as specific. */
export function isUmbrellaNode(node: FilterableNode, umbrellaBelow: number): boolean {
  return node.kind !== 'paper' && node.specificity !== undefined && node.specificity < umbrellaBelow;
}

/** `YYYY` or `YYYY-MM` widened to the first (`start`) or last (`end`) day it covers, so dates compare as strings. */
export function widenDate(date: string, side: 'start' | 'end'): string {
  if (/^\d{4}$/.test(date)) return side === 'start' ? `${date}-01-01` : `${date}-12-31`;
  if (/^\d{4}-\d{2}$/.test(date)) return side === 'start' ? `${date}-01` : `${date}-31`;
  return date.slice(0, 10);
}

/** True when a date range ends before it starts (`2021` to `2019`; `2020` to `2020-03` is fine). */
export function isInvertedRange(from: string | undefined, to: string | undefined): boolean {
  return from !== undefined && to !== undefined && widenDate(from, 'start') > widenDate(to, 'end');
}

/** True when a filter has a date range. */
export function hasRange(filters: Pick<Filters, 'from' | 'to'>): boolean {
  return filters.from !== undefined || filters.to !== undefined;
}

/** True when the span `first`–`last` (ISO dates of any precision) meets the filters' date range. */
function spanMeets(first: string, last: string, filters: Pick<Filters, 'from' | 'to'>): boolean {
  if (filters.from !== undefined && widenDate(last, 'end') < widenDate(filters.from, 'start')) return false;
  if (filters.to !== undefined && widenDate(first, 'start') > widenDate(filters.to, 'end')) return false;
  return true;
}

/**
 * An entity's papers within the filters' date range, from its periods (a month or a year counts when it meets the
 * range, so a range ending mid-month counts that month's papers); all its papers when there is no range.
 */
export function papersInRange(node: FilterableNode, filters: Pick<Filters, 'from' | 'to'>): number {
  if (!hasRange(filters)) return node.paperCount;
  let n = 0;
  for (const [period, count] of Object.entries(node.periods ?? {})) if (spanMeets(period, period, filters)) n += count;
  return n;
}

/** The mean year of an entity's dated papers (undefined when none has a date). */
export function meanYear(node: Pick<FilterableNode, 'periods'>): number | undefined {
  let sum = 0;
  let n = 0;
  for (const [period, count] of Object.entries(node.periods ?? {})) {
    sum += Number(period.slice(0, 4)) * count;
    n += count;
  }
  return n > 0 ? sum / n : undefined;
}

/** True when the node passes the filters, umbrella entities judged by `umbrellaBelow`. Undated nodes fail any date range. */
export function isVisible(node: FilterableNode, filters: Filters, umbrellaBelow: number): boolean {
  if (filters.focus !== undefined && node.community !== filters.focus) return false;
  if (filters.hidden.includes(node.community)) return false;
  if (node.kind === 'paper') {
    if (!filters.papers) return false;
  } else {
    if (!filters.kinds.includes(node.kind)) return false;
    if (node.paperCount < filters.minPapers) return false;
    if (!filters.umbrella && isUmbrellaNode(node, umbrellaBelow)) return false;
  }
  if (hasRange(filters)) {
    // An entity needs papers within the range: one seen in 2001 and 2019 has none in 2005.
    if (node.kind !== 'paper' && node.periods) return papersInRange(node, filters) > 0;
    if (!node.firstSeen || !node.lastSeen) return false;
    return spanMeets(node.firstSeen, node.lastSeen, filters);
  }
  return true;
}

/** The keys of the nodes the filters hide; computed once per filter change, read by the reducers. */
export function hiddenNodes(
  nodes: Iterable<[string, FilterableNode]>,
  filters: Filters,
  umbrellaBelow: number,
): Set<string> {
  const hidden = new Set<string>();
  for (const [key, node] of nodes) if (!isVisible(node, filters, umbrellaBelow)) hidden.add(key);
  return hidden;
}

/** Flips one community between hidden and shown. */
export function toggleHidden(filters: Filters, community: number): Filters {
  const hidden = filters.hidden.includes(community)
    ? filters.hidden.filter((c) => c !== community)
    : [...filters.hidden, community].sort((a, b) => a - b);
  return { ...filters, hidden };
}

/** Focuses one community, or clears the focus when it already has it. */
export function toggleFocus(filters: Filters, community: number): Filters {
  if (filters.focus === community) {
    const { focus: _focus, ...rest } = filters;
    return rest;
  }
  return { ...filters, focus: community, hidden: filters.hidden.filter((c) => c !== community) };
}
