// Whole-graph exports: GEXF and GraphML of the seeds graph read back with graphology's own parsers give the same nodes,
// edges and key attributes; the neo4j-admin CSV plan covers every node and relationship the mirror writes.
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphmlPieces, planNeo4jCsv, toGexf } from '../../graph/export/index.js';
import { planMirror } from '../../graph/neo4j/plan.js';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from '../../graph/index.js';
import { seedGraph } from '../utils/graph.js';

type Parsed = MultiGraph;

let graph: KnowledgeGraph;
/** A copy with names that need escaping: quotes, markup, an ampersand, a tab, a comma and the CSV delimiters. */
let tricky: KnowledgeGraph;
const TRICKY_LABEL = `a "quoted" <b>tag</b> & 'c',\td; e | f`;

/**
 * graphology-graphml 0.5.2 makes its graph mixed again, by a full copy, for every edge whose direction differs from the
 * graph's type (`!graph.type !== 'mixed'` in its parser): on a mixed graph that is every edge, minutes for the seeds
 * graph. A graph that is mixed from the start hands itself back for those copies, which would change nothing.
 */
class MixedMultiGraph extends MultiGraph {
  constructor() {
    super({ type: 'mixed' });
  }
  override copy(options?: Parameters<MultiGraph['copy']>[0]): MultiGraph {
    return options?.type === 'mixed' && Object.keys(options).length === 1 ? this : super.copy(options);
  }
}

beforeAll(() => {
  graph = seedGraph();
  // Small, so the escaping checks read fast: the first 40 papers and what they mention.
  tricky = graph.copy() as KnowledgeGraph;
  const papers = tricky.filterNodes((_n, a) => a.kind === 'paper').slice(0, 40);
  const keep = new Set([...papers, ...papers.flatMap((p) => tricky.outNeighbors(p))]);
  for (const node of tricky.nodes()) if (!keep.has(node)) tricky.dropNode(node);
  const entity = tricky.findNode((_n, a) => a.kind !== 'paper')!;
  tricky.mergeNodeAttributes(entity, {
    label: TRICKY_LABEL,
    aliases: [TRICKY_LABEL, 'x'],
  } as Partial<EntityAttributes>);
}, 120_000);

/** Each edge as "source -> target type weight", undirected ones with their ends sorted. */
function edgeList(
  g: KnowledgeGraph | Parsed,
  typeOf: (a: Record<string, unknown>) => unknown,
  weightOf: (a: Record<string, unknown>) => unknown,
): string[] {
  const out: string[] = [];
  g.forEachEdge((_e, a, source, target, _sa, _ta, undirected) => {
    const [s, t] = undirected ? [source, target].sort() : [source, target];
    out.push(`${s} ${undirected ? '--' : '->'} ${t} ${String(typeOf(a))} ${String(weightOf(a))}`);
  });
  return out.sort();
}

const expectedEdges = (g: KnowledgeGraph): string[] =>
  edgeList(
    g,
    (a) => a.type,
    (a) => (a.type === 'MENTIONS' ? a.count : a.weight),
  );

/** The attributes both formats must carry for every node, as the graph has them. */
function expectedNode(g: KnowledgeGraph, node: string): Record<string, unknown> {
  const a = g.getNodeAttributes(node);
  const common = { kind: a.kind, community: a.community, x: a.x, y: a.y };
  if (a.kind === 'paper') return { ...common, label: (a as PaperAttributes).title, paperId: (a as PaperAttributes).id };
  const e = a as EntityAttributes;
  return { ...common, label: e.label, key: e.key, paperCount: e.paperCount, aliases: e.aliases.join(' | ') };
}

function expectSameGraph(parsed: Parsed, g: KnowledgeGraph): void {
  expect(parsed.order).toBe(g.order);
  expect(parsed.size).toBe(g.size);
  expect(parsed.nodes().sort()).toEqual(g.nodes().sort());
  g.forEachNode((node) => {
    const want = expectedNode(g, node);
    const got = parsed.getNodeAttributes(node);
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, got[k]])), node).toEqual(want);
    expect(got.size).toBeGreaterThan(0);
  });
  const labels = new Map(g.getAttribute('communities').map((c) => [c.id, c.label]));
  const someNode = g.nodes()[0]!;
  expect(parsed.getNodeAttribute(someNode, 'communityLabel')).toBe(
    labels.get(g.getNodeAttribute(someNode, 'community')),
  );
}

describe('GEXF', () => {
  it('reads back with graphology-gexf as the same nodes, edges (type, direction, weight) and attributes', () => {
    const parsed = parseGexf(MultiGraph, toGexf(graph));
    expectSameGraph(parsed, graph);
    expect(
      edgeList(
        parsed,
        (a) => a.kind,
        (a) => a.weight,
      ),
    ).toEqual(expectedEdges(graph));
    // The relationship type is also a plain attribute, for tools that ignore GEXF's edge kind.
    parsed.forEachEdge((_e, a) => expect(a.type).toBe(a.kind));
  });

  it('writes the viz namespace of GEXF 1.3, so Gephi reads positions and sizes', () => {
    const text = toGexf(graph);
    expect(text).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    expect(text).toMatch(/<viz:position x="[-0-9.e]+" y="[-0-9.e]+"\/>/);
  });

  it('escapes names with quotes, markup and ampersands', () => {
    const parsed = parseGexf(MultiGraph, toGexf(tricky));
    expectSameGraph(parsed, tricky);
    expect(parsed.someNode((_n, a) => a.label === TRICKY_LABEL)).toBe(true);
  });
});

