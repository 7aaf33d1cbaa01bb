/** Test helpers for the real Neo4j (`kg services up` or docker compose): a reachable driver or a clear failure, never a skip. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { expect } from 'vitest';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from '../../graph/index.js';
import { runQuery, type ResultRow } from '../../graph/neo4j/index.js';
import { ROOT } from './papers.js';

/** The Neo4j the tests use: NEO4J_URI or the `kg services up` default. The database is dedicated to tests and emptied by them. */
export const TEST_NEO4J_URI = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';

/** A connected driver, or an error saying how to start Neo4j. */
export async function requireNeo4j(): Promise<Driver> {
  const auth = process.env.NEO4J_USERNAME
    ? neo4j.auth.basic(process.env.NEO4J_USERNAME, process.env.NEO4J_PASSWORD ?? '')
    : undefined;
  const driver = neo4j.driver(TEST_NEO4J_URI, auth, { disableLosslessIntegers: true, connectionTimeout: 3000 });
  try {
    await driver.verifyConnectivity();
    return driver;
  } catch (error) {
    await driver.close();
    throw new Error(
      `Neo4j is required for these tests and is not reachable at ${TEST_NEO4J_URI} (${(error as Error).message}). npm test starts one of its own unless NEO4J_URI is set (test/setup/neo4j.ts); run the Neo4j tests through npm test or vitest, or set NEO4J_URI.`,
      { cause: error },
    );
  }
}

/** A TCP port free on 127.0.0.1 just now, for a Neo4j a test starts and stops itself (never the shared one's). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Counts of nodes by label and relationships by type (the mirror's own bookkeeping node, `:KgMirror`, left out). */
export async function neo4jCounts(driver: Driver): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const nodes = await driver.executeQuery(
    'MATCH (n) WHERE NOT n:KgMirror UNWIND labels(n) AS l RETURN l, count(*) AS n',
  );
  for (const r of nodes.records) out[`:${r.get('l')}`] = r.get('n');
  const rels = await driver.executeQuery('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n');
  for (const r of rels.records) out[r.get('t')] = r.get('n');
  return out;
}

