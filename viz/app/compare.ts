/**
 * The trace comparison of the entity panel (issue 30, `kg trace A B C --compare` in the explorer): a "compare with…"
 * box adds entities to the chart, up to {@link MAX_COMPARED} in all, each removable. The comparison outlives the panel:
 * opening another entity draws it with the compared ones, so one can step through them.
 */
import { MAX_COMPARED, type ApiCompare, type ApiSearchHit, type ApiTrace } from '../api/types.js';
import { api } from './api.js';
import { compareChart, listLabels, marker, SERIES_COLORS, SERIES_SHAPES } from './compare-chart.js';
import { h, svg } from './dom.js';
import { setupSearch } from './search-box.js';
import { FEW_PAPERS, traceChart, type TraceMeasure } from './trace-chart.js';

/** An entity in the comparison. */
export interface Compared {
  key: string;
  label: string;
}

/** A drawn series: an entity and its colour and marker (an index of SERIES_COLORS, kept while it is compared). */
export interface Series extends Compared {
  slot: number;
}

/** The comparison (empty: none; the open entity's chart is its own). */
let compared: Series[] = [];
/** What the overlay shows; kept while entities are opened. */
let measure: TraceMeasure = 'share';
/** The panel showing the chart now. */
let view:
  { entity: Compared; color: string; trace: Promise<ApiTrace>; chart: HTMLElement; key: HTMLElement } | undefined;
/** Bumped by every redraw: an answer for an older one is dropped. */
let drawn = 0;

/** The first colour slot no series of `list` has. */
const freeSlot = (list: readonly Series[]): number => {
  let slot = 0;
  while (list.some((s) => s.slot === slot)) slot += 1;
  return slot;
};

/** The comparison as the panel of `entity` sees it: `entity` first when it is not in it, in a free colour. */
export function seriesOf(entity: Compared, list: readonly Series[] = compared): Series[] {
  const open = { key: entity.key, label: entity.label };
  if (list.length === 0) return [{ ...open, slot: 0 }];
  return list.some((c) => c.key === entity.key) ? [...list] : [{ ...open, slot: freeSlot(list) }, ...list];
}

/**
 * The series the chart of `entity` draws: {@link seriesOf}, at most {@link MAX_COMPARED}; with a full comparison that
 * `entity` is not in, the last compared one gives it its place and colour.
 */
export function drawnOf(entity: Compared, list: readonly Series[] = compared): Series[] {
  const all = seriesOf(entity, list);
  if (all.length <= MAX_COMPARED) return all;
  const dropped = all[MAX_COMPARED]!;
  return [{ ...all[0]!, slot: dropped.slot }, ...all.slice(1, MAX_COMPARED)];
}

/** The compared entities (for tests and the console). */
export const comparedEntities = (): readonly Series[] => compared;

/** Called after every change of the comparison (the app writes it into the URL). */
let changed: () => void = () => undefined;
export function onComparisonChange(listener: () => void): void {
  changed = listener;
}

/** The comparison as a link carries it: `cmp=KEY`, once per compared entity, in order. */
export function encodeComparison(params: URLSearchParams): URLSearchParams {
  for (const c of compared) params.append('cmp', c.key);
  return params;
}

/** The entity keys a link compares (at most {@link MAX_COMPARED}, no repeats; anything but an entity key is dropped). */
export function decodeComparison(query: string): string[] {
  const keys = new URLSearchParams(query).getAll('cmp').filter((k) => /^entity:.{1,300}$/s.test(k));
  return [...new Set(keys)].slice(0, MAX_COMPARED);
}

/** Sets the comparison (a link's, or Back/forward's), each entity in its own colour; fewer than two is none. */
export function restoreComparison(list: readonly Compared[]): void {
  compared = list.length < 2 ? [] : list.map((c, slot) => ({ key: c.key, label: c.label, slot }));
  redraw();
}