describe('GraphML', () => {
  const graphml = (g: KnowledgeGraph): string => [...graphmlPieces(g)].join('');

  it('reads back with graphology-graphml as the same nodes, edges (type, direction, weight) and attributes', () => {
    const parsed = parseGraphml(MixedMultiGraph, graphml(graph));
    expectSameGraph(parsed, graph);
    expect(
      edgeList(
        parsed,
        (a) => a.type,
        (a) => a.weight,
      ),
    ).toEqual(expectedEdges(graph));
  });

  it('comes in pieces, none holding the whole file', () => {
    const pieces = [...graphmlPieces(graph)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(pieces.join('').length / 2);
  });

  it('escapes names with quotes, markup and ampersands', () => {
    const parsed = parseGraphml(MixedMultiGraph, graphml(tricky));
    expectSameGraph(parsed, tricky);
  });
});

describe('neo4j-admin CSV', () => {
  /** A CSV line split into fields (RFC 4180: quoted fields with doubled quotes). */
  function fields(line: string): string[] {
    const out: string[] = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    for (const m of line.matchAll(re)) {
      out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
      if (m[2] === '') break;
    }
    return out;
  }

  it("has one file per label and relationship type the mirror writes, each row one of the mirror's", () => {
    const plan = planNeo4jCsv(graph, undefined, 'data');
    const groups = planMirror(graph);
    const rows = (name: string): number =>
      groups.find((g) => g.name === name)!.steps.reduce((s, x) => s + x.rows.length, 0);
    const byName = new Map(plan.files.map((f) => [f.name, f]));
    expect(byName.get('papers.csv')!.rows).toBe(rows('Paper'));
    expect(byName.get('entities.csv')!.rows).toBe(rows('Entity'));
    expect(byName.get('communities.csv')!.rows).toBe(graph.getAttribute('communities').length);
    expect(byName.get('kg-mirror.csv')!.rows).toBe(1);
    expect(byName.get('mentions.csv')!.rows).toBe(rows('MENTIONS'));
    expect(plan.nodes).toBe(graph.order + graph.getAttribute('communities').length + 1);
    // Every edge once, and every paper and entity in its community.
    expect(plan.relationships).toBe(graph.size + graph.order);
    for (const file of plan.files) expect([...file.lines()]).toHaveLength(file.rows + 1);
    expect(plan.arrayDelimiter).toBe(';');
    expect(plan.multiline).toBe(false);
  });

  it('types each column as the mirror stores it', () => {
    const plan = planNeo4jCsv(graph, undefined, 'data');
    const header = (name: string): string =>
      plan.files
        .find((f) => f.name === name)!
        .lines()
        .next()
        .value!.trim();
    expect(header('entities.csv')).toBe(
      'key:ID(Entity),:LABEL,kind:string,label:string,aliases:string[],aliasText:string,paperCount:long,mentionCount:long,firstSeen:string,lastSeen:string,community:long,specificity:double',
    );
    expect(header('mentions.csv')).toBe(':START_ID(Paper),:END_ID(Entity),:TYPE,count:long,spans:long[]');
    expect(header('used_for.csv')).toBe(':START_ID(Entity),:END_ID(Entity),:TYPE,weight:long,papers:string[]');
    expect(header('communities.csv')).toBe(':ID(Community),:LABEL,id:long,label:string,size:long,topTerms:string[]');
  });

  it('quotes text and picks an array delimiter that no list value holds', () => {
    const plan = planNeo4jCsv(tricky, undefined, 'data');
    // The tricky alias holds ";" and "|", so neither can separate list elements.
    expect(plan.arrayDelimiter).toBe('\u001f');
    expect(plan.importArguments('.')).toContain('--array-delimiter=U+001F');
    const entities = plan.files.find((f) => f.name === 'entities.csv')!;
    const row = [...entities.lines()].map((l) => fields(l.replace(/\n$/, ''))).find((f) => f[3] === TRICKY_LABEL)!;
    expect(row[1]!.split('\u001f')).toEqual([
      'Entity',
      expect.stringMatching(/^(Method|Task|Dataset|Metric|Concept)$/),
    ]);
    expect(row[4]!.split('\u001f')).toEqual([TRICKY_LABEL, 'x']);
  });

  it('asks for the multi-line reader only when a value holds a line break', () => {
    const copy = graph.copy() as KnowledgeGraph;
    copy.mergeNodeAttributes(
      copy.findNode((_n, a) => a.kind === 'paper'),
      { venue: 'Proceedings\nof ACL' } as Partial<PaperAttributes>,
    );
    const plan = planNeo4jCsv(copy, undefined, 'data');
    expect(plan.multiline).toBe(true);
    expect(plan.script).toContain('--multiline-fields=true');
  });

  it('refuses a count that is not a whole number, naming the file and column', () => {
    const copy = graph.copy() as KnowledgeGraph;
    copy.mergeNodeAttributes(
      copy.findNode((_n, a) => a.kind !== 'paper'),
      { paperCount: 1.5 } as Partial<EntityAttributes>,
    );
    const plan = planNeo4jCsv(copy, undefined, 'data');
    expect(() => [...plan.files.find((f) => f.name === 'entities.csv')!.lines()]).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', code: 'KG_EXPORT_VALUE' }),
    );
  });

  it('writes an import script naming every file, and the schema statements for cypher-shell', () => {
    const plan = planNeo4jCsv(graph, undefined, 'data');
    for (const file of plan.files) expect(plan.script).toContain(`--${file.kind}=${file.name} \\\n`);
    expect(plan.script).toMatch(/^#!\/bin\/sh\n/);
    expect(plan.script).toContain('database import full "$database"');
    expect(plan.schema).toContain('CREATE FULLTEXT INDEX kg_entity_names');
  });
});
