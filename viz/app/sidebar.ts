/** The left column: the community legend (click to focus, tick to hide; small communities folded into "other") and the filters (kinds, min papers, dates, umbrella terms, papers). */
import type { CommunityInfo } from '../../graph/core/types.js';
import type { ApiMeta } from '../api/types.js';
import { byId, formatCount, h } from './dom.js';
import { groupHidden, groupOnly, legendPlanOf, toggleGroupHidden, toggleGroupOnly, type LegendPlan } from './legend.js';
import { OTHER_COLOR } from './palette.js';
import { FILTER_KINDS, isInvertedRange, toggleFocus, toggleHidden, type Filters } from './state.js';

/** What the sidebar reads from and writes to the app. */
export interface SidebarContext {
  meta: ApiMeta;
  color(community: number): string;
  filters(): Filters;
  /** Applies new filters; `explicitMin` when the user set the minimum paper count. */
  setFilters(filters: Filters, options?: { explicitMin?: boolean }): void;
  /** Visible entities per community. */
  visibleByCommunity(): ReadonlyMap<number, number>;
}

/** Whether the "other" row's list of folded communities is open (kept across redraws). */
let foldedOpen = false;

/** One community's row: tick to hide, name to focus, visible/total entities. `key` finds it again after a redraw. */
function communityRow(ctx: SidebarContext, info: CommunityInfo, shown: number): HTMLLIElement {
  const filters = ctx.filters();
  const hidden = filters.hidden.includes(info.id);
  const dimmed = filters.focus !== undefined && filters.focus !== info.id;
  const name = info.kind === 'other' ? 'entities in no topic' : info.label;
  const checkbox = h('input', {
    type: 'checkbox',
    'aria-label': `show ${name}`,
    title: 'Show or hide this community',
    'data-legend-key': `hide-${info.id}`,
  });
  checkbox.checked = !hidden;
  checkbox.addEventListener('change', () => ctx.setFilters(toggleHidden(ctx.filters(), info.id)));
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.background = ctx.color(info.id);
  const label = h(
    'button',
    {
      type: 'button',
      class: 'legend-label',
      'data-community': info.id,
      'data-legend-key': `focus-${info.id}`,
      'aria-pressed': filters.focus === info.id ? 'true' : 'false',
      title: `${info.topTerms.join(', ')}\n\nClick to show only this community; click again to show all.`,
    },
    swatch,
    h('span', { class: 'legend-text' }, name),
  );
  label.addEventListener('click', () => ctx.setFilters(toggleFocus(ctx.filters(), info.id)));
  return h(
    'li',
    {
      class: `legend-item${hidden ? ' is-hidden' : ''}${dimmed ? ' is-dimmed' : ''}${filters.focus === info.id ? ' is-focused' : ''}`,
      'data-community': info.id,
    },
    checkbox,
    label,
    countOf(shown, info.size, `${shown} shown of ${info.size} entities, ${info.papers} papers`),
  );
}

/** "shown/total" entities, with the numbers in words for the tooltip and screen readers. */
function countOf(shown: number, total: number, title: string): HTMLElement {
  return h('span', { class: 'count', title, 'aria-label': title }, `${formatCount(shown)}/${formatCount(total)}`);
}

/**
 * The "other" row: the folded communities as one (tick hides them all, the name shows only them) and a disclosure
 * that lists each of them with its own tick and focus.
 */
