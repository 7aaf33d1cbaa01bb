/**
 * `npm run bench`: throughput, memory and growth of kg on the ACL corpus at growing sizes, printed as one table
 * (a row per measurement, a column per size, and the per-abstract growth from the smallest to the largest size).
 *
 * For each size N (the first N lines of the corpus):
 * - ingest rate (in this process);
 * - the extractor against compromise's own `nlp(text).json()` on the same texts, one core, in alternating chunks so
 *   that a busy machine slows both alike (also for the `--extract-sizes`, by default 3,000: the abstracts of issue #6);
 * - `kg run --inline` and `kg run` on Redis (a fresh key prefix, removed afterwards) with as many `kg worker`
 *   processes as cores, as child processes: stage times from kg run's `timings:` line, peak RSS of the builder and of
 *   each worker (recorded at exit by bench/rss-probe.js), Redis memory of the queued and the finished jobs;
 * - with `--neo4j URI`: the snapshot mirrored into an emptied database, then mirrored again unchanged.
 *
 * Usage: npm run bench -- [--sizes 1000,5000] [--all] [--extract-sizes 3000] [--corpus FILE] [--redis URL]
 *                         [--workers N] [--neo4j URI] [--json FILE] [--markdown] [--keep]
 * `kg bench` takes the same options (it runs this file: cli/commands/bench.ts).
 * `--markdown` also writes the table, the machine and the command to docs/benchmarks.md.
 * `--neo4j` EMPTIES that database before each size: give it a dedicated one (kg services up --port 7699).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import nlp from 'compromise';
import { Redis } from 'ioredis';
import { loadSnapshot, loadSnapshotPapers } from '../graph/index.js';
import {
  createDriver,
  createNeo4jMirror,
  neo4jConfig,
  redactNeo4jUri,
  type MirrorReport,
} from '../graph/neo4j/index.js';
import { createExtractor, loadModels, looksEnglish } from '../pipeline/extract/index.js';
import { ingest, paperText } from '../pipeline/ingest/index.js';
import { swallowedByNpm, swallowedMessage } from '../pipeline/core/npm-args.js';
import type { Paper } from '../pipeline/core/types.js';
import { DEFAULT_BENCH_OPTIONS } from '../run/defaults.js';
import {
  createQueues,
  DEFAULT_REDIS_URL,
  jobIdOf,
  paperJob,
  MIN_INPUTS_FOR_THREADS,
  probeRedis,
  redactUrl,
  threadsFor,
} from '../workers/index.js';
import type { RssRecord } from './rss-probe.js';

// ---------------------------------------------------------------- options

// How the user called it: `kg bench` sets KG_BENCH_AS (cli/commands/bench.ts), so usage and docs/benchmarks.md name it.
const INVOKED_AS = process.env.KG_BENCH_AS === 'kg bench' ? 'kg bench' : 'npm run bench --';
const USAGE = `usage: ${INVOKED_AS} [--sizes 1000,5000] [--all] [--extract-sizes 3000] [--corpus FILE] [--redis URL] [--workers N] [--neo4j URI] [--json FILE] [--markdown] [--keep]`;
const args = process.argv.slice(2);
const VALUED = new Set(['--sizes', '--extract-sizes', '--corpus', '--redis', '--workers', '--neo4j', '--json']);
const FLAGS = new Set(['--all', '--keep', '--markdown', '--help']);
const swallowed = swallowedByNpm(
  [...VALUED, ...FLAGS].map((flag) => flag.slice(2)),
  args,
);
if (swallowed.length > 0) {
  console.error(`bench: ${swallowedMessage('bench', swallowed)}\n${USAGE}`);
  process.exit(2);
}
const given = new Map<string, string>();
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (FLAGS.has(a)) given.set(a, '');
  else if (VALUED.has(a) && args[i + 1] !== undefined) given.set(a, args[++i]!);
  else {
    console.error(`bench: unknown or incomplete option "${a}"\n${USAGE}`);
    process.exit(2);
  }
}
if (given.has('--help')) {
  console.log(USAGE);
  process.exit(0);
}
const sizeList = (value: string, flag: string): number[] =>
  value === ''
    ? []
    : value.split(',').map((s) => {
        const n = Number(s);
        if (!Number.isInteger(n) || n < 1) {
          console.error(`bench: ${flag} takes whole numbers separated by commas, got "${value}"`);
          process.exit(2);
        }
        return n;
      });

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const KG = path.join(ROOT, 'dist', 'cli', 'kg.js');
const PROBE = path.join(ROOT, 'dist', 'bench', 'rss-probe.js');
const corpus =
  given.get('--corpus') ?? path.resolve(ROOT, '..', 'shared', 'eval-data', 'corpus', 'acl-anthology.jsonl');
const workers = Number(given.get('--workers') ?? DEFAULT_BENCH_OPTIONS.workers);
const redisUrl = given.get('--redis') ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const neo4jUri = given.get('--neo4j');
if (!existsSync(corpus)) {
  console.error(`bench: corpus ${corpus} not found (pass --corpus FILE)`);
  process.exit(2);
}

// ---------------------------------------------------------------- helpers

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
const now = (): number => performance.now();
const since = (start: number): number => (now() - start) / 1000;
const mb = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;
const rate = (n: number, seconds: number): string => `${Math.round(n / seconds)}/s`;
const fixed = (x: number, digits = 1): string => x.toFixed(digits);
const grouped = (n: number): string => n.toLocaleString('en-US');

/** What a child `kg` process did. */
interface ChildRun {
  code: number | null;
  seconds: number;
  stdout: string;
  stderr: string;
  /** Peak RSS of every process of the run (the kg command and any it started), from rss-probe. */
  rss: RssRecord[];
}

