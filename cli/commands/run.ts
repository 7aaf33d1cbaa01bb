/** `kg run`: ingest sources, extract on the queue (or in-process), build the graph with communities and layout, save a snapshot. */
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { buildCorpusGraph, corpusRecords, saveSnapshot, SNAPSHOT_FILES, TRACE_INDEX_FILES, type KnowledgeGraph } from '../../graph/index.js';
import { checkWritableFolder, overwrittenInput } from '../files.js';
import { collectGarbage } from '../memory.js';
import { InvalidInputError, ServiceError, UsageError } from '../../pipeline/errors.js';
import { EXTRACTOR_VERSION } from '../../pipeline/extract/index.js';
import { formatRejection, ingest } from '../../pipeline/ingest/index.js';
import { forTerminal } from '../../pipeline/terminal.js';
import type { ExtractionResult, Paper } from '../../pipeline/types.js';
import {
  createRedisConnection,
  DEFAULT_KEEP_RESULTS,
  DEFAULT_PREFIX,
  extractWithQueue,
  isConnectionError,
  isValidPrefix,
  newQueueRunState,
  redactUrl,
  waitForRedis,
  type FailedPaper,
  type QueueExtractionResult,
} from '../../workers/index.js';
import { neo4jConfig } from '../../graph/neo4j/index.js';
import { extractInline } from '../inline.js';
import { mirrorWithProgress } from '../neo4j.js';
import { threadsFor } from '../thread-pool.js';
import { note, parseInteger } from '../options.js';
import { createProgress } from '../progress.js';
import { chooseMode } from '../redis.js';
import { reportIngest, REPORT_FILE } from '../report.js';
import { readSources } from '../sources.js';
import { KG_VERSION } from '../version.js';
import { startWorkerPool } from '../worker-pool.js';

/** Options of `kg run`. */
export interface RunOptions {
  out: string;
  inline?: boolean;
  redis?: string;
  workers: number;
  concurrency: number;
  seed: number;
  strict?: boolean;
  prefix: string;
  quiet?: boolean;
  neo4j?: string;
  /** Seconds to wait for Redis to come back when it goes away mid-run. */
  redisWait: number;
  /** Finished jobs (cached results) kept in Redis. */
  keepResults: number;
}

/** Default of `--redis-wait`: long enough for a Redis restart or a failover. */
export const DEFAULT_REDIS_WAIT = 60;

/** Default snapshot folder. */
export const DEFAULT_OUT = 'data';
/** Default Louvain/layout seed: fixed, so two runs give the same picture. */
export const DEFAULT_SEED = 42;

