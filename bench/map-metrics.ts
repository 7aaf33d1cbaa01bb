/**
 * What a reader of the explorer's map meets, measured in the page from sigma's own display data (issue 29): how many
 * drawn nodes overlap another, how many of the largest carry a label, whether a community label covers a node label,
 * and whether a click on a labelled node's centre opens that node. Shared by the browser tests and `bench/map-view.ts`.
 */
import type { Page } from 'playwright-core';

/** A box in viewport pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A node as drawn: viewport centre and radius in pixels. */
export interface DrawnNode {
  key: string;
  label: string;
  x: number;
  y: number;
  radius: number;
  /** Its paper count (the display graph's attribute). */
  papers: number;
  labelled: boolean;
}

/** The figures of one view. */
export interface MapFigures {
  viewport: { width: number; height: number };
  /** Nodes sigma draws whose circle meets the viewport. */
  drawn: number;
  /** Drawn nodes whose circle overlaps another drawn node's (centres closer than the sum of the radii). */
  overlapping: number;
  /** `overlapping / drawn`. */
  overlapShare: number;
  /** The 30 largest drawn nodes (by radius in pixels; ties, as under a size cap, by papers, then key), largest first. */
  largest: DrawnNode[];
  /** How many of {@link largest} carry a label (sigma's `getNodeDisplayedLabels()`). */
  largestLabelled: number;
  /** Node labels sigma drew. */
  labels: number;
  /** Pairs of node label boxes that overlap each other. */
  labelCollisions: number;
  /** Where the node label boxes came from: recorded by the app as it drew them, or sigma's default placement. */
  labelBoxes: 'drawn' | 'sigma-default';
  /** Community labels drawn (undefined: the app does not report them). */
  communityLabels?: number;
  /** Community labels whose box covers a node label box, as `community text → node key`. */
  communityOverNode?: string[];
  /** Radius in pixels of the largest and the smallest drawn node. */
  radius: { max: number; min: number };
}

/** The page globals read here (bench/ compiles without the DOM library, so they are typed by hand). */
interface PageGlobals {
  kgExplorer: ExplorerHandle;
  document: {
    createElement(tag: 'canvas'): {
      getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null;
    };
  };
  location: { search: string };
}

/** What the app hands the tests on `window.kgExplorer` (the parts read here). */
interface ExplorerHandle {
  renderer: {
    getNodeDisplayData(
      key: string,
    ): { x: number; y: number; size: number; hidden?: boolean; label?: string | null } | undefined;
    framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
    scaleSize(size: number): number;
    getDimensions(): { width: number; height: number };
    getNodeDisplayedLabels(): Set<string>;
    getSetting(name: string): unknown;
  };
  graph: { nodes(): string[]; getNodeAttribute(key: string, name: 'paperCount'): number | undefined };
  /** Node label boxes as drawn in the last render (newer apps). */
  drawnLabelBoxes?: () => Record<string, Box>;
  /** Community label texts and boxes as drawn in the last render (newer apps). */
  communityLabelBoxes?: () => { text: string; box: Box }[];
}