/** Runs `node dist/cli/kg.js ARGS` with the RSS probe preloaded; REDIS_URL and NEO4J_URI are not passed on. */
async function runKg(kgArgs: string[], scratch: string): Promise<ChildRun> {
  const rssDir = mkdtempSync(path.join(scratch, 'rss-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KG_BENCH_RSS_DIR: rssDir,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(PROBE).href}`.trim(),
  };
  delete env.REDIS_URL;
  delete env.NEO4J_URI;
  const start = now();
  const child = spawn(process.execPath, [KG, ...kgArgs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const seconds = since(start);
  const rss = readdirSync(rssDir).map((f) => JSON.parse(readFileSync(path.join(rssDir, f), 'utf8')) as RssRecord);
  if (code !== 0) throw new Error(`kg ${kgArgs.join(' ')} exited ${code}:\n${stderr.slice(-4000)}`);
  return { code, seconds, stdout, stderr, rss };
}

/** Stage seconds from kg run's `timings: ingest 0.12 s, extract 3.40 s, …` line. */
function stageTimes(stderr: string): Map<string, number> {
  const line = /^timings: (.*)$/m.exec(stderr)?.[1];
  if (!line) throw new Error(`kg run printed no timings line:\n${stderr.slice(-2000)}`);
  return new Map(
    line.split(', ').map((part) => {
      const m = /^(.+) ([\d.]+) s$/.exec(part)!;
      return [m[1]!, Number(m[2])];
    }),
  );
}

const peakOf = (records: RssRecord[], command: string): number =>
  Math.max(0, ...records.filter((r) => r.argv[1] === command).map((r) => r.maxRss));

/** sha256 of graph.json without its createdAt value (the one thing that differs between two builds of the same input). */
function graphHash(dir: string): string {
  const text = readFileSync(path.join(dir, 'graph.json'), 'latin1');
  return createHash('sha256')
    .update(text.replace(/"createdAt":"[^"]*"/, '"createdAt":""'), 'latin1')
    .digest('hex')
    .slice(0, 16);
}

/**
 * One-core rates of compromise's `nlp(text).json()` and of kg's extractor on the same texts. They alternate in chunks
 * (ABBA), so load from other processes and the heap's state fall on both alike and the ratio stays meaningful.
 */
function extractionRates(papers: readonly Paper[]): { compromise: number; kg: number } {
  const { extract } = createExtractor({ models: loadModels() });
  const texts = papers.map(paperText);
  const inputs = papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract }));
  const warm = Math.min(50, papers.length);
  for (let i = 0; i < warm; i++) {
    nlp(texts[i]!).json();
    extract(inputs[i]!);
  }
  const CHUNK = 25;
  let compromiseSeconds = 0;
  let kgSeconds = 0;
  for (let i = 0, k = 0; i < papers.length; i += CHUNK, k++) {
    const end = Math.min(papers.length, i + CHUNK);
    const runCompromise = (): void => {
      const t = now();
      for (let j = i; j < end; j++) nlp(texts[j]!).json();
      compromiseSeconds += since(t);
    };
    const runKg = (): void => {
      const t = now();
      for (let j = i; j < end; j++) extract(inputs[j]!);
      kgSeconds += since(t);
    };
    if (k % 2 === 0) {
      runCompromise();
      runKg();
    } else {
      runKg();
      runCompromise();
    }
  }
  return { compromise: papers.length / compromiseSeconds, kg: papers.length / kgSeconds };
}

/** Redis keys under a prefix (SCAN, never KEYS). */
async function prefixKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Bytes Redis holds for a prefix: the sum of MEMORY USAGE over its keys (exact for our keys, whatever else runs). */
async function prefixBytes(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  const keys = await prefixKeys(redis, prefix);
  let bytes = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(i, i + 500)) pipeline.memory('USAGE', key, 'SAMPLES', '0');
    for (const [, value] of (await pipeline.exec()) ?? []) bytes += Number(value ?? 0);
  }
  return { keys: keys.length, bytes };
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await prefixKeys(redis, prefix);
  for (let i = 0; i < keys.length; i += 1000) await redis.unlink(...keys.slice(i, i + 1000));
}

