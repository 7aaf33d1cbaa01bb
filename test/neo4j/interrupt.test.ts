// A mirror interrupted by stopping Neo4j fails clearly; after a restart, mirroring again leaves Neo4j equal to the snapshot.
// Runs its own Neo4j (kg services' launcher) on a separate port and folder, so the shared one is never stopped.
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../graph/index.js';
import { createDriver, createNeo4jMirror } from '../../graph/neo4j/index.js';
import { mirrorWithProgress } from '../../cli/neo4j.js';
import { neo4jDown, neo4jUp } from '../../cli/services.js';
import { tempDir } from '../utils/cli.js';
import { seedGraph } from '../utils/graph.js';
import { neo4jCounts } from '../utils/neo4j.js';

const PORT = 7697;
const uri = `bolt://127.0.0.1:${PORT}`;
const tmp = tempDir('neo4j-interrupt');
const base = path.join(tmp.dir, 'neo4j');
let graph: KnowledgeGraph;
let driver: Driver | undefined;

beforeAll(async () => {
  graph = seedGraph();
  await neo4jUp({ port: PORT, base, timeoutMs: 240_000 });
}, 300_000);
afterAll(async () => {
  await driver?.close();
  await neo4jDown(base);
  tmp.cleanup();
}, 60_000);

describe('Neo4j stopped during a mirror', () => {
  it('fails with a ServiceError, and the next mirror after a restart ends equal to the snapshot, with no duplicates', async () => {
    // The outcome is captured at once: the rejection can arrive while Neo4j is still stopping.
    // Neo4j is stopped as soon as the first batch is written, so the mirror is surely under way.
    let stopping: Promise<boolean> | undefined;
    const outcome = mirrorWithProgress({ uri }, graph, { quiet: true, batchSize: 100, onProgress: () => void (stopping ??= neo4jDown(base)) }).then(
      () => undefined,
      (error: unknown) => error,
    );
    for (let waited = 0; stopping === undefined && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(stopping, 'the mirror wrote a first batch').toBeDefined();
    expect(await stopping).toBe(true);
    expect(await outcome).toMatchObject({ name: 'ServiceError' });

    await neo4jUp({ port: PORT, base, timeoutMs: 240_000 });
    driver = createDriver({ uri });
    await createNeo4jMirror({ driver }).mirror(graph);
    const counts = await neo4jCounts(driver);
    expect(counts[':Paper']).toBe(504);
    expect(counts[':Entity']).toBe(graph.order - 504);
    expect(counts.MENTIONS).toBe(graph.filterEdges((_e, a) => a.type === 'MENTIONS').length);
    const dupes = await driver.executeQuery('MATCH (e:Entity) WITH e.key AS key, count(*) AS n WHERE n > 1 RETURN count(*) AS dupes');
    expect(dupes.records[0]!.get('dupes')).toBe(0);
  }, 300_000);
});
