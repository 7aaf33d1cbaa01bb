// Trends over shares of each year's papers (issue 30): the slope ranking, Kleinberg's bursts, newcomers, the period.
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../graph/core/types.js';
import {
  compareShares,
  computeTrends,
  kleinbergBursts,
  snapshotTrendInput,
  trendPeriod,
  type TrendEntity,
  type TrendInput,
} from '../../graph/trends.js';

/** A corpus whose size swings year to year like ACL's (even years four times the odd ones). */
const YEARS = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019];
const totals = new Map(YEARS.map((y) => [y, y % 2 === 0 ? 800 : 200]));

/** An entity in `share(year)` of each year's papers. */
function entity(key: string, share: (year: number) => number, extra: Partial<TrendEntity> = {}): TrendEntity {
  return {
    key,
    label: key,
    kind: 'method',
    years: new Map(
      YEARS.map((y) => [y, Math.round(share(y) * totals.get(y)!)] as [number, number]).filter(([, n]) => n > 0),
    ),
    ...extra,
  };
}

const input: TrendInput = {
  totals,
  undated: 3,
  entities: [
    // Steady at 5 %: its counts copy the sawtooth, its share does not move.
    entity('steady', () => 0.05),
    entity('rising', (y) => 0.01 * (y - 2009)),
    entity('fading', (y) => 0.1 - 0.01 * (y - 2010)),
    // Absent until 2017, then in a fifth of the papers: a newcomer that bursts.
    entity('newcomer', (y) => (y >= 2017 ? 0.2 : 0)),
    entity('umbrella', (y) => 0.02 * (y - 2009), { specificity: 0.05 }),
    entity('task thing', (y) => 0.03 * (y - 2009), { kind: 'task' }),
  ],
};

describe('computeTrends', () => {
  it('ranks by the slope of the share, so a term that only copies the corpus swings is neither rising nor falling', () => {
    const result = computeTrends(input, { kind: 'method' });
    expect(result.rising.map((e) => e.key)).toEqual(['newcomer', 'rising']);
    expect(result.declining.map((e) => e.key)).toEqual(['fading']);
    const steady = [...result.rising, ...result.declining].find((e) => e.key === 'steady');
    expect(steady).toBeUndefined();
    const rising = result.rising.find((e) => e.key === 'rising')!;
    // Pooled over the first and the last two years: (8 + 4) / 1,000 and (72 + 20) / 1,000.
    expect(rising.shareStart).toBeCloseTo(0.012, 4);
    expect(rising.shareEnd).toBeCloseTo(0.092, 4);
    expect(rising.slope).toBeCloseTo(0.01, 3);
  });

  it('leaves umbrella terms out unless asked, and keeps to the kind asked for', () => {
    expect(computeTrends(input).rising.map((e) => e.key)).not.toContain('umbrella');
    expect(computeTrends(input, { umbrella: true }).rising.map((e) => e.key)).toContain('umbrella');
    expect(computeTrends(input, { kind: 'task' }).rising.map((e) => e.key)).toEqual(['task thing']);
  });

  it('finds the burst where a share jumps, and lists as newcomers the terms first seen in the period', () => {
    const result = computeTrends(input, { kind: 'method', since: 2012 });
    const burst = result.bursts.find((b) => b.key === 'newcomer');
    expect(burst).toMatchObject({ start: 2017, end: 2019 });
    expect(burst!.strength).toBeGreaterThan(0);
    expect(result.bursts.find((b) => b.key === 'steady')).toBeUndefined();
    expect(result.newcomers.map((e) => e.key)).toEqual(['newcomer']);
    // A period that starts with the data has no newcomers: every term is first seen in it.
    expect(computeTrends(input, { kind: 'method' }).newcomers).toEqual([]);
    expect(result.period).toEqual([2012, 2019]);
    expect(result.dated).toBe(5000);
    expect(result.undated).toBe(3);
  });

  it('marks years with few papers and leaves them out of the slopes', () => {
    const small = new Map(totals);
    small.set(2015, 10);
    const withSpike: TrendInput = {
      totals: small,
      undated: 0,
      entities: [
        {
          key: 'spike',
          label: 'spike',
          kind: 'method',
          years: new Map([
            [2015, 10],
            [2019, 40],
            [2018, 40],
          ]),
        },
      ],
    };
    const result = computeTrends(withSpike, { minPapers: 1 });
    expect(result.years.find((y) => y.year === 2015)).toEqual({ year: 2015, papers: 10, few: true });
    // 100 % of 2015's ten papers would make it the steepest decline; left out, the share rises.
    expect(result.rising.map((e) => e.key)).toEqual(['spike']);
  });

  it('refuses an inverted period and a graph without years', () => {
    expect(() => trendPeriod(totals, { since: 2015, until: 2012 })).toThrow(RangeError);
    expect(() => trendPeriod(new Map(), {})).toThrow(/no paper/);
    expect(trendPeriod(totals, {})).toEqual([2010, 2019]);
  });
});

