// `npm run train --check` without the `--`: npm keeps the flag as its own setting, and the scripts say so instead of
// quietly doing their default work (for train: writing the shipped files).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { swallowedByNpm } from '../../pipeline/core/npm-args.js';
import { ROOT } from '../utils/papers.js';

describe('options npm kept for itself', () => {
  const npm = { npm_lifecycle_event: 'train' };

  it('are the script options npm set as its settings and the script did not get', () => {
    expect(
      swallowedByNpm(['check', 'cv', 'network-weight'], [], {
        ...npm,
        npm_config_check: 'true',
        npm_config_network_weight: '3',
      }),
    ).toEqual(['check', 'network-weight']);
    expect(swallowedByNpm(['check', 'cv'], ['--cv', '5'], { ...npm, npm_config_cache: '/root/.npm' })).toEqual([]);
  });

  it('are none outside npm, or when the script got them after all', () => {
    expect(swallowedByNpm(['check'], [], { npm_config_check: 'true' })).toEqual([]);
    expect(
      swallowedByNpm(['check', 'seed'], ['--check', '--seed=2'], {
        ...npm,
        npm_config_check: 'true',
        npm_config_seed: '2',
      }),
    ).toEqual([]);
  });

  const run = (script: string, event: string, env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, [path.join(ROOT, 'dist', ...script.split('/')), ...args], {
      encoding: 'utf8',
      env: { ...process.env, npm_lifecycle_event: event, ...env },
    });

  it('stop npm run train (kg train) before it trains, with the command to use (exit 2)', () => {
    const r = run('cli/kg.js', 'train', { npm_config_check: 'true' }, ['train']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kg: npm kept --check for itself .*npm run train -- --check/m);
    expect(r.stdout).not.toMatch(/wrote|trained/);
  });

  it('stop npm run bench before it measures (exit 2)', () => {
    const r = run('bench/index.js', 'bench', { npm_config_all: 'true' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bench: npm kept --all for itself .*npm run bench -- --all/m);
  });
});
