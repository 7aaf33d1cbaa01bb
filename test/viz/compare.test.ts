// The common yearly axis of the explorer's trace comparison (issue 30): binning several entities' papers on one span,
// and `GET /api/compare` over the fixture snapshot, checked against the graph's own papers and the parameter checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot, paperYear } from '../../graph/index.js';
import type { ApiCompare, ApiTrace } from '../../viz/api/types.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { decodeComparison, drawnOf, seriesOf } from '../../viz/app/compare.js';
import { binYears, compareTraces, periodTotals } from '../../viz/trace.js';
import { FIXTURE_SNAPSHOT } from './helpers.js';

describe('compareTraces', () => {
  const totals = periodTotals(['2018', '2019-03-01', '2019-04', '2020', '2020', '2021-01-01', '2022', undefined]);

  it('puts every series on one yearly axis: the first year any has a paper to the graph’s last year', () => {
    const result = compareTraces(
      [
        { key: 'entity:a', label: 'A', dates: ['2020', '2019-03-01', undefined] },
        { key: 'entity:b', label: 'B', dates: ['2021-01-01'] },
      ],
      totals,
    );
    expect(result.span).toEqual([2019, 2022]);
    expect(result.series.map((s) => s.bins)).toEqual([
      [
        { period: '2019', papers: 1, of: 2 },
        { period: '2020', papers: 1, of: 2 },
        { period: '2021', papers: 0, of: 1 },
        { period: '2022', papers: 0, of: 1 },
      ],
      [
        { period: '2019', papers: 0, of: 2 },
        { period: '2020', papers: 0, of: 2 },
        { period: '2021', papers: 1, of: 1 },
        { period: '2022', papers: 0, of: 1 },
      ],
    ]);
    expect(result.series.map((s) => [s.key, s.label, s.granularity, s.undated, s.total])).toEqual([
      ['entity:a', 'A', 'year', 1, 3],
      ['entity:b', 'B', 'year', 0, 1],
    ]);
  });

  it('bins by year even where one entity alone would be binned by month', () => {
    const result = compareTraces([{ key: 'k', label: 'K', dates: ['2019-03-01', '2019-04'] }], totals);
    expect(result.span).toEqual([2019, 2022]);
    expect(result.series[0]!.bins[0]).toEqual({ period: '2019', papers: 2, of: 2 });
  });

  it('has no span and no bins when no compared entity has a dated paper', () => {
    const result = compareTraces(
      [
        { key: 'a', label: 'A', dates: [undefined] },
        { key: 'b', label: 'B', dates: [] },
      ],
      totals,
    );
    expect(result.span).toBeUndefined();
    expect(result.series.map((s) => s.bins)).toEqual([[], []]);
    expect(result.series[0]!.undated).toBe(1);
  });

  it('counts dates outside the span in the total but in no bin', () => {
    const t = binYears('k', 'K', ['2017', '2019', undefined], totals, [2018, 2019]);
    expect(t.bins).toEqual([
      { period: '2018', papers: 0, of: 1 },
      { period: '2019', papers: 1, of: 2 },
    ]);
    expect([t.total, t.undated]).toEqual([3, 1]);
  });
});

describe('the panel’s series', () => {
  const bert = { key: 'entity:bert', label: 'BERT' };
  const elmo = { key: 'entity:elmo', label: 'ELMo' };
  const glove = { key: 'entity:glove', label: 'GloVe' };
  const list = [
    { ...bert, slot: 0 },
    { ...elmo, slot: 2 },
  ];

  it('is the open entity alone without a comparison, and the comparison as it is when the entity is in it', () => {
    expect(seriesOf(glove, [])).toEqual([{ ...glove, slot: 0 }]);
    expect(seriesOf(elmo, list)).toEqual(list);
  });

  it('puts an entity outside the comparison first, in the first colour no compared one has', () => {
    expect(seriesOf(glove, list)).toEqual([{ ...glove, slot: 1 }, ...list]);
  });

  it('draws at most 4: with a full comparison the open entity takes the last one’s place and colour', () => {
    const full = [0, 1, 2, 3].map((slot) => ({ key: `entity:${slot}`, label: String(slot), slot }));
    expect(drawnOf(full[2]!, full)).toEqual(full);
    expect(drawnOf(glove, full)).toEqual([{ ...glove, slot: 3 }, ...full.slice(0, 3)]);
  });
});

