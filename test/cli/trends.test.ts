// `kg trends` and `kg trace --compare` (issue 30) on a small dated corpus built by `kg run`: phrase-based statistical
// machine translation fades after 2016 while BERT arrives in 2019, in a corpus whose size swings year to year.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('trends');
const corpus = path.join(tmp.dir, 'dated.jsonl');
const out = path.join(tmp.dir, 'graph');

/** Ten papers a year in even years, five in odd ones; SMT in most papers until 2016, BERT in most from 2019. */
function papers(): string {
  const lines: string[] = [];
  for (let year = 2012; year <= 2021; year++) {
    const n = year % 2 === 0 ? 10 : 5;
    for (let i = 0; i < n; i++) {
      const smt = year <= 2016 && i < n - 1;
      const bert = year >= 2019 && i < n - 1;
      const method = smt
        ? 'a phrase-based statistical machine translation system'
        : bert
          ? 'BERT, a pre-trained transformer encoder,'
          : 'a recurrent neural network';
      lines.push(
        JSON.stringify({
          id: `p-${year}-${i}`,
          year,
          title: `Study ${i} of ${year} on machine translation and question answering`,
          abstract: `We apply ${method} to machine translation and question answering on the WMT data (run ${year}.${i}). We report BLEU and F1 scores that improve on earlier work in ${year}.`,
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  writeFileSync(corpus, papers());
  const run = await runKg(['run', corpus, '--inline', '--quiet', '--out', out]);
  if (run.code !== 0) throw new Error(`kg run failed (${run.code}): ${run.stderr}`);
}, 300_000);
afterAll(() => tmp.cleanup());

describe('kg trends', () => {
  it('ranks BERT rising and SMT declining by share, with bursts, newcomers and the years behind them (JSON)', async () => {
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
      // A corpus this small gives specificity scores no meaning: every term is ranked.
      '--umbrella',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.period).toEqual([2012, 2021]);
    expect(result.years).toHaveLength(10);
    expect(result.dated).toBe(75);
    const label = (e: { label: string }) => e.label.toLowerCase();
    expect(label(result.rising[0])).toBe('bert');
    expect(result.rising[0]).toMatchObject({ kind: 'method', papers: 4 + 9 + 4 });
    expect(result.rising[0].shareStart).toBe(0);
    expect(result.rising[0].shareEnd).toBeCloseTo((9 + 4) / 15, 5);
    expect(result.declining.map(label)).toContain('phrase-based statistical machine translation system');
    const bertBurst = result.bursts.find((b: { label: string }) => label(b) === 'bert');
    expect(bertBurst).toMatchObject({ start: 2019, end: 2021 });
    // Nothing is new in a period that starts with the data; from 2015, BERT is.
    expect(result.newcomers).toEqual([]);
    const since = await runKg(['trends', '--graph', out, '--since', '2015', '--umbrella', '--format', 'json']);
    expect(JSON.parse(since.stdout).newcomers.map(label)).toContain('bert');
    for (const e of [...result.rising, ...result.declining, ...result.newcomers])
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
    const run = await runKg([
      'trace',
      '--graph',
      out,
      'BERT',
      'recurrent neural network',
      '--compare',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.entities.map((e: { label: string }) => e.label.toLowerCase())).toEqual([
      'bert',
      'recurrent neural network',
    ]);
    const y2020 = result.years.find((y: { year: number }) => y.year === 2020);
    expect(y2020).toMatchObject({ papers: 10, counts: [9, 1] });
    expect(y2020.shares[0]).toBeCloseTo(0.9, 5);
    const table = await runKg([
      'trace',
      '--graph',
      out,
      'BERT',
      'recurrent neural network',
      '--compare',
      '--since',
      '2018',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/2020 \| 10\*? +\| 90\.00 % \(9\)/);
    expect(table.stdout).not.toMatch(/^2017/m);
  }, 60_000);

  it('takes several terms only with --compare', async () => {
    const run = await runKg(['trace', '--graph', out, 'BERT', 'recurrent neural network']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--compare');
  });
});
