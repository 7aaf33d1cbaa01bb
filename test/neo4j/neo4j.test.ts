// The Neo4j mirror, queries and traces against a real Neo4j: Neo4j equals the snapshot after every mirror.
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeTrends,
  saveSnapshot,
  snapshotTraceSource,
  snapshotTrendInput,
  trace,
  type EntityAttributes,
  type KnowledgeGraph,
  type PaperRecord,
} from '../../graph/index.js';
import { connectNeo4j, createNeo4jMirror, resultRows, runQuery, type ResultRow } from '../../graph/neo4j/index.js';
import { neo4jTraceSource } from '../../graph/trace-neo4j.js';
import { neo4jTrendInput, neo4jYearTotals } from '../../graph/trends-neo4j.js';
import { runKg, tempDir } from '../utils/cli.js';
import { corpusGraph, seedExtraction, seedGraph } from '../utils/graph.js';
import { datedPapers } from '../utils/papers.js';
import {
  cypherExamples,
  expectCypherExamplesAnswer,
  expectedDump,
  resultCounts,
  neo4jCounts,
  neo4jDump,
  requireNeo4j,
  TEST_NEO4J_URI,
} from '../utils/neo4j.js';

let driver: Driver;
let graph: KnowledgeGraph;
let records: Map<string, PaperRecord>;
let abstracts: Map<string, string>;
let stated: ResultRow[];
const tmp = tempDir('neo4j');

function expectedCounts(g: KnowledgeGraph, rows: readonly ResultRow[] = []): Record<string, number> {
  const out: Record<string, number> = {
    ':Paper': 0,
    ':Entity': 0,
    ':Community': g.getAttribute('communities').length,
    IN_COMMUNITY: g.order,
  };
  const kinds: Record<string, string> = {
    method: ':Method',
    task: ':Task',
    dataset: ':Dataset',
    metric: ':Metric',
    concept: ':Concept',
  };
  g.forEachNode((_n, a) => {
    if (a.kind === 'paper') out[':Paper']! += 1;
    else {
      out[':Entity']! += 1;
      out[kinds[a.kind]!] = (out[kinds[a.kind]!] ?? 0) + 1;
    }
  });
  g.forEachEdge((_e, a) => {
    out[a.type] = (out[a.type] ?? 0) + 1;
  });
  for (const [label, n] of Object.entries(resultCounts(g, rows))) out[label] = n;
  return out;
}

beforeAll(async () => {
  driver = await requireNeo4j();
  // In batches, so a database left holding a large graph (a bench's, say) empties within Neo4j's transaction memory.
  // CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run, not executeQuery (which the old fallback to
  // one DETACH DELETE of everything hid, until it exceeded dbms.memory.transaction.total.max).
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  graph = seedGraph();
  const { papers, results } = seedExtraction();
  const byId = new Map(results.map((r) => [r.id, r]));
  records = new Map(
    papers.map((p) => [
      p.id,
      {
        ...p,
        mentions: byId.get(p.id)!.mentions,
        relations: byId.get(p.id)!.relations,
        results: byId.get(p.id)!.results,
      },
    ]),
  );
  abstracts = new Map(papers.map((p) => [p.id, p.abstract]));
  stated = resultRows(records.values());
}, 120_000);
afterAll(async () => {
  await driver?.close();
  tmp.cleanup();
});

