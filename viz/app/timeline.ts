/**
 * Time on the map: the period slider (a window of years, with play to step through them; it sets the date range, so
 * nodes are sized by their papers within it and those with none hide) and the colour-by-year mode (each entity
 * coloured by the mean year of its papers on a sequential palette, VOSviewer's overlay). The pure parts are tested in
 * test/viz/timeline.test.ts, the controls in test/viz/timeline-browser.test.ts.
 */
import type { ApiMeta } from '../api/types.js';
import { byId, formatCount, h } from './dom.js';
import { OTHER_COLOR } from './palette.js';
import { hasRange, type Filters } from './state.js';

/** The first and last year with a dated paper, or undefined when none has a date. */
export function yearBounds(years: ApiMeta['years']): [number, number] | undefined {
  const all = Object.keys(years)
    .map(Number)
    .filter((y) => Number.isInteger(y));
  if (all.length === 0) return undefined;
  return [Math.min(...all), Math.max(...all)];
}

/** Where play starts: the first year with `few` papers or more (a share of a handful is noise), else the first year. */
export function playStart(years: ApiMeta['years'], few = 50): number | undefined {
  const all = Object.entries(years)
    .filter(([, n]) => n >= few)
    .map(([y]) => Number(y));
  return all.length ? Math.min(...all) : yearBounds(years)?.[0];
}

/** A window of whole years ending in `end`. */
export interface Period {
  end: number;
  years: number;
}

/** Window lengths the slider offers, in years. */
export const PERIOD_WINDOWS = [1, 3, 5] as const;

/** The filters' date range as a window of whole years (`2003-01-01` to `2005-12-31`: 3 years to 2005), if it is one. */
export function periodOf(filters: Pick<Filters, 'from' | 'to'>): Period | undefined {
  const from = /^(\d{4})(?:-01(?:-01)?)?$/.exec(filters.from ?? '');
  const to = /^(\d{4})(?:-12(?:-31)?)?$/.exec(filters.to ?? '');
  if (!from || !to) return undefined;
  const years = Number(to[1]) - Number(from[1]) + 1;
  return years >= 1 ? { end: Number(to[1]), years } : undefined;
}

/** The filters with the date range set to a period (full dates, so the date inputs show it). */
export function withPeriod(filters: Filters, period: Period): Filters {
  return { ...filters, from: `${period.end - period.years + 1}-01-01`, to: `${period.end}-12-31` };
}

/** The filters without a date range. */
export function withoutRange(filters: Filters): Filters {
  const next = { ...filters };
  delete next.from;
  delete next.to;
  return next;
}

/** "2005" or "2003–2005". */
export function periodText(period: Period): string {
  return period.years === 1 ? String(period.end) : `${period.end - period.years + 1}–${period.end}`;
}

/**
 * Viridis (matplotlib's perceptually uniform, colour-blind-safe sequential map) from 0 to 0.9: its last tenth, bright
 * yellow, would vanish on the white map.
 */
export const YEAR_COLORS: readonly string[] = [
  '#440154',
  '#482475',
  '#414487',
  '#355f8d',
  '#2a788e',
  '#21918c',
  '#22a884',
  '#44bf70',
  '#7ad151',
  '#bddf26',
];

/** Colour of an entity with no dated paper in year mode. */
export const UNDATED_COLOR = OTHER_COLOR;

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as never;

