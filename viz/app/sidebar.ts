/** The left column: the community legend (click to focus, tick to hide) and the filters (kinds, min papers, dates, umbrella terms, papers). */
import type { CommunityInfo } from '../../graph/core/types.js';
import type { ApiMeta } from '../api/types.js';
import { byId, formatCount, h } from './dom.js';
import { FILTER_KINDS, toggleFocus, toggleHidden, type Filters } from './state.js';

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

/** Redraws the legend from the current filters. */
export function renderLegend(ctx: SidebarContext): void {
  const list = byId('legend');
  const filters = ctx.filters();
  const visible = ctx.visibleByCommunity();
  const items = ctx.meta.communities.map((info: CommunityInfo) => {
    const hidden = filters.hidden.includes(info.id);
    const dimmed = filters.focus !== undefined && filters.focus !== info.id;
    const checkbox = h('input', {
      type: 'checkbox',
      'aria-label': `show ${info.label}`,
      title: 'Show or hide this community',
    });
    checkbox.checked = !hidden;
    checkbox.addEventListener('change', () => ctx.setFilters(toggleHidden(ctx.filters(), info.id)));
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = ctx.color(info.id);
    const label = h(
      'button',
      {
        type: 'button',
        class: 'legend-label',
        'data-community': info.id,
        'aria-pressed': filters.focus === info.id ? 'true' : 'false',
        title: `${info.topTerms.join(', ')}\n\nClick to show only this community; click again to show all.`,
      },
      swatch,
      h('span', { class: 'legend-text' }, info.label),
    );
    label.addEventListener('click', () => ctx.setFilters(toggleFocus(ctx.filters(), info.id)));
    const shown = visible.get(info.id) ?? 0;
    return h(
      'li',
      {
        class: `legend-item${hidden ? ' is-hidden' : ''}${dimmed ? ' is-dimmed' : ''}${filters.focus === info.id ? ' is-focused' : ''}`,
      },
      checkbox,
      label,
      h(
        'span',
        { class: 'count', title: `${shown} shown of ${info.size} entities, ${info.papers} papers` },
        formatCount(info.size),
      ),
    );
  });
  list.replaceChildren(...items);
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
    const onDate = (): void => {
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
