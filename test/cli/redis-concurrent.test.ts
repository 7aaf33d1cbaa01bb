// Two `kg run`s at once on one Redis and one prefix, over corpora that reuse paper ids with other texts (and share a few
// identical papers): each must end with exactly its own results, the same papers and mentions as an in-process run of
// its corpus. Before job ids named the text, the second run replaced the first's jobs and each took the other's results.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACL_CORPUS } from '../fixtures/extract/abstracts.js';
import { readGraphJson, runKg, stopStartedKg, tempDir, type KgResult } from '../utils/cli.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const tmp = tempDir('redis-concurrent');
const prefix = uniquePrefix('concurrent');

interface Line {
  id: string;
  title: string;
  abstract: string;
}

/** A: 200 ACL papers. B: the first 120 of A's ids with other papers' texts, the next 40 with A's very texts, 40 ids of its own. */
function corpora(): { a: Line[]; b: Line[] } {
  const lines = readFileSync(ACL_CORPUS, 'utf8')
    .split('\n')
    .slice(0, 600)
    .map((l) => JSON.parse(l) as Line);
  const pick = (l: Line): Line => ({ id: l.id, title: l.title, abstract: l.abstract });
  const a = lines.slice(0, 200).map(pick);
  const b = [
    ...lines.slice(0, 120).map((l, i) => ({ ...pick(lines[300 + i]!), id: l.id })),
    ...lines.slice(120, 160).map(pick),
    ...lines.slice(460, 500).map(pick),
  ];
  return { a, b };
}

/** papers.jsonl of a snapshot: every paper with its resolved mentions and relations. */
const papersOf = (dir: string): unknown[] =>
  readFileSync(path.join(dir, 'papers.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);

const out = (name: string): string => path.join(tmp.dir, name);
const queued = (corpus: string, name: string): Promise<KgResult> =>
  runKg([
    'run',
    path.join(tmp.dir, corpus),
    '--redis',
    TEST_REDIS_URL,
    '--prefix',
    prefix,
    '--workers',
    '1',
    '--concurrency',
    '2',
    '--out',
    out(name),
    '--quiet',
  ]);

let runA: KgResult;
let runB: KgResult;

beforeAll(async () => {
  await requireRedis();
  const { a, b } = corpora();
  writeFileSync(path.join(tmp.dir, 'a.jsonl'), a.map((l) => JSON.stringify(l)).join('\n') + '\n');
  writeFileSync(path.join(tmp.dir, 'b.jsonl'), b.map((l) => JSON.stringify(l)).join('\n') + '\n');
  // Both at once, each with a local worker: either worker may extract either run's jobs.
  [runA, runB] = await Promise.all([queued('a.jsonl', 'queue-a'), queued('b.jsonl', 'queue-b')]);
  const inline = await Promise.all([
    runKg(['run', path.join(tmp.dir, 'a.jsonl'), '--inline', '--out', out('inline-a'), '--quiet']),
    runKg(['run', path.join(tmp.dir, 'b.jsonl'), '--inline', '--out', out('inline-b'), '--quiet']),
  ]);
  for (const r of inline) expect(r.code, r.stderr).toBe(0);
}, 240_000);

afterAll(async () => {
  stopStartedKg();
  await deletePrefix(prefix);
  tmp.cleanup();
});

describe('two kg runs at once on one Redis prefix, with shared paper ids', () => {
  it('both exit 0', () => {
    expect(runA.code, runA.stderr).toBe(0);
    expect(runB.code, runB.stderr).toBe(0);
  });

  it.each([
    ['A', 'a'],
    ['B', 'b'],
  ])('run %s ends with exactly its own papers and mentions (as an --inline run of its corpus)', (_, name) => {
    expect(papersOf(out(`queue-${name}`))).toEqual(papersOf(out(`inline-${name}`)));
    expect(readGraphJson(out(`queue-${name}`))).toEqual(readGraphJson(out(`inline-${name}`)));
  });

  it('a re-run reuses every stored result and still gets its own', async () => {
    const again = await runKg([
      'run',
      path.join(tmp.dir, 'b.jsonl'),
      '--redis',
      TEST_REDIS_URL,
      '--prefix',
      prefix,
      '--workers',
      '0',
      '--out',
      out('again-b'),
      '--quiet',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/extract: 0 extracted by workers, 200 reused from Redis, 0 failed/);
    expect(papersOf(out('again-b'))).toEqual(papersOf(out('inline-b')));
  }, 60_000);
});
