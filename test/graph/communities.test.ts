// Communities and layout: invariants (never exact ids), reproducible for a seed.
import { beforeAll, describe, expect, it } from 'vitest';
import { communities, layout, type KnowledgeGraph } from '../../graph/index.js';
import { seedGraph } from '../utils/graph.js';

let graph: KnowledgeGraph;
beforeAll(() => {
  graph = seedGraph();
});

describe('communities on the seeds', () => {
  it('puts every node in a community, with labelled communities and good modularity', () => {
    const infos = graph.getAttribute('communities');
    const ids = new Set(infos.map((c) => c.id));
    expect(infos.length).toBeGreaterThanOrEqual(5);
    expect(graph.getAttribute('modularity')).toBeGreaterThanOrEqual(0.3);
    graph.forEachNode((node, a) => expect(ids.has(a.community), node).toBe(true));
    let entities = 0;
    graph.forEachNode((_n, a) => {
      if (a.kind !== 'paper') entities += 1;
    });
    expect(infos.reduce((sum, c) => sum + c.size, 0)).toBe(entities);
    for (const c of infos) {
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.topTerms.length).toBeGreaterThan(0);
    }
    // Canonical numbering: by size, largest first (the "other" bucket, if any, is last).
    const real = infos.filter((c) => !c.label.startsWith('other:'));
    for (let i = 1; i < real.length; i++) expect(real[i - 1]!.size).toBeGreaterThanOrEqual(real[i]!.size);
  });

  it('labels communities with terms of their own members', () => {
    for (const c of graph.getAttribute('communities')) {
      const labels = new Set(graph.filterNodes((_n, a) => a.kind !== 'paper' && a.community === c.id).map((n) => graph.getNodeAttribute(n, 'label' as never) as string));
      for (const term of c.topTerms) expect(labels.has(term), term).toBe(true);
    }
  });

  it('is reproducible for a seed and changes with it', () => {
    const a = communities(graph, { seed: 7 });
    const b = communities(graph, { seed: 7 });
    expect([...a.communities]).toEqual([...b.communities]);
    expect(a.modularity).toBe(b.modularity);
  });

  it('gives papers the community most of their entities are in', () => {
    let agree = 0;
    let total = 0;
    graph.forEachNode((node, a) => {
      if (a.kind !== 'paper') return;
      const votes = new Map<number, number>();
      graph.forEachOutNeighbor(node, (n) => {
        const c = graph.getNodeAttribute(n, 'community');
        votes.set(c, (votes.get(c) ?? 0) + 1);
      });
      if (votes.size === 0) return;
      total += 1;
      const top = Math.max(...votes.values());
      if (votes.get(a.community) === top) agree += 1;
    });
    // Votes count mentions of projected entities, so a plain neighbour count agrees for most papers, not all.
    expect(agree / total).toBeGreaterThan(0.8);
  });
});

describe('layout', () => {
  it('gives every node finite coordinates, spread out, and the same ones for the same seed', () => {
    const xs: number[] = [];
    graph.forEachNode((_n, a) => {
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      xs.push(a.x);
    });
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(1);
    const again = layout(graph, { seed: 42, iterations: 20 });
    const same = layout(graph, { seed: 42, iterations: 20 });
    expect([...again]).toEqual([...same]);
  });
});
