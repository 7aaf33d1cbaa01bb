/**
 * Positions for every node, as a map with regions: the community graph is laid out first (communities as circles
 * sized by what they hold, drawn together by how much they co-occur), then each community's entities inside its
 * region with ForceAtlas2 (Jacomy et al. 2014, "ForceAtlas2, a continuous graph layout algorithm"), turned to face
 * the communities they link to; the entities the explorer draws first are then kept apart at their drawn size
 * ({@link mapRadius}) by a greedy spiral placement, biggest first. Papers go to the centre of their entities, the
 * entities outside the projection to the centre of their papers.
 */
import { UndirectedGraph } from 'graphology';
import seedrandom from 'seedrandom';
import { UsageError } from '../pipeline/core/errors.js';
import { compareKeys } from './build.js';
import { forceAtlas2 } from './interop.js';
import { placeApart } from './layout-pack.js';
import { mapRadius } from './map-size.js';
import { coOccurrencePairs, mentionIndex, type WeightedPair } from './projection.js';
import type { EntityAttributes, KnowledgeGraph } from './core/types.js';
import { DEFAULT_SEED } from './defaults.js';

/** Options of {@link layout}. */
export interface LayoutOptions {
  /** Seed of the starting positions and of the jitter. @defaultValue {@link DEFAULT_SEED} */
  seed: number;
  /** ForceAtlas2 iterations inside each community; `'auto'` runs fewer on bigger ones (see {@link defaultIterations}). @defaultValue 'auto' */
  iterations: number | 'auto';
  /**
   * ForceAtlas2 runs on at most this many projected entities (those in the most papers); the rest of the projection is
   * placed at the weighted centre of its already placed neighbours in its community. @defaultValue 3000
   */
  maxLayoutNodes: number;
  /** Barnes-Hut approximation (n log n repulsion instead of n²) in communities of this many laid-out entities or more. @defaultValue 500 */
  barnesHutFrom: number;
  /**
   * At most this many entities, the specific ones in the most papers, never overlap at their drawn size: those the
   * explorer draws first. It shows at most 1,500 (`COMFORTABLE_ENTITIES`), cutting at a paper count, so the layout
   * cuts the same way: every specific entity in more papers than the one ranked `mapNodes + 1`. The rest, and
   * umbrella terms, may overlap (zooming in parts them). @defaultValue 1500
   */
  mapNodes: number;
  /** Entities whose specificity is below this are umbrella terms, which the explorer hides: they get no room of their own. @defaultValue 0.5 */
  umbrellaBelow: number;
  /** Share of a community's region its circles fill, which sets the regions' sizes; the packing then makes room as needed. @defaultValue 0.5 */
  density: number;
}

/** Defaults of {@link layout}. */
export const DEFAULT_LAYOUT_OPTIONS: Readonly<LayoutOptions> = {
  seed: DEFAULT_SEED,
  iterations: 'auto',
  maxLayoutNodes: 3000,
  barnesHutFrom: 500,
  mapNodes: 1500,
  umbrellaBelow: 0.5,
  density: 0.5,
};

const WHOLE: readonly (keyof LayoutOptions)[] = ['seed', 'iterations', 'maxLayoutNodes', 'barnesHutFrom', 'mapNodes'];

/** Fills unset (or undefined) options with {@link DEFAULT_LAYOUT_OPTIONS} and checks them. */
export function resolveLayoutOptions(options: Partial<LayoutOptions> = {}): LayoutOptions {
  const resolved = { ...DEFAULT_LAYOUT_OPTIONS };
  for (const name of Object.keys(DEFAULT_LAYOUT_OPTIONS) as (keyof LayoutOptions)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (name === 'iterations' && value === 'auto') {
      resolved.iterations = value;
      continue;
    }
    if (WHOLE.includes(name)) {
      if (!Number.isInteger(value) || (value as number) < (name === 'maxLayoutNodes' ? 1 : 0)) {
        throw new UsageError(
          `graph: ${name} must be a whole number${name === 'iterations' ? " or 'auto'" : ''}, got ${JSON.stringify(value)}`,
        );
      }
    } else if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
      throw new UsageError(`graph: ${name} must be a number above 0 and at most 1, got ${JSON.stringify(value)}`);
    }
    (resolved as Record<string, unknown>)[name] = value;
  }
  return resolved;
}

/** Iterations for `n` laid-out nodes: about 200,000 node-steps, between 50 and 200. */
export function defaultIterations(n: number): number {
  return Math.max(50, Math.min(200, Math.round(200_000 / Math.max(1, n))));
}