/** JSON with object keys sorted, so equal content gives equal text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Everything the mirror owns, as sorted plain rows: each node with its labels and properties, each relationship with its ends and properties (the `mirror` token left out). */
export async function neo4jDump(driver: Driver): Promise<{ nodes: string[]; relationships: string[] }> {
  const id = (v: string) =>
    `CASE WHEN ${v}:Paper THEN 'paper:' + ${v}.id WHEN ${v}:Entity THEN 'entity:' + ${v}.key WHEN ${v}:Result THEN 'result:' + ${v}.id ELSE 'community:' + toString(${v}.id) END`;
  const nodes = await driver.executeQuery(
    `MATCH (n:Paper|Entity|Community|Result) RETURN ${id('n')} AS id, labels(n) AS labels, properties(n) AS props`,
  );
  const rels = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE NOT a:KgMirror RETURN ${id('a')} AS a, type(r) AS type, ${id('b')} AS b, properties(r) AS props`,
  );
  const strip = (props: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'mirror'));
  return {
    nodes: nodes.records
      .map((r) =>
        canonical({ id: r.get('id'), labels: [...(r.get('labels') as string[])].sort(), props: strip(r.get('props')) }),
      )
      .sort(),
    relationships: rels.records
      .map((r) => canonical({ a: r.get('a'), type: r.get('type'), b: r.get('b'), props: strip(r.get('props')) }))
      .sort(),
  };
}

/**
 * What {@link neo4jDump} must give for a graph, derived from the graph alone (not from the mirror's own rows), and for
 * the results papers state (`resultRows` of the snapshot's papers): those of papers in the graph, each end whose
 * entity is in the graph.
 */
export function expectedDump(
  graph: KnowledgeGraph,
  abstracts: ReadonlyMap<string, string> = new Map(),
  results: readonly ResultRow[] = [],
): { nodes: string[]; relationships: string[] } {
  const defined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
  const label: Record<string, string> = {
    method: 'Method',
    task: 'Task',
    dataset: 'Dataset',
    metric: 'Metric',
    concept: 'Concept',
  };
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  graph.forEachNode((node, a) => {
    if (a.kind === 'paper') {
      const p = a as PaperAttributes;
      ids.set(node, `paper:${p.id}`);
      const props = {
        id: p.id,
        title: p.title,
        abstract: abstracts.get(p.id),
        date: p.date,
        year: p.year,
        dateText: p.dateText,
        url: p.url,
        venue: p.venue,
        organization: p.organization,
        authorCount: p.authorCount,
        source: p.source,
        community: p.community,
      };
      nodes.push(canonical({ id: `paper:${p.id}`, labels: ['Paper'], props: defined(props) }));
    } else {
      const e = a as EntityAttributes;
      ids.set(node, `entity:${e.key}`);
      const props = {
        key: e.key,
        kind: e.kind,
        label: e.label,
        aliases: e.aliases,
        aliasText: e.aliases.join(' | '),
        paperCount: e.paperCount,
        mentionCount: e.mentionCount,
        firstSeen: e.firstSeen,
        lastSeen: e.lastSeen,
        community: e.community,
        specificity: e.specificity,
      };
      nodes.push(
        canonical({ id: `entity:${e.key}`, labels: ['Entity', label[e.kind]!].sort(), props: defined(props) }),
      );
    }
  });
  for (const c of graph.getAttribute('communities'))
    nodes.push(
      canonical({
        id: `community:${c.id}`,
        labels: ['Community'],
        props: { id: c.id, label: c.label, size: c.size, topTerms: c.topTerms },
      }),
    );
  const relationships: string[] = [];
  graph.forEachEdge((_e, a, source, target) => {
    let [from, to] = [ids.get(source)!, ids.get(target)!];
    if (a.type === 'MENTIONS')
      relationships.push(canonical({ a: from, type: a.type, b: to, props: { count: a.count, spans: a.spans.flat() } }));
    else if (a.type === 'CO_OCCURS') {
      if (from > to) [from, to] = [to, from];
      relationships.push(canonical({ a: from, type: a.type, b: to, props: { weight: a.weight } }));
    } else
      relationships.push(canonical({ a: from, type: a.type, b: to, props: { weight: a.weight, papers: a.papers } }));
  });
  graph.forEachNode((node, a) =>
    relationships.push(canonical({ a: ids.get(node), type: 'IN_COMMUNITY', b: `community:${a.community}`, props: {} })),
  );
  for (const r of results) {
    if (!graph.hasNode(`paper:${r.paper}`)) continue;
    const props = { id: r.id, value: r.value, unit: r.unit, delta: r.delta, sentence: r.sentence, year: r.year };
    nodes.push(canonical({ id: `result:${r.id}`, labels: ['Result'], props: defined(props) }));
    relationships.push(canonical({ a: `paper:${r.paper}`, type: 'REPORTS', b: `result:${r.id}`, props: {} }));
    const ends = [
      ['OF_METRIC', r.metric],
      ['ON_DATASET', r.dataset],
      ['BY_METHOD', r.method],
    ] as const;
    for (const [type, key] of ends)
      if (key !== null && graph.hasNode(`entity:${key}`))
        relationships.push(canonical({ a: `result:${r.id}`, type, b: `entity:${key}`, props: {} }));
  }
  return { nodes: nodes.sort(), relationships: relationships.sort() };
}

/** Counts of the `:Result` nodes and their relationships a mirror writes for `rows` and a graph (labels with none left out). */
export function resultCounts(graph: KnowledgeGraph, rows: readonly ResultRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (label: string) => (out[label] = (out[label] ?? 0) + 1);
  for (const r of rows) {
    if (!graph.hasNode(`paper:${r.paper}`)) continue;
    add(':Result');
    add('REPORTS');
    if (graph.hasNode(`entity:${r.metric}`)) add('OF_METRIC');
    if (r.dataset !== null && graph.hasNode(`entity:${r.dataset}`)) add('ON_DATASET');
    if (r.method !== null && graph.hasNode(`entity:${r.method}`)) add('BY_METHOD');
  }
  return out;
}

/** Parameters for docs/cypher.md's trend examples on the seeds graph (its 23 dated papers, 2018-2024). */
export const CYPHER_EXAMPLE_PARAMS = {
  since: 2019,
  until: 2024,
  kind: null,
  minPapers: 2,
  minYearPapers: 1,
  umbrellaBelow: 0.5,
} as const;

/** docs/cypher.md's examples by their heading (`### 14. Rising terms…` → `14`), in order. */
export function cypherExamples(): { number: string; heading: string; cypher: string }[] {
  const md = readFileSync(path.join(ROOT, 'docs', 'cypher.md'), 'utf8');
  return [...md.matchAll(/^### (\d+)\. ([^\n]*)\n[\s\S]*?```cypher\n([\s\S]*?)```/gm)].map((m) => ({
    number: m[1]!,
    heading: m[2]!,
    cypher: m[3]!,
  }));
}

/**
 * Runs every example of docs/cypher.md on the seeds graph with no warning from the server; those without parameters
 * must return rows. The trend examples (with parameters) find little in the seeds' few dated papers: their answers
 * are checked on a dated corpus in test/neo4j/neo4j.test.ts.
 */
export async function expectCypherExamplesAnswer(driver: Driver): Promise<void> {
  const examples = cypherExamples();
  expect(examples.length).toBeGreaterThanOrEqual(16);
  for (const { heading, cypher } of examples) {
    const { rows, warnings } = await runQuery(driver, cypher, { ...CYPHER_EXAMPLE_PARAMS });
    if (!cypher.includes('$')) expect(rows.length, heading).toBeGreaterThan(0);
    expect(warnings, heading).toEqual([]);
  }
}
