/** The explorer: loads the snapshot from the API, draws it with sigma, and wires the legend, filters, search, panel, URL and exports. */
import { createNodeBorderProgram } from '@sigma/node-border';
import Sigma from 'sigma';
import type { ApiSearchHit } from '../api/types.js';
import { api } from './api.js';
import { attachCommunityLabels, type CommunityLabelSource } from './community-labels.js';
import {
  communityCentres,
  createDisplayGraph,
  mapExtent,
  mergePayload,
  nodeSize,
  type CommunityCentre,
  type DisplayEdge,
  type DisplayNode,
} from './display.js';
import { byId, formatCount, h } from './dom.js';
import { downloadText, exportPng, toGexf } from './exports.js';
import { panelOffset, setupSidebarToggle } from './layout.js';
import { legendPlanOf, planColor } from './legend.js';
import { createMapLabels, followCamera, LABEL_FONT, LABEL_WEIGHT, type MapLabels } from './map-labels.js';
import { hidePanel, showEntity, showLoading, showPaper, showPanelError, type PanelContext } from './panel.js';
import { createFocus, fitBeside, type Focus } from './focus.js';
import { decodeComparison, encodeComparison, onComparisonChange, restoreComparison } from './compare.js';
import { decodeFocusState } from './focus-state.js';
import { createEdgeReducer, createNodeReducer, strongestNeighbourhood, type HighlightState } from './reducers.js';
import { setupRising } from './rising-list.js';
import { setupSearch } from './search-box.js';
import { renderLegend, setupFilters, type SidebarContext } from './sidebar.js';
import {
  defaultMinPapers,
  hasRange,
  hiddenNodes,
  isUmbrellaNode,
  isVisible,
  meanYear,
  papersInRange,
  type CameraView,
  type Filters,
} from './state.js';
import { periodOf, periodText, setupTimeline, yearColor, yearScale } from './timeline.js';
import { decodeViewState, encodeViewState } from './url.js';