/** A point. */
export interface Point {
  x: number;
  y: number;
}

function centroid(points: Point[]): Point | undefined {
  if (points.length === 0) return undefined;
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.length, y: y / points.length };
}

/** The room a kept entity takes: its drawn radius and a thin gap, so neighbours never touch on screen. */
const padded = (r: number): number => r * 1.06 + 0.25;

/** One community's region while the layout runs. */
interface Region {
  id: number;
  /** Entities of the community, most papers first. */
  members: string[];
  /** Area its kept entities take (padded circles), over the density. */
  area: number;
  x: number;
  y: number;
  r: number;
}

/**
 * Lays out the community graph: regions as circles of their area, placed by ForceAtlas2 on their association strength
 * (links over the product of the two communities' total links, so big communities do not pull everything in), scaled
 * so linked regions touch, then placed biggest first at the free spot nearest to where ForceAtlas2 put them.
 */
function placeRegions(regions: Region[], links: Map<string, number>, rng: () => number): void {
  if (regions.length === 1) return;
  const strength = new Map<number, number>();
  for (const [pair, w] of links) {
    const [a, b] = pair.split(',').map(Number) as [number, number];
    strength.set(a, (strength.get(a) ?? 0) + w);
    strength.set(b, (strength.get(b) ?? 0) + w);
  }
  const total = [...strength.values()].reduce((s, v) => s + v, 0) || 1;
  const g = new UndirectedGraph<{ x: number; y: number }, { weight: number }>();
  for (const region of regions) g.addNode(String(region.id), { x: (rng() - 0.5) * 100, y: (rng() - 0.5) * 100 });
  for (const [pair, w] of links) {
    const [a, b] = pair.split(',') as [string, string];
    if (!g.hasNode(a) || !g.hasNode(b)) continue;
    g.addEdge(a, b, { weight: (w * total) / ((strength.get(Number(a)) ?? 1) * (strength.get(Number(b)) ?? 1)) });
  }
  const positions = forceAtlas2(g, {
    iterations: 300,
    settings: { ...forceAtlas2.inferSettings(g), linLogMode: true },
    getEdgeWeight: 'weight',
  });
  // Scale so a linked pair sits, at the median, just touching; unlinked regions end where the push leaves them.
  const byId = new Map(regions.map((r) => [String(r.id), r]));
  const ratios: number[] = [];
  g.forEachEdge((_e, _a, s, t) => {
    const ra = byId.get(s)!;
    const rb = byId.get(t)!;
    const d = Math.hypot(positions[s]!.x - positions[t]!.x, positions[s]!.y - positions[t]!.y);
    if (d > 0) ratios.push((ra.r + rb.r) / d);
  });
  ratios.sort((a, b) => a - b);
  const scale = ratios.length ? ratios[Math.floor(ratios.length / 2)]! : 1;
  const wished = regions.map((r) => ({
    x: positions[String(r.id)]!.x * scale,
    y: positions[String(r.id)]!.y * scale,
    r: r.r,
  }));
  // A region with few links is thrown far out by the repulsion: bring every wish within the disc all regions would
  // fill, then place the regions biggest first at the free spot nearest their wish, a small margin apart.
  const area = wished.reduce((s, c) => s + c.r * c.r, 0);
  const cx = wished.reduce((s, c) => s + c.x * c.r * c.r, 0) / area;
  const cy = wished.reduce((s, c) => s + c.y * c.r * c.r, 0) / area;
  const disc = Math.sqrt(area) * 0.8;
  const margin = Math.max(1, regions[regions.length - 1]!.r * 0.3);
  const placed = placeApart(
    wished.map((c) => {
      const d = Math.hypot(c.x - cx, c.y - cy);
      const limit = Math.max(0, disc - c.r);
      const k = d > limit ? limit / d : 1;
      return { x: cx + (c.x - cx) * k, y: cy + (c.y - cy) * k, r: c.r + margin / 2 };
    }),
  );
  regions.forEach((region, i) => {
    region.x = placed[i]!.x;
    region.y = placed[i]!.y;
  });
}