/** The palette's colour at `t` in [0, 1] (clamped), interpolated between its stops. */
export function paletteAt(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (YEAR_COLORS.length - 1);
  const i = Math.min(YEAR_COLORS.length - 2, Math.floor(x));
  const a = hex(YEAR_COLORS[i]!);
  const b = hex(YEAR_COLORS[i + 1]!);
  const f = x - i;
  return `#${a
    .map((v, k) =>
      Math.round(v + (b[k]! - v) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * The years the palette spans: the 5th to the 95th percentile of the entities' mean years (rounded out to whole
 * years), so a few very old or very new terms do not squeeze everyone else into one colour.
 */
export function yearScale(means: readonly number[]): [number, number] | undefined {
  if (means.length === 0) return undefined;
  const sorted = [...means].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
  const lo = Math.floor(at(0.05));
  const hi = Math.max(lo + 1, Math.ceil(at(0.95)));
  return [lo, hi];
}

/** The colour of a mean year on a scale; undated entities are grey. */
export function yearColor(mean: number | undefined, scale: [number, number] | undefined): string {
  if (mean === undefined || !scale) return UNDATED_COLOR;
  return paletteAt((mean - scale[0]) / (scale[1] - scale[0]));
}

/** What the timeline controls read from and write to the app. */
export interface TimelineContext {
  meta: ApiMeta;
  filters(): Filters;
  setFilters(filters: Filters): void;
  /** True while a filter change waits for its map pass: play waits for it before the next step. */
  busy(): boolean;
  /** The palette's span in the current view (undefined when nothing is dated). */
  scale(): [number, number] | undefined;
  /** Loaded entities with a dated paper, and all loaded entities (for the scale's note). */
  dated(): { dated: number; all: number };
}

/** Delay between two years while playing, once the map has drawn the last. */
export const PLAY_STEP_MS = 1200;

/** Builds the period slider, play button, window choice and colour mode; returns a function that shows given filters. */
export function setupTimeline(ctx: TimelineContext): (filters: Filters) => void {
  const slider = byId<HTMLInputElement>('period-year');
  const windowSelect = byId<HTMLSelectElement>('period-window');
  const play = byId<HTMLButtonElement>('period-play');
  const all = byId<HTMLButtonElement>('period-all');
  const label = byId('period-label');
  const colorBy = byId<HTMLSelectElement>('color-by');
  const scaleBox = byId('year-scale');
  const bounds = yearBounds(ctx.meta.years);
  const start = playStart(ctx.meta.years) ?? 0;

  let playing: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    clearTimeout(playing);
    playing = undefined;
    play.textContent = '▶';
    play.setAttribute('aria-label', 'Play through the years');
    play.setAttribute('aria-pressed', 'false');
  };
  const windowYears = (): number => Number(windowSelect.value) || 1;
  const setPeriod = (end: number): void => ctx.setFilters(withPeriod(ctx.filters(), { end, years: windowYears() }));

  if (!bounds) {
    for (const control of [slider, windowSelect, play, all]) control.disabled = true;
    label.textContent = 'no paper has a date';
    colorBy.disabled = true;
  } else {
    slider.min = String(bounds[0]);
    slider.max = String(bounds[1]);
    slider.addEventListener('input', () => {
      stop();
      setPeriod(Number(slider.value));
    });
    windowSelect.addEventListener('change', () => {
      const period = periodOf(ctx.filters());
      if (period) setPeriod(period.end);
    });
    all.addEventListener('click', () => {
      stop();
      ctx.setFilters(withoutRange(ctx.filters()));
    });
    // Play steps a year at a time from the slider's year (the first year when no period is set) to the last, each
    // step once the map has drawn the one before.
    const step = (): void => {
      if (ctx.busy()) {
        playing = setTimeout(step, 100);
        return;
      }
      const period = periodOf(ctx.filters());
      if (period && period.end >= bounds[1]) {
        stop();
        return;
      }
      setPeriod(period ? period.end + 1 : start + windowYears() - 1);
      playing = setTimeout(step, PLAY_STEP_MS);
    };
    play.addEventListener('click', () => {
      if (playing !== undefined) {
        stop();
        return;
      }
      play.textContent = '⏸';
      play.setAttribute('aria-label', 'Pause');
      play.setAttribute('aria-pressed', 'true');
      const period = periodOf(ctx.filters());
      // From the start again when the period is at the end (or is not a whole-year window).
      if (!period || period.end >= bounds[1]) setPeriod(start + windowYears() - 1);
      playing = setTimeout(step, PLAY_STEP_MS);
    });
  }
  colorBy.addEventListener('change', () => {
    const next = { ...ctx.filters() };
    if (colorBy.value === 'year') next.colorBy = 'year';
    else delete next.colorBy;
    ctx.setFilters(next);
  });

  return (filters: Filters) => {
    const period = periodOf(filters);
    if (bounds) {
      if (period) {
        slider.value = String(period.end);
        if (PERIOD_WINDOWS.includes(period.years as never)) windowSelect.value = String(period.years);
      }
      const papers = period
        ? Array.from({ length: period.years }, (_v, i) => ctx.meta.years[String(period.end - i)] ?? 0).reduce(
            (a, b) => a + b,
            0,
          )
        : 0;
      label.textContent = period
        ? `${periodText(period)} · ${formatCount(papers)} papers`
        : hasRange(filters)
          ? 'the dates below'
          : 'all years';
      slider.setAttribute('aria-valuetext', label.textContent);
      all.hidden = !hasRange(filters);
    }
    colorBy.value = filters.colorBy ?? 'community';
    const scale = filters.colorBy === 'year' ? ctx.scale() : undefined;
    scaleBox.hidden = filters.colorBy !== 'year';
    const { dated, all: loaded } = ctx.dated();
    // Say how much of the map the colours describe: on the seeds, few papers carry a date.
    const coverage = h(
      'span',
      { class: 'hint', 'data-testid': 'year-coverage' },
      `${formatCount(dated)} of ${formatCount(loaded)} loaded entities have a dated paper`,
    );
    if (!scale) {
      scaleBox.replaceChildren(coverage);
      scaleBox.setAttribute('aria-label', coverage.textContent ?? '');
    } else {
      const bar = h('span', { class: 'year-bar', 'aria-hidden': 'true' });
      bar.style.background = `linear-gradient(to right, ${YEAR_COLORS.join(', ')})`;
      const undated = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      undated.style.background = UNDATED_COLOR;
      scaleBox.replaceChildren(
        h('span', { class: 'year-scale-row' }, h('span', {}, `≤ ${scale[0]}`), bar, h('span', {}, `≥ ${scale[1]}`)),
        h('span', { class: 'hint' }, 'mean year of each entity’s papers · ', undated, ' no dated paper · '),
        coverage,
      );
      scaleBox.setAttribute(
        'aria-label',
        `Colours: mean year of papers, from ${scale[0]} or earlier to ${scale[1]} or later`,
      );
    }
  };
}
