/**
 * Which labels the map shows and where, for one view: the largest nodes always, then the community names where they
 * cover no node label, then the other nodes by priority (drawn radius × specificity) wherever their label fits
 * beside, before, under or over the node without touching another label (greedy placement, as cartographers and
 * VOSviewer do). Pure: viewport geometry in, boxes out, so it is tested without a browser.
 */

/** A box in viewport pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where a node's label sits: after the node (sigma's default), before it, under it or over it. */
export type Placement = 'right' | 'left' | 'below' | 'above';

/** The placements tried, in order. */
export const PLACEMENTS: readonly Placement[] = ['right', 'left', 'below', 'above'];

/** A node that may carry a label, in viewport pixels. */
export interface LabelCandidate {
  key: string;
  text: string;
  x: number;
  y: number;
  /** Drawn radius. */
  r: number;
  /** Higher first, after the {@link PlanOptions.always} largest: radius × specificity. */
  priority: number;
  /** Labelled before everything else, after the node (the selected or hovered node, which sigma boxes there). */
  first?: boolean;
}

/** A community name to place near its centre. */
export interface CommunityCandidate {
  id: number;
  text: string;
  x: number;
  y: number;
  fontSize: number;
}

/** A node label as planned: where its text goes and the box it covers. */
export interface NodeLabelSpot {
  key: string;
  placement: Placement;
  fontSize: number;
  box: Box;
}

/** A community label as planned: its centre and box. */
export interface CommunityLabelSpot {
  id: number;
  text: string;
  fontSize: number;
  x: number;
  y: number;
  box: Box;
}

/** What one view shows. */
export interface LabelPlan {
  nodes: Map<string, NodeLabelSpot>;
  communities: CommunityLabelSpot[];
}

/** Options of {@link planLabels}. */
export interface PlanOptions {
  width: number;
  height: number;
  /** Text width in pixels of a node label at a font size (the app measures with its canvas font). */
  measure: (text: string, fontSize: number) => number;
  /** The same for a community label, in its own font. @defaultValue measure */
  communityMeasure?: (text: string, fontSize: number) => number;
  /** The largest this many nodes in view (after those marked `first`) are labelled whatever it costs. @defaultValue 30 */
  always?: number;
  /** Nodes drawn smaller than this radius (px) are not labelled, unless among the largest. @defaultValue 2.5 */
  minRadius?: number;
  /** Air kept around every label box, px. @defaultValue 2 */
  padding?: number;
  /** How far a community name may move from its centre to find room, px. @defaultValue 140 */
  communityReach?: number;
  /** Font size of a node label for a drawn radius. @defaultValue {@link labelFontSize} */
  fontSize?: (r: number) => number;
}

/** Node label font size for a drawn radius: 11 px for small nodes up to 17 px for hubs, so the big terms read first. */
export function labelFontSize(r: number): number {
  return Math.round(Math.max(11, Math.min(17, 10.5 + 0.2 * r)));
}

/** Gap between a node's rim and its label, px. */
export const LABEL_GAP = 3;

/**
 * The text anchor and box of a label of width `w` at font size `fs` placed beside a node at (x, y) of radius r: the
 * drawer writes the text with `textBaseline = 'middle'` and the returned `textAlign` at (ax, ay).
 */
export function labelGeometry(
  placement: Placement,
  x: number,
  y: number,
  r: number,
  w: number,
  fs: number,
): { ax: number; ay: number; align: 'left' | 'right' | 'center'; box: Box } {
  const half = fs * 0.6;
  switch (placement) {
    case 'right': {
      const ax = x + r + LABEL_GAP;
      return { ax, ay: y, align: 'left', box: { x0: ax, y0: y - half, x1: ax + w, y1: y + half } };
    }
    case 'left': {
      const ax = x - r - LABEL_GAP;
      return { ax, ay: y, align: 'right', box: { x0: ax - w, y0: y - half, x1: ax, y1: y + half } };
    }
    case 'below': {
      const ay = y + r + LABEL_GAP / 2 + half;
      return { ax: x, ay, align: 'center', box: { x0: x - w / 2, y0: ay - half, x1: x + w / 2, y1: ay + half } };
    }
    case 'above': {
      const ay = y - r - LABEL_GAP / 2 - half;
      return { ax: x, ay, align: 'center', box: { x0: x - w / 2, y0: ay - half, x1: x + w / 2, y1: ay + half } };
    }
  }
}

