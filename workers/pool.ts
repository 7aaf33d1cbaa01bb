/**
 * Local `kg worker` child processes for `kg run`: started with the run, restarted if one dies, stopped at the end.
 * The Redis URL reaches them in their environment (REDIS_URL), never on their command line, where `ps` shows it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Options of {@link startWorkerPool}. */
export interface WorkerPoolOptions {
  /** The `kg` script the workers run (`node ENTRY worker …`): the caller's own build. */
  entry: string;
  count: number;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** Restarts allowed per worker slot before the pool gives up on it. @defaultValue 3 */
  maxRestarts?: number;
  /** Where a worker's stop and restart are reported (kg run: a line on stderr). */
  note: (message: string) => void;
}

/** Running local workers. */
export interface WorkerPool {
  /** Process ids of the live workers (tests kill one to check nothing is lost; none left means none will connect). */
  pids(): number[];
  /** SIGTERM to all (they finish active jobs), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `count` worker processes running this same `kg` build. */
export function startWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const children: (ChildProcess | undefined)[] = [];
  const restarts: number[] = [];
  let stopping = false;

  const launch = (slot: number): void => {
    const child = spawn(
      process.execPath,
      [options.entry, 'worker', '--prefix', options.prefix, '--concurrency', String(options.concurrency), '--quiet'],
      // The IPC channel is how a worker learns that its `kg run` died (even by SIGKILL): it then stops, instead of living on.
      { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, REDIS_URL: options.redisUrl } },
    );
    children[slot] = child;
    child.on('exit', (code, signal) => {
      if (stopping) return;
      children[slot] = undefined;
      const used = (restarts[slot] ?? 0) + 1;
      restarts[slot] = used;
      if (used > (options.maxRestarts ?? 3)) {
        options.note(`kg: worker ${slot + 1} stopped (${signal ?? `exit ${code}`}) too often; not restarting it`);
        return;
      }
      options.note(
        `kg: worker ${slot + 1} stopped (${signal ?? `exit ${code}`}); its jobs go back to the queue, restarting it`,
      );
      launch(slot);
    });
  };
  for (let slot = 0; slot < options.count; slot++) launch(slot);

  return {
    pids: () => children.flatMap((child) => (child?.pid !== undefined && child.exitCode === null ? [child.pid] : [])),
    async stop(graceMs = 10_000) {
      stopping = true;
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
