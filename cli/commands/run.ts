/** `kg run`: parses the options, then runs the pipeline (run/pipeline.ts), printing its notes, progress bars and summary. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import {
  DEFAULT_REDIS_URL,
  DEFAULT_RUN_OPTIONS,
  runPipeline,
  type RunOptions,
  type RunSummary,
} from '../../run/index.js';
import { parseInteger } from '../util/options.js';
import { cliHooks } from '../util/progress.js';

/** Options of `kg run` as commander parses them. */
interface RunCommandOptions extends Omit<RunOptions, 'sources' | 'workerEntry' | 'env'> {
  quiet?: boolean;
}

/** The `kg` script the local workers run: this build's. */
const KG_ENTRY = fileURLToPath(new URL('../kg.js', import.meta.url));

/** Adds `kg run`. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description(
      'Build the knowledge graph: ingest sources, extract mentions (Redis workers, or in-process), find communities, lay out, save a snapshot.',
    )
    .argument('[sources...]', 'files or folders of .txt daily-papers dumps and .jsonl records', [
      ...DEFAULT_RUN_OPTIONS.sources,
    ])
    .option('-o, --out <dir>', 'snapshot folder (graph.json, papers.jsonl, manifest.json)', DEFAULT_RUN_OPTIONS.out)
    .option('--inline', 'extract in this process, without Redis')
    .option(
      '--redis <url>',
      `Redis URL for the queue (fails if unreachable); default REDIS_URL, else ${DEFAULT_REDIS_URL} if it answers; one with a password is better in REDIS_URL, as ps shows arguments`,
    )
    .option(
      '-w, --workers <n>',
      'local worker processes to start (0: rely on `kg worker` processes started elsewhere)',
      parseInteger('--workers', 0, 64),
      DEFAULT_RUN_OPTIONS.workers,
    )
    .option(
      '-c, --concurrency <n>',
      'jobs in flight per worker process',
      parseInteger('--concurrency', 1, 64),
      DEFAULT_RUN_OPTIONS.concurrency,
    )
    .option(
      '--seed <n>',
      'seed of community detection and layout',
      parseInteger('--seed', 0, 2 ** 31 - 1),
      DEFAULT_RUN_OPTIONS.seed,
    )
    .option('--strict', 'exit 1 if any input record was rejected')
    .option('--prefix <prefix>', 'queue key prefix in Redis (separate runs or users)', DEFAULT_RUN_OPTIONS.prefix)
    .option(
      '--redis-wait <seconds>',
      'if Redis goes away mid-run, wait this long for it to come back, then resume (else exit 1)',
      parseInteger('--redis-wait', 0, 86_400),
      DEFAULT_RUN_OPTIONS.redisWait,
    )
    .option(
      '--keep-results <n>',
      'finished jobs kept in Redis for later runs to reuse (older ones are trimmed)',
      parseInteger('--keep-results', 0, 100_000_000),
      DEFAULT_RUN_OPTIONS.keepResults,
    )
    .option(
      '--neo4j <uri>',
      'mirror the graph to this Neo4j after the build (default NEO4J_URI; skipped when neither is set)',
    )
    .option('-q, --quiet', 'no progress bars')
    .addHelpText(
      'after',
      `\nExamples:\n  kg run                              # the seed papers, into ${DEFAULT_RUN_OPTIONS.out}/\n  kg run corpus.jsonl --out acl       # a JSONL corpus\n  kg run papers/ --redis redis://host:6379 --workers 0   # workers run elsewhere`,
    )
    .action(async (sources: string[], options: RunCommandOptions) => {
      const { quiet, ...rest } = options;
      const result = await runPipeline(
        { ...rest, sources, workerEntry: KG_ENTRY, env: process.env },
        { ...cliHooks(quiet), onSnapshot: summarise },
      );
      process.exitCode = result.ok ? 0 : 1;
    });
}

/** The two lines kg run prints on stdout once the snapshot is saved. */
function summarise({ graph, out, buildSeconds, totalSeconds }: RunSummary): void {
  const kinds = new Map<string, number>();
  graph.forEachNode((_, attributes) => {
    if (attributes.kind !== 'paper') kinds.set(attributes.kind, (kinds.get(attributes.kind) ?? 0) + 1);
  });
  const a = graph.getAttributes();
  const byKind = [...kinds]
    .sort((x, y) => y[1] - x[1])
    .map(([k, n]) => `${n} ${k}s`)
    .join(', ');
  process.stdout.write(
    `graph: ${a.papers} papers, ${a.entities} entities (${byKind}), ${graph.size} edges; ${a.communities.length} communities, modularity ${a.modularity.toFixed(3)} (built in ${buildSeconds.toFixed(1)} s)\n` +
      `snapshot: ${path.join(out, 'graph.json')} (done in ${totalSeconds.toFixed(1)} s)\n`,
  );
}
