/**
 * Snapshots the browser tests share (the seeds; the first 5,000 ACL abstracts), each built once per test run by whichever test file asks
 * first (the others wait for it) in the folder the global setup made (KG_TEST_SHARED), and removed with it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runKg } from '../utils/cli.js';
import { ROOT } from './helpers.js';

const DATA = process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
/** The ACL Anthology corpus of the eval data. */
export const ACL_CORPUS = path.join(DATA, 'corpus', 'acl-anthology.jsonl');

/** How long a build may take before a waiting file gives up (a hang guard on a loaded host, not a speed target). */
const BUILD_BOUND_MS = 20 * 60_000;

/** The folder of a snapshot of the first `n` ACL abstracts, built on first use in this test run. */
export function aclSnapshot(n = 5000): Promise<string> {
  if (!existsSync(ACL_CORPUS))
    throw new Error(`${ACL_CORPUS}: not found; put the eval-data folder beside the project or set KG_EVAL_DATA`);
  return sharedSnapshot(`acl-${n}`, (shared) => {
    const input = path.join(shared, `acl-${n}.jsonl`);
    writeFileSync(input, `${readFileSync(ACL_CORPUS, 'utf8').split('\n').slice(0, n).join('\n')}\n`);
    return [input];
  });
}

/** The folder of a snapshot of the seeds (`kg run seeds`), built on first use in this test run. */
export function seedsSnapshot(): Promise<string> {
  return sharedSnapshot('seeds', () => [path.join(ROOT, 'seeds')]);
}

/** Builds `kg run SOURCES --inline` into the shared folder NAME once; `sources` prepares the inputs. */
async function sharedSnapshot(name: string, sources: (shared: string) => string[]): Promise<string> {
  const shared = process.env.KG_TEST_SHARED;
  if (!shared) throw new Error('KG_TEST_SHARED is not set: run the browser tests through vitest (its global setup)');
  const out = path.join(shared, name);
  const done = path.join(out, '.built');
  const lock = `${out}.lock`;
  const started = Date.now();
  for (;;) {
    if (existsSync(done)) return out;
    try {
      mkdirSync(lock);
    } catch {
      // Another file builds it: wait for it, up to the bound.
      if (Date.now() - started > BUILD_BOUND_MS) throw new Error(`waited ${BUILD_BOUND_MS / 60_000} min for ${out}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      if (existsSync(done)) return out;
      rmSync(out, { recursive: true, force: true });
      const run = await runKg(['run', ...sources(shared), '--inline', '--quiet', '--out', out]);
      if (run.code !== 0) throw new Error(`kg run for ${name} failed (${run.code}): ${run.stderr.slice(-2000)}`);
      writeFileSync(done, 'built\n');
      return out;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
