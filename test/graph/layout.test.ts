// The map's layout on the seeds (issue 29 item 1): communities in regions of their own, related communities nearer
// than unrelated ones, the entities the explorer draws first apart at their drawn size, and the same bytes every run.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  layout,
  mapRadius,
  resolveLayoutOptions,
  type EntityAttributes,
  type KnowledgeGraph,
} from '../../graph/index.js';
import { placeApart } from '../../graph/layout-pack.js';
import { defaultMinPapers } from '../../viz/app/state.js';
import { seedGraph } from '../utils/graph.js';

let graph: KnowledgeGraph;
/** The entities the explorer draws on a fresh page: specific ones, cut at a paper count to at most 1,500. */
let drawn: string[];

beforeAll(() => {
  graph = seedGraph({ iterations: 'auto' });
  const specific = graph.filterNodes(
    (_n, a) => a.kind !== 'paper' && ((a as EntityAttributes).specificity ?? 1) >= 0.5,
  );
  const min = defaultMinPapers(specific.map((n) => graph.getNodeAttribute(n, 'paperCount' as never) as number));
  drawn = specific.filter((n) => (graph.getNodeAttribute(n, 'paperCount' as never) as number) >= min);
});

const at = (node: string): { x: number; y: number } => ({
  x: graph.getNodeAttribute(node, 'x'),
  y: graph.getNodeAttribute(node, 'y'),
});
const radius = (node: string): number => mapRadius(graph.getNodeAttribute(node, 'paperCount' as never) as number);
const community = (node: string): number => graph.getNodeAttribute(node, 'community');

/** Mean position of each community's drawn entities. */
function centres(): Map<number, { x: number; y: number; n: number }> {
  const out = new Map<number, { x: number; y: number; n: number }>();
  for (const node of drawn) {
    const c = out.get(community(node)) ?? { x: 0, y: 0, n: 0 };
    const p = at(node);
    out.set(community(node), { x: c.x + p.x, y: c.y + p.y, n: c.n + 1 });
  }
  for (const c of out.values()) {
    c.x /= c.n;
    c.y /= c.n;
  }
  return out;
}

describe('the map layout on the seeds', () => {
  it('keeps the entities the explorer draws first apart at their drawn size, as saved (2 decimals)', () => {
    expect(drawn.length).toBeGreaterThan(300);
    let overlaps = 0;
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) {
        const a = at(drawn[i]!);
        const b = at(drawn[j]!);
        if (Math.hypot(a.x - b.x, a.y - b.y) < radius(drawn[i]!) + radius(drawn[j]!)) overlaps += 1;
      }
    }
    expect(overlaps).toBe(0);
  });

  it('gives each community a region: nearly every drawn entity is nearer its own community centre than any other', () => {
    const c = centres();
    const big = [...c].filter(([, v]) => v.n >= 10).map(([id]) => id);
    expect(big.length).toBeGreaterThanOrEqual(5);
    let home = 0;
    let total = 0;
    for (const node of drawn) {
      if (!big.includes(community(node))) continue;
      const p = at(node);
      const nearest = big.reduce((best, id) =>
        Math.hypot(p.x - c.get(id)!.x, p.y - c.get(id)!.y) < Math.hypot(p.x - c.get(best)!.x, p.y - c.get(best)!.y)
          ? id
          : best,
      );
      total += 1;
      if (nearest === community(node)) home += 1;
    }
    expect(home / total).toBeGreaterThanOrEqual(0.9);
  });

  it('puts strongly linked communities nearer each other than weakly linked ones', () => {
    const c = centres();
    const big = [...c].filter(([, v]) => v.n >= 10).map(([id]) => id);
    const links = new Map<string, number>();
    const strength = new Map<number, number>();
    graph.forEachUndirectedEdge((_e, a, s, t) => {
      if (a.type !== 'CO_OCCURS') return;
      const [x, y] = [community(s), community(t)].sort((p, q) => p - q) as [number, number];
      if (x === y || !big.includes(x) || !big.includes(y)) return;
      links.set(`${x},${y}`, (links.get(`${x},${y}`) ?? 0) + a.weight);
      strength.set(x, (strength.get(x) ?? 0) + a.weight);
      strength.set(y, (strength.get(y) ?? 0) + a.weight);
    });
    const pairs = [...links].map(([k, w]) => {
      const [x, y] = k.split(',').map(Number) as [number, number];
      return {
        association: w / (strength.get(x)! * strength.get(y)!),
        distance: Math.hypot(c.get(x)!.x - c.get(y)!.x, c.get(x)!.y - c.get(y)!.y),
      };
    });
    pairs.sort((a, b) => b.association - a.association);
    const half = Math.floor(pairs.length / 2);
    const mean = (list: typeof pairs): number => list.reduce((s, p) => s + p.distance, 0) / list.length;
    expect(mean(pairs.slice(0, half))).toBeLessThan(mean(pairs.slice(half)));
  });

  it('gives byte-identical positions for the same graph and seed, others for another seed', () => {
    const options = { seed: 7, iterations: 20 };
    const a = JSON.stringify([...layout(graph, options)]);
    expect(JSON.stringify([...layout(graph, options)])).toBe(a);
    expect(JSON.stringify([...layout(graph, { ...options, seed: 8 })])).not.toBe(a);
  });

  it('checks its options by error name', () => {
    expect(() => resolveLayoutOptions({ density: 0 })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => resolveLayoutOptions({ umbrellaBelow: 2 })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => resolveLayoutOptions({ mapNodes: 1.5 })).toThrow(expect.objectContaining({ name: 'UsageError' }));
  });
});

describe('placeApart', () => {
  it('leaves circles that fit where they are and moves the others to the nearest free spot, never overlapping', () => {
    const out = placeApart([
      { x: 0, y: 0, r: 10 },
      { x: 50, y: 0, r: 5 },
      { x: 1, y: 0, r: 3 },
      { x: 0, y: 1, r: 3 },
    ]);
    expect(out[0]).toEqual({ x: 0, y: 0, r: 10 });
    expect(out[1]).toEqual({ x: 50, y: 0, r: 5 });
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++)
        expect(Math.hypot(out[i]!.x - out[j]!.x, out[i]!.y - out[j]!.y)).toBeGreaterThanOrEqual(out[i]!.r + out[j]!.r);
    // The moved ones end next to the big circle, not far away.
    expect(Math.hypot(out[2]!.x, out[2]!.y)).toBeLessThan(10 + 3 + 3);
  });
});
