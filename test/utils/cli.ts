/** Runs the built `kg` command (dist/cli/kg.js, made by `npm test`'s build step) as a user would, and reads snapshots. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import { ROOT } from './papers.js';

export const KG = path.join(ROOT, 'dist', 'cli', 'kg.js');

/** What a finished command printed and returned. */
export interface KgResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A `kg` started by {@link startKg}: the process, and its exit with everything it printed. */
export interface StartedKg {
  child: ChildProcess;
  done: Promise<KgResult>;
}

/**
 * The `kg` processes started by this test file that are still running. A test that fails or times out while one runs
 * (a `kg run` and its workers, a `kg worker`) must not leave it behind: it would go on using a core under the rest of
 * the suite, which on a slow host turns one timeout into many.
 */
const running = new Set<ChildProcess>();
const stop = (child: ChildProcess): void => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
/** Kills every `kg` this file started that still runs; a file's own afterAll calls it before cleaning up after them. */
export function stopStartedKg(): void {
  for (const child of running) stop(child);
}
afterAll(stopStartedKg);

/**
 * Starts `kg ARGS` in the project root; `REDIS_URL`/`NEO4J_URI` are removed unless given, so the defaults are tested.
 * A process still running when its test ends (or, if a hook started it, when the file ends) is killed (SIGKILL; a
 * `kg run` takes its workers with it).
 */
export function startKg(args: string[], env: Record<string, string | undefined> = {}): StartedKg {
  if (!existsSync(KG)) throw new Error(`${KG} is missing: run "npm run build" (npm test does it first)`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: undefined, NEO4J_URI: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [KG, ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<KgResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  running.add(child);
  child.on('exit', () => running.delete(child));
  try {
    onTestFinished(() => stop(child));
  } catch {
    // Started by a hook, not a test: the file's afterAll stops it.
  }
  return { child, done };
}

/** Runs `kg ARGS` to the end. */
export function runKg(args: string[], env: Record<string, string | undefined> = {}): Promise<KgResult> {
  return startKg(args, env).done;
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kg-${label}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A snapshot's graph.json as plain JSON, without the attributes that differ between runs by nature (creation time). */
export function readGraphJson(dir: string): {
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
} {
  const json = JSON.parse(readFileSync(path.join(dir, 'graph.json'), 'utf8'));
  delete json.attributes.createdAt;
  return json;
}

/** Process ids of the `kg worker` processes running on a queue prefix (those `kg run` started for a test). */
export function workerPids(prefix: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `kg.js worker .*--prefix ${prefix}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