async function main(): Promise<void> {
  setupSidebarToggle();
  const initial = decodeViewState(location.search);
  const meta = await api.meta();
  document.title = `${meta.name} · kg explorer`;
  const communities = new Map(meta.communities.map((c) => [c.id, c]));
  // One colour plan (legend.ts) for the legend, the nodes (mergePayload) and the community labels.
  const color = (id: number): string => planColor(legendPlanOf(meta.communities), id);
  const namedCommunities = new Map(legendPlanOf(meta.communities).listed.map((c) => [c.id, c]));
  const umbrellaBelow = meta.specificity.umbrellaBelow;

  let limit = Math.min(initial.limit ?? meta.defaultLimit, Math.max(1, meta.counts.entities));
  let papersLoaded = initial.filters.papers;
  const graph = createDisplayGraph();
  let payload = await api.graph(limit, papersLoaded);
  mergePayload(graph, payload, meta.communities);

  let explicitMin = initial.explicitMin;
  let filters: Filters = initial.filters;
  // Tuned to the entities the other filters let through: hidden umbrella terms need no room.
  const counts: number[] = [];
  graph.forEachNode((_n, a) => {
    if (a.kind !== 'paper' && (filters.umbrella || !isUmbrellaNode(a, umbrellaBelow))) counts.push(a.paperCount);
  });
  const automaticMin = defaultMinPapers(counts);
  if (!explicitMin) filters = { ...filters, minPapers: automaticMin };
  let selected = initial.selected;
  let hovered: string | undefined;
  let hidden = new Set<string>();
  let centres: CommunityCentre[] = [];
  let highlight: HighlightState = { hidden };
  // A date range sizes entities by their papers within it; colour by year paints them by their papers' mean year.
  let sizes: Map<string, number> | undefined;
  let colors: Map<string, string> | undefined;
  let scale: [number, number] | undefined;
  let datedEntities = { dated: 0, all: 0 };
  // Working set, path and venue filter (focus.ts); made once the panel exists, read by the filters and the highlight.
  const late0: { focus?: Focus } = {};

  // graphology's nodeEntries yields {node, attributes}; the filters take [key, attributes] pairs.
  const entries = function* (): Generator<[string, DisplayNode]> {
    for (const { node, attributes } of graph.nodeEntries()) yield [node, attributes];
  };
  const recompute = (): void => {
    hidden = hiddenNodes(entries(), filters, umbrellaBelow);
    late0.focus?.hideByVenue(hidden);
    centres = communityCentres(graph, hidden);
    sizes = undefined;
    if (hasRange(filters)) {
      sizes = new Map();
      for (const [node, a] of entries())
        if (a.kind !== 'paper' && !hidden.has(node)) sizes.set(node, nodeSize(papersInRange(a, filters), a.kind));
    }
    colors = undefined;
    scale = undefined;
    if (filters.colorBy === 'year') {
      // The scale spans the loaded entities, not the visible ones, so colours keep their meaning while the period moves.
      const means = new Map<string, number | undefined>();
      for (const [node, a] of entries()) if (a.kind !== 'paper') means.set(node, meanYear(a));
      const dated = [...means.values()].filter((m): m is number => m !== undefined);
      scale = yearScale(dated);
      datedEntities = { dated: dated.length, all: means.size };
      colors = new Map();
      for (const [node, mean] of means) colors.set(node, yearColor(mean, scale));
    }
  };
  const updateHighlight = (): void => {
    const center = hovered ?? selected;
    const state: HighlightState = { hidden };
    if (sizes) state.sizes = sizes;
    if (colors) state.colors = colors;
    if (selected) state.selected = selected;
    const view = late0.focus?.view(hovered);
    if (view) {
      Object.assign(state, view);
      if (hovered && graph.hasNode(hovered)) state.center = hovered;
    } else if (center && graph.hasNode(center)) {
      state.center = center;
      // Its strongest visible neighbours only: all of a hub's would light half the map.
      const edges: [string, number][] = [];
      graph.forEachEdge(center, (_e, a, source, target) => {
        const other = source === center ? target : source;
        if (!hidden.has(other)) edges.push([other, a.weight]);
      });
      state.lit = strongestNeighbourhood(center, edges);
    }
    highlight = state;
  };
  recompute();
  updateHighlight();

  const container = byId('graph');
  // The labels need the renderer and the renderer their drawing function and reducer: bound once both exist.
  const late: { labels?: MapLabels } = {};
  const renderer = new Sigma<DisplayNode, DisplayEdge>(graph, container, {
    nodeReducer: createNodeReducer(
      () => highlight,
      (node) => late.labels?.labelled(node) ?? false,
    ) as never,
    edgeReducer: createEdgeReducer(
      () => highlight,
      (edge) => graph.extremities(edge),
    ) as never,
    nodeProgramClasses: {
      border: createNodeBorderProgram({
        borders: [
          { size: { value: 0.35 }, color: { attribute: 'borderColor' } },
          { size: { fill: true }, color: { value: '#ffffff' } },
        ],
      }),
    },
    labelFont: LABEL_FONT,
    labelSize: 12,
    labelWeight: LABEL_WEIGHT,
    labelColor: { color: '#1f2328' },
    // Sigma's label grid is off: the label planner (map-labels.ts) picks the labels and sigma draws those it forces.
    labelDensity: 0,
    defaultDrawNodeLabel: (context, data, settings) => late.labels?.drawLabel(context, data, settings),
    // Sizes are in layout units, as the layout kept the circles apart: at the opening zoom nothing overlaps on any
    // screen; zooming in grows the nodes more slowly than the distances (sigma's default square root).
    itemSizesReference: 'positions',
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 5,
    hideEdgesOnMove: graph.size > 30_000,
    stagePadding: 24,
  });

  const mapLabels = createMapLabels(renderer, graph, {
    candidate: (node) =>
      !(hidden.has(node) && node !== selected && !highlight.forced?.has(node)) &&
      (!highlight.lit || highlight.lit.has(node)),
    first: () => [hovered, selected].filter((n): n is string => n !== undefined && graph.hasNode(n)),
    centres: () => centres,
    // Only the communities the legend lists are named on the map: folded ones are grey crumbs.
    communities: () => namedCommunities,
    opacity: () => (highlight.lit ? 0.25 : 1),
  });
  late.labels = mapLabels;
  const labelSource: CommunityLabelSource = {
    spots: () => mapLabels.communitySpots(),
    color,
    opacity: () => (highlight.lit ? 0.25 : 1),
  };
  let communityBoxes: { text: string; box: { x0: number; y0: number; x1: number; y1: number } }[] = [];
  attachCommunityLabels(renderer, labelSource, (drawn) => (communityBoxes = drawn));
  const replan = followCamera(renderer, mapLabels);
  const frame = (): void => {
    renderer.setCustomBBox(mapExtent(graph));
    replan();
  };
  frame();

  // --- URL state: a selection (or focus) change pushes a history entry, so Back steps through them; the rest replaces.
  let cameraTouched = initial.camera !== undefined;
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const writeUrl = (push: boolean): void => {
    const state = renderer.getCamera().getState();
    const camera: CameraView | undefined = cameraTouched ? { x: state.x, y: state.y, ratio: state.ratio } : undefined;
    const view = encodeViewState(
      { filters, selected, camera, limit: limit !== meta.defaultLimit ? limit : undefined },
      { explicitMin },
    );
    // The working set, path and venues (focus.ts) ride along.
    const qs = encodeComparison(late0.focus?.encode(new URLSearchParams(view)) ?? new URLSearchParams(view)).toString();
    const search = qs ? `?${qs}` : '';
    if (push && search !== location.search) history.pushState(null, '', search || location.pathname);
    else history.replaceState(null, '', search || location.pathname);
  };
  const syncUrl = (push = false): void => {
    clearTimeout(urlTimer);
    if (push) writeUrl(true);
    else urlTimer = setTimeout(() => writeUrl(false), 150);
  };
  renderer.getCamera().on('updated', () => {
    cameraTouched = true;
    syncUrl();
  });

  // --- status line and "show more" ---------------------------------------------------------------
  const status = byId('status');
  /** What the last "show more" did; cleared by the next filter change. */
  let notice: HTMLElement | undefined;
  const NOTICE = { class: 'load-notice', 'data-testid': 'load-notice' };
  const renderStatus = (): void => {
    let entities = 0;
    let papers = 0;
    graph.forEachNode((node, a) => {
      if (hidden.has(node)) return;
      if (a.kind === 'paper') papers += 1;
      else entities += 1;
    });
    const count = h(
      'span',
      { 'data-testid': 'visible-count', 'data-count': entities },
      `${formatCount(entities)} entities shown`,
    );
    const loaded =
      payload.entities.shown < payload.entities.total
        ? ` · top ${formatCount(payload.entities.shown)} of ${formatCount(payload.entities.total)} loaded`
        : ` of ${formatCount(payload.entities.total)}`;
    const more =
      payload.entities.shown < payload.entities.total
        ? h(
            'button',
            { type: 'button', id: 'show-more', class: 'small-button', title: 'Load the next entities by paper count' },
            `Show ${formatCount(Math.min(meta.defaultLimit, payload.entities.total - payload.entities.shown))} more`,
          )
        : null;
    more?.addEventListener('click', () => void loadMore());
    status.replaceChildren(
      count,
      loaded,
      papers ? ` · ${formatCount(papers)} papers` : '',
      filters.minPapers > 1 ? ` · ≥ ${filters.minPapers} papers each` : '',
      hasRange(filters) ? ` · sized by their papers in ${rangeText()}` : '',
      more ? ' ' : '',
      more ?? '',
      notice ? ' ' : '',
      notice ?? '',
    );
  };

  /** The date range in words: "2005", "2003–2005", or its dates. */
  const rangeText = (): string => {
    const period = periodOf(filters);
    return period ? periodText(period) : `${filters.from ?? '…'} – ${filters.to ?? '…'}`;
  };

  const redraw = (): void => {
    updateHighlight();
    mapLabels.update();
    renderer.refresh({ skipIndexation: true });
  };

  const sidebar: SidebarContext = {
    meta,
    color,
    filters: () => filters,
    setFilters: (next, options = {}) => void applyFilters(next, options.explicitMin),
    visibleByCommunity: () => {
      const counts = new Map<number, number>();
      graph.forEachNode((node, a) => {
        if (a.kind !== 'paper' && !hidden.has(node)) counts.set(a.community, (counts.get(a.community) ?? 0) + 1);
      });
      return counts;
    },
  };
  const showFilterControls = setupFilters(sidebar);
  const showTimeline = setupTimeline({
    meta,
    filters: () => filters,
    setFilters: (next) => void applyFilters(next),
    busy: () => applyPending !== undefined,
    scale: () => scale,
    dated: () => datedEntities,
  });
  const showFilters = (f: Filters): void => {
    showFilterControls(f);
    showTimeline(f);
  };
  const renderRising = setupRising({
    graph,
    years: meta.years,
    hidden: () => hidden,
    filters: () => filters,
    open: (key) => void select(key, { center: true }),
  });

  /** What the pending map pass must do besides recomputing (several filter changes may share one pass). */
  let applyPending: { focusChanged: boolean; push: boolean } | undefined;
  let applyTimer: ReturnType<typeof setTimeout> | undefined;
  /** A slider step waits this long for the next before the map redraws: a redraw of a large map costs a frame or more. */
  const SETTLE_MS = 120;

  /**
   * Applies filters: the controls, the visible set and the status line at once; the map (legend, labels, redraw) in one
   * pass at the next frame, or, while the minimum alone changes (a held arrow key on the slider), once the steps pause.
   * A focus change pushes a history entry unless it comes from the history (`fromHistory`).
   */
  async function applyFilters(next: Filters, userSetMin = false, fromHistory = false): Promise<void> {
    if (userSetMin) explicitMin = true;
    const focusChanged = next.focus !== filters.focus;
    const minOnly =
      encodeViewState({ filters: { ...next, minPapers: filters.minPapers } }) === encodeViewState({ filters });
    filters = next;
    notice = undefined;
    showFilters(filters);
    if (filters.papers && !papersLoaded) {
      papersLoaded = true;
      payload = { ...(await api.graph(limit, true)), entities: payload.entities };
      mergePayload(graph, payload, meta.communities);
      frame();
    }
    recompute();
    // The year scale depends on what recompute found.
    showTimeline(filters);
    renderStatus();
    const pending = (applyPending ??= { focusChanged: false, push: false });
    pending.focusChanged ||= focusChanged;
    pending.push ||= focusChanged && !fromHistory;
    clearTimeout(applyTimer);
    applyTimer = setTimeout(() => requestAnimationFrame(mapPass), minOnly ? SETTLE_MS : 0);
  }

  /** The map's share of the pending filter changes: legend, labels, redraw, camera and URL. */
  function mapPass(): void {
    const pending = applyPending;
    if (!pending) return;
    applyPending = undefined;
    renderLegend(sidebar);
    renderRising();
    redraw();
    if (pending.focusChanged && filters.focus !== undefined) fitTo((node) => !hidden.has(node));
    syncUrl(pending.push);
  }

  /**
   * Loads the next entities by paper count and says what came of it: they all have fewer papers than the ones already
   * loaded, so under the minimum the page chose they would not show, and the click would seem to do nothing. A minimum
   * the page chose (the opening view's) gives way to the click, which asked for more; a minimum the user set stays,
   * with a button that lowers it.
   */
  async function loadMore(): Promise<void> {
    const before = new Set(graph.nodes());
    limit = Math.min(payload.entities.total, limit + meta.defaultLimit);
    payload = await api.graph(limit, papersLoaded);
    mergePayload(graph, payload, meta.communities);
    recompute();
    const added: DisplayNode[] = [];
    graph.forEachNode((node, a) => {
      if (a.kind !== 'paper' && !before.has(node)) added.push(a);
    });
    const shown = (): number => added.filter((a) => isVisible(a, filters, umbrellaBelow)).length;
    // The minimum that lets through every new entity the other filters keep.
    const others = added.filter((a) => isVisible(a, { ...filters, minPapers: 1 }, umbrellaBelow));
    const lowest = Math.min(...others.map((a) => a.paperCount));
    const loaded = `Loaded ${formatCount(added.length)} more entities`;
    if (shown() > 0 || others.length === 0) {
      notice = h('span', NOTICE, `${loaded}; ${formatCount(shown())} of them shown.`);
    } else if (!explicitMin) {
      const from = filters.minPapers;
      filters = { ...filters, minPapers: lowest };
      explicitMin = true;
      showFilters(filters);
      recompute();
      notice = h(
        'span',
        NOTICE,
        `${loaded}; all had fewer than ${formatCount(from)} papers, so the minimum went down to ${formatCount(lowest)}: ${formatCount(shown())} of them shown.`,
      );
    } else {
      const lower = h('button', { type: 'button', class: 'small-button', id: 'lower-min' }, `Lower it to ${lowest}`);
      lower.addEventListener('click', () => void applyFilters({ ...filters, minPapers: lowest }, true));
      notice = h(
        'span',
        NOTICE,
        `${loaded}, none shown: they have fewer papers than your minimum of ${formatCount(filters.minPapers)}. `,
        lower,
      );
    }
    renderLegend(sidebar);
    renderRising();
    renderStatus();
    updateHighlight();
    frame();
    renderer.refresh();
    syncUrl();
  }

  /** Animates the camera to the bounding box of the nodes that pass `keep`. */
  function fitTo(keep: (node: string) => boolean): void {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    graph.forEachNode((node) => {
      if (!keep(node)) return;
      const d = renderer.getNodeDisplayData(node);
      if (!d) return;
      x0 = Math.min(x0, d.x);
      y0 = Math.min(y0, d.y);
      x1 = Math.max(x1, d.x);
      y1 = Math.max(y1, d.y);
    });
    if (!Number.isFinite(x0)) return;
    const ratio = Math.min(1, Math.max(0.05, Math.max(x1 - x0, y1 - y0) * 1.15));
    void renderer.getCamera().animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 500 });
  }

  // --- selection and panel -------------------------------------------------------------------------
  let openToken = 0;
  const panelContext: PanelContext = {
    communities,
    color,
    open: (key) => void select(key, { center: true }),
    onMap: (key) => graph.hasNode(key),
    close: () => deselect(),
    actions: (key) => late0.focus?.actions(key) ?? null,
  };
  const focus = createFocus(
    {
      graph,
      communities: meta.communities,
      panel: panelContext,
      umbrella: () => filters.umbrella,
      changed: () => {
        recompute();
        renderLegend(sidebar);
        renderRising();
        renderStatus();
        frame();
      },
      fit: (keys) => fitBeside(renderer, keys),
    },
    () => {
      redraw();
      syncUrl();
    },
  );
  late0.focus = focus;

  /** Selects a node and opens its panel; pushes a history entry unless `push` is false (page load, Back/forward). */
  async function select(key: string, options: { center: boolean; push?: boolean }): Promise<void> {
    const token = ++openToken;
    selected = key;
    redraw();
    syncUrl(options.push ?? true);
    if (options.center && graph.hasNode(key)) {
      const d = renderer.getNodeDisplayData(key);
      if (d) {
        // Centre the node in the part of the map the panel (beside it, or a bottom sheet) leaves uncovered.
        const ratio = Math.min(renderer.getCamera().getState().ratio, 0.35);
        const { width, height } = renderer.getDimensions();
        const offset = panelOffset(width, height);
        const target = renderer.viewportToFramedGraph(
          { x: width / 2 + offset.x, y: height / 2 + offset.y },
          { cameraState: { x: d.x, y: d.y, ratio, angle: 0 } },
        );
        void renderer.getCamera().animate({ x: target.x, y: target.y, ratio }, { duration: 450 });
      }
    }
    showLoading(panelContext, key);
    try {
      if (key.startsWith('paper:')) {
        const paper = await api.paper(key.slice('paper:'.length));
        if (token === openToken) showPaper(panelContext, paper);
      } else {
        const entity = await api.entity(key);
        if (token === openToken) showEntity(panelContext, entity, api.trace(key));
      }
    } catch (error) {
      if (token === openToken) showPanelError(panelContext, (error as Error).message);
    }
  }

  function deselect(push = true): void {
    openToken += 1;
    selected = undefined;
    hidePanel();
    redraw();
    syncUrl(push);
  }

  /** Sets the comparison a query string names; entities the snapshot lacks are dropped. */
  async function restoreLinkedComparison(query: string): Promise<void> {
    const keys = decodeComparison(query);
    const labelled = await Promise.all(
      keys.map(async (key) => {
        if (graph.hasNode(key)) return { key, label: graph.getNodeAttribute(key, 'label') };
        return api.entity(key).then(
          (e) => ({ key, label: e.label }),
          () => undefined,
        );
      }),
    );
    restoreComparison(labelled.filter((c): c is { key: string; label: string } => c !== undefined));
  }

  // Back/forward: restore the entry's filters, selection and camera without pushing again.
  window.addEventListener('popstate', () => {
    void restoreLinkedComparison(location.search);
    const state = decodeViewState(location.search);
    explicitMin = state.explicitMin;
    const next = explicitMin ? state.filters : { ...state.filters, minPapers: automaticMin };
    if (
      encodeViewState({ filters: next }, { explicitMin: true }) !== encodeViewState({ filters }, { explicitMin: true })
    )
      void applyFilters(next, false, true);
    if (state.selected && state.selected !== selected)
      void select(state.selected, { center: !state.camera, push: false });
    else if (!state.selected && selected) deselect(false);
    if (state.camera) void renderer.getCamera().animate(state.camera, { duration: 300 });
  });

  renderer.on('clickNode', ({ node }) => void select(node, { center: false }));
  renderer.on('clickStage', () => {
    focus.stageClicked();
    if (selected) deselect();
  });
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    container.style.cursor = 'pointer';
    redraw();
  });
  renderer.on('leaveNode', () => {
    hovered = undefined;
    container.style.cursor = '';
    redraw();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && selected && document.activeElement?.tagName !== 'INPUT') deselect();
  });

  setupSearch(
    byId<HTMLInputElement>('search'),
    byId('suggestions'),
    (hit: ApiSearchHit) => void select(hit.key, { center: true }),
  );

  byId('export-png').addEventListener('click', () => void exportPng(renderer, labelSource, `${meta.name}-view`));
  byId('export-gexf').addEventListener('click', () =>
    downloadText(toGexf(graph, hidden), `${meta.name}.gexf`, 'application/gexf+xml'),
  );
  byId('zoom-in').addEventListener('click', () => void renderer.getCamera().animatedZoom({ duration: 250 }));
  byId('zoom-out').addEventListener('click', () => void renderer.getCamera().animatedUnzoom({ duration: 250 }));
  byId('zoom-reset').addEventListener('click', () => void renderer.getCamera().animatedReset({ duration: 300 }));

  showFilters(filters);
  renderLegend(sidebar);
  renderRising();
  renderStatus();
  byId('graph-name').textContent = meta.name;
  byId('graph-meta').textContent =
    `${formatCount(meta.counts.papers)} papers · ${formatCount(meta.counts.entities)} entities · ${meta.communities.length} communities`;
  if (initial.camera) renderer.getCamera().setState(initial.camera);
  renderer.refresh();
  // A link's comparison (`cmp=`), labelled from the map or the API, is in place before its entity's panel draws.
  await restoreLinkedComparison(location.search);
  onComparisonChange(() => syncUrl());
  if (selected) void select(selected, { center: !initial.camera, push: false });
  await focus.restore(decodeFocusState(location.search));
  document.body.dataset.ready = 'true';
  // A handle for the browser tests and for poking at the view from the devtools console.
  (window as unknown as { kgExplorer: unknown }).kgExplorer = {
    renderer,
    graph,
    filters: () => filters,
    hidden: () => hidden,
    /** True while filter changes wait for their map pass (the legend, labels and map not yet redrawn). */
    busy: () => applyPending !== undefined,
    highlight: () => highlight,
    focus,
    open: (key: string) => select(key, { center: true }),
    drawnLabelBoxes: () => mapLabels.drawnBoxes(),
    communityLabelBoxes: () => communityBoxes,
  };
}

main().catch((error: unknown) => {
  const banner = byId('fatal');
  banner.textContent = `The explorer could not start: ${(error as Error)?.message ?? String(error)}`;
  banner.hidden = false;
  document.body.dataset.ready = 'error';
});
