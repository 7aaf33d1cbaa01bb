/**
 * Focus (issue 29 item 4): a working set grown by expanding entities' strongest neighbourhoods (1 or 2 hops), pinned or
 * cleared; the shortest path between two entities with the papers on each edge; a venue filter. Everything the set
 * or the path needs that the map has not loaded is fetched from the server and merged into the display graph.
 */
import type { CommunityInfo } from '../../graph/core/types.js';
import type { ApiEdge, ApiNode, ApiPath } from '../api/types.js';
import { api } from './api.js';
import { mergePayload, type DisplayGraph } from './display.js';
import { byId, formatCount, h } from './dom.js';
import { EMPTY_FOCUS, MAX_SEEDS, encodeFocusState, type FocusState } from './focus-state.js';
import { showPath } from './path.js';
import type { PanelContext } from './panel.js';
import { setupVenues } from './venues.js';

/** Neighbours each expansion adds per hop (the server's `top`). */
export const EXPAND_TOP = 15;

/** What the focus features need from the app. */
export interface FocusContext {
  graph: DisplayGraph;
  communities: readonly CommunityInfo[];
  panel: PanelContext;
  /** True when umbrella terms are shown: neighbourhoods and paths then may use them. */
  umbrella(): boolean;
  /** The set of nodes changed (nodes may have been added): recompute filters and redraw. */
  changed(): void;
  /** Moves the camera to show these nodes. */
  fit(keys: ReadonlySet<string>): void;
}

/** How the focus wants the map drawn, when it wants anything. */
export interface FocusView {
  lit: ReadonlySet<string>;
  litEdges: ReadonlySet<string>;
  forced: ReadonlySet<string>;
}

/** A snapshot of the focus for the tests and the console. */
export interface FocusSnapshot {
  seeds: string[];
  hops: number;
  pinned: boolean;
  workingSet: string[];
  pathFrom?: string;
  path?: string[];
  venues: string[];
  venueEntities?: number;
  error?: string;
}

export interface Focus {
  /** The lit nodes and edges of the path, or of the working set unless a hover overrides an unpinned one. */
  view(hovered: string | undefined): FocusView | undefined;
  /** Adds to `hidden` the loaded entities without a paper in the chosen venues. */
  hideByVenue(hidden: Set<string>): void;
  expand(key: string, hops: 1 | 2): Promise<void>;
  setPinned(pinned: boolean): void;
  clearSet(): void;
  pathFrom(key: string): void;
  pathTo(key: string): Promise<void>;
  clearPath(): void;
  setVenues(keys: string[]): Promise<void>;
  /** A click on the empty map: clears an unpinned working set. */
  stageClicked(): void;
  /** The panel's focus buttons for an entity. */
  actions(key: string): HTMLElement;
  /** Fetches what the link's state needs (neighbourhoods, path, venue entities). */
  restore(state: FocusState): Promise<void>;
  encode(params: URLSearchParams): URLSearchParams;
  snapshot(): FocusSnapshot;
}

/** What {@link fitBeside} needs of sigma. */
interface Camera {
  getNodeDisplayData(key: string): { x: number; y: number } | undefined;
  getDimensions(): { width: number; height: number };
  viewportToFramedGraph(
    p: { x: number; y: number },
    o: { cameraState: { x: number; y: number; ratio: number; angle: number } },
  ): { x: number; y: number };
  getCamera(): { animate(state: { x: number; y: number; ratio: number }, o: { duration: number }): Promise<void> };
}

/** Animates the camera to show `keys` in the part of the map the side panel leaves uncovered. */
export function fitBeside(renderer: Camera, keys: ReadonlySet<string>): void {
  const points = [...keys].map((k) => renderer.getNodeDisplayData(k)).filter((d) => d !== undefined);
  if (points.length === 0) return;
  const xs = points.map((d) => d.x);
  const ys = points.map((d) => d.y);
  const { width, height } = renderer.getDimensions();
  const covered = Math.min(420, width * 0.45);
  const free = Math.max(0.3, (width - covered) / width);
  const span = Math.max((Math.max(...xs) - Math.min(...xs)) / free, Math.max(...ys) - Math.min(...ys));
  const ratio = Math.min(1, Math.max(0.05, span * 1.25));
  const centre = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
  const target = renderer.viewportToFramedGraph(
    { x: width / 2 + covered / 2, y: height / 2 },
    { cameraState: { ...centre, ratio, angle: 0 } },
  );
  void renderer.getCamera().animate({ x: target.x, y: target.y, ratio }, { duration: 500 });
}

const toApiEdges = (path: ApiPath): ApiEdge[] =>
  path.edges.map((e) => ({ source: e.source, target: e.target, type: e.types[0] ?? 'CO_OCCURS', weight: e.weight }));

