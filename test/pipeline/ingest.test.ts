// Ingest end to end: the five seed dumps (536 entries, 504 papers), the ACL corpus, a mixed folder, order independence.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CHROME_LINES,
  MAX_TITLE_CHARS,
  ingest,
  layoutsOf,
  paperText,
  type SourceFile,
} from '../../pipeline/ingest/index.js';
import type { Paper } from '../../pipeline/core/types.js';
import { aclCorpusBytes } from '../fixtures/extract/abstracts.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Files of a folder under the project root, named as a user would type them (`seeds/000_….txt`). */
function folder(dir: string): SourceFile[] {
  return readdirSync(ROOT + dir)
    .sort()
    .map((name) => ({ file: `${dir}/${name}`, content: readFileSync(`${ROOT}${dir}/${name}`) }));
}

/** A seeded shuffle (mulberry32), so a failing order can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const SAFE_ID = /^[A-Za-z0-9._-]+$/;
const seeds = folder('seeds');
const result = ingest(seeds);
const byTitle = new Map<string, Paper>(result.papers.map((p) => [p.title, p]));

function paper(title: string): Paper {
  const p = byTitle.get(title);
  if (!p) throw new Error(`no paper titled ${JSON.stringify(title)}`);
  return p;
}

describe('seed dumps (seeds/*.txt)', () => {
  it('hold 536 entries and 504 unique papers, with nothing rejected', () => {
    expect(result.entries).toBe(536);
    expect(result.papers).toHaveLength(504);
    expect(result.duplicates).toBe(32);
    expect(result.rejections).toEqual([]);
  });

  it.each([
    ['seeds/000: alternating lines, one page', '000', ['alternating'], 22],
    ['seeds/001: alternating lines, one page', '001', ['alternating'], 208],
    ['seeds/002: alternating lines, one page', '002', ['alternating'], 213],
    ['seeds/003: blank-line blocks after a header', '003', ['blocks'], 66],
    ['seeds/004: cards with bylines and dates', '004', ['cards'], 27],
  ])('%s', (_label, prefix, layouts, entries) => {
    const file = seeds.find((f) => f.file.startsWith(`seeds/${prefix}`));
    expect(file).toBeDefined();
    if (!file) return;
    expect(layoutsOf(file)).toEqual(layouts);
    expect(ingest([file]).entries).toBe(entries);
  });

  const chrome = new Set(CHROME_LINES.map((l) => l.toLowerCase()));
  const metadataLine =
    /^(?:[•·]\s*\d+ authors?|[A-Z][a-z]{2} \d{1,2}(?:, \d{4})?(?: \d+)?|·|apple Apple|zai-org Z\.ai)$/;

  it('never turn page chrome, bylines or dates into a title or an abstract', () => {
    for (const p of result.papers) {
      for (const text of [p.title, p.abstract]) {
        expect(chrome.has(text.toLowerCase()), text).toBe(false);
        expect(metadataLine.test(text), text).toBe(false);
        expect(text).not.toMatch(/Get trending papers|byAK and the research community|^Subscribe|^new$/);
      }
    }
  });

  it('have titles that look like titles and abstracts that look like abstracts', () => {
    for (const p of result.papers) {
      expect(p.title.length, p.title).toBeLessThanOrEqual(MAX_TITLE_CHARS);
      expect(p.title, p.title).not.toMatch(/\.$/);
      expect(p.title).toBe(p.title.replace(/\s+/g, ' ').trim());
      // The shortest abstract in the seeds has 289 characters, the longest title 159.
      expect(p.abstract.length, p.title).toBeGreaterThan(250);
      expect(p.title.length).toBeLessThan(p.abstract.length / 2);
    }
  });

  it.each([
    [
      'seeds/000 line 3: title glued to "Subscribe"',
      'Accelerating RL for LLM Reasoning with Optimal Advantage Regression',
      'seeds/000_6ec27ccb32dd8876.txt',
      3,
    ],
    [
      'seeds/003 line 11: first title after the "May 8" header',
      'Dual-Head Knowledge Distillation: Enhancing Logits Utilization with an Auxiliary Head',
      'seeds/003_dce60babb4a7c74d.txt',
      11,
    ],
    [
      'seeds/004 line 13: first card after the "Dec 8" header',
      'Learning to Reason as Action Abstractions with Scalable Mid-Training RL',
      'seeds/004_4f6637be942d44f9.txt',
      13,
    ],
  ])('%s', (_label, title, file, line) => {
    expect(paper(title).sources).toContainEqual({ file, line });
  });

  it.each([
    [
      'seeds/004 l.21: "• 1 authors · Apr 30, 2023"',
      'Learning Structured Output Representations from Attributes using Deep Conditional Generative Models',
      { authorCount: 1, date: '2023-04-30', year: 2023, dateText: 'Apr 30, 2023' },
    ],
    [
      'seeds/004 l.13: "apple Apple · Sep 30 2" (no year, 2 upvotes)',
      'Learning to Reason as Action Abstractions with Scalable Mid-Training RL',
      { organization: 'Apple', dateText: 'Sep 30' },
    ],
    [
      'seeds/004 l.165: "zai-org Z.ai · Oct 13 2"',
      'Boundary-Guided Policy Optimization for Memory-efficient RL of Diffusion Large Language Models',
      { organization: 'Z.ai', dateText: 'Oct 13' },
    ],
    [
      'seeds/004 l.53: "• 5 authors · Feb 11" (no year)',
      'VSC-RL: Advancing Autonomous Vision-Language Agents with Variational Subgoal-Conditioned Reinforcement Learning',
      { authorCount: 5, dateText: 'Feb 11' },
    ],
    [
      'seeds/004 l.101: "Jun 22, 2024 1" (date, then upvotes)',
      'Probabilistic Programming with Programmable Variational Inference',
      { authorCount: 7, date: '2024-06-22', year: 2024, dateText: 'Jun 22, 2024' },
    ],
    [
      'seeds/004 l.221: the last card, its date on the last line',
      'How Powerful are Shallow Neural Networks with Bandlimited Random Weights?',
      { authorCount: 5, date: '2020-08-19', year: 2020, dateText: 'Aug 19, 2020' },
    ],
    [
      "seeds/001 l.33 + seeds/004 l.117: a duplicate takes the card's metadata",
      'Does Sparsity Help in Learning Misspecified Linear Bandits?',
      { authorCount: 2, date: '2023-03-29', year: 2023, dateText: 'Mar 29, 2023' },
    ],
  ])('attach bylines to the paper above them: %s', (_label, title, meta) => {
    const p = paper(title);
    const { date, year, dateText, authorCount, organization } = p;
    // toEqual treats an undefined field as absent, so fields the row leaves out must be unset on the paper.
    expect({ date, year, dateText, authorCount, organization }).toEqual(meta);
  });

  it('give every card of seeds/004 a date text and a byline, and no paper elsewhere any metadata', () => {
    const cards = result.papers.filter((p) => p.sources.some((s) => s.file.startsWith('seeds/004')));
    expect(cards).toHaveLength(27);
    for (const p of cards) {
      expect(p.dateText, p.title).toBeDefined();
      expect(p.authorCount !== undefined || p.organization !== undefined, p.title).toBe(true);
    }
    expect(
      cards
        .filter((p) => p.organization !== undefined)
        .map((p) => p.organization)
        .sort(),
    ).toEqual(['Apple', 'Z.ai']);
    // Four cards give no year (Sep 30 2, Feb 11, Jan 18, Oct 13 2): date text only.
    expect(cards.filter((p) => p.date !== undefined)).toHaveLength(23);
    const others = result.papers.filter((p) => !cards.includes(p));
    expect(others.filter((p) => p.dateText ?? p.authorCount ?? p.organization)).toEqual([]);
  });

  it('merge the same paper across dumps, keeping the fuller abstract and every source', () => {
    // seeds/002 writes "algorithm -- using", seeds/001 "algorithm--using": 002's is four characters longer.
    const p = paper('Learning to Relax: Setting Solver Parameters Across a Sequence of Linear System Instances');
    expect(p.abstract).toContain('algorithm -- using');
    expect(p.sources).toEqual([
      { file: 'seeds/001_feb62ac84e337ef1.txt', line: 103 },
      { file: 'seeds/002_cf90ff13e7e41a00.txt', line: 17 },
    ]);
    expect(
      paper(
        'One Step of Gradient Descent is Provably the Optimal In-Context Learner with One Layer of Linear Self-Attention',
      ).sources.length,
    ).toBeGreaterThan(1);
  });

  it('keep titles with "?" and ":" whole', () => {
    expect(byTitle.has('What learning algorithm is in-context learning? Investigations with linear models')).toBe(true);
    expect(byTitle.has('Can LLMs Learn by Teaching? A Preliminary Study')).toBe(true);
  });

  it('give safe, unique, title-derived ids and sort papers by id', () => {
    const ids = result.papers.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(id).toMatch(/^hf-[0-9a-f]{12}$/);
  });

  it('give the same result whatever the order of the files', () => {
    for (const seed of [1, 2, 3]) expect(ingest(shuffled(seeds, seed))).toEqual(result);
  });
});

describe('ACL Anthology corpus (../shared/eval-data/corpus/acl-anthology.jsonl)', () => {
  const content = aclCorpusBytes();
  const started = performance.now();
  const acl = ingest([{ file: 'acl-anthology.jsonl', content }]);
  const ms = performance.now() - started;

  it('reads 29,905 papers with no rejection', () => {
    // Timing is reported, not asserted: CI machines vary.
    console.info(`ingest of the ACL corpus: ${ms.toFixed(0)} ms`);
    expect(acl.rejections).toEqual([]);
    expect(acl.entries).toBe(29_905);
    expect(acl.papers).toHaveLength(29_905);
    expect(acl.duplicates).toBe(0);
  });

  it('keeps the source ids, years and venues', () => {
    const p = acl.papers.find((x) => x.id === '1984.bcs-1.4');
    expect(p).toMatchObject({
      title: 'Machine translation from designers to users: management problems and solutions',
      year: 1984,
      date: '1984',
      sources: [{ file: 'acl-anthology.jsonl', line: 1 }],
    });
    expect(p?.venue).toBeTruthy();
    for (const x of acl.papers) expect(x.id).toMatch(SAFE_ID);
  });

  it('keeps distinct ids apart even where titles repeat (J77-1003, J77-1007, J77-1009)', () => {
    const finite = acl.papers.filter((x) => x.title === 'The FINITE STRING, Volume 14, Number 1 (continued)');
    expect(finite.map((x) => x.id)).toEqual(['J77-1003', 'J77-1007', 'J77-1009']);
  });
});

describe('a mixed folder (test/fixtures/ingest/mixed)', () => {
  const mixed = ingest(folder('test/fixtures/ingest/mixed'));

  it('rejects what it cannot read, one rejection each, and reads the rest', () => {
    expect(mixed.rejections.map((r) => [r.file, r.line, r.code])).toEqual([
      ['test/fixtures/ingest/mixed/blob.txt', undefined, 'binary-file'],
      ['test/fixtures/ingest/mixed/empty.txt', undefined, 'empty-file'],
      ['test/fixtures/ingest/mixed/notes.md', undefined, 'unsupported-type'],
      ['test/fixtures/ingest/mixed/papers.jsonl', 3, 'malformed-json'],
      ['test/fixtures/ingest/mixed/scan.pdf', undefined, 'unsupported-type'],
    ]);
    expect(mixed.rejections.find((r) => r.file.endsWith('scan.pdf'))?.reason).toContain('".pdf"');
    expect(mixed.entries).toBe(4);
    expect(mixed.papers).toHaveLength(3);
    expect(mixed.duplicates).toBe(1);
  });

  it('merges a jsonl record and a dump entry of one title under the jsonl id', () => {
    const p = mixed.papers.find((x) => x.id === '2305.00001');
    expect(p?.title).toBe('Sparse probing of toy transformers: where do features live?');
    expect(p?.abstract).toMatch(/We release the probes\.$/);
    expect(p?.date).toBe('2023-05-01');
    expect(p?.sources).toEqual([
      { file: 'test/fixtures/ingest/mixed/daily.txt', line: 2 },
      { file: 'test/fixtures/ingest/mixed/papers.jsonl', line: 1 },
    ]);
  });

  it('gives extraction the title and abstract on two lines', () => {
    const p = mixed.papers.find((x) => x.id === '2305.00002');
    expect(p && paperText(p)).toBe(`Calibrating Tiny Classifiers\n${p?.abstract}`);
  });
});
