/** `kg worker`: one extraction worker process against a Redis; start as many as you like, on any machine. */
import os from 'node:os';
import type { Command } from 'commander';
import { ServiceError, UsageError } from '../../pipeline/core/errors.js';
import { forTerminal } from '../../pipeline/text/terminal.js';
import {
  closeOnSignals,
  createExtractWorker,
  createShippedExtractor,
  createRedisConnection,
  evictionWarning,
  isConnectionError,
  isValidPrefix,
  probeRedis,
  redactUrl,
} from '../../workers/index.js';
import { DEFAULT_WORKER_COMMAND_OPTIONS } from '../../run/defaults.js';
import { note, parseInteger } from '../util/options.js';

interface WorkerOptions {
  redis?: string;
  prefix: string;
  concurrency: number;
  quiet?: boolean;
}

/** Adds `kg worker`. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Run an extraction worker: takes paper jobs from Redis until stopped (SIGINT/SIGTERM finish active jobs first).',
    )
    .option(
      '--redis <url>',
      `Redis URL (default: REDIS_URL, else ${DEFAULT_WORKER_COMMAND_OPTIONS.redis}); one with a password is better in REDIS_URL, as ps shows arguments`,
    )
    .option('--prefix <prefix>', 'queue key prefix; must match the producer', DEFAULT_WORKER_COMMAND_OPTIONS.prefix)
    .option(
      '--concurrency <n>',
      'jobs in flight in this process (run more processes to use more cores)',
      parseInteger('--concurrency', 1, 64),
      DEFAULT_WORKER_COMMAND_OPTIONS.concurrency,
    )
    .option('-q, --quiet', 'no progress lines, errors only')
    .addHelpText('after', '\nExample: REDIS_URL=redis://queue-host:6379 kg worker --concurrency 4')
    .action(async (options: WorkerOptions) => {
      if (!isValidPrefix(options.prefix))
        throw new UsageError(`--prefix must be letters, digits, "-", "_" or ".", got "${options.prefix}"`);
      // Started by `kg run` (with an IPC channel): stop gracefully when that process goes away, however it ended. Listen
      // before any await, and check the channel too: a parent that died while this process was loading sent its
      // disconnect before anyone listened, and the worker would live on, orphaned.
      const onDisconnect = (): void => void process.kill(process.pid, 'SIGTERM');
      if (process.send) {
        if (!process.connected) return;
        process.once('disconnect', onDisconnect);
      }
      const url = options.redis ?? process.env.REDIS_URL ?? DEFAULT_WORKER_COMMAND_OPTIONS.redis;
      // At start the worker needs Redis (it has nothing to do without one); once running it outlives outages.
      const info = await probeRedis(url, 3000).catch((error: unknown) => {
        if (!(error instanceof ServiceError) || error.code !== 'KG_REDIS_UNREACHABLE') throw error;
        const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
        throw new ServiceError(
          `${error.message}${cause}; start Redis, or point --redis / REDIS_URL at one, and run kg worker again`,
          { code: error.code, cause: error.cause },
        );
      });
      const warning = evictionWarning(info);
      if (warning && !options.quiet) note(`kg worker: warning: ${warning}`);
      // A worker outlives Redis outages: ioredis reconnects for ever, commands wait for it (maxRetriesPerRequest null),
      // and the errors meanwhile are reported once per outage rather than once per reconnection attempt.
      const connection = createRedisConnection(url, { role: 'worker' });
      let down = false;
      const onRedisError = (error: Error): void => {
        if (down) return;
        down = true;
        note(`kg worker: Redis at ${redactUrl(url)} unreachable (${error.message}); reconnecting`);
      };
      connection.on('error', onRedisError);
      connection.on('ready', () => {
        if (!down) return;
        down = false;
        note(`kg worker: Redis at ${redactUrl(url)} is back`);
      });
      const worker = createExtractWorker({
        connection,
        extractor: createShippedExtractor(),
        prefix: options.prefix,
        concurrency: options.concurrency,
      });
      let done = 0;
      let failed = 0;
      worker.on('completed', () => {
        done += 1;
      });
      worker.on('failed', (job, error) => {
        failed += 1;
        note(
          `kg worker: paper ${forTerminal(JSON.stringify(job?.data?.id ?? job?.id ?? '?'))} failed: ${forTerminal(error.message)}`,
        );
      });
      worker.on('error', (error) =>
        isConnectionError(error) ? onRedisError(error) : note(`kg worker: ${error.message}`),
      );
      const timer = options.quiet
        ? undefined
        : setInterval(() => note(`kg worker ${process.pid}: ${done} done, ${failed} failed`), 10_000);
      timer?.unref();
      if (!options.quiet)
        note(
          `kg worker ${process.pid} on ${os.hostname()}: queue ${options.prefix}:extract at ${redactUrl(url)}, concurrency ${options.concurrency}`,
        );
      await closeOnSignals(worker, {
        onSignal: (signal) => {
          if (!options.quiet)
            note(
              `kg worker ${process.pid}: ${signal}, ${down ? 'Redis is away: stopping now' : 'finishing active jobs'}`,
            );
        },
        forceNow: () => down,
      });
      clearInterval(timer);
      // quit() would wait for a Redis that is away; then just drop the connection.
      if (connection.status === 'ready') await connection.quit().catch(() => undefined);
      else connection.disconnect();
      if (!options.quiet) note(`kg worker ${process.pid}: stopped after ${done} done, ${failed} failed`);
      // An open IPC channel keeps the process alive: close it, or `kg run` waits out its grace period and SIGKILLs us.
      process.off('disconnect', onDisconnect);
      if (process.connected) process.disconnect();
    });
}
