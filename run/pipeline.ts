/**
 * The whole of `kg run` as a library call: read and ingest the sources, extract (in-process or on the Redis queue,
 * workers/extract-papers.ts), the corpus step and the graph (graph/corpus-graph.ts), the snapshot, the Neo4j mirror.
 * What it has to say goes through hooks; the CLI (cli/commands/run.ts) parses options and prints.
 */
import path from 'node:path';
import {
  buildCorpusGraph,
  corpusRecords,
  saveSnapshot,
  SNAPSHOT_FILES,
  TRACE_INDEX_FILES,
  type KnowledgeGraph,
} from '../graph/index.js';
import { neo4jConfig, resultRows } from '../graph/neo4j/index.js';
import { InvalidInputError, UsageError } from '../pipeline/core/errors.js';
import { EXTRACTOR_VERSION } from '../pipeline/extract/index.js';
import { formatRejection, ingest } from '../pipeline/ingest/index.js';
import { forTerminal } from '../pipeline/text/terminal.js';
import { extractPapers, isValidPrefix, type ExtractionHooks } from '../workers/index.js';
import { DEFAULT_RUN_OPTIONS } from './defaults.js';
import { checkWritableFolder, overwrittenInput } from './files.js';
import { collectGarbage } from './memory.js';
import { mirrorToNeo4j } from './mirror.js';
import { reportIngest, REPORT_FILE } from './report.js';
import { readSources } from './sources.js';
import { KG_VERSION } from './version.js';

