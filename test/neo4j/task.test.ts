// kg task against a real Neo4j: the task page from the mirror (with Result nodes as the results mirror writes them)
// equals the page from the snapshot, through the library and through the command line.
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSnapshot, snapshotTraceSource, type KnowledgeGraph, type PaperRecord } from '../../graph/index.js';
import { createNeo4jMirror, runQuery } from '../../graph/neo4j/index.js';
import { neo4jTaskSource } from '../../graph/task-neo4j.js';
import { snapshotTaskSource, taskPage, type TaskOptions } from '../../graph/task.js';
import { paperYear } from '../../graph/trends.js';
import { runKg, tempDir } from '../utils/cli.js';
import { requireNeo4j, TEST_NEO4J_URI } from '../utils/neo4j.js';
import { taskGraph } from '../utils/task.js';

let driver: Driver;
let graph: KnowledgeGraph;
let records: Map<string, PaperRecord>;
const tmp = tempDir('neo4j-task');

/** The records' results as (:Paper)-[:REPORTS]->(:Result)-[:OF_METRIC|ON_DATASET|BY_METHOD]->(:Entity) (docs/cypher.md). */
const WRITE_RESULTS = `UNWIND $rows AS row
MATCH (p:Paper {id: row.paper})
CREATE (p)-[:REPORTS]->(r:Result {id: row.id, value: row.value, unit: row.unit, delta: row.delta,
                                  sentence: row.sentence, year: row.year})
WITH r, row
CALL { WITH r, row MATCH (m:Entity {key: row.metric}) CREATE (r)-[:OF_METRIC]->(m) }
CALL { WITH r, row MATCH (d:Entity {key: row.dataset}) CREATE (r)-[:ON_DATASET]->(d) }
CALL { WITH r, row MATCH (x:Entity {key: row.method}) CREATE (r)-[:BY_METHOD]->(x) }`;

function resultRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const record of records.values()) {
    const text = `${record.title}\n${record.abstract}`;
    const key = (i: number | undefined): string | null =>
      i === undefined ? null : graph.hasNode(`entity:${record.mentions[i]!.key}`) ? record.mentions[i]!.key : null;
    (record.results ?? []).forEach((r, i) =>
      rows.push({
        id: `${record.id}#${i}`,
        paper: record.id,
        value: r.value,
        unit: r.unit ?? null,
        delta: r.delta ?? null,
        sentence: text.slice(r.sentence[0], r.sentence[1]).trim(),
        year: paperYear(record) ?? null,
        metric: key(r.metric),
        dataset: key(r.dataset),
        method: key(r.method),
      }),
    );
  }
  return rows;
}

beforeAll(async () => {
  driver = await requireNeo4j();
  const session = driver.session();
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  ({ graph, records } = taskGraph());
  await createNeo4jMirror({ driver, batchSize: 1000 }).mirror(
    graph,
    undefined,
    new Map([...records.values()].map((r) => [r.id, r.abstract])),
  );
  const rows = resultRows();
  expect(rows.length).toBeGreaterThan(20);
  await runQuery(driver, WRITE_RESULTS, { rows }, { write: true });
}, 180_000);
afterAll(async () => {
  await driver?.close();
  tmp.cleanup();
});

describe.sequential('kg task over Neo4j', () => {
  const fromSnapshot = () => snapshotTaskSource(graph, records, snapshotTraceSource(graph, records));
  it.each<[string, Partial<TaskOptions>]>([
    ['NER', {}],
    ['named entity recognition', { since: 2019, top: 3 }],
    ['sentiment analysis of reviews', {}],
  ])('gives the same page as the snapshot for %s %o', async (term, options) => {
    const expected = await taskPage(fromSnapshot(), term, options);
    const actual = await taskPage(neo4jTaskSource(driver), term, options);
    expect(actual).toEqual(expected);
    if (term === 'NER') {
      expect(actual.results).toHaveLength(25);
      expect(actual.datasets.map((d) => d.label)).toContain('CoNLL-2003');
    }
  });
  it('suggests the same names for a task not found', async () => {
    const message = (p: Promise<unknown>) =>
      p.then(
        () => '',
        (e: Error) => e.message,
      );
    const expected = await message(taskPage(fromSnapshot(), 'named entity recogniton'));
    expect(expected).toMatch(/did you mean/);
    expect(await message(taskPage(neo4jTaskSource(driver), 'named entity recogniton'))).toBe(expected);
  });
  it('kg task --neo4j prints the JSON kg task --graph prints', async () => {
    const dir = path.join(tmp.dir, 'snap');
    await saveSnapshot(dir, graph, [...records.values()]);
    const snapshot = await runKg(['task', 'NER', '--graph', dir, '--format', 'json']);
    expect(snapshot.code, snapshot.stderr).toBe(0);
    const neo = await runKg(['task', 'NER', '--format', 'json'], { NEO4J_URI: TEST_NEO4J_URI });
    expect(neo.code, neo.stderr).toBe(0);
    expect(JSON.parse(neo.stdout)).toEqual(JSON.parse(snapshot.stdout));
    const answer = JSON.parse(snapshot.stdout) as { task: { key: string }; results: { sentence: string }[] };
    expect(answer.task.key).toBe('named entity recognition');
    expect(answer.results[0]!.sentence).toMatch(/F1 on CoNLL-2003/);
    const missing = await runKg(['task', 'named entity recogniton'], { NEO4J_URI: TEST_NEO4J_URI });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/did you mean/);
  });
});
