/**
 * What the integration tests need from the machine, prepared by vitest's global setup so that `npm test` works on a
 * fresh clone: a system package missing is installed with apt-get when we are root, else the run stops at once naming
 * the one command that installs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** True when `command` runs (found on PATH). */
export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error;
}

let aptUpdated = false;

/**
 * Makes sure `command` exists, installing the Debian `packages` when it does not and this process may (root, apt-get
 * present); otherwise throws with the command a user should run.
 */
export function ensureCommand(command: string, packages: string[], why: string): void {
  if (hasCommand(command)) return;
  const install = `apt-get install -y ${packages.join(' ')}`;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !hasCommand('apt-get', ['--version'])) {
    throw new Error(
      `${command} is needed for ${why} and is not installed: run "sudo ${install}" (or your system's equivalent), then npm test again`,
    );
  }
  process.stderr.write(`test setup: installing ${packages.join(', ')} for ${why} (${install})\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0 || !hasCommand(command))
    throw new Error(`"${install}" failed (exit ${result.status}); install ${packages.join(', ')} by hand for ${why}`);
}

/** The project root (this file is test/setup/system.ts). */
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/**
 * The gold sets: `KG_EVAL_DATA`, else `../shared/eval-data` beside the project, else beside the repository this one was
 * cloned from (a CI clone in a temp folder). Undefined when none exists: the tests that need them fail naming the path.
 */
export function findEvalData(): string | undefined {
  if (process.env.KG_EVAL_DATA) return process.env.KG_EVAL_DATA;
  const beside = path.resolve(ROOT, '..', 'shared', 'eval-data');
  if (existsSync(beside)) return beside;
  const origin = spawnSync('git', ['-C', ROOT, 'config', '--get', 'remote.origin.url'], {
    encoding: 'utf8',
  }).stdout?.trim();
  if (origin && existsSync(origin)) {
    const fromOrigin = path.resolve(origin, '..', 'shared', 'eval-data');
    if (existsSync(fromOrigin)) return fromOrigin;
  }
  return undefined;
}
