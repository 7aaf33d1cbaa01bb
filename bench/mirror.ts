/**
 * The Neo4j mirror on one snapshot: into an emptied database, again unchanged, then (with `--changed`) once more after a
 * small change, with nodes/s, relationships/s and each phase's seconds.
 * Usage: `node dist/bench/mirror.js --graph DIR --neo4j URI [--batch-size N] [--concurrency N] [--changed] [--no-empty] [--server-pid-file F]`.
 * Also prints the CPU seconds of Neo4j (pid from F, default .kg/neo4j/neo4j.pid, as kg services up writes it) and of kg.
 * It EMPTIES the database first (unless --no-empty): give it a dedicated one (kg services up --port 7699).
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_SNAPSHOT_DIR, loadSnapshot, loadSnapshotPapers, type KnowledgeGraph } from '../graph/index.js';
import {
  createDriver,
  createNeo4jMirror,
  neo4jConfig,
  redactNeo4jUri,
  type MirrorReport,
} from '../graph/neo4j/index.js';

const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = value('--graph') ?? DEFAULT_SNAPSHOT_DIR;
const config = neo4jConfig(value('--neo4j'), process.env);
if (!config) {
  console.error(
    'usage: node dist/bench/mirror.js --graph DIR --neo4j URI [--batch-size N] [--concurrency N] [--changed] [--no-empty]',
  );
  process.exit(2);
}
const batchSize = value('--batch-size') ? Number(value('--batch-size')) : undefined;
const concurrency = value('--concurrency') ? Number(value('--concurrency')) : undefined;
const driver = createDriver(config);
// CPU seconds of the Neo4j process (from /proc) and of this one: on a shared machine wall time says little on its own.
const pidFile = value('--server-pid-file') ?? '.kg/neo4j/neo4j.pid';
const serverPid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : undefined;
const serverCpu = (): number => {
  if (!serverPid || !existsSync(`/proc/${serverPid}/stat`)) return NaN;
  const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const clientCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const timed = async (f: () => Promise<MirrorReport>): Promise<MirrorReport & { cpu: string }> => {
  const [s0, c0] = [serverCpu(), clientCpu()];
  const r = await f();
  return { ...r, cpu: `CPU: Neo4j ${(serverCpu() - s0).toFixed(1)} s, kg ${(clientCpu() - c0).toFixed(1)} s` };
};

const line = (label: string, r: MirrorReport & { cpu: string }): void => {
  const t = r.timings;
  // Rates only when everything was written: a partial rewrite's rows per second would be counted against all rows.
  const rate = (rows: number, seconds: number): string =>
    r.skipped === 0 ? `${Math.round(rows / Math.max(seconds, 1e-9))}/s` : '-';
  console.log(
    `${label.padEnd(22)} ${r.seconds.toFixed(2).padStart(7)} s  nodes ${r.nodes} (${rate(r.nodes, t.nodes)})  relationships ${r.relationships} (${rate(r.relationships, t.relationships)})` +
      `  schema ${t.schema.toFixed(2)} plan ${(t.plan ?? 0).toFixed(2)} nodes ${t.nodes.toFixed(2)} rels ${t.relationships.toFixed(2)} sweep ${t.sweep.toFixed(2)}` +
      `  written ${r.written ?? '-'} skipped ${r.skipped ?? '-'} removed ${r.removedNodes}/${r.removedRelationships}`,
  );
  console.log(`  ${r.cpu}`);
  if (r.groupSeconds && Object.keys(r.groupSeconds).length > 0)
    console.log(
      `  ${Object.entries(r.groupSeconds)
        .map(([g, s]) => `${g} ${s.toFixed(2)}`)
        .join(', ')}`,
    );
};

try {
  await driver.verifyConnectivity({ database: config.database });
  const loaded = performance.now();
  const { graph } = await loadSnapshot(dir);
  const abstracts = new Map([...(await loadSnapshotPapers(dir))].map(([id, p]) => [id, p.abstract]));
  console.log(
    `${dir}: ${graph.order} graph nodes, ${graph.size} edges, loaded in ${((performance.now() - loaded) / 1000).toFixed(1)} s; Neo4j ${redactNeo4jUri(config.uri)}`,
  );
  if (!args.includes('--no-empty')) {
    const session = driver.session({ database: config.database });
    const t = performance.now();
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    await session.close();
    console.log(`emptied in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const mirror = createNeo4jMirror({ driver, database: config.database, batchSize, concurrency });
  const first = await timed(() => mirror.mirror(graph, undefined, abstracts));
  line('first mirror', first);
  const again = await timed(() => mirror.mirror(graph, undefined, abstracts));
  line('unchanged re-mirror', again);
  console.log(`re-mirror / first: ${(again.seconds / first.seconds).toFixed(3)}`);
  if (args.includes('--changed')) {
    const changed = graph.copy() as KnowledgeGraph;
    const papers = changed.filterNodes((_n, a) => a.kind === 'paper');
    changed.dropNode(papers[0]!);
    changed.setNodeAttribute(papers[1]!, 'title' as never, 'changed title' as never);
    line('changed re-mirror', await timed(() => mirror.mirror(changed, undefined, abstracts)));
    line('back to the snapshot', await timed(() => mirror.mirror(graph, undefined, abstracts)));
  }
} finally {
  await driver.close();
}
