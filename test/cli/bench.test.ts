// `kg bench` takes `npm run bench`'s options (issue 28, item 6): both run bench/index.ts, whose one parser reads them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findEvalData } from '../setup/system.js';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('bench');
afterAll(() => tmp.cleanup());

describe('kg bench', () => {
  it('prints the bench options under its own name', async () => {
    const out = await runKg(['bench', '--help']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /^usage: kg bench \[--sizes 1000,5000\] \[--all\] \[--extract-sizes 3000\] \[--corpus FILE\]/,
    );
  });

  it('refuses what npm run bench refuses, with exit 2', async () => {
    const sizes = await runKg(['bench', '--corpus', path.join(tmp.dir, 'none.jsonl'), '--sizes', '40']);
    expect(sizes.code).toBe(2);
    expect(sizes.stderr).toContain(`bench: corpus ${path.join(tmp.dir, 'none.jsonl')} not found (pass --corpus FILE)`);
    const unknown = await runKg(['bench', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('bench: unknown or incomplete option "--bogus"\nusage: kg bench');
  });

  it('runs the benchmark with the given options (--corpus, --sizes, --extract-sizes, --redis, --workers, --json)', async () => {
    const data = findEvalData();
    if (data === undefined) throw new Error('eval-data not found: put it beside the project or set KG_EVAL_DATA');
    const acl = readFileSync(path.join(data, 'corpus', 'acl-anthology.jsonl'), 'utf8')
      .split('\n')
      .slice(0, 40);
    const corpus = path.join(tmp.dir, 'acl40.jsonl');
    writeFileSync(corpus, `${acl.join('\n')}\n`);
    const json = path.join(tmp.dir, 'bench.json');
    // Redis at port 1 answers nothing: the queue rows are skipped, which keeps this short.
    const out = await runKg([
      'bench',
      '--corpus',
      corpus,
      '--sizes',
      '40',
      '--extract-sizes',
      '40',
      '--redis',
      'redis://127.0.0.1:1',
      '--workers',
      '1',
      '--json',
      json,
    ]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('kg bench: acl40.jsonl');
    expect(out.stderr).toContain('bench: no Redis at redis://127.0.0.1:1: queue rows skipped');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ corpus, sizes: [40], workers: 1 });
    expect(report.measurements.extract['40']).toBeGreaterThan(0);
    expect(report.measurements.inlineWall['40']).toBeGreaterThan(0);
  });
});