const uniquePrefix = (label: string): string =>
  `kg-bench-${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

// ---------------------------------------------------------------- the run

const content = readFileSync(corpus);
const lines = content
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');
const all = ingest([{ file: corpus, content }]).papers;
// The extractor gives text that is not English no mentions (and does no parse): the rate comparison uses English texts
// only, the first N of them, so that both sides do the same work. The ACL file is by id: 1,244 of its first 3,000 are
// French or Chinese (TALN, CCL).
const notEnglish = new Set(all.filter((p) => !looksEnglish(paperText(p))));
const english = all.filter((p) => !notEnglish.has(p));
const pipelineSizes = [
  ...new Set([
    ...sizeList(given.get('--sizes') ?? '1000,5000', '--sizes'),
    ...(given.has('--all') ? [all.length] : []),
  ]),
].map((n) => Math.min(n, all.length));
const extractOnly = sizeList(given.get('--extract-sizes') ?? '3000', '--extract-sizes')
  .map((n) => Math.min(n, all.length))
  .filter((n) => !pipelineSizes.includes(n));
const sizes = [...new Set([...pipelineSizes, ...extractOnly])].sort((a, b) => a - b);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
const loadAtStart = os.loadavg()[0]!;

let redis: Redis | undefined;
try {
  await probeRedis(redisUrl, 2000);
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
} catch {
  log(`no Redis at ${redactUrl(redisUrl)}: queue rows skipped (start Redis or pass --redis URL)`);
}
let neo4jReady = false;
const neo4j = neo4jUri ? neo4jConfig(neo4jUri, process.env) : undefined;
const driver = neo4j ? createDriver(neo4j) : undefined;
if (!neo4j)
  log('no --neo4j URI given: mirror rows skipped (kg services up --port 7699, then --neo4j bolt://127.0.0.1:7699)');
else {
  try {
    await driver!.verifyConnectivity({ database: neo4j.database });
    neo4jReady = true;
    log(`Neo4j at ${redactNeo4jUri(neo4j.uri)}: it is emptied before each size's first mirror`);
  } catch (error) {
    log(`Neo4j at ${redactNeo4jUri(neo4j.uri)} is not reachable (${(error as Error).message}): mirror rows skipped`);
  }
}