describe('GET /api/compare', () => {
  let server: RunningVizServer;
  let graph: Awaited<ReturnType<typeof loadSnapshot>>['graph'];
  let appDir: string;
  const get = async (query: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(new URL(`/api/compare?${query}`, server.url));
    return { status: response.status, body: await response.json() };
  };
  const keys = (...list: string[]): string => list.map((key, i) => `key${i + 1}=${encodeURIComponent(key)}`).join('&');

  beforeAll(async () => {
    ({ graph } = await loadSnapshot(FIXTURE_SNAPSHOT));
    appDir = mkdtempSync(path.join(os.tmpdir(), 'kg-compare-app-'));
    writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><title>kg</title>');
    server = await startVizServer({ dir: FIXTURE_SNAPSHOT, port: 0, appDir, limit: 20 });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(appDir, { recursive: true, force: true });
  });

  /** Each year's papers mentioning `key`, and the graph's papers that year, counted from the graph itself. */
  function yearly(key: string): { mentions: Map<number, number>; papers: Map<number, number> } {
    const mentions = new Map<number, number>();
    const papers = new Map<number, number>();
    graph.forEachNode((_node, a) => {
      if (a.kind !== 'paper') return;
      const year = paperYear(a);
      if (year !== undefined) papers.set(year, (papers.get(year) ?? 0) + 1);
    });
    graph.forEachNeighbor(key, (_node, a) => {
      const year = a.kind === 'paper' ? paperYear(a) : undefined;
      if (year !== undefined) mentions.set(year, (mentions.get(year) ?? 0) + 1);
    });
    return { mentions, papers };
  }

  it('answers each entity’s papers and the graph’s papers for every year of one common span', async () => {
    const compared = ['entity:reinforcement learning', 'entity:transformer', 'entity:bleu score'];
    const response = await get(keys(...compared));
    expect(response.status).toBe(200);
    const result = response.body as ApiCompare;
    expect(result.series.map((s) => s.key)).toEqual(compared);
    const firstYears = compared.map((key) => Math.min(...yearly(key).mentions.keys()));
    expect(result.span).toEqual([Math.min(...firstYears), 2024]);
    const years = Array.from({ length: 2024 - result.span![0] + 1 }, (_, i) => result.span![0] + i);
    for (const series of result.series) {
      const { mentions, papers } = yearly(series.key);
      expect(series.granularity).toBe('year');
      expect(series.bins).toEqual(
        years.map((year) => ({ period: String(year), papers: mentions.get(year) ?? 0, of: papers.get(year) ?? 0 })),
      );
      expect(series.bins.some((b) => b.papers > 0)).toBe(true);
    }
  });

  it('agrees with /api/trace on the years both answer', async () => {
    const key = 'entity:reinforcement learning';
    const trace = (await (
      await fetch(new URL(`/api/trace?${new URLSearchParams({ key })}`, server.url))
    ).json()) as ApiTrace;
    const [series] = ((await get(keys(key))).body as ApiCompare).series;
    expect(series!.total).toBe(trace.total);
    expect(series!.undated).toBe(trace.undated);
    const sum = (t: ApiTrace): number => t.bins.reduce((a, b) => a + b.papers, 0);
    expect(sum(series!)).toBe(sum(trace));
  });

  it.each([
    ['', 400],
    ['key1=', 400],
    ['key2=entity:transformer', 400],
    [`${keys('entity:transformer')}&key3=entity:bleu%20score`, 400],
    [keys('entity:transformer', 'entity:transformer'), 400],
    [`${keys('entity:transformer')}&keys=entity:bleu%20score`, 400],
    [`${keys('entity:transformer')}&key1=entity:bleu%20score`, 400],
    [keys('entity:a', 'entity:b', 'entity:c', 'entity:d') + '&key5=entity:e', 400],
    [keys('entity:transformer', 'entity:nothing'), 404],
    [keys('paper:p2'), 404],
  ])('?%s answers %i', async (query, status) => {
    const response = await get(query);
    expect(response.status).toBe(status);
    expect((response.body as { error: { code: string } }).error.code).toMatch(/^KG_/);
  });
});

describe('the comparison in a link', () => {
  it('keeps entity keys in order, at most four, once each, and nothing else', () => {
    const query = new URLSearchParams([
      ['cmp', 'entity:bert'],
      ['cmp', 'entity:1,000 language web text corpus'],
      ['cmp', 'entity:bert'],
      ['cmp', 'paper:P19-1001'],
      ['cmp', 'javascript:alert(1)'],
      ['cmp', 'entity:elmo'],
      ['cmp', 'entity:word2vec'],
      ['cmp', 'entity:glove'],
    ]).toString();
    expect(decodeComparison(query)).toEqual([
      'entity:bert',
      'entity:1,000 language web text corpus',
      'entity:elmo',
      'entity:word2vec',
    ]);
    expect(decodeComparison('node=entity:bert')).toEqual([]);
  });
});