/** Options of {@link runPipeline}; each one left out takes its value from {@link DEFAULT_RUN_OPTIONS}. */
export interface RunOptions {
  /** Files or folders of .txt dumps and .jsonl records. */
  sources: readonly string[];
  /** The snapshot folder. */
  out: string;
  /** Extract in this process, without Redis. */
  inline?: boolean;
  /** Redis URL for the queue; it must answer. @defaultValue `REDIS_URL` from `env`, else the local default if it answers */
  redis?: string;
  /** Local worker processes to start on the queue (0: rely on `kg worker` processes started elsewhere). */
  workers: number;
  /** Jobs in flight per local worker process. */
  concurrency: number;
  /** Seed of community detection and layout. */
  seed: number;
  /** Stop when any input record was rejected, and fail when any paper's extraction failed. */
  strict?: boolean;
  /** Queue key prefix in Redis. */
  prefix: string;
  /** Neo4j URI to mirror the graph to. @defaultValue `NEO4J_URI` from `env`; no mirror when neither is set */
  neo4j?: string;
  /** Seconds to wait for Redis to come back when it goes away mid-run. */
  redisWait: number;
  /** Finished jobs (cached results) kept in Redis. */
  keepResults: number;
  /** The `kg` script local workers run (`node ENTRY worker …`); needed when `workers` > 0 and Redis is used. */
  workerEntry?: string;
  /** Where `REDIS_URL`, `NEO4J_URI` and Neo4j's credentials are read. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
}

/** What a finished build tells its caller: the graph, where it was saved and how long it took. */
export interface RunSummary {
  graph: KnowledgeGraph;
  out: string;
  /** Seconds from the end of the corpus step to the saved snapshot. */
  buildSeconds: number;
  /** Seconds since the run started. */
  totalSeconds: number;
}

/** What a run reports to its caller: notes and progress (as extraction does), and the saved snapshot. */
export interface RunHooks extends ExtractionHooks {
  /** The snapshot is saved (before the mirror); kg run prints its summary on stdout. */
  onSnapshot?(summary: RunSummary): void;
}

/** How a run ended. */
export interface RunResult {
  /** False when `strict` found rejected records (the run stopped after ingest) or failed extractions (the snapshot is still written). */
  ok: boolean;
  /** The graph; absent when the run stopped after ingest. */
  graph?: KnowledgeGraph;
  /** Input records rejected. */
  rejected: number;
  /** Papers whose extraction failed. */
  failed: number;
}

/**
 * Runs the whole pipeline: sources → ingest → extraction → corpus step and graph → snapshot → Neo4j mirror (when one is
 * configured). A usage problem is a UsageError, no papers an InvalidInputError, Redis lost for good a ServiceError.
 */
export async function runPipeline(partial: Partial<RunOptions>, hooks: RunHooks): Promise<RunResult> {
  const options: RunOptions = { ...DEFAULT_RUN_OPTIONS, ...withoutUndefined(partial) };
  const env = options.env ?? process.env;
  const { note } = hooks;
  const sources = [...options.sources];
  if (!isValidPrefix(options.prefix))
    throw new UsageError(`--prefix must be letters, digits, "-", "_" or ".", got "${options.prefix}"`);
  const started = Date.now();
  // Seconds per stage, reported in one line at the end (npm run bench reads it).
  const timings: [string, number][] = [];
  let mark = performance.now();
  const lap = (stage: string): void => {
    // A stage's garbage is collected on its time (run/memory.ts: the builder's peak memory on a large corpus).
    collectGarbage();
    const now = performance.now();
    timings.push([stage, (now - mark) / 1000]);
    mark = now;
  };

  // 1. Ingest: bad places are reported and skipped; the rest goes on.
  const read = await readSources(sources);
  // The snapshot's files replace whatever stands at their names: never a source (`kg run corpus/ --out corpus/`).
  const outputs = [...Object.values(SNAPSHOT_FILES), ...Object.values(TRACE_INDEX_FILES), REPORT_FILE].map((name) =>
    path.join(options.out, name),
  );
  const clash = await overwrittenInput(
    read.files.map((f) => f.file),
    outputs,
  );
  if (clash)
    throw new UsageError(
      `--out ${options.out} would overwrite the source ${clash[0]} (the snapshot writes ${path.basename(clash[1])}); choose another --out`,
      { code: 'KG_OUTPUT_IS_INPUT' },
    );
  await checkWritableFolder(options.out);
  const ingested = ingest(read.files);
  const rejections = [...read.rejections, ...ingested.rejections];
  await reportIngest(rejections, ingested.warnings, options.out, note);
  const warned = ingested.warnings.length > 0 ? `, ${ingested.warnings.length} warning(s)` : '';
  note(
    `ingest: ${ingested.papers.length} papers from ${read.files.length} file(s) (${ingested.entries} entries, ${ingested.duplicates} duplicates merged, ${rejections.length} rejected${warned})`,
  );
  if (options.strict && rejections.length > 0) {
    note(`kg: --strict: ${rejections.length} rejected record(s), stopping`);
    return { ok: false, rejected: rejections.length, failed: 0 };
  }
  if (ingested.papers.length === 0)
    throw new InvalidInputError(`no papers found in ${sources.join(', ')}`, { code: 'KG_NO_PAPERS' });
  const papers = ingested.papers;
  lap('ingest');

  // 2. Extract.
  const extracted = await extractPapers(papers, { ...options, envUrl: env.REDIS_URL }, hooks);
  lap('extract');
  for (const failure of extracted.failed) {
    const paper = papers.find((p) => p.id === failure.id);
    const where = paper?.sources[0];
    const place = where
      ? formatRejection({ ...where, reason: '' }).slice(0, -2)
      : forTerminal(JSON.stringify(failure.id));
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
  const { graph, papers: kept } = corpus;
  const records = corpusRecords(corpus);
  await saveSnapshot(options.out, graph, records);
  lap('snapshot');
  hooks.onSnapshot?.({
    graph,
    out: options.out,
    buildSeconds: (Date.now() - t0) / 1000,
    totalSeconds: (Date.now() - started) / 1000,
  });

  // 4. Mirror.
  const neo4j = neo4jConfig(options.neo4j, env);
  if (neo4j) {
    await mirrorToNeo4j(
      neo4j,
      graph,
      { abstracts: new Map(kept.map((p) => [p.id, p.abstract])), results: resultRows(records) },
      hooks,
    );
    lap('neo4j');
  } else note('neo4j: not configured (pass --neo4j URI or set NEO4J_URI); mirror skipped');
  note(`timings: ${timings.map(([stage, seconds]) => `${stage} ${seconds.toFixed(2)} s`).join(', ')}`);
  return {
    ok: !(extracted.failed.length > 0 && options.strict),
    graph,
    rejected: rejections.length,
    failed: extracted.failed.length,
  };
}

/** The options given, without those given as undefined (which would hide a default). */
function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
