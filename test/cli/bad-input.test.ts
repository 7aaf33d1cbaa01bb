// A folder of good and bad sources: every bad place is named FILE:LINE on stderr, the good records make the graph.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGraphJson, runKg, tempDir, type KgResult } from '../utils/cli.js';
import { seedPapers } from '../utils/papers.js';

const tmp = tempDir('bad');
const src = path.join(tmp.dir, 'corpus');
const out = path.join(tmp.dir, 'out');
let result: KgResult;

beforeAll(async () => {
  const seeds = seedPapers().slice(0, 6);
  const good = (i: number) =>
    JSON.stringify({ id: `good-${i}`, title: seeds[i]!.title, abstract: seeds[i]!.abstract, year: 2024 });
  mkdirSync(path.join(src, 'nested'), { recursive: true });
  writeFileSync(
    path.join(src, 'papers.jsonl'),
    [
      good(0),
      '{"title": "Truncated", "abstract": ',
      good(1),
      '[1, 2]',
      '{"abstract": "An abstract with no title at all, long enough to count."}',
      good(2),
      '{"title": "No abstract"}',
    ].join('\n') + '\n',
  );
  writeFileSync(path.join(src, 'nested', 'more.jsonl'), `${good(3)}\n${good(4)}\n`);
  writeFileSync(
    path.join(src, 'blob.jsonl'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]),
  );
  writeFileSync(path.join(src, 'empty.jsonl'), '');
  result = await runKg(['run', src, '--inline', '--out', out, '--quiet']);
}, 60_000);
afterAll(() => tmp.cleanup());

describe('kg run over a folder with bad input', () => {
  it('names every bad place as FILE:LINE: reason', () => {
    const lines = result.stderr.split('\n');
    const file = (name: string) => path.join(src, name);
    for (const [where, why] of [
      [`${file('papers.jsonl')}:2: `, /JSON/i],
      [`${file('papers.jsonl')}:4: `, /object/i],
      [`${file('papers.jsonl')}:5: `, /title/i],
      [`${file('papers.jsonl')}:7: `, /abstract/i],
      [`${file('blob.jsonl')}: `, /binary/i],
      [`${file('empty.jsonl')}: `, /empty/i],
    ] as const) {
      const line = lines.find((l) => l.startsWith(where));
      expect(line, `a line starting with ${where}\n${result.stderr}`).toBeDefined();
      expect(line).toMatch(why);
    }
    expect(result.stderr).toMatch(/ingest: 5 papers .* 6 rejected/);
  });

  it('keeps the valid records, exits 0', () => {
    expect(result.code).toBe(0);
    const ids = readGraphJson(out)
      .nodes.filter((n) => n.key.startsWith('paper:'))
      .map((n) => n.key)
      .sort();
    expect(ids).toEqual(['paper:good-0', 'paper:good-1', 'paper:good-2', 'paper:good-3', 'paper:good-4']);
  });

  it('with --strict exits 1', async () => {
    const strict = await runKg(['run', src, '--inline', '--strict', '--out', path.join(tmp.dir, 'strict'), '--quiet']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict/);
  });

  it('a missing source is reported and the rest still runs', async () => {
    const r = await runKg([
      'run',
      path.join(src, 'nested'),
      path.join(tmp.dir, 'missing.jsonl'),
      '--inline',
      '--out',
      path.join(tmp.dir, 'm'),
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${path.join(tmp.dir, 'missing.jsonl')}: `);
    expect(r.stdout).toMatch(/graph: 2 papers/);
  });
});
