/**
 * The trace of an entity as a small SVG bar chart: its share of each period's papers (the default: a corpus grows and
 * shrinks from year to year, so counts copy its swings) or its papers, empty periods included; periods with few
 * papers in the whole graph are drawn pale, not hidden.
 */
import type { ApiTrace } from '../api/types.js';
import { h, svg } from './dom.js';

/** Periods with fewer papers in the whole graph are marked: a share of a handful is noise. */
export const FEW_PAPERS = 50;

/** What the bars show. */
export type TraceMeasure = 'share' | 'count';

const percent = (x: number): string => `${(100 * x).toFixed(x < 0.001 ? 2 : 1)} %`;

/** The SVG of one measure. */
function bars(trace: ApiTrace, color: string, measure: TraceMeasure): SVGElement {
  const width = 320;
  const height = 84;
  const axis = 16;
  const n = trace.bins.length;
  const value = (b: ApiTrace['bins'][number]): number =>
    measure === 'count' ? b.papers : b.of > 0 ? b.papers / b.of : 0;
  const top = Math.max(...trace.bins.map(value), measure === 'count' ? 1 : 1e-9);
  const step = width / n;
  const gap = n > 40 ? 0 : Math.min(3, step * 0.2);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height + axis}`,
    width: '100%',
    role: 'img',
    'aria-label':
      measure === 'share'
        ? `share of each ${trace.granularity}'s papers that mention ${trace.label}`
        : `papers mentioning ${trace.label} per ${trace.granularity}`,
  });
  trace.bins.forEach((bin, i) => {
    const v = value(bin);
    const barHeight = bin.papers === 0 ? 0 : Math.max(2, (v / top) * height);
    const few = bin.of < FEW_PAPERS;
    const rect = svg('rect', {
      x: (i * step + gap / 2).toFixed(2),
      y: (height - barHeight).toFixed(2),
      width: Math.max(0.5, step - gap).toFixed(2),
      height: barHeight.toFixed(2),
      fill: color,
      'fill-opacity': few ? 0.35 : 1,
      rx: 1,
      'data-few': few ? 'true' : 'false',
    });
    const of = bin.of > 0 ? `, ${percent(bin.papers / bin.of)} of its ${bin.of}` : '';
    rect.append(
      svg(
        'title',
        {},
        `${bin.period}: ${bin.papers} paper${bin.papers === 1 ? '' : 's'}${of}${few ? ' (few papers that period: noisy)' : ''}`,
      ),
    );
    chart.append(rect);
  });
  chart.append(svg('line', { x1: 0, x2: width, y1: height + 0.5, y2: height + 0.5, stroke: '#c5cad3' }));
  const first = trace.bins[0]?.period ?? '';
  const last = trace.bins[n - 1]?.period ?? '';
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

/** Builds the chart with a share/count switch (or a sentence when no paper mentioning it has a date). */
export function traceChart(trace: ApiTrace, color: string, measure: TraceMeasure = 'share'): HTMLElement {
  const figure = h('figure', { class: 'trace', 'data-testid': 'trace', 'data-measure': measure });
  const dated = trace.total - trace.undated;
  if (trace.bins.length === 0) {
    figure.append(h('figcaption', {}, `No dated papers (${trace.total} undated).`));
    return figure;
  }
  const few = trace.bins.some((b) => b.of < FEW_PAPERS);
  const caption =
    `${dated} dated paper${dated === 1 ? '' : 's'} by ${trace.granularity}, ` +
    (measure === 'share' ? `as a share of each ${trace.granularity}'s papers` : 'counted') +
    (trace.undated ? ` · ${trace.undated} undated` : '') +
    (few ? ` · pale: under ${FEW_PAPERS} papers in the graph that ${trace.granularity}` : '');
  const other: TraceMeasure = measure === 'share' ? 'count' : 'share';
  const toggle = h(
    'button',
    { type: 'button', class: 'small-button', 'data-testid': 'trace-measure', title: `Show the ${other}` },
    other === 'count' ? 'show counts' : 'show shares',
  );
  toggle.addEventListener('click', () => {
    const next = traceChart(trace, color, other);
    figure.replaceWith(next);
    next.querySelector<HTMLButtonElement>('[data-testid="trace-measure"]')?.focus();
  });
  figure.append(bars(trace, color, measure), h('figcaption', {}, caption, ' ', toggle));
  return figure;
}
