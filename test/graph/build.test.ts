// buildGraph invariants on the seeds: counts, attributes, spans, edge keys, thresholds, and the same export whatever the input order.
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildGraph,
  buildKnowledgeGraph,
  entityNode,
  paperNode,
  resolveBuildOptions,
  type EntityAttributes,
  type KnowledgeGraph,
  type RelationEdge,
} from '../../graph/index.js';
import { paperText } from '../../pipeline/ingest/index.js';
import { seedExtraction, seedGraph, TEST_GRAPH_OPTIONS } from '../utils/graph.js';

let graph: KnowledgeGraph;
beforeAll(() => {
  graph = seedGraph();
});

const entities = (g: KnowledgeGraph): EntityAttributes[] =>
  g.filterNodes((_n, a) => a.kind !== 'paper').map((n) => g.getNodeAttributes(n) as EntityAttributes);

describe('buildGraph on the seeds', () => {
  it('has a node per paper and per non-generic key, with the attributes of the data model', () => {
    expect(graph.filterNodes((_n, a) => a.kind === 'paper')).toHaveLength(504);
    const ents = entities(graph);
    expect(ents.length).toBeGreaterThanOrEqual(1000);
    expect(ents.filter((e) => e.kind === 'method').length).toBeGreaterThanOrEqual(100);
    expect(ents.filter((e) => e.kind === 'task').length).toBeGreaterThanOrEqual(50);
    const { results } = seedExtraction();
    const keys = new Set(results.flatMap((r) => r.mentions.filter((m) => m.type !== 'generic').map((m) => m.key)));
    expect(ents.map((e) => e.key).sort()).toEqual([...keys].sort());
    const labels = new Map(ents.map((e) => [e.label.toLowerCase(), e]));
    expect(labels.size).toBe(ents.length);
    for (const e of ents) {
      // The most frequent form, unless an entity in more papers shows it: then another alias no entity shows, or the
      // form with the key.
      if (e.aliases[0] !== e.label) {
        expect([...e.aliases, `${e.aliases[0]} (${e.key})`]).toContain(e.label);
        expect(labels.get(e.aliases[0]!.toLowerCase())!.paperCount).toBeGreaterThanOrEqual(e.paperCount);
      }
      expect(new Set(e.aliases).size).toBe(e.aliases.length);
      expect(e.paperCount).toBeGreaterThanOrEqual(1);
      expect(e.mentionCount).toBeGreaterThanOrEqual(e.paperCount);
      expect(graph.inNeighbors(entityNode(e.key)).filter((n) => n.startsWith('paper:'))).toHaveLength(e.paperCount);
      if (e.firstSeen !== undefined) expect(e.firstSeen <= e.lastSeen!).toBe(true);
    }
    graph.forEachNode((_n, a) => {
      if (a.kind === 'paper') expect(a.source.length).toBeGreaterThan(0);
    });
    expect(graph.getAttribute('papers')).toBe(504);
    expect(graph.getAttribute('entities')).toBe(ents.length);
  });

  it('takes kind by majority, label as the most frequent form, and acronyms as aliases', () => {
    const { results } = seedExtraction();
    const types = new Map<string, Map<string, number>>();
    for (const m of results.flatMap((r) => r.mentions)) {
      if (m.type === 'generic') continue;
      const counts = types.get(m.key) ?? new Map<string, number>();
      types.set(m.key, counts.set(m.type, (counts.get(m.type) ?? 0) + 1));
    }
    for (const e of entities(graph)) {
      const counts = types.get(e.key)!;
      expect(counts.get(e.kind)).toBe(Math.max(...counts.values()));
    }
    let acronyms = 0;
    for (const a of results.flatMap((r) => r.acronyms)) {
      if (!graph.hasNode(entityNode(a.long))) continue;
      expect(graph.getNodeAttribute(entityNode(a.long), 'aliases' as never)).toContain(a.short);
      acronyms += 1;
    }
    expect(acronyms).toBeGreaterThan(10);
  });

  it('has MENTIONS spans that slice each paper text to the mention text', () => {
    const { papers, results } = seedExtraction();
    const byId = new Map(results.map((r) => [r.id, r]));
    let spans = 0;
    for (const paper of papers) {
      const text = paperText(paper);
      const mentions = byId.get(paper.id)!.mentions;
      graph.forEachOutEdge(paperNode(paper.id), (edge, attributes, _s, target) => {
        expect(attributes.type).toBe('MENTIONS');
        if (attributes.type !== 'MENTIONS') return;
        expect(edge).toBe(`MENTIONS|${paperNode(paper.id)}|${target}`);
        expect(attributes.count).toBe(attributes.spans.length);
        const key = (graph.getNodeAttributes(target) as EntityAttributes).key;
        for (const [start, end] of attributes.spans) {
          const mention = mentions.find((m) => m.start === start && m.end === end && m.key === key);
          expect(mention).toBeDefined();
          expect(text.slice(start, end)).toBe(mention!.text);
          spans += 1;
        }
        expect([...attributes.spans].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(attributes.spans);
      });
    }
    expect(spans).toBeGreaterThan(5000);
  });

  it('weights CO_OCCURS by papers in common where the tagger found both, with canonical keys', () => {
    const { papers, results } = seedExtraction();
    const uncapped = buildGraph(papers, results, { maxCoOccurrenceEntities: 1000 });
    // Papers where the entity has a mention the tagger made (not only one the corpus stage inferred).
    const tagged = new Set(
      results.flatMap((r) => r.mentions.filter((m) => m.inferred !== true).map((m) => `paper:${r.id}|entity:${m.key}`)),
    );
    let edges = 0;
    uncapped.forEachUndirectedEdge((edge, attributes, a, b) => {
      if (attributes.type !== 'CO_OCCURS') return;
      const [first, second] = a < b ? [a, b] : [b, a];
      expect(edge).toBe(`CO_OCCURS|${first}|${second}`);
      if (edges++ % 10 !== 0) return; // a sample: counting common papers is quadratic
      const common = uncapped
        .inNeighbors(a)
        .filter(
          (p) =>
            p.startsWith('paper:') &&
            uncapped.hasDirectedEdge(p, b) &&
            tagged.has(`${p}|${a}`) &&
            tagged.has(`${p}|${b}`),
        ).length;
      expect(attributes.weight).toBe(common);
      for (const end of [a, b]) expect(uncapped.getNodeAttribute(end, 'paperCount' as never)).toBeGreaterThanOrEqual(2);
    });
    expect(edges).toBeGreaterThan(1000);
    expect(uncapped.getAttribute('build').minCoOccurrenceWeight).toBe(1);
    expect(results.some((r) => r.mentions.some((m) => m.inferred === true))).toBe(true);
  });

  it('keeps relations between two different, non-generic entities, with their sorted papers', () => {
    // The extraction links some generic mentions ("the method" USED_FOR a task); those relations are no edge.
    const { results } = seedExtraction();
    const isGeneric = (r: (typeof results)[number], i: number): boolean => r.mentions[i]?.type === 'generic';
    expect(
      results.flatMap((r) => r.relations.filter((x) => isGeneric(r, x.head) || isGeneric(r, x.tail))).length,
    ).toBeGreaterThan(20);
    expect(graph.filterNodes((_n, a) => (a as { kind?: string }).kind === 'generic')).toEqual([]);
    const relations = graph.filterDirectedEdges((_e, a) => a.type !== 'MENTIONS');
    expect(relations.filter((e) => graph.getEdgeAttribute(e, 'type') === 'USED_FOR').length).toBeGreaterThan(20);
    for (const edge of relations) {
      const attributes = graph.getEdgeAttributes(edge) as RelationEdge;
      const [source, target] = graph.extremities(edge);
      expect(edge).toBe(`${attributes.type}|${source}|${target}`);
      expect(source).not.toBe(target);
      expect(source.startsWith('entity:') && target.startsWith('entity:')).toBe(true);
      expect(attributes.papers).toHaveLength(attributes.weight);
      expect([...attributes.papers].sort()).toEqual(attributes.papers);
    }
  });

  it('thins co-occurrence to the edge budget, and entities to minEntityPapers', () => {
    const { papers, results } = seedExtraction();
    const thin = buildGraph(papers, results, { maxCoOccurrenceEdges: 500, minEntityPapers: 2 });
    const min = thin.getAttribute('build').minCoOccurrenceWeight;
    expect(min).toBeGreaterThan(1);
    const weights = thin
      .filterUndirectedEdges((_e, a) => a.type === 'CO_OCCURS')
      .map((e) => thin.getEdgeAttribute(e, 'weight' as never) as number);
    expect(weights.length).toBeLessThanOrEqual(500);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(min);
    for (const e of entities(thin)) expect(e.paperCount).toBeGreaterThanOrEqual(2);
    expect(thin.filterNodes((_n, a) => a.kind === 'paper')).toHaveLength(504);
  });

  it('gives the same export whatever the order of papers and results', () => {
    const { papers, results } = seedExtraction();
    const rng = seedrandom('shuffle');
    const shuffle = <T>(xs: T[]): T[] =>
      xs
        .map((x) => [rng(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    const a = buildKnowledgeGraph(papers, results, TEST_GRAPH_OPTIONS).export();
    const b = buildKnowledgeGraph(shuffle([...papers]), new Map(shuffle([...results]).map((r) => [r.id, r])), {
      ...TEST_GRAPH_OPTIONS,
      createdAt: 'later',
    }).export();
    delete (a.attributes as Record<string, unknown>).createdAt;
    delete (b.attributes as Record<string, unknown>).createdAt;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('leaves out papers without a result', () => {
    const { papers, results } = seedExtraction();
    const g = buildGraph(papers.slice(0, 10), results.slice(0, 5));
    expect(g.filterNodes((_n, a) => a.kind === 'paper')).toHaveLength(5);
  });

  it('rejects options that are not whole numbers of at least 1', () => {
    expect(() => resolveBuildOptions({ minEntityPapers: 0 })).toThrow(expect.objectContaining({ name: 'UsageError' }));
    expect(() => resolveBuildOptions({ maxCoOccurrenceEdges: 1.5 })).toThrow(
      expect.objectContaining({ name: 'UsageError' }),
    );
    expect(resolveBuildOptions({ minCoOccurrencePapers: undefined }).minCoOccurrencePapers).toBe(2);
  });
});
