// Communities and layout on the seeds: invariants (never exact ids), reproducible for a seed.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildGraph,
  communities,
  layout,
  resolveCommunityOptions,
  resolveLayoutOptions,
  type KnowledgeGraph,
} from '../../graph/index.js';
import type { ExtractionResult, Paper } from '../../pipeline/core/types.js';
import { seedGraph } from '../utils/graph.js';

let graph: KnowledgeGraph;
beforeAll(() => {
  graph = seedGraph();
});

const entityCount = (g: KnowledgeGraph): number => g.filterNodes((_n, a) => a.kind !== 'paper').length;

describe('communities on the seeds', () => {
  it('puts every node in a listed community, with good modularity and labels', () => {
    const infos = graph.getAttribute('communities');
    const ids = new Set(infos.map((c) => c.id));
    expect(infos.map((c) => c.id)).toEqual(infos.map((_c, i) => i));
    expect(infos.filter((c) => c.kind === 'topic').length).toBeGreaterThanOrEqual(5);
    expect(graph.getAttribute('modularity')).toBeGreaterThanOrEqual(0.3);
    graph.forEachNode((node, a) => expect(ids.has(a.community), node).toBe(true));
    expect(infos.reduce((sum, c) => sum + c.size, 0)).toBe(entityCount(graph));
    expect(infos.reduce((sum, c) => sum + c.papers, 0)).toBe(504);
    for (const c of infos) {
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.topTerms.length).toBeLessThanOrEqual(10);
      if (c.kind === 'topic') {
        expect(c.size).toBeGreaterThanOrEqual(3);
        expect(c.label).toBe(c.topTerms.slice(0, 3).join(' · '));
      }
    }
    // Canonical numbering: topics by size, largest first; "other", if any, is the last id.
    const topics = infos.filter((c) => c.kind === 'topic');
    for (let i = 1; i < topics.length; i++) expect(topics[i - 1]!.size).toBeGreaterThanOrEqual(topics[i]!.size);
    expect(infos.findIndex((c) => c.kind === 'other')).toBeGreaterThanOrEqual(infos.length - 1);
  });

  it('labels communities with terms of their own members', () => {
    for (const c of graph.getAttribute('communities')) {
      const labels = new Set(
        graph
          .filterNodes((_n, a) => a.kind !== 'paper' && a.community === c.id)
          .map((n) => graph.getNodeAttribute(n, 'label' as never) as string),
      );
      for (const term of c.topTerms) expect(labels.has(term), term).toBe(true);
    }
  });

  it('gives a paper in a topic the topic most of its (projected) mentions are in', () => {
    const projected = new Set<string>();
    graph.forEachUndirectedEdge((_e, a, s, t) => {
      if (a.type === 'CO_OCCURS') projected.add(s).add(t);
    });
    const topic = new Set(
      graph
        .getAttribute('communities')
        .filter((c) => c.kind === 'topic')
        .map((c) => c.id),
    );
    let checked = 0;
    graph.forEachNode((node, a) => {
      if (a.kind !== 'paper' || !topic.has(a.community)) return;
      const votes = new Map<number, number>();
      graph.forEachOutEdge(node, (_e, edge, _s, target) => {
        const c = graph.getNodeAttribute(target, 'community');
        if (edge.type === 'MENTIONS' && projected.has(target) && topic.has(c))
          votes.set(c, (votes.get(c) ?? 0) + edge.count);
      });
      expect(votes.get(a.community)).toBe(Math.max(...votes.values()));
      checked += 1;
    });
    expect(checked).toBeGreaterThan(400);
  });

  it('is reproducible for a seed', () => {
    const a = communities(graph, { seed: 7 });
    const b = communities(graph, { seed: 7 });
    expect([...a.communities]).toEqual([...b.communities]);
    expect(a.modularity).toBe(b.modularity);
    expect(a.infos).toEqual(b.infos);
  });

  it('still gives every node a community when nothing co-occurs', () => {
    const papers: Paper[] = ['a', 'b'].map((id) => ({
      id,
      title: `T ${id}`,
      abstract: 'x',
      sources: [{ file: 'f', line: 1 }],
    }));
    const results: ExtractionResult[] = [
      { id: 'a', mentions: [{ start: 0, end: 1, text: 'T', type: 'method', key: 't-a' }], relations: [], acronyms: [] },
      { id: 'b', mentions: [], relations: [], acronyms: [] },
    ];
    const g = buildGraph(papers, results);
    const detection = communities.assign(g);
    expect(detection.modularity).toBe(0);
    const ids = new Set(detection.infos.map((c) => c.id));
    g.forEachNode((node, a) => expect(ids.has(a.community), node).toBe(true));
    expect(detection.infos.every((c) => c.kind === 'other')).toBe(true);
    layout.assign(g);
    g.forEachNode((_n, a) => expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true));
  });

  it('rejects bad options by error name', () => {
    expect(() => resolveCommunityOptions({ resolution: 0 })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => resolveLayoutOptions({ iterations: -1 })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(resolveLayoutOptions({ iterations: undefined }).iterations).toBe('auto');
  });
});

describe('layout', () => {
  it('gives every node finite, spread-out coordinates', () => {
    const xs: number[] = [];
    graph.forEachNode((_n, a) => {
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      xs.push(a.x);
    });
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(1);
    expect(new Set(xs).size).toBeGreaterThan(xs.length / 2);
  });

  it('writes coordinates that survive JSON as they are (no -0 from rounding a small negative)', () => {
    graph.forEachNode((node, a) => {
      for (const v of [a.x, a.y])
        expect(Object.is(JSON.parse(JSON.stringify(v)), v), `${node}: ${Object.is(v, -0) ? '-0' : v}`).toBe(true);
    });
  });

  it('gives the same positions for the same seed, also when only a backbone is laid out', () => {
    const options = { seed: 3, iterations: 10, maxLayoutNodes: 100 };
    const a = layout(graph, options);
    const b = layout(graph, options);
    expect([...a]).toEqual([...b]);
    expect(a.size).toBe(graph.order);
    for (const p of a.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    expect([...layout(graph, { ...options, seed: 4 })]).not.toEqual([...a]);
  });
});
