/** The panel of a path: each edge of the shortest path with the papers that show it (title, year, open, link). */
import type { ApiPath } from '../api/types.js';
import { formatCount, h, safeHref } from './dom.js';
import { show, type PanelContext } from './panel.js';

/** Renders a found path in the side panel. */
export function showPath(ctx: PanelContext, path: ApiPath): void {
  const labels = new Map(path.nodes.map((n) => [n.key, n.label]));
  const label = (key: string): string => labels.get(key) ?? key;
  const node = (key: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', class: 'link', 'data-key': key }, label(key));
    b.addEventListener('click', () => ctx.open(key));
    return b;
  };
  const steps = h('ol', { class: 'path-steps', 'data-testid': 'path-steps' });
  for (const edge of path.edges) {
    const papers = h('ul', { class: 'papers path-papers' });
    for (const paper of edge.papers) {
      const open = h(
        'button',
        { type: 'button', class: 'link paper-title', 'data-key': `paper:${paper.id}` },
        paper.title,
      );
      open.addEventListener('click', () => ctx.open(`paper:${paper.id}`));
      const href = safeHref(paper.url);
      papers.append(
        h(
          'li',
          { 'data-testid': 'path-paper' },
          open,
          paper.year !== undefined || paper.date ? h('span', { class: 'date' }, ` ${paper.date ?? paper.year}`) : null,
          href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'small' }, ' ↗') : null,
        ),
      );
    }
    const types = edge.types.map((t) => (t === 'CO_OCCURS' ? 'co-occur' : t.replace('_', ' ').toLowerCase()));
    steps.append(
      h(
        'li',
        { 'data-testid': 'path-step', 'data-source': edge.source, 'data-target': edge.target },
        h('div', { class: 'path-edge' }, node(edge.source), ' — ', node(edge.target)),
        h(
          'p',
          { class: 'muted small' },
          `${types.join(', ')} · weight ${edge.weight} · ${formatCount(edge.totalPapers)} paper${edge.totalPapers === 1 ? '' : 's'}${edge.totalPapers > edge.papers.length ? `, newest ${edge.papers.length} shown` : ''}`,
        ),
        papers,
      ),
    );
  }
  // A path opens the panel: it takes the keyboard focus, as a node does.
  show(
    ctx,
    'path',
    true,
    h('h2', { 'data-testid': 'panel-title' }, `${label(path.from)} → ${label(path.to)}`),
    h(
      'p',
      { class: 'muted' },
      `${path.edges.length} step${path.edges.length === 1 ? '' : 's'}, the strongest links first: each edge costs 1/weight (papers showing it).`,
    ),
    steps,
  );
}
