/**
 * The legend's plan, free of the DOM: which communities are listed (the largest, at most 20, none under a size
 * threshold), which fold into one "other" row, and the colour of each, given out by rank so no two listed communities
 * share one. The map's nodes, the community labels, the panel and the legend all read their colours from this plan.
 */
import type { CommunityInfo } from '../../graph/core/types.js';
import { COMMUNITY_COLORS, OTHER_COLOR } from './palette.js';
import type { Filters } from './state.js';

/** Communities listed at most: one colour each from the palette. */
export const MAX_LISTED = COMMUNITY_COLORS.length;

/**
 * A topic community with fewer entities than this share of all entities is folded into "other": on both ACL graphs it
 * falls in the gap between the topics and the crumbs (full ACL: 532 entities listed, 61 folded; first 5,000: 955, 63).
 */
export const FOLD_BELOW_SHARE = 0.0025;

/** The listed communities, the folded ones, and the colour of every community id. */
export interface LegendPlan {
  /** Largest first; each has its own colour. */
  listed: CommunityInfo[];
  /** Largest first: small topics, then the snapshot's own `other` community; all drawn in {@link OTHER_COLOR}. */
  folded: CommunityInfo[];
  colors: ReadonlyMap<number, string>;
}

const bySize = (a: CommunityInfo, b: CommunityInfo): number => b.size - a.size || b.papers - a.papers || a.id - b.id;

/**
 * Lists the `max` largest topic communities that hold at least `foldBelowShare` of the entities; folds the rest and
 * the snapshot's `other` community. Same communities, same plan: the colour follows the rank, not the id.
 */
export function planLegend(
  communities: readonly CommunityInfo[],
  options: { max?: number; foldBelowShare?: number } = {},
): LegendPlan {
  const max = Math.min(options.max ?? MAX_LISTED, COMMUNITY_COLORS.length);
  const total = communities.reduce((sum, c) => sum + c.size, 0);
  const threshold = total * (options.foldBelowShare ?? FOLD_BELOW_SHARE);
  const topics = communities.filter((c) => c.kind === 'topic').sort(bySize);
  const listed = topics.filter((c) => c.size >= threshold && c.size > 0).slice(0, max);
  const kept = new Set(listed.map((c) => c.id));
  const folded = [
    ...topics.filter((c) => !kept.has(c.id)),
    ...communities.filter((c) => c.kind !== 'topic').sort(bySize),
  ];
  const colors = new Map<number, string>();
  listed.forEach((c, rank) => colors.set(c.id, COMMUNITY_COLORS[rank] ?? OTHER_COLOR));
  for (const c of folded) colors.set(c.id, OTHER_COLOR);
  return { listed, folded, colors };
}

/** The colour of a community in a plan; unknown ids (and negative ones) are grey. */
export function planColor(plan: LegendPlan, id: number): string {
  return plan.colors.get(id) ?? OTHER_COLOR;
}

const plans = new WeakMap<readonly CommunityInfo[], LegendPlan>();

/** {@link planLegend} with default options, made once per communities array (the snapshot's meta). */
export function legendPlanOf(communities: readonly CommunityInfo[]): LegendPlan {
  let plan = plans.get(communities);
  if (!plan) {
    plan = planLegend(communities);
    plans.set(communities, plan);
  }
  return plan;
}

/** How a group of communities stands in the filters: all shown, all hidden, or some of each. */
export function groupHidden(filters: Filters, ids: readonly number[]): 'none' | 'all' | 'some' {
  const hidden = ids.filter((id) => filters.hidden.includes(id)).length;
  return hidden === 0 ? 'none' : hidden === ids.length ? 'all' : 'some';
}

/** Hides every community of the group, or shows them all again when they were all hidden. Clears a focus inside it. */
export function toggleGroupHidden(filters: Filters, ids: readonly number[]): Filters {
  const group = new Set(ids);
  const rest = filters.hidden.filter((id) => !group.has(id));
  const hidden = groupHidden(filters, ids) === 'all' ? rest : [...rest, ...ids].sort((a, b) => a - b);
  const next: Filters = { ...filters, hidden };
  if (next.focus !== undefined && group.has(next.focus) && hidden.includes(next.focus)) delete next.focus;
  return next;
}

/** True when the filters show only this group: every other community hidden, none of the group, no focus. */
export function groupOnly(filters: Filters, ids: readonly number[], others: readonly number[]): boolean {
  return filters.focus === undefined && groupHidden(filters, ids) === 'none' && groupHidden(filters, others) === 'all';
}

/**
 * Shows only the group (the folded communities) by hiding all the others, as a focus on one community does; again
 * shows all. Expressed with `hidden`, so a link (`?hide=`) keeps it.
 */
export function toggleGroupOnly(filters: Filters, ids: readonly number[], others: readonly number[]): Filters {
  const next: Filters = { ...filters };
  delete next.focus;
  next.hidden = groupOnly(filters, ids, others) ? [] : [...others].sort((a, b) => a - b);
  return next;
}