/** Adds `kg run`. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Build the knowledge graph: ingest sources, extract mentions (Redis workers, or in-process), find communities, lay out, save a snapshot.')
    .argument('[sources...]', 'files or folders of .txt daily-papers dumps and .jsonl records', ['seeds'])
    .option('-o, --out <dir>', 'snapshot folder (graph.json, papers.jsonl, manifest.json)', DEFAULT_OUT)
    .option('--inline', 'extract in this process, without Redis')
    .option('--redis <url>', 'Redis URL for the queue (fails if unreachable); default REDIS_URL, else redis://127.0.0.1:6379 if it answers; one with a password is better in REDIS_URL, as ps shows arguments')
    .option('-w, --workers <n>', 'local worker processes to start (0: rely on `kg worker` processes started elsewhere)', parseInteger('--workers', 0, 64), os.availableParallelism())
    .option('-c, --concurrency <n>', 'jobs in flight per worker process', parseInteger('--concurrency', 1, 64), 4)
    .option('--seed <n>', 'seed of community detection and layout', parseInteger('--seed', 0, 2 ** 31 - 1), DEFAULT_SEED)
    .option('--strict', 'exit 1 if any input record was rejected')
    .option('--prefix <prefix>', 'queue key prefix in Redis (separate runs or users)', DEFAULT_PREFIX)
    .option('--redis-wait <seconds>', 'if Redis goes away mid-run, wait this long for it to come back, then resume (else exit 1)', parseInteger('--redis-wait', 0, 86_400), DEFAULT_REDIS_WAIT)
    .option('--keep-results <n>', 'finished jobs kept in Redis for later runs to reuse (older ones are trimmed)', parseInteger('--keep-results', 0, 100_000_000), DEFAULT_KEEP_RESULTS)
    .option('--neo4j <uri>', 'mirror the graph to this Neo4j after the build (default NEO4J_URI; skipped when neither is set)')
    .option('-q, --quiet', 'no progress bars')
    .addHelpText('after', '\nExamples:\n  kg run                              # the seed papers, into data/\n  kg run corpus.jsonl --out acl       # a JSONL corpus\n  kg run papers/ --redis redis://host:6379 --workers 0   # workers run elsewhere')
    .action(async (sources: string[], options: RunOptions) => {
      const code = await runPipeline(sources, options);
      process.exitCode = code;
    });
}

/** The whole `kg run`; returns the exit code. */
export async function runPipeline(sources: string[], options: RunOptions): Promise<number> {
  if (!isValidPrefix(options.prefix)) throw new UsageError(`--prefix must be letters, digits, "-", "_" or ".", got "${options.prefix}"`);
  const started = Date.now();
  // Seconds per stage, reported in one line at the end (npm run bench reads it).
  const timings: [string, number][] = [];
  let mark = performance.now();
  const lap = (stage: string): void => {
    // A stage's garbage is collected on its time (cli/memory.ts: the builder's peak memory on a large corpus).
    collectGarbage();
    const now = performance.now();
    timings.push([stage, (now - mark) / 1000]);
    mark = now;
  };

  // 1. Ingest: bad places are reported and skipped; the rest goes on.
  const read = await readSources(sources);
  // The snapshot's files replace whatever stands at their names: never a source (`kg run corpus/ --out corpus/`).
  const outputs = [...Object.values(SNAPSHOT_FILES), ...Object.values(TRACE_INDEX_FILES), REPORT_FILE].map((name) => path.join(options.out, name));
  const clash = await overwrittenInput(
    read.files.map((f) => f.file),
    outputs,
  );
  if (clash) throw new UsageError(`--out ${options.out} would overwrite the source ${clash[0]} (the snapshot writes ${path.basename(clash[1])}); choose another --out`, { code: 'KG_OUTPUT_IS_INPUT' });
  await checkWritableFolder(options.out);
  const ingested = ingest(read.files);
  const rejections = [...read.rejections, ...ingested.rejections];
  await reportIngest(rejections, ingested.warnings, options.out);
  const warned = ingested.warnings.length > 0 ? `, ${ingested.warnings.length} warning(s)` : '';
  note(
    `ingest: ${ingested.papers.length} papers from ${read.files.length} file(s) (${ingested.entries} entries, ${ingested.duplicates} duplicates merged, ${rejections.length} rejected${warned})`,
  );
  if (options.strict && rejections.length > 0) {
    note(`kg: --strict: ${rejections.length} rejected record(s), stopping`);
    return 1;
  }
  if (ingested.papers.length === 0) throw new InvalidInputError(`no papers found in ${sources.join(', ')}`, { code: 'KG_NO_PAPERS' });
  const papers = ingested.papers;
  lap('ingest');

  // 2. Extract.
  const extracted = await extractAll(papers, options);
  lap('extract');
  for (const failure of extracted.failed) {
    const paper = papers.find((p) => p.id === failure.id);
    const where = paper?.sources[0];
    const place = where ? formatRejection({ ...where, reason: '' }).slice(0, -2) : forTerminal(JSON.stringify(failure.id));
    note(`${place}: extraction failed: ${forTerminal(failure.reason)}`);
  }

  // 3. The corpus step, build, cluster, lay out, save: the one way from extraction results to the graph.
  let t0 = Date.now();
  const corpus = buildCorpusGraph(papers, extracted.results, {
    seed: options.seed,
    createdAt: new Date().toISOString(),
    versions: { kg: KG_VERSION, extractor: EXTRACTOR_VERSION },
    sources,
    onStage: (stage) => {
      // The resolved results are copies: the originals go before the graph is built.
      if (stage === 'resolve') extracted.results.clear();
      lap(stage);
      if (stage === 'resolve') t0 = Date.now();
    },
  });
  const graph: KnowledgeGraph = corpus.graph;
  const kept = corpus.papers;
  await saveSnapshot(options.out, graph, corpusRecords(corpus));
  lap('snapshot');
  const buildSeconds = (Date.now() - t0) / 1000;
  summarise(graph, options.out, buildSeconds, (Date.now() - started) / 1000);
  const neo4j = neo4jConfig(options.neo4j, process.env);
  if (neo4j) {
    await mirrorWithProgress(neo4j, graph, { quiet: options.quiet, abstracts: new Map(kept.map((p) => [p.id, p.abstract])) });
    lap('neo4j');
  } else note('neo4j: not configured (pass --neo4j URI or set NEO4J_URI); mirror skipped');
  note(`timings: ${timings.map(([stage, seconds]) => `${stage} ${seconds.toFixed(2)} s`).join(', ')}`);
  if (extracted.failed.length > 0 && options.strict) return 1;
  return 0;
}