/** Measurements by row label, then by size. */
const table = new Map<string, Map<number, string>>();
/** Raw numbers for growth and --json: by key, then by size. */
const raw = new Map<string, Map<number, number>>();
const put = (label: string, size: number, text: string, key?: string, value?: number): void => {
  if (!table.has(label)) table.set(label, new Map());
  table.get(label)!.set(size, text);
  if (key !== undefined && value !== undefined) {
    if (!raw.has(key)) raw.set(key, new Map());
    raw.get(key)!.set(size, value);
  }
};
/** Rows whose last column is the per-abstract growth of a time: row label → raw key. */
const growthOf = new Map<string, string>();
const timed = (label: string, key: string, size: number, seconds: number, extra = ''): void => {
  growthOf.set(label, key);
  put(label, size, `${fixed(seconds, seconds < 10 ? 2 : 1)}${extra}`, key, seconds);
};

async function emptyNeo4j(): Promise<void> {
  const session = driver!.session({ database: neo4j!.database });
  try {
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

async function mirrorOnce(dir: string): Promise<MirrorReport> {
  const { graph } = await loadSnapshot(dir);
  const abstracts = new Map([...(await loadSnapshotPapers(dir))].map(([id, p]) => [id, p.abstract]));
  return createNeo4jMirror({ driver: driver!, database: neo4j!.database }).mirror(graph, undefined, abstracts);
}

try {
  for (const size of sizes) {
    const papers = all.slice(0, size);
    const pipeline = pipelineSizes.includes(size);
    log(`${size} abstracts${pipeline ? '' : ' (extraction only)'}`);

    const rates = extractionRates(english.slice(0, size));
    put(
      'compromise nlp(text).json(), abstracts/s (1 core, first N English)',
      size,
      String(Math.round(rates.compromise)),
      'compromise',
      rates.compromise,
    );
    put(
      'kg extractor, abstracts/s (1 core, same texts)',
      size,
      `${Math.round(rates.kg)} (${fixed(rates.kg / rates.compromise, 2)}×)`,
      'extract',
      rates.kg,
    );
    put(
      'of the first N abstracts: not English (no mentions)',
      size,
      String(papers.filter((p) => notEnglish.has(p)).length),
    );
    if (!pipeline) continue;

    const sizeDir = path.join(scratch, String(size));
    mkdirSync(sizeDir);
    const input = size === all.length && lines.length === all.length ? corpus : path.join(sizeDir, 'input.jsonl');
    if (input !== corpus) writeFileSync(input, `${lines.slice(0, size).join('\n')}\n`);

    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = now();
      ingest([{ file: input, content: readFileSync(input) }]);
      best = Math.min(best, since(t));
    }
    put('ingest, abstracts/s (read + parse + dedupe)', size, grouped(Math.round(size / best)), 'ingest', size / best);

    // In-process: extraction on worker threads, then the graph stages, as `kg run --inline` does it.
    const inlineOut = path.join(sizeDir, 'inline');
    const inline = await runKg(['run', input, '--inline', '--out', inlineOut, '--quiet'], sizeDir);
    const t = stageTimes(inline.stderr);
    timed('kg run --inline, wall s', 'inlineWall', size, inline.seconds);
    timed(
      `  extraction (${threadsFor(MIN_INPUTS_FOR_THREADS)} threads), s`,
      'inlineExtract',
      size,
      t.get('extract')!,
      ` (${rate(size, t.get('extract')!)})`,
    );
    timed('  graph build, s (incl. corpus resolution)', 'build', size, t.get('build')! + (t.get('resolve') ?? 0));
    timed('  Louvain communities, s', 'communities', size, t.get('communities')!);
    timed('  ForceAtlas2 layout, s', 'layout', size, t.get('layout')!);
    timed('  Louvain + layout, s', 'louvainLayout', size, t.get('communities')! + t.get('layout')!);
    timed('  snapshot write, s', 'snapshot', size, t.get('snapshot')!);
    put(
      '  builder peak RSS (kg run --inline)',
      size,
      mb(peakOf(inline.rss, 'run')),
      'inlineRss',
      peakOf(inline.rss, 'run'),
    );
    const manifest = JSON.parse(readFileSync(path.join(inlineOut, 'manifest.json'), 'utf8')) as {
      counts: { papers: number; entities: number; edges: number };
    };
    const graphBytes = statSync(path.join(inlineOut, 'graph.json')).size;
    const papersBytes = statSync(path.join(inlineOut, 'papers.jsonl')).size;
    put('graph: entities / edges', size, `${grouped(manifest.counts.entities)} / ${grouped(manifest.counts.edges)}`);
    put(
      'snapshot: graph.json + papers.jsonl',
      size,
      `${mb(graphBytes)} + ${mb(papersBytes)} (${fixed((graphBytes + papersBytes) / size / 1000)} KB/abstract)`,
      'snapshotBytes',
      graphBytes + papersBytes,
    );
    const inlineHash = graphHash(inlineOut);

    if (redis) {
      // Redis memory of N waiting jobs (what a producer enqueues), measured and removed before the real run.
      const probePrefix = uniquePrefix('enqueue');
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
      const { extract: queue } = createQueues({ connection, prefix: probePrefix });
      try {
        for (let i = 0; i < papers.length; i += 1000)
          await queue.addBulk(
            papers
              .slice(i, i + 1000)
              .map((p) => paperJob(p))
              .map((data) => ({ name: 'paper', data, opts: { jobId: jobIdOf(data) } })),
          );
        const waiting = await prefixBytes(redis, probePrefix);
        put(
          'Redis per waiting job (MEMORY USAGE of the prefix ÷ N)',
          size,
          `${fixed(waiting.bytes / size / 1000, 2)} KB`,
          'redisWaiting',
          waiting.bytes / size,
        );
      } finally {
        await queue.close();
        await deletePrefix(redis, probePrefix);
        await connection.quit();
      }

      const prefix = uniquePrefix('run');
      const queueOut = path.join(sizeDir, 'queue');
      const before = await usedMemory(redis);
      try {
        const queued = await runKg(
          [
            'run',
            input,
            '--redis',
            redisUrl,
            '--prefix',
            prefix,
            '--workers',
            String(workers),
            '--out',
            queueOut,
            '--quiet',
          ],
          sizeDir,
        );
        const after = await usedMemory(redis);
        const q = stageTimes(queued.stderr);
        const ideal = size / (workers * rates.compromise);
        timed(`kg run on Redis, ${workers} kg worker processes, wall s`, 'queueWall', size, queued.seconds);
        timed(
          '  extraction (enqueue → last result), s',
          'queueExtract',
          size,
          q.get('extract')!,
          ` (${rate(size, q.get('extract')!)})`,
        );
        put(
          '  queue ÷ inline extraction time (same cores)',
          size,
          `${fixed(q.get('extract')! / t.get('extract')!, 2)}×`,
          'queueOverInline',
          q.get('extract')! / t.get('extract')!,
        );
        put(
          `  queue ÷ ideal (ideal = N ÷ (${workers} × compromise rate))`,
          size,
          `${fixed(q.get('extract')! / ideal, 2)}× (ideal ${fixed(ideal)} s)`,
          'queueOverIdeal',
          q.get('extract')! / ideal,
        );
        put(
          '  builder peak RSS (kg run on Redis)',
          size,
          mb(peakOf(queued.rss, 'run')),
          'queueRss',
          peakOf(queued.rss, 'run'),
        );
        const workerPeaks = queued.rss.filter((r) => r.argv[1] === 'worker').map((r) => r.maxRss);
        put(
          `  worker peak RSS (max of ${workerPeaks.length})`,
          size,
          workerPeaks.length ? mb(Math.max(...workerPeaks)) : '?',
          'workerRss',
          Math.max(0, ...workerPeaks),
        );
        const finished = await prefixBytes(redis, prefix);
        put(
          '  Redis per finished job (MEMORY USAGE of the prefix ÷ N)',
          size,
          `${fixed(finished.bytes / size / 1000, 2)} KB`,
          'redisFinished',
          finished.bytes / size,
        );
        put(
          '  Redis used_memory growth ÷ N (whole server)',
          size,
          `${fixed((after - before) / size / 1000, 2)} KB`,
          'redisInfo',
          (after - before) / size,
        );
        put(
          '  queue graph.json = inline graph.json',
          size,
          graphHash(queueOut) === inlineHash ? 'yes' : 'NO',
          'sameGraph',
          graphHash(queueOut) === inlineHash ? 1 : 0,
        );
      } finally {
        await deletePrefix(redis, prefix);
      }
    }

    if (neo4jReady) {
      await emptyNeo4j();
      const first = await mirrorOnce(inlineOut);
      const second = await mirrorOnce(inlineOut);
      timed('Neo4j mirror into an empty database, s', 'mirror', size, first.seconds);
      put(
        '  nodes/s',
        size,
        grouped(Math.round(first.nodes / first.timings.nodes)),
        'mirrorNodes',
        first.nodes / first.timings.nodes,
      );
      put(
        '  relationships/s',
        size,
        grouped(Math.round(first.relationships / first.timings.relationships)),
        'mirrorRels',
        first.relationships / first.timings.relationships,
      );
      timed(
        '  unchanged re-mirror, s',
        'remirror',
        size,
        second.seconds,
        ` (${fixed(second.seconds / first.seconds, 2)}× the first)`,
      );
    }
    if (!given.has('--keep')) rmSync(sizeDir, { recursive: true, force: true });
  }
} finally {
  await redis?.quit().catch(() => undefined);
  await driver?.close();
  if (given.has('--keep')) log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the table

const first = pipelineSizes.length > 1 ? Math.min(...pipelineSizes) : undefined;
const last = pipelineSizes.length > 1 ? Math.max(...pipelineSizes) : undefined;
const growthHeader = first !== undefined ? `per abstract, ${grouped(last!)} vs ${grouped(first)}` : 'growth';
const headers = [
  'measurement',
  ...sizes.map((s) => `${grouped(s)}${pipelineSizes.includes(s) ? '' : ' (extract)'}`),
  growthHeader,
];
const rows = [...table].map(([label, bySize]) => {
  const key = growthOf.get(label);
  let growth = '';
  if (key && first !== undefined) {
    const a = raw.get(key)?.get(first);
    const b = raw.get(key)?.get(last!);
    if (a !== undefined && b !== undefined && a > 0) growth = `${fixed(b / last! / (a / first), 2)}×`;
  }
  return [label, ...sizes.map((s) => bySize.get(s) ?? '–'), growth];
});
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
const machine = `${os.cpus()[0]?.model.trim() ?? 'cpu'} × ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
const load = `load average ${fixed(loadAtStart, 2)} at start, ${fixed(os.loadavg()[0]!, 2)} at end`;
const tableLines = [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
const growthNote = 'growth: time per abstract at the largest size ÷ at the smallest (1.00× = linear).';
console.log(`kg bench: ${path.basename(corpus)}, ${machine}; ${load}`);
for (const l of tableLines) console.log(l);
console.log(growthNote);
if (given.has('--markdown')) {
  const file = path.join(ROOT, 'docs', 'benchmarks.md');
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // not a git checkout: the commit stays unknown
  }
  const text = [
    '# Benchmarks',
    '',
    `Written by \`${INVOKED_AS} ${args.join(' ')}\` on ${new Date().toISOString().slice(0, 10)} (commit ${commit}); run it again to replace this page.`,
    'Times depend on the host; the ratios to compromise, measured in the same run, much less. Targets and the history of',
    'earlier runs are in [scaling.md](scaling.md).',
    '',
    `- corpus: ${path.basename(corpus)} (first N records)`,
    `- machine: ${machine}; ${load}`,
    `- Redis: ${redis ? redactUrl(redisUrl) : 'none (queue rows skipped)'}; Neo4j: ${neo4jReady ? redactNeo4jUri(neo4j!.uri) : 'none (mirror rows skipped)'}; ${workers} workers`,
    '',
    ...tableLines,
    '',
    growthNote,
    '',
  ].join('\n');
  writeFileSync(file, text);
  log(`wrote ${path.relative(process.cwd(), file)}`);
}
if (given.has('--json')) {
  const out = Object.fromEntries([...raw].map(([key, bySize]) => [key, Object.fromEntries(bySize)]));
  writeFileSync(
    given.get('--json')!,
    `${JSON.stringify({ corpus, sizes, workers, loadAtStart, loadAtEnd: os.loadavg()[0], measurements: out }, null, 2)}\n`,
  );
}
