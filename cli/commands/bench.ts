/** `kg bench`: the benchmark of `npm run bench` (bench/index.ts), with the same options, on this kg build. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { InvalidInputError } from '../../pipeline/core/errors.js';

/** The built bench script beside this build (dist/bench/index.js). */
const BENCH_ENTRY = fileURLToPath(new URL('../../bench/index.js', import.meta.url));

/**
 * Runs bench/index.js in a child process with `args` untouched, so its one option parser serves both front doors; the
 * child's exit code is returned. npm's variables are left out: no npm stands between the user and these options.
 */
export async function runBench(args: readonly string[]): Promise<number> {
  if (!existsSync(BENCH_ENTRY))
    throw new InvalidInputError(`${BENCH_ENTRY} is missing: run "npm run build"`, { code: 'KG_BENCH_MISSING' });
  const env: NodeJS.ProcessEnv = { ...process.env, KG_BENCH_AS: 'kg bench' };
  delete env.npm_lifecycle_event;
  const child = spawn(process.execPath, [BENCH_ENTRY, ...args], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c, s) => resolve([c, s]));
    });
    return code ?? (signal === 'SIGINT' ? 130 : 1);
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

/** Adds `kg bench`. Its options are bench/index.ts's, parsed there: `kg bench --help` prints them. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'Measure throughput, memory and growth on the ACL corpus at growing sizes, as npm run bench does (kg bench --help for its options)',
    )
    .argument(
      '[options...]',
      'the options of npm run bench (--sizes, --all, --extract-sizes, --corpus, --redis, --workers, --neo4j, --json, --markdown, --keep)',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (_options: string[], _opts: unknown, command: Command) => {
      process.exitCode = await runBench(command.args);
    });
}