async function extractAll(papers: Paper[], options: RunOptions): Promise<{ results: Map<string, ExtractionResult>; failed: FailedPaper[] }> {
  const mode = await chooseMode({ inline: options.inline, redis: options.redis, envUrl: process.env.REDIS_URL });
  if (mode.mode === 'inline') {
    const threads = threadsFor(papers.length);
    note(`extract: ${mode.reason}; extracting in-process on ${threads} thread(s) (start Redis or pass --redis URL to use workers)`);
    const bar = createProgress({ label: 'extract', total: papers.length, silent: options.quiet });
    try {
      return await extractInline(papers, (done) => bar.update(done), threads);
    } finally {
      bar.stop();
    }
  }
  if (mode.warning) note(`kg: warning: ${mode.warning}`);
  note(`extract: queue ${options.prefix}:extract on Redis ${mode.info.version} at ${redactUrl(mode.url)}, ${options.workers} local worker(s)`);
  const pool = options.workers > 0 ? startWorkerPool({ count: options.workers, redisUrl: mode.url, prefix: options.prefix, concurrency: options.concurrency }) : undefined;
  const bar = createProgress({ label: 'extract', total: papers.length, silent: options.quiet, suffix: '{cached} cached', initial: { cached: 0 } });
  let redisUp = true;
  try {
    const out = await extractSurvivingOutages(papers, mode.url, options, {
      onProgress: (p) => bar.update(p.done, { cached: p.cached }),
      onRedis: (up) => (redisUp = up),
      localWorkers: () => pool?.pids().length ?? 0,
    });
    bar.stop();
    note(`extract: ${out.extracted} extracted by workers, ${out.cached} reused from Redis, ${out.failed.length} failed`);
    return out;
  } finally {
    bar.stop();
    // Workers cannot finish their jobs cleanly while Redis is away: do not wait long for them.
    await pool?.stop(redisUp ? undefined : 2000);
  }
}

/**
 * Queue extraction that outlives Redis outages: when Redis goes away, waits up to `--redis-wait` seconds for it to come
 * back and resumes (results collected so far are kept; jobs Redis persisted are not redone). Throws a ServiceError
 * (`KG_REDIS_LOST`) when it does not come back in time.
 */
async function extractSurvivingOutages(papers: Paper[], url: string, options: RunOptions, on: OutageHooks): Promise<QueueExtractionResult> {
  const { onProgress, onRedis } = on;
  const state = newQueueRunState();
  let warned = false;
  let fruitless = 0;
  for (;;) {
    // The queue's commands fail fast (one reconnection attempt), so an outage surfaces here at once instead of after ~10 s.
    const connection = createRedisConnection(url, { maxRetriesPerRequest: 1 });
    const eventsConnection = createRedisConnection(url, { role: 'worker' });
    connection.on('error', () => undefined);
    eventsConnection.on('error', () => undefined);
    const before = state.results.size + state.failed.size;
    try {
      return await extractWithQueue(papers, {
        connection,
        eventsConnection,
        prefix: options.prefix,
        keepResults: options.keepResults,
        state,
        onProgress,
        onIdle: ({ pending, workers }) => {
          // Local workers still starting (loading the extractor) are not connected yet: the hint is for when none is alive.
          if (workers === 0 && !warned && on.localWorkers() === 0) {
            warned = true;
            note(`kg: ${pending} paper(s) waiting and no worker is connected: start one with "kg worker --prefix ${options.prefix}"`);
          }
        },
      });
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      onRedis(false);
      fruitless = state.results.size + state.failed.size > before ? 0 : fruitless + 1;
      const where = redactUrl(url);
      const done = state.results.size + state.failed.size;
      note(`kg: Redis at ${where} unreachable; waiting up to ${options.redisWait} s for it to come back (--redis-wait)`);
      const back = fruitless <= MAX_FRUITLESS_ATTEMPTS && (await waitForRedis(url, options.redisWait * 1000));
      if (!back) {
        throw new ServiceError(
          `Redis at ${where} did not come back within ${options.redisWait} s (--redis-wait); ${done} of ${papers.length} paper(s) were done. ` +
            'Run "kg run" again with the same sources to resume: results Redis kept are not extracted again',
          { code: 'KG_REDIS_LOST', retriable: true },
        );
      }
      onRedis(true);
      note(`kg: Redis at ${where} is back; resuming (${done} of ${papers.length} paper(s) already done)`);
    } finally {
      connection.disconnect();
      eventsConnection.disconnect();
    }
  }
}

/** What {@link extractSurvivingOutages} reports to and asks of `kg run`. */
interface OutageHooks {
  onProgress: (p: { done: number; cached: number }) => void;
  onRedis: (up: boolean) => void;
  /** Local worker processes alive (started by this run, or restarted); 0 without `--workers`. */
  localWorkers: () => number;
}

/** Outages in a row, with no result collected in between, after which the run gives up even though Redis answers probes. */
const MAX_FRUITLESS_ATTEMPTS = 10;

function summarise(graph: KnowledgeGraph, out: string, buildSeconds: number, totalSeconds: number): void {
  const kinds = new Map<string, number>();
  graph.forEachNode((_, attributes) => {
    if (attributes.kind !== 'paper') kinds.set(attributes.kind, (kinds.get(attributes.kind) ?? 0) + 1);
  });
  const a = graph.getAttributes();
  const byKind = [...kinds].sort((x, y) => y[1] - x[1]).map(([k, n]) => `${n} ${k}s`).join(', ');
  process.stdout.write(
    `graph: ${a.papers} papers, ${a.entities} entities (${byKind}), ${graph.size} edges; ${a.communities.length} communities, modularity ${a.modularity.toFixed(3)} (built in ${buildSeconds.toFixed(1)} s)\n` +
      `snapshot: ${path.join(out, 'graph.json')} (done in ${totalSeconds.toFixed(1)} s)\n`,
  );
}
