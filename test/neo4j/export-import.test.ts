// `kg export --format csv` loaded by the real `neo4j-admin database import full` (Neo4j 5.26 from the same Maven Central
// artifacts `kg services up` runs) into a fresh database of a Neo4j of this file's own, then compared with what
// `kg mirror` writes for the same snapshot: counts per label and type, every property, docs/cypher.md's queries.
// Its own Neo4j, not the shared one: the import needs a stopped server and an empty store, and neo4j.test.ts empties
// and mirrors the shared database meanwhile.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSnapshot, type EntityAttributes, type KnowledgeGraph, type PaperAttributes } from '../../graph/index.js';
import { createNeo4jMirror, resultRows, type ResultRow } from '../../graph/neo4j/index.js';
import { neo4jDown, neo4jUp } from '../../cli/util/services.js';
import { runKg, tempDir } from '../utils/cli.js';
import { seedExtraction, seedGraph } from '../utils/graph.js';
import {
  expectCypherExamplesAnswer,
  expectedDump,
  freePort,
  neo4jCounts,
  neo4jDump,
  resultCounts,
} from '../utils/neo4j.js';
import { ROOT } from '../utils/papers.js';

const tmp = tempDir('neo4j-import');
const snapshot = path.join(tmp.dir, 'snap');
const csv = path.join(tmp.dir, 'csv');
/** kg services' layout: the server's home is base/data, so the store is base/data/data/databases/neo4j. */
const base = path.join(tmp.dir, 'neo4j');
const home = path.join(base, 'data');
/** A list value holding both readable delimiters and a quote, and a value with a line break: the export's hard cases. */
const ODD_ALIAS = 'odd; "alias" | with both delimiters';
const ODD_VENUE = 'Proceedings\nof a venue on two lines';

let graph: KnowledgeGraph;
let abstracts: Map<string, string>;
let stated: ResultRow[];
let driver: Driver;
let imported: { stdout: string; seconds: number };
let oddEntity = '';
let oddPaper = '';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a command that cannot be started fails with what is needed, never a skip. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(
        new Error(
          `${command} could not be started (${error.message}): the neo4j-admin import test needs Java 17 and Maven, as kg services does`,
          { cause: error },
        ),
      ),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The classpath of graph/neo4j/server/pom.xml, resolved by Maven as `kg services up` does (written where neo4jUp reads it). */
async function neo4jClasspath(): Promise<string> {
  const file = path.join(base, 'classpath.txt');
  const pom = path.join(ROOT, 'graph', 'neo4j', 'server', 'pom.xml');
  const mvn = await run('mvn', [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    pom,
    'dependency:build-classpath',
    `-Dmdep.outputFile=${file}`,
  ]);
  if (mvn.code !== 0)
    throw new Error(`mvn could not resolve Neo4j's classpath (exit ${mvn.code}):\n${mvn.stdout}${mvn.stderr}`);
  return readFileSync(file, 'utf8').trim();
}

/** Counts per label and relationship type that a graph gives in Neo4j (neo4jCounts' keys). */
function expectedCounts(g: KnowledgeGraph): Record<string, number> {
  const labels: Record<string, string> = {
    paper: ':Paper',
    method: ':Method',
    task: ':Task',
    dataset: ':Dataset',
    metric: ':Metric',
    concept: ':Concept',
  };
  const out: Record<string, number> = {
    ':Paper': 0,
    ':Entity': 0,
    ':Community': g.getAttribute('communities').length,
    IN_COMMUNITY: g.order,
  };
  g.forEachNode((_n, a) => {
    out[labels[a.kind]!] = (out[labels[a.kind]!] ?? 0) + 1;
    if (a.kind !== 'paper') out[':Entity']! += 1;
  });
  g.forEachEdge((_e, a) => {
    out[a.type] = (out[a.type] ?? 0) + 1;
  });
  for (const [label, n] of Object.entries(resultCounts(g, stated))) out[label] = n;
  return out;
}

async function emptyDatabase(): Promise<void> {
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  graph = seedGraph();
  oddEntity = graph.findNode((_n, a) => a.kind === 'method')!;
  graph.mergeNodeAttributes(oddEntity, {
    aliases: [...(graph.getNodeAttributes(oddEntity) as EntityAttributes).aliases, ODD_ALIAS],
  } as Partial<EntityAttributes>);
  oddPaper = graph.findNode((_n, a) => a.kind === 'paper')!;
  graph.mergeNodeAttributes(oddPaper, { venue: ODD_VENUE } as Partial<PaperAttributes>);
  const { papers, results } = seedExtraction();
  const byId = new Map(results.map((r) => [r.id, r]));
  const records = papers.map((p) => ({
    ...p,
    mentions: byId.get(p.id)!.mentions,
    relations: byId.get(p.id)!.relations,
    results: byId.get(p.id)!.results,
  }));
  await saveSnapshot(snapshot, graph, records);
  stated = resultRows(records);
  abstracts = new Map(papers.map((p) => [p.id, p.abstract]));

  const exported = await runKg(['export', '--graph', snapshot, '--format', 'csv', '--out', csv]);
  expect(exported.code, exported.stderr).toBe(0);

  mkdirSync(path.join(home, 'conf'), { recursive: true });
  const classpath = await neo4jClasspath();
  // import.sh as a user runs it, with neo4j-admin's main class on the server's classpath standing in for bin/neo4j-admin.
  const started = performance.now();
  const admin = await run('sh', [path.join(csv, 'import.sh'), 'neo4j', '--max-off-heap-memory=512m'], {
    ...process.env,
    NEO4J_ADMIN: `java -Xmx1g -XX:+UseSerialGC -cp ${classpath} org.neo4j.cli.AdminTool`,
    NEO4J_HOME: home,
    NEO4J_CONF: path.join(home, 'conf'),
  });
  expect(admin.code, `${admin.stdout}${admin.stderr}`).toBe(0);
  imported = { stdout: admin.stdout, seconds: (performance.now() - started) / 1000 };

  const port = await freePort();
  const up = await neo4jUp({ port, base, heap: '1g', timeoutMs: 240_000 });
  driver = neo4j.driver(up.uri, undefined, { disableLosslessIntegers: true });
  await driver.verifyConnectivity();
}, 600_000);