export function createFocus(ctx: FocusContext, onChange: () => void): Focus {
  const { graph } = ctx;
  let state: FocusState = { ...EMPTY_FOCUS, seeds: [], venues: [] };
  const neighbourhoods = new Map<string, string[]>();
  let wsNodes = new Set<string>();
  let path: ApiPath | undefined;
  let pendingFrom: string | undefined;
  let venueEntities: Set<string> | undefined;
  let error: string | undefined;
  let token = 0;
  // While a link is restored the camera stays where the link put it.
  let restoring = false;

  const merge = (nodes: ApiNode[], edges: ApiEdge[]): void => mergePayload(graph, { nodes, edges }, ctx.communities);

  /** The display edges with both ends in `nodes`. */
  function edgesWithin(nodes: ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    for (const node of nodes)
      if (graph.hasNode(node))
        graph.forEachEdge(node, (edge, _a, source, target) => {
          if (nodes.has(source) && nodes.has(target)) out.add(edge);
        });
    return out;
  }
  let wsEdges = new Set<string>();
  let pathNodes = new Set<string>();
  let pathEdges = new Set<string>();

  function rebuildSet(): void {
    wsNodes = new Set(state.seeds.flatMap((seed) => neighbourhoods.get(seed) ?? []));
    wsEdges = edgesWithin(wsNodes);
  }

  async function fetchNeighbourhood(seed: string): Promise<void> {
    const answer = await api.neighbours(seed, state.hops, EXPAND_TOP, ctx.umbrella());
    merge(answer.nodes, answer.edges);
    neighbourhoods.set(
      seed,
      answer.nodes.map((n) => n.key),
    );
  }

  const bar = byId('focus-bar');
  function renderBar(): void {
    const parts: HTMLElement[] = [];
    if (state.seeds.length) {
      const pin = h(
        'button',
        { type: 'button', class: 'small-button', id: 'focus-pin', 'aria-pressed': state.pinned ? 'true' : 'false' },
        state.pinned ? 'Unpin' : 'Pin',
      );
      pin.title = 'A pinned set stays lit while you hover other nodes and when you click the empty map';
      pin.addEventListener('click', () => api_.setPinned(!state.pinned));
      const clear = h('button', { type: 'button', class: 'small-button', id: 'focus-clear' }, 'Clear');
      clear.addEventListener('click', () => api_.clearSet());
      parts.push(
        h(
          'div',
          { class: 'focus-row', 'data-testid': 'working-set' },
          `Working set: ${formatCount(wsNodes.size)} entities from ${state.seeds.length} expanded (${state.hops} hop${state.hops === 1 ? '' : 's'})${state.pinned ? ', pinned' : ''} `,
          pin,
          ' ',
          clear,
        ),
      );
    }
    if (path) {
      const clear = h('button', { type: 'button', class: 'small-button', id: 'path-clear' }, 'Clear path');
      clear.addEventListener('click', () => api_.clearPath());
      const label = (key: string): string => graph.getNodeAttribute(key, 'label') ?? key;
      parts.push(
        h(
          'div',
          { class: 'focus-row', 'data-testid': 'path-bar' },
          path.found
            ? `Path: ${path.nodes.map((n) => n.label).join(' → ')} `
            : `No path between ${graph.hasNode(path.from) ? label(path.from) : path.from} and ${graph.hasNode(path.to) ? label(path.to) : path.to} `,
          clear,
        ),
      );
    } else if (pendingFrom) {
      const cancel = h('button', { type: 'button', class: 'small-button' }, 'Cancel');
      cancel.addEventListener('click', () => {
        pendingFrom = undefined;
        renderBar();
      });
      const label = graph.hasNode(pendingFrom) ? graph.getNodeAttribute(pendingFrom, 'label') : pendingFrom;
      parts.push(
        h('div', { class: 'focus-row' }, `Path from ${label}: open another entity and choose “Path to here”. `, cancel),
      );
    }
    if (error) parts.push(h('div', { class: 'focus-row error' }, error));
    bar.replaceChildren(...parts);
    bar.hidden = parts.length === 0;
  }

  function changed(): void {
    rebuildSet();
    if (path?.found) {
      pathNodes = new Set(path.nodes.map((n) => n.key));
      pathEdges = new Set();
      for (const e of path.edges) {
        const edge = graph.hasNode(e.source) && graph.hasNode(e.target) ? graph.edge(e.source, e.target) : undefined;
        if (edge) pathEdges.add(edge);
      }
    } else {
      pathNodes = new Set();
      pathEdges = new Set();
    }
    renderBar();
    ctx.changed();
    onChange();
  }

  const fail = (cause: unknown): void => {
    error = (cause as Error)?.message ?? String(cause);
    renderBar();
  };

  const venues = setupVenues((keys) => void api_.setVenues(keys));

  const api_: Focus = {
    view(hovered) {
      if (path?.found) return { lit: pathNodes, litEdges: pathEdges, forced: pathNodes };
      if (wsNodes.size && (state.pinned || hovered === undefined))
        return { lit: wsNodes, litEdges: wsEdges, forced: wsNodes };
      return undefined;
    },

    hideByVenue(hidden) {
      if (!venueEntities) return;
      graph.forEachNode((node, a) => {
        if (a.kind !== 'paper' && !venueEntities!.has(node)) hidden.add(node);
      });
    },

    async expand(key, hops) {
      error = undefined;
      const mine = ++token;
      try {
        if (hops !== state.hops) {
          // One hop count for the whole set, as the link carries one: the seeds already there are fetched again.
          state = { ...state, hops };
          neighbourhoods.clear();
          for (const seed of state.seeds) await fetchNeighbourhood(seed);
        }
        if (!state.seeds.includes(key)) {
          await fetchNeighbourhood(key);
          state = { ...state, seeds: [...state.seeds, key].slice(-MAX_SEEDS) };
        }
      } catch (cause) {
        fail(cause);
      }
      if (mine === token) changed();
    },

    setPinned(pinned) {
      state = { ...state, pinned };
      changed();
    },

    clearSet() {
      state = { ...state, seeds: [], pinned: false, hops: 1 };
      neighbourhoods.clear();
      changed();
    },

    pathFrom(key) {
      pendingFrom = key;
      path = undefined;
      state = { ...state, path: undefined };
      changed();
    },

    async pathTo(key) {
      const from = pendingFrom ?? state.path?.[0];
      if (!from || from === key) return;
      error = undefined;
      try {
        const answer = await api.path(from, key, ctx.umbrella());
        if (answer.found) merge(answer.nodes, toApiEdges(answer));
        path = answer;
        pendingFrom = undefined;
        state = { ...state, path: [from, key] };
        if (answer.found) showPath(ctx.panel, answer);
      } catch (cause) {
        fail(cause);
      }
      changed();
      // The two ends are often far apart on the map: show the whole path.
      if (path?.found && !restoring) ctx.fit(pathNodes);
    },

    clearPath() {
      path = undefined;
      pendingFrom = undefined;
      state = { ...state, path: undefined };
      changed();
    },

    async setVenues(keys) {
      error = undefined;
      try {
        venueEntities = keys.length ? new Set((await api.venueEntities(keys)).entities) : undefined;
        state = { ...state, venues: keys };
      } catch (cause) {
        fail(cause);
      }
      venues.show(state.venues);
      changed();
    },

    stageClicked() {
      if (state.seeds.length && !state.pinned) api_.clearSet();
    },

    actions(key) {
      const button = (text: string, id: string, title: string, run: () => void): HTMLButtonElement => {
        const b = h('button', { type: 'button', class: 'small-button', 'data-action': id, title }, text);
        b.addEventListener('click', run);
        return b;
      };
      const from = pendingFrom;
      return h(
        'div',
        { class: 'focus-actions', role: 'group', 'aria-label': 'Focus' },
        button('Expand', 'expand-1', `Add its ${EXPAND_TOP} strongest neighbours to the working set`, () => {
          void api_.expand(key, 1);
        }),
        button('Expand 2 hops', 'expand-2', 'Add its strongest neighbours and theirs to the working set', () => {
          void api_.expand(key, 2);
        }),
        from && from !== key
          ? button('Path to here', 'path-to', 'Show the strongest path from the chosen entity to this one', () => {
              void api_.pathTo(key);
            })
          : button('Path from here', 'path-from', 'Then open another entity and choose “Path to here”', () =>
              api_.pathFrom(key),
            ),
      );
    },

    async restore(initial) {
      state = { ...initial, seeds: [], path: undefined, venues: [] };
      restoring = true;
      try {
        for (const seed of initial.seeds) {
          await fetchNeighbourhood(seed).then(
            () => (state.seeds = [...state.seeds, seed]),
            (cause: unknown) => fail(cause),
          );
        }
        if (initial.path) {
          pendingFrom = initial.path[0];
          await api_.pathTo(initial.path[1]);
        }
        if (initial.venues.length) {
          const known = new Set((await venues.load()).map((v) => v.key));
          await api_.setVenues(initial.venues.filter((v) => known.has(v)));
        } else await venues.load();
      } catch (cause) {
        fail(cause);
      }
      restoring = false;
      changed();
    },

    encode: (params) => encodeFocusState(state, params),

    snapshot() {
      const out: FocusSnapshot = {
        seeds: [...state.seeds],
        hops: state.hops,
        pinned: state.pinned,
        workingSet: [...wsNodes].sort(),
        venues: [...state.venues],
      };
      if (pendingFrom) out.pathFrom = pendingFrom;
      if (path?.found) out.path = path.nodes.map((n) => n.key);
      if (venueEntities) out.venueEntities = venueEntities.size;
      if (error) out.error = error;
      return out;
    },
  };
  return api_;
}