/** The "compare with…" box: one for every panel (its search wiring is made once), moved into the open one. */
let box: { root: HTMLElement; input: HTMLInputElement; status: HTMLElement; clear: HTMLButtonElement } | undefined;

function compareBox(): NonNullable<typeof box> {
  if (box) return box;
  const input = h('input', {
    type: 'search',
    class: 'compare-input',
    placeholder: 'Compare with…',
    autocomplete: 'off',
    spellcheck: 'false',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-controls': 'compare-suggestions',
    'aria-expanded': 'false',
    'aria-label': 'Compare with another entity',
    'data-testid': 'compare-input',
  });
  const list = h('ul', { id: 'compare-suggestions', class: 'compare-suggestions', role: 'listbox', hidden: true });
  const status = h('p', { class: 'muted small compare-status', role: 'status', 'aria-live': 'polite' });
  const clear = h(
    'button',
    { type: 'button', class: 'small-button', 'data-testid': 'compare-clear', hidden: true },
    'clear comparison',
  );
  clear.addEventListener('click', () => {
    compared = [];
    say('Comparison cleared.');
    redraw();
    changed();
    input.focus();
  });
  setupSearch(input, list, (hit) => add(hit), 'compare-suggestion');
  box = {
    root: h('div', { class: 'compare-box' }, h('div', { class: 'compare-search' }, input, list), clear, status),
    input,
    status,
    clear,
  };
  return box;
}

function say(message: string): void {
  if (box) box.status.textContent = message;
}

/** Adds a picked search hit to the comparison (with the open entity, so the comparison stays when it is left). */
function add(hit: ApiSearchHit): void {
  const input = compareBox().input;
  input.value = '';
  if (!view) return;
  if (hit.kind === 'paper') return say('Only entities can be compared, not papers.');
  const base = seriesOf(view.entity);
  if (base.some((c) => c.key === hit.key)) return say(`${hit.label} is compared already.`);
  if (base.length >= MAX_COMPARED) return say(`At most ${MAX_COMPARED} can be compared: remove one first.`);
  compared = [...base, { key: hit.key, label: hit.label, slot: freeSlot(base) }];
  say(`${hit.label} added to the comparison.`);
  redraw();
  changed();
}

/** Takes an entity out of the comparison; left with the open entity alone, there is no comparison. */
function remove(key: string): void {
  if (!view) return;
  const gone = compared.find((c) => c.key === key);
  compared = compared.filter((c) => c.key !== key);
  const entity = view.entity;
  if (compared.every((c) => c.key === entity.key)) compared = [];
  say(gone ? `${gone.label} removed from the comparison.` : '');
  redraw();
  changed();
  compareBox().input.focus();
}

/** The key of an overlay: each series' marker and name, and a remove button but for the open entity. */
function seriesKey(series: readonly Series[], open: string): HTMLElement {
  const list = h('ul', { class: 'compare-key', 'data-testid': 'compare-key', 'aria-label': 'Compared entities' });
  for (const s of series) {
    const color = SERIES_COLORS[s.slot % SERIES_COLORS.length]!;
    const swatch = svg('svg', { width: 18, height: 10, viewBox: '0 0 18 10', 'aria-hidden': 'true' });
    swatch.append(
      svg('line', { x1: 0, x2: 18, y1: 5, y2: 5, stroke: color, 'stroke-width': 1.6 }),
      marker(SERIES_SHAPES[s.slot % SERIES_SHAPES.length]!, 9, 5, 3, { fill: color, stroke: color }),
    );
    const item = h('li', { 'data-key': s.key }, swatch, h('span', { class: 'compare-label' }, s.label));
    if (s.key === open) item.append(h('span', { class: 'muted small' }, ' (this entity)'));
    else {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'compare-remove',
          'aria-label': `Remove ${s.label} from the comparison`,
          title: `Remove ${s.label} from the comparison`,
        },
        '×',
      );
      button.addEventListener('click', () => remove(s.key));
      item.append(button);
    }
    list.append(item);
  }
  return list;
}

