/**
 * Several entities' traces overlaid on one yearly axis (`/api/compare`, as `kg trace A B --compare` prints them): a line
 * per entity of its share of each year's papers (or its papers), each with its own colour and marker shape; years with
 * few papers in the whole graph are shaded and their points hollow, not hidden.
 */
import type { ApiCompare, ApiTrace } from '../api/types.js';
import { svg } from './dom.js';
import { FEW_PAPERS, type TraceMeasure } from './trace-chart.js';

/**
 * Colours of the compared series: Okabe–Ito's blue, vermillion, bluish green and reddish purple (Okabe & Ito 2008,
 * told apart under the common colour-vision deficiencies; palette.ts gives the first three to communities too). Each
 * series also has its own marker shape, so none relies on colour alone.
 */
export const SERIES_COLORS: readonly string[] = ['#0072b2', '#d55e00', '#009e73', '#cc79a7'];

/** Marker shapes, in the order of {@link SERIES_COLORS}. */
export const SERIES_SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;
export type SeriesShape = (typeof SERIES_SHAPES)[number];

const percent = (x: number): string => `${(100 * x).toFixed(x < 0.001 ? 2 : 1)} %`;

/** A series' value in a year: its share of the year's papers, or its papers. */
export function seriesValue(bin: ApiTrace['bins'][number], measure: TraceMeasure): number {
  return measure === 'count' ? bin.papers : bin.of > 0 ? bin.papers / bin.of : 0;
}

/** A marker of `shape` centred on (x, y). */
export function marker(
  shape: SeriesShape,
  x: number,
  y: number,
  r: number,
  attrs: Record<string, string | number>,
): SVGElement {
  const point = (dx: number, dy: number): string => `${(x + dx).toFixed(2)},${(y + dy).toFixed(2)}`;
  switch (shape) {
    case 'circle':
      return svg('circle', { cx: x.toFixed(2), cy: y.toFixed(2), r, ...attrs });
    case 'square':
      return svg('rect', {
        x: (x - r * 0.9).toFixed(2),
        y: (y - r * 0.9).toFixed(2),
        width: (r * 1.8).toFixed(2),
        height: (r * 1.8).toFixed(2),
        ...attrs,
      });
    case 'triangle':
      return svg('polygon', {
        points: [point(0, -r * 1.15), point(r, r * 0.75), point(-r, r * 0.75)].join(' '),
        ...attrs,
      });
    case 'diamond':
      return svg('polygon', {
        points: [point(0, -r * 1.2), point(r, 0), point(0, r * 1.2), point(-r, 0)].join(' '),
        ...attrs,
      });
  }
}

/** Joins labels as a sentence: "A", "A and B", "A, B and C". */
export function listLabels(labels: readonly string[]): string {
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** Plot area of the overlay: the top leaves room for the "max" note, the sides for the first and last markers. */
export const PLOT = { width: 320, height: 96, top: 16, side: 6 } as const;

/**
 * The overlay's SVG (the answer must have a span: see `compareTraces`); series `i` takes colour and marker
 * `slots[i]` (its own index when not given).
 */
export function compareChart(result: ApiCompare, measure: TraceMeasure, slots: readonly number[] = []): SVGElement {
  const { width, height, side: pad } = PLOT;
  const axis = 16;
  const bins = result.series[0]?.bins ?? [];
  const n = bins.length;
  const top = Math.max(
    ...result.series.flatMap((s) => s.bins.map((b) => seriesValue(b, measure))),
    measure === 'count' ? 1 : 1e-9,
  );
  const step = n > 1 ? (width - 2 * pad) / (n - 1) : 0;
  const xOf = (i: number): number => (n > 1 ? pad + i * step : width / 2);
  const yOf = (v: number): number => PLOT.top + (height - PLOT.top) * (1 - v / top);
  const labels = listLabels(result.series.map((s) => s.label));
  const span = result.span ? `, ${result.span[0]}–${result.span[1]}` : '';
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height + axis}`,
    width: '100%',
    role: 'img',
    'data-testid': 'compare-chart',
    'aria-label':
      measure === 'share'
        ? `share of each year's papers that mention ${labels}${span}`
        : `papers mentioning ${labels} per year${span}`,
  });
  // Years with few papers in the whole graph: a shaded band behind the lines.
  bins.forEach((bin, i) => {
    if (bin.of >= FEW_PAPERS) return;
    const half = n > 1 ? step / 2 : width / 2;
    chart.append(
      svg('rect', {
        x: Math.max(0, xOf(i) - half).toFixed(2),
        y: 0,
        width: (Math.min(width, xOf(i) + half) - Math.max(0, xOf(i) - half)).toFixed(2),
        height,
        fill: '#eef0f3',
        'data-few': 'true',
      }),
    );
  });
  chart.append(svg('line', { x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5, stroke: '#c5cad3' }));
  result.series.forEach((series, s) => {
    const slot = slots[s] ?? s;
    const color = SERIES_COLORS[slot % SERIES_COLORS.length]!;
    const shape = SERIES_SHAPES[slot % SERIES_SHAPES.length]!;
    const group = svg('g', { 'data-series': series.key, 'data-label': series.label, 'data-color': color });
    const points = series.bins.map((b, i) => `${xOf(i).toFixed(2)},${yOf(seriesValue(b, measure)).toFixed(2)}`);
    group.append(
      svg('polyline', {
        points: points.join(' '),
        fill: 'none',
        stroke: color,
        'stroke-width': 1.6,
        'stroke-linejoin': 'round',
      }),
    );
    series.bins.forEach((bin, i) => {
      const few = bin.of < FEW_PAPERS;
      const value = seriesValue(bin, measure);
      const point = marker(shape, xOf(i), yOf(value), n > 24 ? 2 : 3, {
        fill: few ? '#ffffff' : color,
        stroke: color,
        'stroke-width': 1.2,
        'data-year': bin.period,
        'data-papers': bin.papers,
        'data-of': bin.of,
        'data-few': few ? 'true' : 'false',
      });
      const share = bin.of > 0 ? `, ${percent(bin.papers / bin.of)} of its ${bin.of}` : ', no dated paper that year';
      point.append(
        svg(
          'title',
          {},
          `${series.label}, ${bin.period}: ${bin.papers} paper${bin.papers === 1 ? '' : 's'}${share}` +
            (few && bin.of > 0 ? ' (few papers that year: noisy)' : ''),
        ),
      );
      group.append(point);
    });
    chart.append(group);
  });
  const first = bins[0]?.period ?? '';
  const last = bins[n - 1]?.period ?? '';
  chart.append(svg('text', { x: 0, y: height + 12, 'font-size': 10, fill: '#5f6875' }, first));
  if (n > 1)
    chart.append(
      svg('text', { x: width, y: height + 12, 'font-size': 10, fill: '#5f6875', 'text-anchor': 'end' }, last),
    );
  chart.append(
    svg(
      'text',
      { x: width, y: 10, 'font-size': 10, fill: '#5f6875', 'text-anchor': 'end' },
      `max ${measure === 'share' ? percent(top) : top}`,
    ),
  );
  return chart;
}