/** True when two boxes overlap. */
export function boxesMeet(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

const grow = (b: Box, d: number): Box => ({ x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d });

/** Placed boxes on a grid of 64 px cells. */
class BoxIndex {
  private readonly cells = new Map<number, Box[]>();
  private static readonly CELL = 64;

  private *keys(b: Box): Generator<number> {
    const c = BoxIndex.CELL;
    for (let cx = Math.floor(b.x0 / c); cx <= Math.floor(b.x1 / c); cx++)
      for (let cy = Math.floor(b.y0 / c); cy <= Math.floor(b.y1 / c); cy++) yield (cx + 4096) * 8192 + cy + 4096;
  }

  add(b: Box): void {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }

  free(b: Box): boolean {
    for (const k of this.keys(b)) for (const other of this.cells.get(k) ?? []) if (boxesMeet(b, other)) return false;
    return true;
  }
}

/** Plans the labels of one view. */
export function planLabels(
  candidates: readonly LabelCandidate[],
  communities: readonly CommunityCandidate[],
  options: PlanOptions,
): LabelPlan {
  const { width, height, measure } = options;
  const always = options.always ?? 30;
  const minRadius = options.minRadius ?? 2.5;
  const padding = options.padding ?? 2;
  const reach = options.communityReach ?? 140;
  const fontSize = options.fontSize ?? labelFontSize;
  const index = new BoxIndex();
  const inView = (b: Box): boolean => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height;
  const nodes = new Map<string, NodeLabelSpot>();

  const tryNode = (c: LabelCandidate, must: boolean): void => {
    if (!c.text) return;
    const fs = fontSize(c.r);
    const w = measure(c.text, fs);
    // A hovered or selected node's label goes after it, where sigma draws its hover box.
    for (const placement of c.first ? [] : PLACEMENTS) {
      const { box } = labelGeometry(placement, c.x, c.y, c.r, w, fs);
      if (!inView(box) || !index.free(grow(box, padding))) continue;
      index.add(box);
      nodes.set(c.key, { key: c.key, placement, fontSize: fs, box });
      return;
    }
    if (!must) return;
    // A hub's label is drawn even where every side is taken: after the node, where sigma puts it.
    const { box } = labelGeometry('right', c.x, c.y, c.r, w, fs);
    index.add(box);
    nodes.set(c.key, { key: c.key, placement: 'right', fontSize: fs, box });
  };

  const bySize = [...candidates].sort(
    (a, b) =>
      Number(b.first ?? false) - Number(a.first ?? false) || b.r - a.r || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const largest = bySize.slice(0, always + candidates.filter((c) => c.first).length);
  for (const c of largest) tryNode(c, true);

  // Community names next, near their centres, on a spiral of 6 px steps: never over a node label.
  const placedCommunities: CommunityLabelSpot[] = [];
  for (const community of communities) {
    const w = (options.communityMeasure ?? measure)(community.text, community.fontSize);
    const h = community.fontSize;
    for (let step = 0, found = false; !found && step * 6 <= reach; step++) {
      const rings = step === 0 ? 1 : Math.ceil((2 * Math.PI * step) / 1.5);
      for (let k = 0; k < rings; k++) {
        const angle = (2 * Math.PI * k) / rings;
        const x = community.x + step * 6 * Math.cos(angle);
        const y = community.y + step * 6 * Math.sin(angle) * 0.6;
        const box = { x0: x - w / 2 - 4, y0: y - h / 2 - 4, x1: x + w / 2 + 4, y1: y + h / 2 + 4 };
        if (!inView(box) || !index.free(box)) continue;
        index.add(box);
        placedCommunities.push({ id: community.id, text: community.text, fontSize: community.fontSize, x, y, box });
        found = true;
        break;
      }
    }
  }

  const rest = new Set(largest.map((c) => c.key));
  const byPriority = candidates
    .filter((c) => !rest.has(c.key) && c.r >= minRadius)
    .sort((a, b) => b.priority - a.priority || b.r - a.r || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const c of byPriority) tryNode(c, false);
  return { nodes, communities: placedCommunities };
}
