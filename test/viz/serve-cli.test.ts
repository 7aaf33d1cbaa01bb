// `kg serve` as a user runs it (the built dist/cli/kg.js): prints its URL, serves the API, stops on SIGTERM; bad options exit 2.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runKg, startKg, type StartedKg } from '../utils/cli.js';
import { FIXTURE_SNAPSHOT } from './helpers.js';

describe('kg serve', () => {
  it('--help describes the options', async () => {
    const result = await runKg(['serve', '--help']);
    expect(result.code).toBe(0);
    for (const option of ['--graph', '--port', '--host', '--limit']) expect(result.stdout).toContain(option);
  });

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--host', 'bad host!']], [['--limit', '0']]])(
    'rejects %j with exit code 2',
    async (args) => {
      const result = await runKg(['serve', '--graph', FIXTURE_SNAPSHOT, ...args]);
      expect(result.code).toBe(2);
    },
  );

  it('exits 1 when the folder holds no snapshot', async () => {
    const result = await runKg(['serve', '--graph', 'test/fixtures/viz/no-such-dir', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kg: /);
  });

  it('prints a 127.0.0.1 URL on stdout, answers, and stops cleanly on SIGTERM', async () => {
    const { child, done } = startKg(['serve', '--graph', FIXTURE_SNAPSHOT, '--port', '0']);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect
      .poll(() => stdout, { timeout: 30_000, interval: 50, message: 'kg serve to print its URL' })
      .toMatch(/http:\/\/\S+\n/);
    const url = /http:\/\/\S+/.exec(stdout)![0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const meta = (await (await fetch(new URL('/api/meta', url))).json()) as { counts: { papers: number } };
    expect(meta.counts.papers).toBe(8);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
  });

  // The test helper's own guarantee, which the process-heavy CLI tests rely on: a kg a test leaves running (as one
  // that fails or times out does) is killed when that test ends, so it cannot load the machine under later tests.
  let left: StartedKg | undefined;
  it('test helper: a kg that a test leaves running ...', async () => {
    left = startKg(['serve', '--graph', FIXTURE_SNAPSHOT, '--port', '0']);
    await once(left.child.stdout!, 'data');
    expect(left.child.exitCode).toBeNull();
  });
  it('test helper: ... is killed when that test ends', async () => {
    const result = await left!.done;
    expect(result.signal).toBe('SIGKILL');
  });
});