describe.sequential('Neo4j', () => {
  it('mirrors the seeds graph: every node and edge, with their labels and types', async () => {
    const report = await createNeo4jMirror({ driver, batchSize: 1000 }).mirror(graph, undefined, abstracts, stated);
    expect(await neo4jCounts(driver)).toEqual(expectedCounts(graph, stated));
    expect(report.nodes).toBe(
      graph.order + graph.getAttribute('communities').length + (expectedCounts(graph, stated)[':Result'] ?? 0),
    );
    const { records } = await driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
    expect(records[0]!.get('names')).toEqual(
      expect.arrayContaining(['kg_paper_id', 'kg_entity_key', 'kg_community_id']),
    );
    expect(await neo4jDump(driver)).toEqual(expectedDump(graph, abstracts, stated));
  });

  it('a second mirror of the same snapshot changes no counts and removes nothing', async () => {
    const before = await neo4jCounts(driver);
    const report = await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(report.removedNodes).toBe(0);
    expect(report.removedRelationships).toBe(0);
    expect(await neo4jCounts(driver)).toEqual(before);
  });

  it('an unchanged re-mirror writes nothing: each group is skipped after its stored digest and count-store counts match', async () => {
    const report = await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(report.written).toBe(0);
    expect(report.skipped).toBe(report.nodes + report.relationships);
    expect(report.skippedGroups).toEqual(
      expect.arrayContaining([
        'Paper',
        'Entity',
        'Community',
        'MENTIONS',
        'CO_OCCURS',
        'IN_COMMUNITY (entities)',
        'IN_COMMUNITY (papers)',
      ]),
    );
    expect(await neo4jDump(driver)).toEqual(expectedDump(graph, abstracts, stated));
    const full = await createNeo4jMirror({ driver, full: true }).mirror(graph, undefined, abstracts, stated);
    expect(full.written).toBe(full.nodes + full.relationships);
    expect(await neo4jDump(driver)).toEqual(expectedDump(graph, abstracts, stated));
  });

  it('mirrors the results the papers state: as many :Result nodes and REPORTS, OF_METRIC, ON_DATASET, BY_METHOD edges as the snapshot gives, and a re-mirror writes none of them', async () => {
    expect(stated.length).toBeGreaterThan(0);
    const counts = await neo4jCounts(driver);
    const expected = expectedCounts(graph, stated);
    for (const label of [':Result', 'REPORTS', 'OF_METRIC', 'ON_DATASET', 'BY_METHOD'])
      expect(counts[label], label).toBe(expected[label]);
    expect(counts[':Result']).toBe(stated.length);
    const { rows } = await runQuery(
      driver,
      'MATCH (p:Paper)-[:REPORTS]->(r:Result)-[:OF_METRIC]->(m:Metric) RETURN p.id AS paper, p.year AS paperYear, r.id AS id, r.year AS year, r.sentence AS sentence, m.key AS metric ORDER BY id LIMIT 1',
    );
    const first = rows[0]!;
    expect(first.id).toMatch(new RegExp(`^${String(first.paper).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#\\d+$`));
    expect(first.year).toBe(first.paperYear ?? null);
    expect(records.get(String(first.paper))!.abstract.length + 1).toBeGreaterThan(String(first.sentence).length);
    const again = await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(again.written).toBe(0);
    expect(again.skippedGroups).toEqual(
      expect.arrayContaining(['Result', 'REPORTS', 'OF_METRIC', 'ON_DATASET', 'BY_METHOD']),
    );
  });

  it('repairs what was changed behind its back when a count shows it: a deleted relationship, an extra node, a foreign relationship', async () => {
    await driver.executeQuery('MATCH ()-[r:MENTIONS]->() WITH r LIMIT 1 DELETE r');
    await driver.executeQuery("CREATE (:Entity:Method {key: 'zz intruder', kind: 'method'})");
    await driver.executeQuery('MATCH (a:Paper), (b:Entity) WITH a, b LIMIT 1 CREATE (a)-[:FOREIGN]->(b)');
    const report = await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(report.skippedGroups).not.toContain('MENTIONS');
    expect(report.skippedGroups).not.toContain('Entity');
    expect(report.removedNodes).toBe(1);
    expect(await neo4jDump(driver)).toEqual(expectedDump(graph, abstracts, stated));
  });

  it('runs every example of docs/cypher.md with rows to show', async () => {
    await expectCypherExamplesAnswer(driver);
  });

  it('gives the same papers per year and the same trends from Neo4j as from the snapshot (kg trends)', async () => {
    const fromSnapshot = snapshotTrendInput(graph);
    expect(await neo4jYearTotals(driver)).toEqual({ totals: fromSnapshot.totals, undated: fromSnapshot.undated });
    expect(await snapshotTraceSource(graph, records).yearTotals()).toEqual(await neo4jTraceSource(driver).yearTotals());
    // The seeds have few dated papers: every year and every entity in two papers count, so the lists are not empty.
    const options = { minPapers: 2, minYearPapers: 1, umbrella: true, top: 50 };
    const fromNeo4j = await neo4jTrendInput(driver, { minPapers: options.minPapers });
    const expected = computeTrends(fromSnapshot, options);
    expect(expected.rising.length + expected.declining.length + expected.bursts.length).toBeGreaterThan(0);
    expect(computeTrends(fromNeo4j, options)).toEqual(expected);
  });

  it('traces an entity by any of its names, with the same answer from Neo4j and from the snapshot', async () => {
    const fromNeo4j = neo4jTraceSource(driver);
    const fromSnapshot = snapshotTraceSource(graph, records);
    const rl = await trace(fromNeo4j, 'RL');
    const long = await trace(fromNeo4j, 'reinforcement learning');
    expect(rl).toEqual(long);
    expect(rl.entity.aliases).toEqual(expect.arrayContaining(['RL']));
    const entity = graph.getNodeAttributes(`entity:${rl.entity.key}`) as EntityAttributes;
    expect(rl.papers).toHaveLength(entity.paperCount);
    expect(Object.values(rl.perYear).reduce((a, b) => a + b, 0)).toBe(entity.paperCount);
    for (const p of rl.papers)
      expect(
        entity.aliases.some((a) => p.sentence.includes(a)),
        p.sentence,
      ).toBe(true);
    expect(rl.related.length).toBeGreaterThan(0);
    expect(await trace(fromSnapshot, 'rl')).toEqual(rl);
    await expect(trace(fromNeo4j, 'zzqx nonexistent entity')).rejects.toMatchObject({
      name: 'InvalidInputError',
      code: 'KG_TRACE_NOT_FOUND',
    });
    // A family taken in (VARIANT_OF edges into it), the same from both, its papers among the trace's.
    const families = new Set(graph.filterDirectedEdges((_e, a) => a.type === 'VARIANT_OF').map((e) => graph.target(e)));
    expect(families.size).toBeGreaterThan(0);
    for (const node of [...families].slice(0, 5)) {
      const key = (graph.getNodeAttributes(node) as EntityAttributes).key;
      const withFamily = await trace(fromNeo4j, key, { family: true });
      expect(withFamily.family.length, key).toBeGreaterThan(0);
      expect(await trace(fromSnapshot, key, { family: true })).toEqual(withFamily);
      expect(withFamily.papers.length).toBeGreaterThanOrEqual((await trace(fromNeo4j, key)).papers.length);
    }
  });

  it('suggests what a misspelt or partial term may mean, the same from Neo4j (its full-text index) and the snapshot', async () => {
    const fromNeo4j = neo4jTraceSource(driver);
    const fromSnapshot = snapshotTraceSource(graph, records);
    const rl = graph.getNodeAttributes('entity:reinforcement learning') as EntityAttributes;
    const cases: [string, RegExp][] = [
      [
        'reinforcment learning',
        new RegExp(
          `did you mean:\\n  ${rl.label} \\(${rl.kind}, key "reinforcement learning", ${rl.paperCount} papers\\)\\n`,
        ),
      ],
      ['transfomer', /did you mean:\n {2}\S.*key "transformer"/],
      ['neural', /did you mean:\n {2}\S.*key "neural network"/],
      ['zzqx nonexistent entity', /^no entity named "zzqx nonexistent entity" in the graph$/],
    ];
    for (const [term, expected] of cases) {
      const a = await trace(fromNeo4j, term).then(
        () => undefined,
        (e: Error) => e,
      );
      const b = await trace(fromSnapshot, term).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(a, term).toMatchObject({ name: 'InvalidInputError', code: 'KG_TRACE_NOT_FOUND' });
      expect(a?.message, term).toMatch(expected);
      expect(a?.message, term).toBe(b?.message);
    }
  });

  it('is read-only unless asked, and says what is wrong with a query', async () => {
    await expect(runQuery(driver, 'CREATE (x:Intruder) RETURN x', {})).rejects.toMatchObject({
      code: 'KG_CYPHER_WRITE_REFUSED',
    });
    expect((await neo4jCounts(driver))[':Intruder']).toBeUndefined();
    const syntax = runQuery(driver, 'MATCH (n RETURN n', {});
    await expect(syntax).rejects.toMatchObject({ code: 'KG_CYPHER_SYNTAX' });
    await expect(syntax).rejects.toThrow(/line 1, column/);
    const { rows } = await runQuery(driver, 'MATCH (p:Paper {id: $id}) RETURN p.title AS title', {
      id: graph.getNodeAttribute(graph.nodes()[0]!, 'id' as never),
    });
    expect(rows).toHaveLength(1);
    // A typo runs and returns nothing; the server's warnings say what is unknown, and where.
    const typo = await runQuery(driver, 'MATCH (m:Methd)-[:USED_FR]->(t) RETURN m.nme AS x', {});
    expect(typo.rows).toEqual([]);
    expect(typo.columns).toEqual(['x']);
    expect(typo.warnings).toEqual(
      expect.arrayContaining([
        'unknown label "Methd" (line 1, column 10)',
        'unknown relationship type "USED_FR" (line 1, column 19)',
        expect.stringMatching(/^unknown property "nme" \(line 1, column \d+\)$/),
      ]),
    );
    expect(typo.warnings).toHaveLength(3);
    expect((await runQuery(driver, 'MATCH (m:Method) RETURN m.label AS label LIMIT 1', {})).warnings).toEqual([]);
    await expect(connectNeo4j({ uri: 'bolt://127.0.0.1:1' })).rejects.toMatchObject({
      name: 'ServiceError',
      code: 'KG_NEO4J_UNREACHABLE',
    });
  });

  it('after a change, Neo4j equals the new snapshot: gone papers removed, changed properties updated, hostile text kept as text', async () => {
    const changed = graph.copy() as KnowledgeGraph;
    const gone = changed.filterNodes((_n, a) => a.kind === 'paper')[0]!;
    changed.dropNode(gone);
    const paper = changed.filterNodes((_n, a) => a.kind === 'paper')[0]!;
    const hostile = `Quotes ' " and \`backticks\` }) DETACH DELETE n //`;
    changed.setNodeAttribute(paper, 'title', hostile);
    const entity = changed.filterNodes((_n, a) => a.kind === 'method')[0]!;
    const moved = (changed.getNodeAttribute(entity, 'community') + 1) % changed.getAttribute('communities').length;
    changed.setNodeAttribute(entity, 'community', moved);
    await createNeo4jMirror({ driver }).mirror(changed, undefined, abstracts, stated);
    expect(await neo4jCounts(driver)).toEqual(expectedCounts(changed, stated));
    const id = changed.getNodeAttribute(paper, 'id' as never);
    expect((await runQuery(driver, 'MATCH (p:Paper {id: $id}) RETURN p.title AS title', { id })).rows).toEqual([
      { title: hostile },
    ]);
    expect(
      (
        await runQuery(driver, 'MATCH (p:Paper {id: $id}) RETURN p', {
          id: graph.getNodeAttribute(gone, 'id' as never),
        })
      ).rows,
    ).toEqual([]);
    const key = (changed.getNodeAttributes(entity) as EntityAttributes).key;
    expect(
      (
        await runQuery(driver, 'MATCH (e:Entity {key: $key})-[:IN_COMMUNITY]->(c) RETURN e.community AS a, c.id AS b', {
          key,
        })
      ).rows,
    ).toEqual([{ a: moved, b: moved }]);
    expect(await neo4jDump(driver)).toEqual(expectedDump(changed, abstracts, stated));
  });

  it('a changed snapshot re-mirrored leaves Neo4j equal to it (nodes, relationships, properties), rewriting only the changed groups', async () => {
    await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    const changed = graph.copy() as KnowledgeGraph;
    const entities = changed.filterNodes((_n, a) => a.kind !== 'paper');
    const gone = entities.find((n) => changed.degree(n) > 0)!;
    changed.dropNode(gone);
    const retyped = changed.filterNodes((_n, a) => a.kind === 'task')[0]!;
    changed.mergeNodeAttributes(retyped, {
      kind: 'dataset',
      label: 'renamed label',
      aliases: ['renamed label', 'RL2'],
    } as never);
    const co = changed.filterEdges((_e, a) => a.type === 'CO_OCCURS');
    changed.setEdgeAttribute(co[0]!, 'weight' as never, 99 as never);
    changed.dropEdge(co[1]!);
    const mention = changed.filterEdges((_e, a) => a.type === 'MENTIONS')[0]!;
    changed.setEdgeAttribute(mention, 'spans' as never, [[0, 3]] as never);
    const report = await createNeo4jMirror({ driver }).mirror(changed, undefined, abstracts, stated);
    expect(await neo4jDump(driver)).toEqual(expectedDump(changed, abstracts, stated));
    expect(await neo4jCounts(driver)).toEqual(expectedCounts(changed, stated));
    expect(report.removedNodes).toBe(1);
    expect(report.skippedGroups).toContain('Community');
    expect(report.skippedGroups).not.toContain('Entity');
    const again = await createNeo4jMirror({ driver }).mirror(changed, undefined, abstracts, stated);
    expect(again.written).toBe(0);
    await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(await neo4jDump(driver)).toEqual(expectedDump(graph, abstracts, stated));
  });

  it('kg services reports the running Neo4j and Redis, and up is a no-op when Neo4j answers', async () => {
    const port = new URL(TEST_NEO4J_URI.replace(/^[a-z0-9+]+:/, 'http:')).port || '7687';
    const status = await runKg(['services', 'status', '--port', port]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/neo4j: answering at bolt:\/\/127\.0\.0\.1:/);
    expect(status.stdout).toMatch(/redis: Redis [\d.]+ answering/);
    const up = await runKg(['services', 'up', '--port', port]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/neo4j: running at/);
  });

  it('kg mirror, kg query and kg trace work from the command line', async () => {
    const { papers, results } = seedExtraction();
    const byId = new Map(results.map((r) => [r.id, r]));
    const dir = path.join(tmp.dir, 'snap');
    await saveSnapshot(
      dir,
      graph,
      papers.map((p) => ({
        ...p,
        mentions: byId.get(p.id)!.mentions,
        relations: byId.get(p.id)!.relations,
        results: byId.get(p.id)!.results,
      })),
    );
    const env = { NEO4J_URI: TEST_NEO4J_URI };
    const mirror = await runKg(['mirror', '--graph', dir, '--quiet'], env);
    expect(mirror.code, mirror.stderr).toBe(0);
    expect(mirror.stderr).toMatch(/neo4j: mirrored \d+ nodes and \d+ relationships/);
    expect(await neo4jCounts(driver)).toEqual(expectedCounts(graph, stated));
    const csv = await runKg(
      ['query', 'MATCH (c:Community) RETURN c.id AS id, c.label AS label ORDER BY id', '--format', 'csv'],
      env,
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('id,label');
    const json = await runKg(
      [
        'query',
        'MATCH (p:Paper) WHERE p.id = $id RETURN p.id AS id',
        '--param',
        `id=${papers[0]!.id}`,
        '--format',
        'json',
      ],
      env,
    );
    expect(JSON.parse(json.stdout)).toEqual([{ id: papers[0]!.id }]);
    const empty = await runKg(
      [
        'query',
        'MATCH (m:Method {key: $key}) RETURN m.label AS label, m.key AS key',
        '--param',
        'key=no such key',
        '--format',
        'csv',
      ],
      env,
    );
    expect(empty.stdout).toBe('label,key\n');
    expect(empty.stderr).toBe('');
    const typo = await runKg(['query', 'MATCH (m:Method) RETURN m.name LIMIT 1'], env);
    expect(typo.code).toBe(0);
    expect(typo.stderr).toMatch(
      /^kg query: warning: unknown property "name" \(line 1, column \d+\)\nkg query: the graph holds .*\{key, label, kind/,
    );
    const bad = await runKg(['query', 'MATCH (n RETURN n'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/syntax/i);
    const write = await runKg(['query', 'CREATE (x:Intruder)'], env);
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/--write/);
    const none = await runKg(['query', 'RETURN 1']);
    expect(none.code).toBe(2);
    const traced = await runKg(['trace', 'RL', '--format', 'json'], env);
    expect(traced.code, traced.stderr).toBe(0);
    const offline = await runKg(['trace', 'Reinforcement Learning', '--format', 'json', '--graph', dir]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(traced.stdout));
    const table = await runKg(['trace', 'RL', '--graph', dir]);
    expect(table.stdout).toMatch(/per year:/);
    const down = await runKg(['mirror', '--graph', dir, '--neo4j', 'bolt://127.0.0.1:1', '--quiet']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/not reachable/);
  });
});

// Last: it replaces the seeds graph in Neo4j with a dated corpus whose terms rise, burst and arrive.
describe.sequential('the trend queries of docs/cypher.md', () => {
  it('give the same top five as kg trends: rising, bursts, newcomers', async () => {
    const dated = corpusGraph(datedPapers()).graph;
    await createNeo4jMirror({ driver, batchSize: 1000 }).mirror(
      dated,
      undefined,
      new Map(datedPapers().map((p) => [p.id, p.abstract])),
    );
    const query = (start: string) => cypherExamples().find((e) => e.heading.startsWith(start))!.cypher;
    const params = { since: 2014, until: 2021, kind: 'method', minPapers: 3, minYearPapers: 5, umbrellaBelow: 0.5 };
    const expected = computeTrends(snapshotTrendInput(dated), { ...params, kind: 'method' });
    const rows = async (cypher: string) => (await runQuery(driver, cypher, params)).rows;
    const rising = await rows(query('Rising terms'));
    expect(rising.length).toBeGreaterThanOrEqual(5);
    expect(rising.slice(0, 5).map((r) => r.entity)).toEqual(expected.rising.slice(0, 5).map((e) => e.label));
    const bursts = await rows(query('Bursts'));
    expect(bursts.length).toBeGreaterThanOrEqual(5);
    expect(bursts.slice(0, 5).map((r) => [r.entity, r.start, r.end])).toEqual(
      expected.bursts.slice(0, 5).map((b) => [b.label, b.start, b.end]),
    );
    const newcomers = await rows(query('Newcomers'));
    expect(newcomers.length).toBeGreaterThanOrEqual(5);
    expect(newcomers.slice(0, 5).map((r) => r.entity)).toEqual(expected.newcomers.slice(0, 5).map((e) => e.label));
  }, 300_000);
});
