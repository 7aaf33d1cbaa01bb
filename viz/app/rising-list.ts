/** The sidebar's "Rising in this view" list (rising.ts computes it): a button per entity, or a sentence saying why none. */
import { byId, formatCount, h } from './dom.js';
import type { DisplayGraph } from './display.js';
import { formatShare, risingInView, type RisingNode, type RisingResult } from './rising.js';
import type { Filters } from './state.js';

/** What the list reads of the explorer. */
export interface RisingContext {
  graph: DisplayGraph;
  /** Dated papers per year of the whole graph (`ApiMeta.years`). */
  years: Readonly<Record<string, number>>;
  hidden: () => ReadonlySet<string>;
  filters: () => Filters;
  /** Opens an entity (its panel, centred on the map). */
  open: (key: string) => void;
}

/** The graph's nodes as [key, attributes] pairs. */
function* nodesOf(graph: DisplayGraph): Generator<[string, RisingNode]> {
  for (const { node, attributes } of graph.nodeEntries()) yield [node, attributes];
}

/** Builds the list's section in `#rising-section`; returns the function that recomputes and redraws it. */
export function setupRising(ctx: RisingContext): () => RisingResult {
  const list = byId('rising-list');
  const note = byId('rising-note');
  const draw = (result: RisingResult): void => {
    // A redraw keeps the keyboard on the entry that had it.
    const active = document.activeElement as HTMLElement | null;
    const focused = active?.closest('#rising-list') ? active.dataset.key : undefined;
    if ('reason' in result) {
      note.textContent = result.reason;
      list.replaceChildren();
      list.hidden = true;
      return;
    }
    const [since, until] = result.period;
    note.textContent = `Fastest-growing share of each year’s papers, ${since}–${until} (entities with ${formatCount(result.minPapers)} papers or more in it).`;
    list.replaceChildren(
      ...result.entries.map((entry) => {
        const change = `${formatShare(entry.shareStart)} → ${formatShare(entry.shareEnd)} of papers`;
        const button = h(
          'button',
          {
            type: 'button',
            class: 'rising-entry',
            'data-key': entry.key,
            title: `${entry.label} (${entry.kind}): ${formatCount(entry.papers)} papers in ${since}–${until}; its share went from ${change}`,
          },
          h('span', { class: 'rising-label' }, entry.label),
          h('span', { class: 'rising-change muted small' }, change),
        );
        button.addEventListener('click', () => ctx.open(entry.key));
        return h('li', {}, button);
      }),
    );
    list.hidden = false;
    if (focused) list.querySelector<HTMLElement>(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  };
  return () => {
    const start = performance.now();
    const result = risingInView(nodesOf(ctx.graph), ctx.hidden(), ctx.years, ctx.filters());
    draw(result);
    // Its cost per filter change, in the devtools' performance panel (User Timing) and for the browser test.
    performance.measure('kg:rising', { start });
    return result;
  };
}
