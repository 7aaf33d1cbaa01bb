/** The trace of an entity as a small SVG bar chart: papers per period, empty periods included. */
import type { ApiTrace } from '../api/types.js';
import { h, svg } from './dom.js';

/** Builds the chart (or a sentence when no paper mentioning it has a date). */
export function traceChart(trace: ApiTrace, color: string): HTMLElement {
  const figure = h('figure', { class: 'trace', 'data-testid': 'trace' });
  const dated = trace.total - trace.undated;
  const caption =
    `${dated} dated paper${dated === 1 ? '' : 's'} by ${trace.granularity}` +
    (trace.undated ? ` · ${trace.undated} undated` : '');
  if (trace.bins.length === 0) {
    figure.append(h('figcaption', {}, `No dated papers (${trace.total} undated).`));
    return figure;
  }
  const width = 320;
  const height = 84;
  const axis = 16;
  const n = trace.bins.length;
  const top = Math.max(...trace.bins.map((b) => b.papers), 1);
  const step = width / n;
  const gap = n > 40 ? 0 : Math.min(3, step * 0.2);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height + axis}`,
    width: '100%',
    role: 'img',
    'aria-label': `papers mentioning ${trace.label} per ${trace.granularity}`,
  });
  trace.bins.forEach((bin, i) => {
    const barHeight = bin.papers === 0 ? 0 : Math.max(2, (bin.papers / top) * height);
    const rect = svg('rect', {
      x: (i * step + gap / 2).toFixed(2),
      y: (height - barHeight).toFixed(2),
      width: Math.max(0.5, step - gap).toFixed(2),
      height: barHeight.toFixed(2),
      fill: color,
      rx: 1,
    });
    rect.append(svg('title', {}, `${bin.period}: ${bin.papers} paper${bin.papers === 1 ? '' : 's'}`));
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
  chart.append(svg('text', { x: width, y: 10, 'font-size': 10, fill: '#5f6875', 'text-anchor': 'end' }, `max ${top}`));
  figure.append(chart, h('figcaption', {}, caption));
  return figure;
}