function otherRow(ctx: SidebarContext, plan: LegendPlan, visible: ReadonlyMap<number, number>): HTMLLIElement {
  const filters = ctx.filters();
  const ids = plan.folded.map((c) => c.id);
  const listedIds = plan.listed.map((c) => c.id);
  const state = groupHidden(filters, ids);
  const only = listedIds.length > 0 && groupOnly(filters, ids, listedIds);
  const focusElsewhere = filters.focus !== undefined && !ids.includes(filters.focus);
  const checkbox = h('input', {
    type: 'checkbox',
    'aria-label': `show the ${ids.length} other communities`,
    title: 'Show or hide all the small communities folded here',
    'data-legend-key': 'hide-other',
  });
  checkbox.checked = state !== 'all';
  checkbox.indeterminate = state === 'some';
  checkbox.addEventListener('change', () => ctx.setFilters(toggleGroupHidden(ctx.filters(), ids)));
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.background = OTHER_COLOR;
  const label = h(
    'button',
    {
      type: 'button',
      class: 'legend-label',
      'data-group': 'other',
      'data-legend-key': 'focus-other',
      'aria-pressed': only ? 'true' : 'false',
      disabled: listedIds.length === 0,
      title: 'Communities too small to list, drawn in grey.\n\nClick to show only them; click again to show all.',
    },
    swatch,
    h('span', { class: 'legend-text' }, `other (${ids.length})`),
  );
  label.addEventListener('click', () => ctx.setFilters(toggleGroupOnly(ctx.filters(), ids, listedIds)));
  const folded = h('ul', { id: 'legend-folded', class: 'legend legend-folded', 'aria-label': 'Other communities' });
  folded.hidden = !foldedOpen;
  folded.append(...plan.folded.map((info) => communityRow(ctx, info, visible.get(info.id) ?? 0)));
  const disclose = h(
    'button',
    {
      type: 'button',
      class: 'legend-disclose',
      'aria-expanded': foldedOpen ? 'true' : 'false',
      'aria-controls': 'legend-folded',
      'aria-label': `list the ${ids.length} other communities`,
      title: 'List the communities folded into “other”',
      'data-legend-key': 'disclose-other',
    },
    foldedOpen ? '▾' : '▸',
  );
  disclose.addEventListener('click', () => {
    foldedOpen = !foldedOpen;
    renderLegend(ctx);
  });
  const shown = ids.reduce((sum, id) => sum + (visible.get(id) ?? 0), 0);
  const total = plan.folded.reduce((sum, c) => sum + c.size, 0);
  return h(
    'li',
    {
      class: `legend-item legend-other${state === 'all' ? ' is-hidden' : ''}${focusElsewhere ? ' is-dimmed' : ''}${only ? ' is-focused' : ''}`,
      'data-group': 'other',
    },
    checkbox,
    label,
    countOf(shown, total, `${shown} shown of ${total} entities in ${ids.length} communities`),
    disclose,
    folded,
  );
}

/**
 * Redraws the legend from the current filters: the listed communities (legend.ts), then "other" when any is folded.
 * The control that had the keyboard focus keeps it across the redraw.
 */
export function renderLegend(ctx: SidebarContext): void {
  const list = byId('legend');
  const filters = ctx.filters();
  const visible = ctx.visibleByCommunity();
  const plan = legendPlanOf(ctx.meta.communities);
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.legendKey;
  const items = plan.listed.map((info) => communityRow(ctx, info, visible.get(info.id) ?? 0));
  if (plan.folded.length) items.push(otherRow(ctx, plan, visible));
  list.replaceChildren(...items);
  if (focusKey) list.querySelector<HTMLElement>(`[data-legend-key="${focusKey}"]`)?.focus();
  byId('legend-reset').hidden = filters.focus === undefined && filters.hidden.length === 0;
}

