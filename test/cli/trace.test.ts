// `kg trace --graph` on a fresh `kg run`: answered from the trace index, the same as from a snapshot loaded whole.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('trace');
const fresh = path.join(tmp.dir, 'fresh');
const older = path.join(tmp.dir, 'older');

beforeAll(async () => {
  const run = await runKg(['run', 'seeds', '--inline', '--out', fresh, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  // The same snapshot as a kg from before the index wrote it: no index files, none in the manifest.
  cpSync(fresh, older, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(older, 'manifest.json'), 'utf8'));
  for (const name of ['traceNames', 'traceKeys', 'tracePostings']) {
    rmSync(path.join(older, manifest.files[name]));
    delete manifest.files[name];
  }
  // Nor did its manifest record an id or the files' checks.
  delete manifest.id;
  delete manifest.integrity;
  writeFileSync(path.join(older, 'manifest.json'), JSON.stringify(manifest, null, 2));
}, 120_000);
afterAll(() => tmp.cleanup());

describe('kg trace --graph', () => {
  it('traces from the index of a fresh kg run, as from a snapshot without one (which says to re-run kg run)', async () => {
    for (const term of ['reinforcement learning', 'RL', 'Transformers']) {
      const indexed = await runKg(['trace', term, '--graph', fresh, '--format', 'json']);
      expect(indexed.code, indexed.stderr).toBe(0);
      expect(indexed.stderr).toBe('');
      const result = JSON.parse(indexed.stdout);
      expect(result.papers.length).toBeGreaterThan(0);
      const whole = await runKg(['trace', term, '--graph', older, '--format', 'json']);
      expect(whole.code, whole.stderr).toBe(0);
      expect(whole.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(JSON.parse(whole.stdout)).toEqual(result);
    }
    const table = await runKg(['trace', 'RL', '--graph', fresh]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.length).toBeGreaterThan(0);
  });

  it('exits 1 with the same suggestions for a term that names nothing', async () => {
    const indexed = await runKg(['trace', 'reinforcment lerning', '--graph', fresh]);
    const whole = await runKg(['trace', 'reinforcment lerning', '--graph', older]);
    expect(indexed.code).toBe(1);
    expect(whole.code).toBe(1);
    expect(indexed.stderr).toBe(whole.stderr.slice(whole.stderr.indexOf('\n') + 1));
  });

  it('exits 1 when the index is damaged, and when there is no snapshot', async () => {
    const damaged = path.join(tmp.dir, 'damaged');
    cpSync(fresh, damaged, { recursive: true });
    writeFileSync(
      path.join(damaged, 'trace-names.json'),
      readFileSync(path.join(fresh, 'trace-names.json')).subarray(0, 5000),
    );
    const out = await runKg(['trace', 'RL', '--graph', damaged]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('trace-names.json');
    expect((await runKg(['trace', 'RL', '--graph', path.join(tmp.dir, 'nowhere')])).code).toBe(1);
  });
});
