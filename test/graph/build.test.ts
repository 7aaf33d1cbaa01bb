// Graph invariants on the seeds: counts, attributes, spans, determinism whatever the input order.
import { beforeAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { buildGraph, buildKnowledgeGraph, entityNode, paperNode, type EntityAttributes, type KnowledgeGraph } from '../../graph/index.js';
import { paperText } from '../../pipeline/ingest/index.js';
import { seedExtraction, seedGraph } from '../utils/graph.js';

let graph: KnowledgeGraph;
beforeAll(() => {
  graph = seedGraph();
});

const entities = (g: KnowledgeGraph) => g.filterNodes((_n, a) => a.kind !== 'paper').map((n) => g.getNodeAttributes(n) as EntityAttributes);

describe('buildGraph on the seeds', () => {
  it('has one node per paper and per entity key, with the attributes of the data model', () => {
    expect(graph.filterNodes((_n, a) => a.kind === 'paper')).toHaveLength(504);
    const ents = entities(graph);
    expect(ents.length).toBeGreaterThanOrEqual(1000);
    expect(ents.filter((e) => e.kind === 'method').length).toBeGreaterThanOrEqual(100);
    expect(ents.filter((e) => e.kind === 'task').length).toBeGreaterThanOrEqual(50);
    for (const e of ents) {
      expect(graph.hasNode(entityNode(e.key))).toBe(true);
      expect(e.aliases).toContain(e.label);
      expect(e.paperCount).toBeGreaterThanOrEqual(1);
      expect(e.mentionCount).toBeGreaterThanOrEqual(e.paperCount);
      expect(graph.inNeighbors(entityNode(e.key)).filter((n) => n.startsWith('paper:'))).toHaveLength(e.paperCount);
    }
    expect(graph.getAttribute('papers')).toBe(504);
    expect(graph.getAttribute('entities')).toBe(ents.length);
  });

  it('has MENTIONS spans that slice each paper text to a surface form of the entity', () => {
    const { papers } = seedExtraction();
    for (const paper of papers.slice(0, 100)) {
      const text = paperText(paper);
      graph.forEachOutEdge(paperNode(paper.id), (_e, attributes, _s, target) => {
        if (attributes.type !== 'MENTIONS') return;
        expect(attributes.count).toBe(attributes.spans.length);
        const aliases = (graph.getNodeAttributes(target) as EntityAttributes).aliases;
        for (const [start, end] of attributes.spans) expect(aliases).toContain(text.slice(start, end));
      });
    }
  });

  it('weights CO_OCCURS by papers in common and keeps relations between entities', () => {
    // Without the per-paper cap, the weight is exactly the number of papers mentioning both.
    const { papers, results } = seedExtraction();
    const uncapped = buildGraph(papers, results, { maxCoOccurrenceEntities: Number.MAX_SAFE_INTEGER });
    let checked = 0;
    uncapped.forEachUndirectedEdge((_e, attributes, a, b) => {
      if (attributes.type !== 'CO_OCCURS' || checked++ > 300) return;
      const common = uncapped.inNeighbors(a).filter((p) => p.startsWith('paper:') && uncapped.hasDirectedEdge(p, b)).length;
      expect(attributes.weight).toBe(common);
    });
    graph.forEachUndirectedEdge((_e, attributes, a) => {
      if (attributes.type === 'CO_OCCURS') expect(graph.getNodeAttribute(a, 'paperCount' as never) as number).toBeGreaterThanOrEqual(2);
    });
    const usedFor = graph.filterDirectedEdges((_e, a) => a.type === 'USED_FOR');
    expect(usedFor.length).toBeGreaterThan(20);
    for (const edge of usedFor) {
      const attributes = graph.getEdgeAttributes(edge) as { weight: number; papers: string[] };
      expect(attributes.papers).toHaveLength(attributes.weight);
      expect(graph.getNodeAttribute(graph.source(edge), 'kind')).not.toBe('paper');
    }
  });

  it('gives the same export whatever the order of papers and results', () => {
    const { papers, results } = seedExtraction();
    const rng = seedrandom('shuffle');
    const shuffle = <T>(xs: T[]): T[] => xs.map((x) => [rng(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
    const options = { createdAt: 'x', versions: { kg: 't', extractor: 't' } };
    const a = buildKnowledgeGraph(papers, results, options).export();
    const b = buildKnowledgeGraph(shuffle([...papers]), shuffle([...results]), options).export();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('leaves out papers without a result and entities of generic mentions only', () => {
    const { papers, results } = seedExtraction();
    const g = buildGraph(papers.slice(0, 10), results.slice(0, 5));
    expect(g.filterNodes((_n, a) => a.kind === 'paper')).toHaveLength(5);
    g.forEachNode((_n, a) => expect(a.kind).not.toBe('generic'));
  });
});