/** The overlay with its caption and share/count switch. */
function overlay(result: ApiCompare, slots: readonly number[]): HTMLElement {
  const figure = h('figure', { class: 'trace', 'data-testid': 'trace', 'data-measure': measure });
  if (!result.span) {
    figure.append(h('figcaption', {}, `None of ${listLabels(result.series.map((s) => s.label))} has a dated paper.`));
    return figure;
  }
  const few = result.series[0]?.bins.some((b) => b.of < FEW_PAPERS) ?? false;
  const caption =
    `${measure === 'share' ? "Share of each year's papers" : 'Papers per year'}, ${result.span[0]}–${result.span[1]}` +
    (few ? ` · shaded, hollow: under ${FEW_PAPERS} papers in the graph that year` : '');
  const other: TraceMeasure = measure === 'share' ? 'count' : 'share';
  const toggle = h(
    'button',
    { type: 'button', class: 'small-button', 'data-testid': 'trace-measure', title: `Show the ${other}` },
    other === 'count' ? 'show counts' : 'show shares',
  );
  toggle.addEventListener('click', () => {
    measure = other;
    const next = overlay(result, slots);
    figure.replaceWith(next);
    next.querySelector<HTMLButtonElement>('[data-testid="trace-measure"]')?.focus();
  });
  figure.append(compareChart(result, measure, slots), h('figcaption', {}, caption, ' ', toggle));
  return figure;
}

/** Draws the open panel's chart: its own trace, or the overlay of the comparison. */
function redraw(): void {
  const v = view;
  if (!v || !v.chart.isConnected) return;
  const token = ++drawn;
  const series = drawnOf(v.entity);
  const { input, clear } = compareBox();
  const full = series.length >= MAX_COMPARED;
  input.disabled = full;
  input.placeholder = full ? `Comparing ${MAX_COMPARED}: remove one to add another` : 'Compare with…';
  clear.hidden = compared.length === 0;
  if (series.length === 1) {
    v.key.replaceChildren();
    v.trace.then(
      (t) => token === drawn && v.chart.replaceChildren(traceChart(t, v.color)),
      () => token === drawn && v.chart.replaceChildren(h('p', { class: 'muted small' }, 'Trace unavailable.')),
    );
    return;
  }
  v.key.replaceChildren(seriesKey(series, v.entity.key));
  const more = seriesOf(v.entity).length - series.length;
  if (more > 0)
    v.key.append(h('p', { class: 'muted small' }, `${more} more compared, not drawn: remove one to see it.`));
  v.chart.replaceChildren(h('p', { class: 'muted small' }, 'Loading comparison…'));
  api.compare(series.map((s) => s.key)).then(
    (result) =>
      token === drawn &&
      v.chart.replaceChildren(
        overlay(
          result,
          series.map((s) => s.slot),
        ),
      ),
    (error: unknown) =>
      token === drawn &&
      v.chart.replaceChildren(
        h('p', { class: 'muted small' }, `Comparison unavailable: ${(error as Error).message ?? String(error)}`),
      ),
  );
}

/**
 * The "Papers over time" section of an entity's panel: its trace, or with a comparison the overlay of the compared
 * entities and it, with the key and the "compare with…" box.
 */
export function traceSection(entity: Compared, color: string, trace: Promise<ApiTrace>): HTMLElement {
  const chart = h('div', { class: 'trace-slot' }, h('p', { class: 'muted small' }, 'Loading trace…'));
  const key = h('div', { class: 'compare-keys' });
  const b = compareBox();
  b.input.value = '';
  b.status.textContent = '';
  trace.catch(() => undefined); // unread while a comparison is drawn; redraw() says when it failed
  view = { entity, color, trace, chart, key };
  const section = h('div', { class: 'trace-section' }, chart, key, b.root);
  // Drawn once the section is in the page (the panel shows it right after).
  queueMicrotask(redraw);
  return section;
}
