// One source for each default (issue 28, item 4): the help of every command shows the values of run/defaults.ts, and the
// libraries fall back to the same values.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../cli/program.js';
import { DEFAULT_COMMUNITY_OPTIONS, DEFAULT_LAYOUT_OPTIONS, DEFAULT_SEED } from '../../graph/index.js';
import {
  DEFAULT_EXTRACT_OPTIONS,
  DEFAULT_REDIS_URL,
  DEFAULT_RUN_OPTIONS,
  DEFAULT_SERVE_OPTIONS,
  DEFAULT_SERVICES_OPTIONS,
  DEFAULT_SNAPSHOT_DIR,
  DEFAULT_WORKER_COMMAND_OPTIONS,
} from '../../run/defaults.js';
import { DEFAULT_TREND_OPTIONS } from '../../graph/trends.js';
import { DEFAULT_VIZ_INDEX_OPTIONS } from '../../viz/data.js';
import { DEFAULT_VIZ_SERVER_OPTIONS } from '../../viz/server.js';
import { DEFAULT_WORKER_OPTIONS } from '../../workers/index.js';

/** The help of `kg NAMES…` as --help prints it (with the text added after the options), its line wrapping undone. */
async function help(...names: string[]): Promise<string> {
  let command: Command = await buildProgram(names.slice(0, 1));
  for (const name of names) command = command.commands.find((c) => c.name() === name)!;
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s) });
  command.outputHelp();
  return text.replace(/\s+/g, ' ');
}

/** How commander shows an option's default. */
const shown = (value: unknown): string => `(default: ${JSON.stringify(value)})`;

describe('the help shows the defaults of run/defaults.ts', () => {
  it('kg run', async () => {
    const text = await help('run');
    const { sources, out, workers, concurrency, seed, prefix, redisWait, keepResults } = DEFAULT_RUN_OPTIONS;
    for (const value of [sources, out, workers, concurrency, seed, prefix, redisWait, keepResults])
      expect(text).toContain(shown(value));
    expect(text).toContain(`else ${DEFAULT_REDIS_URL} if it answers`);
    expect(text).toContain(`into ${DEFAULT_SNAPSHOT_DIR}/`);
  });

  it('kg worker', async () => {
    const text = await help('worker');
    for (const value of [DEFAULT_WORKER_COMMAND_OPTIONS.prefix, DEFAULT_WORKER_COMMAND_OPTIONS.concurrency])
      expect(text).toContain(shown(value));
    expect(text).toContain(`else ${DEFAULT_WORKER_COMMAND_OPTIONS.redis}`);
  });

  it('kg serve', async () => {
    const text = await help('serve');
    const { graph, port, host, limit } = DEFAULT_SERVE_OPTIONS;
    for (const value of [graph, port, host, limit]) expect(text).toContain(shown(value));
    expect(text).toContain(`# ${graph}/ on http://${host}:${port}/`);
  });

  it('kg services up and status', async () => {
    const up = await help('services', 'up');
    for (const value of [
      DEFAULT_SERVICES_OPTIONS.port,
      DEFAULT_SERVICES_OPTIONS.timeout,
      DEFAULT_SERVICES_OPTIONS.heap,
    ])
      expect(up).toContain(shown(value));
    expect(await help('services', 'status')).toContain(shown(DEFAULT_SERVICES_OPTIONS.port));
  });

  it('kg mirror, kg trace, kg export and kg extract', async () => {
    expect(await help('mirror')).toContain(shown(DEFAULT_SNAPSHOT_DIR));
    expect(await help('export')).toContain(shown(DEFAULT_SNAPSHOT_DIR));
    expect(await help('trace')).toContain(shown(DEFAULT_SNAPSHOT_DIR));
    expect(await help('extract')).toContain(`over ${DEFAULT_EXTRACT_OPTIONS.threadsFromBytes / 1e6} MB`);
  });

  it('kg trends', async () => {
    const text = await help('trends');
    for (const value of [DEFAULT_SNAPSHOT_DIR, DEFAULT_TREND_OPTIONS.top, DEFAULT_TREND_OPTIONS.minPapers])
      expect(text).toContain(shown(value));
    expect(text).toContain(shown(DEFAULT_TREND_OPTIONS.minYearPapers));
    expect(text).toContain(`burst rate ${DEFAULT_TREND_OPTIONS.burstRatio}× the base rate`);
  });
});

describe('the libraries fall back to the same values', () => {
  it('seed, concurrency, the explorer', () => {
    expect(DEFAULT_COMMUNITY_OPTIONS.seed).toBe(DEFAULT_RUN_OPTIONS.seed);
    expect(DEFAULT_LAYOUT_OPTIONS.seed).toBe(DEFAULT_RUN_OPTIONS.seed);
    expect(DEFAULT_SEED).toBe(DEFAULT_RUN_OPTIONS.seed);
    expect(DEFAULT_WORKER_OPTIONS.concurrency).toBe(DEFAULT_RUN_OPTIONS.concurrency);
    expect(DEFAULT_VIZ_SERVER_OPTIONS).toMatchObject({
      dir: DEFAULT_SERVE_OPTIONS.graph,
      port: DEFAULT_SERVE_OPTIONS.port,
      host: DEFAULT_SERVE_OPTIONS.host,
      limit: DEFAULT_SERVE_OPTIONS.limit,
    });
    expect(DEFAULT_VIZ_INDEX_OPTIONS.defaultLimit).toBe(DEFAULT_SERVE_OPTIONS.limit);
  });
});
