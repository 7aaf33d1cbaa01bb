// The local `kg worker`s of `kg run`: the Redis URL reaches them by environment, so its password is on no command line
// (`ps` shows those to every user) and in no line printed; and while they start, kg run does not claim no worker is there.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redactCredentials } from '../../workers/index.js';
import { runKg, startKg, stopStartedKg, tempDir } from '../utils/cli.js';
import { syntheticCorpus } from '../utils/papers.js';
import {
  deletePrefix,
  privateRedis,
  requireRedis,
  TEST_REDIS_URL,
  uniquePrefix,
  type PrivateRedis,
} from '../utils/redis.js';

const tmp = tempDir('local-workers');
const PASSWORD = 'kg-test-secret-7f3a';
const prefixes: string[] = [];
const prefix = (label: string): string => {
  const p = uniquePrefix(label);
  prefixes.push(p);
  return p;
};
let redis: PrivateRedis;

beforeAll(async () => {
  await requireRedis();
  writeFileSync(path.join(tmp.dir, 'corpus.jsonl'), syntheticCorpus(12));
  // A private Redis that wants a password (set after start: the helper's readiness probe has none).
  redis = await privateRedis();
  await redis.start();
  const admin = new Redis(redis.url);
  await admin.config('SET', 'requirepass', PASSWORD);
  admin.disconnect();
}, 60_000);

afterAll(async () => {
  stopStartedKg();
  await redis?.dispose();
  for (const p of prefixes) await deletePrefix(p);
  tmp.cleanup();
});

/** Process ids of every descendant of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces: fields start after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parents)
      if (parent === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

describe('the Redis password', () => {
  it('is on no command line of kg run or its workers, and in no line printed', async () => {
    const url = `redis://:${PASSWORD}@127.0.0.1:${redis.port}`;
    const run = startKg(
      [
        'run',
        path.join(tmp.dir, 'corpus.jsonl'),
        '--workers',
        '2',
        '--prefix',
        'kg',
        '--out',
        path.join(tmp.dir, 'out'),
        '--quiet',
      ],
      { REDIS_URL: url },
    );
    const seen = new Map<number, string>();
    await vi.waitFor(
      () => {
        for (const pid of [run.child.pid!, ...descendants(run.child.pid!)]) seen.set(pid, commandLine(pid));
        expect([...seen.values()].filter((cmd) => / worker /.test(cmd))).toHaveLength(2);
      },
      { timeout: 30_000, interval: 50 },
    );
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/extract: 12 extracted by workers/);
    for (const cmd of seen.values()) expect(cmd).not.toContain(PASSWORD);
    expect(result.stderr + result.stdout).not.toContain(PASSWORD);
    expect(result.stderr).toMatch(/redis:\/\/:\*\*\*@127\.0\.0\.1/);
  }, 90_000);

  it('is in no message when it is wrong, from kg run or kg worker', async () => {
    const url = `redis://:wrong-${PASSWORD}@127.0.0.1:${redis.port}`;
    const run = await runKg([
      'run',
      path.join(tmp.dir, 'corpus.jsonl'),
      '--redis',
      url,
      '--out',
      path.join(tmp.dir, 'wrong'),
      '--quiet',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not reachable/);
    expect(run.stderr).not.toContain(PASSWORD);
    const worker = await runKg(['worker', '--quiet'], { REDIS_URL: url });
    expect(worker.code).toBe(1);
    expect(worker.stderr).not.toContain(PASSWORD);
  });

  it.each([
    ['a password alone', 'Redis at redis://:s3cret@host:6379 is down', 'Redis at redis://:***@host:6379 is down'],
    ['a user and a password with "@"', 'rediss://me:p@ss@host/0 (x)', 'rediss://me:***@host/0 (x)'],
    ['a Neo4j URI', 'bolt://neo4j:pw@localhost:7687', 'bolt://neo4j:***@localhost:7687'],
    [
      'no credentials',
      'redis://127.0.0.1:6379 and http://host:8080/a@b',
      'redis://127.0.0.1:6379 and http://host:8080/a@b',
    ],
  ])('is hidden in any text the CLI prints: %s', (_, text, shown) => {
    expect(redactCredentials(text)).toBe(shown);
  });
});

describe('local workers still starting', () => {
  it('are not reported as "no worker is connected"', async () => {
    // Every `kg worker` takes 5 s more to start, as on a slow host: kg run reconciles twice before one connects.
    const slow = path.join(tmp.dir, 'slow-worker.mjs');
    writeFileSync(
      slow,
      "if (process.argv[2] === 'worker') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);\n",
    );
    const p = prefix('slow-start');
    const run = await runKg(
      [
        'run',
        path.join(tmp.dir, 'corpus.jsonl'),
        '--redis',
        TEST_REDIS_URL,
        '--workers',
        '1',
        '--prefix',
        p,
        '--out',
        path.join(tmp.dir, 'slow'),
        '--quiet',
      ],
      {
        NODE_OPTIONS: `--import=${pathToFileURL(slow).href}`,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/extract: 12 extracted by workers/);
    expect(run.stderr).not.toMatch(/no worker is connected/);
  }, 90_000);

  it('but with no local worker and none elsewhere, the hint is given', async () => {
    const p = prefix('no-worker');
    const run = startKg([
      'run',
      path.join(tmp.dir, 'corpus.jsonl'),
      '--redis',
      TEST_REDIS_URL,
      '--workers',
      '0',
      '--prefix',
      p,
      '--out',
      path.join(tmp.dir, 'none'),
      '--quiet',
    ]);
    let stderr = '';
    run.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await vi.waitFor(() => expect(stderr).toMatch(/12 paper\(s\) waiting and no worker is connected/), {
      timeout: 30_000,
      interval: 100,
    });
    run.child.kill('SIGKILL');
    await run.done;
  }, 60_000);
});
