// `kg run` end to end on the seeds, in-process and on the real Redis queue: the acceptance list of the pipeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_LINES } from '../../pipeline/ingest/index.js';
import { readGraphJson, runKg, tempDir, type KgResult } from '../utils/cli.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';

const tmp = tempDir('run');
const inlineOut = path.join(tmp.dir, 'inline');
const queueOut = path.join(tmp.dir, 'queue');
const prefix = uniquePrefix('run');
let inline: KgResult;

beforeAll(async () => {
  await requireRedis();
  inline = await runKg(['run', 'seeds', '--inline', '--out', inlineOut, '--quiet']);
}, 120_000);
afterAll(async () => {
  tmp.cleanup();
  await deletePrefix(prefix);
});

type Json = ReturnType<typeof readGraphJson>;
const entities = (g: Json) => g.nodes.filter((n) => String(n.key).startsWith('entity:'));
const papers = (g: Json) => g.nodes.filter((n) => String(n.key).startsWith('paper:'));

describe('kg run seeds --inline', () => {
  it('says it runs in-process, summarises, and exits 0', () => {
    expect(inline.stderr).toMatch(/extracting in-process/);
    expect(inline.stderr).toMatch(
      /ingest: 504 papers from 5 file\(s\) \(536 entries, 32 duplicates merged, 0 rejected\)/,
    );
    expect(inline.stderr).toMatch(/neo4j: not configured.*mirror skipped/);
    expect(inline.stdout).toMatch(/graph: 504 papers/);
    expect(inline.code).toBe(0);
  });

  it('writes a graph of the seeds with communities and positions', () => {
    const g = readGraphJson(inlineOut);
    expect(papers(g)).toHaveLength(504);
    const ents = entities(g);
    expect(ents.length).toBeGreaterThanOrEqual(1000);
    expect(ents.filter((n) => n.attributes.kind === 'method').length).toBeGreaterThanOrEqual(100);
    expect(ents.filter((n) => n.attributes.kind === 'task').length).toBeGreaterThanOrEqual(50);
    for (const node of g.nodes) {
      expect(Number.isFinite(node.attributes.x) && Number.isFinite(node.attributes.y), node.key).toBe(true);
      expect(typeof node.attributes.community, node.key).toBe('number');
    }
    for (const node of ents) expect(node.attributes.community as number).toBeGreaterThanOrEqual(0);
    const communities = g.attributes.communities as { id: number; label: string }[];
    expect(communities.length).toBeGreaterThanOrEqual(5);
    for (const c of communities) expect(c.label.length).toBeGreaterThan(0);
    expect(g.attributes.modularity as number).toBeGreaterThanOrEqual(0.3);
  });

  it('keeps page chrome out of titles and dates on papers whose page gives them', () => {
    const g = readGraphJson(inlineOut);
    const chrome = new Set([...CHROME_LINES].map((line) => line.toLowerCase()));
    for (const paper of papers(g)) {
      const title = String(paper.attributes.title);
      expect(chrome.has(title.toLowerCase()), title).toBe(false);
      expect(title).not.toMatch(/^(Subscribe|Daily Papers|new|·|• \d+ authors?)$/i);
      expect(title).not.toMatch(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/);
    }
    const dated = papers(g).filter((p) => p.attributes.dateText !== undefined);
    // The seed pages give a date for 26 entries (one layout only); all of them must survive.
    expect(dated.length).toBeGreaterThanOrEqual(26);
    expect(dated.some((p) => /^\d{4}-\d{2}-\d{2}$/.test(String(p.attributes.date)))).toBe(true);
  });

  it('writes papers.jsonl with abstracts and mention spans that slice the text', () => {
    const lines = readFileSync(path.join(inlineOut, 'papers.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(504);
    for (const line of lines.slice(0, 50)) {
      const record = JSON.parse(line) as {
        title: string;
        abstract: string;
        mentions: { start: number; end: number; text: string }[];
      };
      const text = `${record.title}\n${record.abstract}`;
      for (const m of record.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });
});

describe('kg run seeds on the Redis queue', () => {
  it('builds the same graph as --inline with two worker processes', async () => {
    const out = await runKg([
      'run',
      'seeds',
      '--redis',
      TEST_REDIS_URL,
      '--workers',
      '2',
      '--prefix',
      prefix,
      '--out',
      queueOut,
      '--quiet',
    ]);
    expect(out.stderr).toMatch(/extract: queue .* 2 local worker\(s\)/);
    expect(out.stderr).toMatch(/504 extracted by workers, 0 reused/);
    expect(out.code).toBe(0);
    expect(readGraphJson(queueOut)).toEqual(readGraphJson(inlineOut));
    expect(readFileSync(path.join(queueOut, 'papers.jsonl'), 'utf8')).toBe(
      readFileSync(path.join(inlineOut, 'papers.jsonl'), 'utf8'),
    );
  });

  it('re-runs without re-extracting anything and gives the same graph', async () => {
    const again = path.join(tmp.dir, 'again');
    const out = await runKg([
      'run',
      'seeds',
      '--redis',
      TEST_REDIS_URL,
      '--workers',
      '1',
      '--prefix',
      prefix,
      '--out',
      again,
      '--quiet',
    ]);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/0 extracted by workers, 504 reused from Redis/);
    expect(readGraphJson(again)).toEqual(readGraphJson(inlineOut));
  });

  it('fails clearly, exit 1, when the Redis asked for does not answer', async () => {
    const out = await runKg(['run', 'seeds', '--redis', 'redis://127.0.0.1:1', '--out', path.join(tmp.dir, 'none')]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1 \(from --redis\) is not reachable/);
  });

  it('kg worker started without its Redis says so and what to do, exit 1', async () => {
    const out = await runKg(['worker', '--redis', 'redis://127.0.0.1:1']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /Redis at redis:\/\/127\.0\.0\.1:1 is not reachable .*; start Redis, or point --redis \/ REDIS_URL at one, and run kg worker again/,
    );
  });
});