describe('kleinbergBursts', () => {
  it('finds no burst in a steady rate and one where the rate runs at several times the base', () => {
    const d = Array(10).fill(1000);
    expect(kleinbergBursts(Array(10).fill(50), d)).toEqual([]);
    const r = [10, 10, 10, 10, 80, 90, 85, 10, 10, 10];
    const bursts = kleinbergBursts(r, d);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ start: 4, end: 6 });
    expect(bursts[0]!.strength).toBeGreaterThan(10);
  });

  it('costs more to enter a burst as gamma grows, so a small bump passes at gamma 1 and not at gamma 20', () => {
    const d = Array(10).fill(1000);
    const r = [20, 20, 20, 20, 20, 45, 20, 20, 20, 20];
    expect(kleinbergBursts(r, d, 2, 1)).toHaveLength(1);
    expect(kleinbergBursts(r, d, 2, 20)).toEqual([]);
  });
});

describe('snapshotTrendInput', () => {
  it('counts dated papers per year and each entity by the years of the papers that mention it', () => {
    const graph = new Graph({ type: 'directed', multi: false }) as unknown as KnowledgeGraph;
    const paper = (id: string, extra: { year?: number; date?: string }) =>
      graph.addNode(`paper:${id}`, { kind: 'paper', id, title: id, source: [], x: 0, y: 0, community: 0, ...extra });
    paper('a', { year: 2019 });
    paper('b', { date: '2020-05-01' });
    paper('c', {});
    graph.addNode('entity:bert', {
      kind: 'method',
      key: 'bert',
      label: 'BERT',
      aliases: [],
      paperCount: 3,
      mentionCount: 3,
      specificity: 0.9,
      x: 0,
      y: 0,
      community: 0,
    });
    for (const p of ['a', 'b', 'c'])
      graph.addEdge(`paper:${p}`, 'entity:bert', { type: 'MENTIONS', count: 1, spans: [[0, 4]] });
    const read = snapshotTrendInput(graph);
    expect([...read.totals]).toEqual([
      [2019, 1],
      [2020, 1],
    ]);
    expect(read.undated).toBe(1);
    expect(read.entities).toEqual([
      {
        key: 'bert',
        label: 'BERT',
        kind: 'method',
        specificity: 0.9,
        years: new Map([
          [2019, 1],
          [2020, 1],
        ]),
      },
    ]);
  });
});

describe('compareShares', () => {
  it("divides each year's count by that year's papers, every year of the period listed", () => {
    const rows = compareShares(
      new Map([
        [2019, 100],
        [2021, 50],
      ]),
      [{ label: 'BERT', perYear: { '2019': 10, '2021': 10, undated: 4 } }],
      [2019, 2021],
    );
    expect(rows).toEqual([
      { year: 2019, papers: 100, counts: [10], shares: [0.1] },
      { year: 2020, papers: 0, counts: [0], shares: [0] },
      { year: 2021, papers: 50, counts: [10], shares: [0.2] },
    ]);
  });
});