/** Measures the current view. Run it once the map is at rest. */
export function measureMap(page: Page): Promise<MapFigures> {
  return page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const explorer = page.kgExplorer;
    const { renderer, graph } = explorer;
    const { width, height } = renderer.getDimensions();
    const shown = renderer.getNodeDisplayedLabels();
    const nodes: DrawnNode[] = [];
    for (const key of graph.nodes()) {
      const d = renderer.getNodeDisplayData(key);
      if (!d || d.hidden) continue;
      const p = renderer.framedGraphToViewport(d);
      const radius = renderer.scaleSize(d.size);
      if (p.x + radius < 0 || p.x - radius > width || p.y + radius < 0 || p.y - radius > height) continue;
      nodes.push({
        key,
        label: typeof d.label === 'string' ? d.label : '',
        x: p.x,
        y: p.y,
        radius,
        papers: graph.getNodeAttribute(key, 'paperCount') ?? 0,
        labelled: shown.has(key),
      });
    }
    // Overlaps through a grid of cells as wide as the largest diameter, so each pair is looked at once or not at all.
    const cell = Math.max(1, 2 * Math.max(0, ...nodes.map((n) => n.radius)));
    const grid = new Map<string, number[]>();
    nodes.forEach((n, i) => {
      const k = `${Math.floor(n.x / cell)},${Math.floor(n.y / cell)}`;
      const list = grid.get(k);
      if (list) list.push(i);
      else grid.set(k, [i]);
    });
    const overlapping = new Set<number>();
    nodes.forEach((n, i) => {
      const cx = Math.floor(n.x / cell);
      const cy = Math.floor(n.y / cell);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (j <= i) continue;
            const m = nodes[j]!;
            if (Math.hypot(n.x - m.x, n.y - m.y) < n.radius + m.radius) {
              overlapping.add(i);
              overlapping.add(j);
            }
          }
        }
      }
    });
    const largest = [...nodes]
      .sort((a, b) => b.radius - a.radius || b.papers - a.papers || (a.key < b.key ? -1 : 1))
      .slice(0, 30);

    // Node label boxes: as the app drew them when it says, else where sigma's default drawLabel puts them.
    let boxes: Record<string, Box>;
    let labelBoxes: MapFigures['labelBoxes'];
    if (explorer.drawnLabelBoxes) {
      boxes = explorer.drawnLabelBoxes();
      labelBoxes = 'drawn';
    } else {
      labelBoxes = 'sigma-default';
      boxes = {};
      const size = renderer.getSetting('labelSize') as number;
      const ctx = page.document.createElement('canvas').getContext('2d')!;
      ctx.font = `${renderer.getSetting('labelWeight') as string} ${size}px ${renderer.getSetting('labelFont') as string}`;
      for (const n of nodes) {
        if (!n.labelled) continue;
        const left = n.x + n.radius + 3;
        boxes[n.key] = { x0: left, y0: n.y - size / 2, x1: left + ctx.measureText(n.label).width, y1: n.y + size / 2 };
      }
    }
    const meets = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    const labelList = Object.entries(boxes);
    let labelCollisions = 0;
    for (let i = 0; i < labelList.length; i++)
      for (let j = i + 1; j < labelList.length; j++)
        if (meets(labelList[i]![1], labelList[j]![1])) labelCollisions += 1;
    const figures: MapFigures = {
      viewport: { width, height },
      drawn: nodes.length,
      overlapping: overlapping.size,
      overlapShare: nodes.length ? overlapping.size / nodes.length : 0,
      largest,
      largestLabelled: largest.filter((n) => n.labelled).length,
      labels: shown.size,
      labelCollisions,
      labelBoxes,
      radius: { max: Math.max(0, ...nodes.map((n) => n.radius)), min: Math.min(...nodes.map((n) => n.radius)) },
    };
    if (explorer.communityLabelBoxes) {
      const drawn = explorer.communityLabelBoxes();
      figures.communityLabels = drawn.length;
      figures.communityOverNode = drawn.flatMap((c) =>
        labelList.filter(([, box]) => meets(c.box, box)).map(([key]) => `${c.text} → ${key}`),
      );
    }
    return figures;
  });
}

/** One click on a node's centre: which node the explorer then had selected. */
export interface ClickResult {
  key: string;
  opened: string | null;
}

/**
 * Clicks the viewport centres of the `count` largest labelled nodes of `figures`, one at a time, and reads which node
 * each click selected (the `node` parameter the explorer writes to the URL); Escape closes the panel in between.
 */
export async function clickLargestLabelled(page: Page, count = 20): Promise<ClickResult[]> {
  const targets = await page.evaluate((n) => {
    const { renderer, graph } = (globalThis as unknown as PageGlobals).kgExplorer;
    const shown = renderer.getNodeDisplayedLabels();
    const out: { key: string; x: number; y: number; radius: number; papers: number }[] = [];
    for (const key of graph.nodes()) {
      if (!shown.has(key)) continue;
      const d = renderer.getNodeDisplayData(key);
      if (!d || d.hidden) continue;
      const p = renderer.framedGraphToViewport(d);
      out.push({
        key,
        x: p.x,
        y: p.y,
        radius: renderer.scaleSize(d.size),
        papers: graph.getNodeAttribute(key, 'paperCount') ?? 0,
      });
    }
    return out.sort((a, b) => b.radius - a.radius || b.papers - a.papers || (a.key < b.key ? -1 : 1)).slice(0, n);
  }, count);
  const origin = (await page.locator('#graph').boundingBox())!;
  const results: ClickResult[] = [];
  const selected = (): string | null =>
    new URLSearchParams((globalThis as unknown as PageGlobals).location.search).get('node');
  for (const target of targets) {
    await page.mouse.click(origin.x + target.x, origin.y + target.y);
    // The explorer writes the URL 150 ms after a selection, once the frames it draws have gone (seconds with a
    // software renderer on a busy host); a click that opens nothing leaves it without `node`.
    await page.waitForFunction(selected, null, { timeout: 15_000, polling: 100 }).catch(() => undefined);
    results.push({ key: target.key, opened: await page.evaluate(selected) });
    await page.mouse.move(origin.x + 2, origin.y + 2);
    await page.keyboard.press('Escape');
    await page
      .waitForFunction(
        () => new URLSearchParams((globalThis as unknown as PageGlobals).location.search).get('node') === null,
        null,
        { timeout: 15_000, polling: 100 },
      )
      .catch(() => undefined);
  }
  return results;
}