/** Computes positions for every node without touching the graph; run after `communities.assign` (and `specificity.assign`, whose scores decide what is drawn first). */
export function layout(graph: KnowledgeGraph, partial: Partial<LayoutOptions> = {}): Map<string, Point> {
  const options = resolveLayoutOptions(partial);
  const rng = seedrandom(`layout:${options.seed}`);
  const jitter = (scale: number): number => (rng() - 0.5) * 2 * scale;
  const pairs = coOccurrencePairs(graph);
  const adjacency = new Map<string, WeightedPair[]>();
  for (const pair of pairs) {
    for (const end of [pair.source, pair.target]) {
      let list = adjacency.get(end);
      if (!list) adjacency.set(end, (list = []));
      list.push(pair);
    }
  }
  const entity = (node: string): EntityAttributes => graph.getNodeAttributes(node) as EntityAttributes;
  const communityOf = (node: string): number => graph.getNodeAttribute(node, 'community');
  const entities = graph.filterNodes((_n, a) => a.kind !== 'paper');
  entities.sort((a, b) => entity(b).paperCount - entity(a).paperCount || compareKeys(a, b));
  const radius = (node: string): number => mapRadius(entity(node).paperCount);
  const umbrella = (node: string): boolean => {
    const s = entity(node).specificity;
    return s !== undefined && s < options.umbrellaBelow;
  };
  const specific = entities.filter((n) => !umbrella(n));
  const cut = specific.length > options.mapNodes ? entity(specific[options.mapNodes]!).paperCount + 1 : 0;
  const kept = specific.filter((n) => entity(n).paperCount >= cut);
  const keptSet = new Set(kept);
  const backbone = new Set(entities.filter((n) => adjacency.has(n)).slice(0, options.maxLayoutNodes));

  // Regions: every community with an entity, sized by the room its kept entities take (at least a small circle).
  const byCommunity = new Map<number, Region>();
  for (const node of entities) {
    const id = communityOf(node);
    let region = byCommunity.get(id);
    if (!region) byCommunity.set(id, (region = { id, members: [], area: 0, x: 0, y: 0, r: 0 }));
    region.members.push(node);
    if (keptSet.has(node)) region.area += (Math.PI * padded(radius(node)) ** 2) / options.density;
  }
  const regions = [...byCommunity.values()].sort(
    (a, b) => b.area - a.area || b.members.length - a.members.length || a.id - b.id,
  );
  for (const region of regions) region.r = Math.max(Math.sqrt(region.area / Math.PI), padded(mapRadius(1)) * 2);
  const links = new Map<string, number>();
  for (const { source, target, weight } of pairs) {
    const a = communityOf(source);
    const b = communityOf(target);
    if (a === b) continue;
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    links.set(key, (links.get(key) ?? 0) + weight);
  }
  placeRegions(regions, links, rng);
  const regionOf = new Map(regions.map((r) => [r.id, r]));

  // Inside each region: ForceAtlas2 on its laid-out entities and the links between them, scaled to the region and
  // turned so that entities linked to other communities face them.
  const positions = new Map<string, Point>();
  for (const region of regions) {
    const laid = region.members.filter((n) => backbone.has(n));
    if (laid.length === 0) continue;
    const sub = new UndirectedGraph<{ x: number; y: number }, { weight: number }>();
    for (const node of laid) {
      const angle = rng() * 2 * Math.PI;
      const distance = Math.sqrt(rng()) * 10;
      sub.addNode(node, { x: Math.cos(angle) * distance, y: Math.sin(angle) * distance });
    }
    const outward = new Map<string, Point>();
    for (const node of laid) {
      let ox = 0;
      let oy = 0;
      for (const { source, target, weight } of adjacency.get(node)!) {
        const other = source === node ? target : source;
        const otherRegion = regionOf.get(communityOf(other))!;
        if (otherRegion === region) {
          if (sub.hasNode(other) && !sub.hasEdge(node, other)) sub.addEdge(node, other, { weight });
          continue;
        }
        const d = Math.hypot(otherRegion.x - region.x, otherRegion.y - region.y) || 1;
        ox += (weight * (otherRegion.x - region.x)) / d;
        oy += (weight * (otherRegion.y - region.y)) / d;
      }
      outward.set(node, { x: ox, y: oy });
    }
    let placed: Record<string, Point>;
    if (laid.length === 1) placed = { [laid[0]!]: { x: 0, y: 0 } };
    else {
      const settings = { ...forceAtlas2.inferSettings(sub), barnesHutOptimize: sub.order >= options.barnesHutFrom };
      const iterations = options.iterations === 'auto' ? defaultIterations(sub.order) : options.iterations;
      placed = forceAtlas2(sub, { iterations, settings, getEdgeWeight: 'weight' });
    }
    // Centre on the mean, fit 90 % of the entities within 80 % of the region's radius.
    const centre = centroid(laid.map((n) => placed[n]!))!;
    const distances = laid
      .map((n) => Math.hypot(placed[n]!.x - centre.x, placed[n]!.y - centre.y))
      .sort((a, b) => a - b);
    const spread = distances[Math.floor(distances.length * 0.9)]!;
    const scale = spread > 0 ? (region.r * 0.8) / spread : 0;
    // The rotation that best aligns each entity's offset with its pull towards other regions (least squares, closed form).
    let dot = 0;
    let cross = 0;
    for (const node of laid) {
      const px = placed[node]!.x - centre.x;
      const py = placed[node]!.y - centre.y;
      const o = outward.get(node)!;
      dot += px * o.x + py * o.y;
      cross += px * o.y - py * o.x;
    }
    const turn = dot === 0 && cross === 0 ? 0 : Math.atan2(cross, dot);
    const cos = Math.cos(turn);
    const sin = Math.sin(turn);
    for (const node of laid) {
      let px = (placed[node]!.x - centre.x) * scale;
      let py = (placed[node]!.y - centre.y) * scale;
      // An entity with no link inside its community drifts off in ForceAtlas2: back to the region's rim.
      const d = Math.hypot(px, py);
      if (d > region.r) {
        px *= region.r / d;
        py *= region.r / d;
      }
      positions.set(node, { x: region.x + px * cos - py * sin, y: region.y + px * sin + py * cos });
    }
  }

  // The rest of the projection, most papers first: at the weighted centre of its community's entities placed so far,
  // else somewhere in its region; entities with no co-occurrence that must be kept apart go in their region too.
  for (const node of entities) {
    if (positions.has(node) || !(adjacency.has(node) || keptSet.has(node))) continue;
    const region = regionOf.get(communityOf(node))!;
    let x = 0;
    let y = 0;
    let total = 0;
    for (const { source, target, weight } of adjacency.get(node) ?? []) {
      const other = source === node ? target : source;
      const p = positions.get(other);
      if (!p || communityOf(other) !== region.id) continue;
      x += p.x * weight;
      y += p.y * weight;
      total += weight;
    }
    if (total > 0) positions.set(node, { x: x / total + jitter(radius(node)), y: y / total + jitter(radius(node)) });
    else {
      const angle = rng() * 2 * Math.PI;
      const distance = Math.sqrt(rng()) * region.r * 0.8;
      positions.set(node, { x: region.x + Math.cos(angle) * distance, y: region.y + Math.sin(angle) * distance });
    }
  }

  // The kept entities apart at their drawn size, biggest first: a hub keeps its spot, smaller ones move to the nearest
  // free one.
  const apart = placeApart(kept.map((node) => ({ ...positions.get(node)!, r: padded(radius(node)) })));
  kept.forEach((node, i) => positions.set(node, { x: apart[i]!.x, y: apart[i]!.y }));

  // Papers at the centre of their projected entities (else their region's centre), then the other entities at the
  // centre of their papers; the jitter keeps papers with the same entities apart.
  const { entitiesOf, papersOf } = mentionIndex(graph);
  const placedOf = (nodes: readonly string[]): Point[] =>
    nodes.map((n) => positions.get(n)).filter((p): p is Point => p !== undefined);
  const regionCentre = (community: number): Point => regionOf.get(community) ?? { x: 0, y: 0 };
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const a =
      centroid(placedOf((entitiesOf.get(node) ?? []).map((m) => m.entity))) ?? regionCentre(attributes.community);
    positions.set(node, { x: a.x + jitter(1), y: a.y + jitter(1) });
  });
  graph.forEachNode((node, attributes) => {
    if (positions.has(node)) return;
    const a = centroid(placedOf(papersOf.get(node) ?? [])) ?? regionCentre(attributes.community);
    positions.set(node, { x: a.x + jitter(1), y: a.y + jitter(1) });
  });
  for (const p of positions.values()) {
    if (!Number.isFinite(p.x)) p.x = 0;
    if (!Number.isFinite(p.y)) p.y = 0;
  }
  return positions;
}

/** A coordinate rounded to 2 decimals, never -0 (JSON writes -0 as 0, so a saved snapshot would differ from the graph). */
const round2 = (v: number): number => Math.round(v * 100) / 100 + 0;

/** Computes and writes `x`, `y` on every node (rounded to 2 decimals: plenty for drawing, and graph.json stays small). */
layout.assign = function assign(graph: KnowledgeGraph, partial: Partial<LayoutOptions> = {}): void {
  for (const [node, p] of layout(graph, partial)) graph.mergeNodeAttributes(node, { x: round2(p.x), y: round2(p.y) });
};