/** Builds the filter controls once; returns a function that shows given filters in them. */
export function setupFilters(ctx: SidebarContext): (filters: Filters) => void {
  const kinds = byId('kinds');
  const boxes = new Map<string, HTMLInputElement>();
  for (const kind of FILTER_KINDS) {
    const box = h('input', { type: 'checkbox', value: kind, 'data-kind': kind });
    box.addEventListener('change', () => {
      const chosen = FILTER_KINDS.filter((k) => boxes.get(k)?.checked);
      ctx.setFilters({ ...ctx.filters(), kinds: chosen });
    });
    boxes.set(kind, box);
    kinds.append(
      h(
        'label',
        { class: `kind kind-${kind}` },
        box,
        ` ${kind} `,
        h('span', { class: 'muted small' }, formatCount(ctx.meta.kinds[kind] ?? 0)),
      ),
    );
  }

  const range = byId<HTMLInputElement>('min-papers-range');
  const number = byId<HTMLInputElement>('min-papers');
  const top = Math.max(1, ctx.meta.maxPaperCount);
  range.max = String(Math.min(top, 50));
  number.max = String(top);
  const setMin = (value: string): void => {
    const n = Math.max(1, Math.min(top, Math.round(Number(value)) || 1));
    ctx.setFilters({ ...ctx.filters(), minPapers: n }, { explicitMin: true });
  };
  range.addEventListener('input', () => setMin(range.value));
  number.addEventListener('change', () => setMin(number.value));

  const from = byId<HTMLInputElement>('date-from');
  const to = byId<HTMLInputElement>('date-to');
  const dates = ctx.meta.dates;
  if (dates.dated === 0) {
    from.disabled = true;
    to.disabled = true;
    byId('dates-note').textContent = 'No paper in this graph has a date.';
  } else {
    for (const input of [from, to]) {
      if (dates.min)
        input.min = dates.min.slice(0, 10).length === 10 ? dates.min.slice(0, 10) : `${dates.min.slice(0, 4)}-01-01`;
      if (dates.max)
        input.max = dates.max.slice(0, 10).length === 10 ? dates.max.slice(0, 10) : `${dates.max.slice(0, 4)}-12-31`;
    }
    byId('dates-note').textContent =
      `${formatCount(dates.dated)} of ${formatCount(ctx.meta.counts.papers)} papers have a date (${dates.min ?? '?'} – ${dates.max ?? '?'}); a range hides entities seen only in undated papers.`;
    const error = byId('dates-error');
    const onDate = (): void => {
      // An inverted range would hide everything: say so and keep the filters as they are.
      const inverted = isInvertedRange(from.value || undefined, to.value || undefined);
      error.textContent = inverted ? `The range ends (${to.value}) before it starts (${from.value}).` : '';
      error.hidden = !inverted;
      for (const input of [from, to]) input.setAttribute('aria-invalid', inverted ? 'true' : 'false');
      if (inverted) return;
      const next: Filters = { ...ctx.filters() };
      delete next.from;
      delete next.to;
      if (from.value) next.from = from.value;
      if (to.value) next.to = to.value;
      ctx.setFilters(next);
    };
    from.addEventListener('change', onDate);
    to.addEventListener('change', onDate);
  }

  const umbrella = byId<HTMLInputElement>('show-umbrella');
  const specificity = ctx.meta.specificity;
  byId('umbrella-count').textContent = formatCount(specificity.umbrella);
  if (specificity.scored === 0) {
    umbrella.disabled = true;
    byId('umbrella-switch').title = 'This graph was made before terms had a specificity score: every term is shown.';
  } else {
    byId('umbrella-switch').title =
      `${formatCount(specificity.umbrella)} broad terms such as “features”, “NLP” or “English” (specificity below ${specificity.umbrellaBelow}) crowd the map; they are hidden unless this is ticked.`;
  }
  umbrella.addEventListener('change', () => ctx.setFilters({ ...ctx.filters(), umbrella: umbrella.checked }));

  const papers = byId<HTMLInputElement>('show-papers');
  papers.addEventListener('change', () => ctx.setFilters({ ...ctx.filters(), papers: papers.checked }));

  byId('legend-reset').addEventListener('click', () => {
    const next: Filters = { ...ctx.filters(), hidden: [] };
    delete next.focus;
    ctx.setFilters(next);
  });

  return (filters: Filters) => {
    for (const [kind, box] of boxes) box.checked = filters.kinds.includes(kind as Filters['kinds'][number]);
    range.value = String(Math.min(filters.minPapers, Number(range.max)));
    number.value = String(filters.minPapers);
    from.value = filters.from && /^\d{4}-\d{2}-\d{2}$/.test(filters.from) ? filters.from : '';
    to.value = filters.to && /^\d{4}-\d{2}-\d{2}$/.test(filters.to) ? filters.to : '';
    umbrella.checked = filters.umbrella;
    papers.checked = filters.papers;
  };
}
