// `kg trends` and `kg trace --compare` (issue 30) on a small dated corpus built by `kg run` (test/utils/papers.ts'
// datedCorpus): word2vec and GloVe fade while BERT and GPT-2 arrive, in a corpus whose size swings year to year.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKg, tempDir } from '../utils/cli.js';
import { datedCorpus } from '../utils/papers.js';

const tmp = tempDir('trends');
const corpus = path.join(tmp.dir, 'dated.jsonl');
const out = path.join(tmp.dir, 'graph');

/** Papers of the corpus per year that use `method` (its abstract says "We build on METHOD."). */
function usesPerYear(method: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of datedCorpus().trim().split('\n')) {
    const paper = JSON.parse(line) as { year: number; abstract: string };
    if (paper.abstract.includes(`We build on ${method}.`)) counts.set(paper.year, (counts.get(paper.year) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  writeFileSync(corpus, datedCorpus());
  const run = await runKg(['run', corpus, '--inline', '--quiet', '--out', out]);
  if (run.code !== 0) throw new Error(`kg run failed (${run.code}): ${run.stderr}`);
}, 300_000);
afterAll(() => tmp.cleanup());

describe('kg trends', () => {
  it('ranks BERT rising and word2vec declining by share, with bursts, newcomers and the years behind them (JSON)', async () => {
    const run = await runKg([
      'trends',
      '--graph',
      out,
      '--kind',
      'method',
      '--min-papers',
      '3',
      '--min-year-papers',
      '5',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.period).toEqual([2012, 2021]);
    expect(result.years).toHaveLength(10);
    expect(result.dated).toBe(75);
    const labels = (list: { label: string }[]) => list.map((e) => e.label);
    expect(labels(result.rising)).toEqual(expect.arrayContaining(['BERT', 'GPT-2', 'RoBERTa']));
    expect(labels(result.declining)).toEqual(expect.arrayContaining(['word2vec', 'GloVe']));
    expect(labels(result.rising)).not.toContain('word2vec');
    const bert = result.rising.find((e: { label: string }) => e.label === 'BERT');
    const perYear = usesPerYear('BERT');
    expect(bert).toMatchObject({ kind: 'method', papers: [...perYear.values()].reduce((a, b) => a + b, 0) });
    expect(bert.shareStart).toBe(0);
    // Pooled over the last two years: 2020 (ten papers) and 2021 (five).
    expect(bert.shareEnd).toBeCloseTo(((perYear.get(2020) ?? 0) + (perYear.get(2021) ?? 0)) / 15, 10);
    expect(result.bursts.find((b: { label: string }) => b.label === 'BERT')).toMatchObject({ start: 2019, end: 2021 });
    // Nothing is new in a period that starts with the data; from 2015, BERT is, and word2vec (2013) is not.
    expect(result.newcomers).toEqual([]);
    const since = await runKg(['trends', '--graph', out, '--since', '2015', '--format', 'json']);
    expect(labels(JSON.parse(since.stdout).newcomers)).toContain('BERT');
    expect(labels(JSON.parse(since.stdout).newcomers)).not.toContain('word2vec');
    for (const e of [...result.rising, ...result.declining])
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['key', 'label', 'kind', 'papers', 'shareStart', 'shareEnd']),
      );
  }, 60_000);

  it('prints tables and CSV, and marks the years with few papers', async () => {
    const table = await runKg(['trends', '--graph', out, '--kind', 'method', '--min-papers', '3']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^period 2012–2021: 2012: 10\*, 2013: 5\*/);
    expect(table.stdout).toContain('Rising');
    expect(table.stdout).toContain('Bursts');
    expect(table.stdout).toMatch(/BERT/);
    const csv = await runKg([
      'trends',
      '--graph',
      out,
      '--min-papers',
      '3',
      '--min-year-papers',
      '5',
      '--format',
      'csv',
    ]);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe('list,key,label,kind,papers,firstYear,shareStart,shareEnd,slope,start,end,strength');
    expect(rows.some((r) => r.startsWith('rising,bert,'))).toBe(true);
  }, 60_000);

  it('refuses an empty period with exit code 2, naming both years', async () => {
    const run = await runKg(['trends', '--graph', out, '--since', '2020', '--until', '2015']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since 2020 is after --until 2015');
  });
});

describe('kg trace --compare', () => {
  it("prints each term's share of each year's papers side by side", async () => {
    const run = await runKg(['trace', '--graph', out, 'BERT', 'word2vec', '--compare', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.entities.map((e: { label: string }) => e.label)).toEqual(['BERT', 'word2vec']);
    // From the first year either appears.
    expect(result.period).toEqual([2013, 2021]);
    const bert = usesPerYear('BERT');
    const y2020 = result.years.find((y: { year: number }) => y.year === 2020);
    expect(y2020).toMatchObject({ papers: 10, counts: [bert.get(2020), 0] });
    expect(y2020.shares[0]).toBeCloseTo(bert.get(2020)! / 10, 10);
    const table = await runKg(['trace', '--graph', out, 'BERT', 'word2vec', '--compare', '--since', '2018']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      `2020 | 10*    | ${((100 * bert.get(2020)!) / 10).toFixed(2)} % (${bert.get(2020)})`,
    );
    expect(table.stdout).not.toMatch(/^2017/m);
  }, 60_000);

  it('takes several terms only with --compare', async () => {
    const run = await runKg(['trace', '--graph', out, 'BERT', 'word2vec']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--compare');
  });
});