afterAll(async () => {
  await driver?.close();
  await neo4jDown(base);
  tmp.cleanup();
}, 60_000);

describe.sequential('neo4j-admin import of kg export --format csv', () => {
  it('imports every node and relationship the export wrote', () => {
    expect(imported.stdout).toContain('IMPORT DONE');
    const results = resultCounts(graph, stated);
    const ofResults =
      (results.REPORTS ?? 0) + (results.OF_METRIC ?? 0) + (results.ON_DATASET ?? 0) + (results.BY_METHOD ?? 0);
    // and the mirror's :KgMirror node
    const nodes = graph.order + graph.getAttribute('communities').length + (results[':Result'] ?? 0) + 1;
    expect(imported.stdout).toMatch(
      new RegExp(`Imported:\\s+${nodes} nodes\\s+${graph.size + graph.order + ofResults} relationships`),
    );
  });

  it('gives the counts per label and relationship type that the graph has', async () => {
    expect(await neo4jCounts(driver)).toEqual(expectedCounts(graph));
  });

  it('holds every node and relationship with the properties and types kg mirror writes, odd values included', async () => {
    expect(await neo4jDump(driver)).toEqual(expectedDump(graph, abstracts, stated));
    const key = (graph.getNodeAttributes(oddEntity) as EntityAttributes).key;
    const entity = await driver.executeQuery(
      'MATCH (e:Entity {key: $key}) RETURN e.aliases AS aliases, e.specificity AS s, labels(e) AS labels',
      { key },
    );
    expect(entity.records[0]!.get('aliases')).toContain(ODD_ALIAS);
    expect(entity.records[0]!.get('labels')).toEqual(expect.arrayContaining(['Entity', 'Method']));
    const id = (graph.getNodeAttributes(oddPaper) as PaperAttributes).id;
    const paper = await driver.executeQuery(
      'MATCH (p:Paper {id: $id}) RETURN p.venue AS venue, p.year AS year, p.abstract AS abstract',
      { id },
    );
    expect(paper.records[0]!.get('venue')).toBe(ODD_VENUE);
    expect(paper.records[0]!.get('abstract')).toBe(abstracts.get(id));
    // Integers as Cypher INTEGER, floats as FLOAT, lists of each: what the mirror's toInteger() and parameters give.
    const types = await driver.executeQuery(
      'MATCH (e:Entity) WHERE e.specificity IS NOT NULL WITH e LIMIT 1 MATCH (p:Paper)-[m:MENTIONS]->() WITH e, m LIMIT 1 ' +
        'RETURN valueType(e.paperCount) AS count, valueType(e.specificity) AS specificity, valueType(e.aliases) AS aliases, valueType(m.spans) AS spans',
    );
    expect(types.records[0]!.toObject()).toEqual({
      count: 'INTEGER NOT NULL',
      specificity: 'FLOAT NOT NULL',
      aliases: 'LIST<STRING NOT NULL> NOT NULL',
      spans: 'LIST<INTEGER NOT NULL> NOT NULL',
    });
  });

  it('a kg mirror of the snapshot afterwards adds the schema and finds every label and type already there', async () => {
    const report = await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(report.written).toBe(0);
    expect(report.skipped).toBe(report.nodes + report.relationships);
    const { records } = await driver.executeQuery('SHOW INDEXES YIELD name RETURN collect(name) AS names');
    expect(records[0]!.get('names')).toEqual(
      expect.arrayContaining(['kg_paper_id', 'kg_entity_key', 'kg_community_id', 'kg_entity_names', 'kg_paper_year']),
    );
  }, 180_000);

  it('runs every example of docs/cypher.md with rows to show, as on a mirrored database', async () => {
    await expectCypherExamplesAnswer(driver);
  });

  it('equals what kg mirror writes for the same snapshot into an empty database: counts, and every property', async () => {
    const fromImport = { counts: await neo4jCounts(driver), dump: await neo4jDump(driver) };
    await emptyDatabase();
    expect(await neo4jCounts(driver)).toEqual({});
    const report = await createNeo4jMirror({ driver }).mirror(graph, undefined, abstracts, stated);
    expect(report.written).toBe(report.nodes + report.relationships);
    expect(await neo4jCounts(driver)).toEqual(fromImport.counts);
    expect(await neo4jDump(driver)).toEqual(fromImport.dump);
  }, 180_000);
});
