// "Rising in this view" (viz/app/rising.ts, issue 30 item 4): kg trends' ranking over the entities the filters show.
import { describe, expect, it } from 'vitest';
import { computeTrends } from '../../graph/trends.js';
import {
  formatShare,
  periodsByYear,
  risingInView,
  risingMinPapers,
  viewTrendInput,
  type RisingNode,
  type RisingResult,
} from '../../viz/app/rising.js';

/** 200 dated papers a year, 2014–2020, and a thin 2013 (under kg trends' 50 a year). */
const YEARS: Record<string, number> = {
  '2013': 20,
  '2014': 200,
  '2015': 200,
  '2016': 200,
  '2017': 200,
  '2018': 200,
  '2019': 200,
  '2020': 200,
};

const entity = (label: string, periods: Record<string, number>, extra: Partial<RisingNode> = {}): RisingNode => ({
  kind: 'method',
  label,
  periods,
  ...extra,
});

/** Papers per year as year periods. */
const perYear = (counts: Record<number, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).map(([y, n]) => [y, n]));

const NODES: [string, RisingNode][] = [
  // Rising steadily: 2, 6, 10, … papers a year.
  ['entity:bert', entity('BERT', perYear({ 2014: 2, 2015: 6, 2016: 10, 2017: 14, 2018: 18, 2019: 22, 2020: 26 }))],
  // Rising, slower, in months.
  [
    'entity:transformer',
    entity('Transformer', {
      '2014-03': 1,
      '2014-09': 1,
      '2015-01': 3,
      '2016-05': 4,
      '2017-02': 5,
      '2018-07': 6,
      '2019-11': 7,
      '2020-01': 4,
      '2020-06': 4,
    }),
  ],
  // Falling.
  ['entity:hmm', entity('HMM', perYear({ 2014: 30, 2015: 25, 2016: 20, 2017: 15, 2018: 10, 2019: 5, 2020: 1 }))],
  // Flat.
  ['entity:svm', entity('SVM', perYear({ 2014: 10, 2015: 10, 2016: 10, 2017: 10, 2018: 10, 2019: 10, 2020: 10 }))],
  // An umbrella term that rises: ranked, since the view's filters decided it shows.
  [
    'entity:nlp',
    entity('NLP', perYear({ 2014: 10, 2015: 12, 2016: 14, 2017: 16, 2018: 18, 2019: 20, 2020: 22 }), {
      kind: 'task',
      specificity: 0.2,
    }),
  ],
  // Rising only from 2017: falls before it.
  ['entity:late', entity('late riser', perYear({ 2014: 12, 2015: 8, 2016: 4, 2017: 1, 2018: 4, 2019: 8, 2020: 12 }))],
  // Too few papers to rank (rising, but 5 papers).
  ['entity:tiny', entity('tiny', perYear({ 2018: 1, 2019: 1, 2020: 3 }))],
  // No dated paper.
  ['entity:undated', { kind: 'concept', label: 'undated' }],
  // A paper is never an entry.
  ['paper:p1', { kind: 'paper', label: 'A paper' }],
];

const entries = (result: RisingResult): string[] => ('entries' in result ? result.entries.map((e) => e.key) : []);

describe('rising in this view', () => {
  it('ranks as computeTrends does on the same input: rising only, umbrella terms included, papers and hidden left out', () => {
    const result = risingInView(NODES, new Set(), YEARS, {});
    if (!('entries' in result)) throw new Error(`no list: ${result.reason}`);
    // kg trends' default period: the first year with 50 papers (2014) to the last.
    expect(result.period).toEqual([2014, 2020]);
    const dated = 7 * 200;
    expect(result.minPapers).toBe(risingMinPapers(dated));
    expect(result.minPapers).toBe(10);
    const input = viewTrendInput(NODES, new Set(), YEARS);
    const trends = computeTrends(input, { minPapers: 10, top: 8, umbrella: true });
    expect(result.entries).toEqual(
      trends.rising.map(({ key, label, kind, papers, shareStart, shareEnd, slope }) => ({
        key,
        label,
        kind,
        papers,
        shareStart,
        shareEnd,
        slope,
      })),
    );
    // BERT (+0.02 share a year) ahead of NLP (+0.01) and Transformer; HMM falls, SVM is flat, tiny has 5 papers.
    expect(entries(result)).toEqual(['entity:bert', 'entity:nlp', 'entity:transformer']);
    const bert = result.entries[0]!;
    expect(bert.slope).toBeCloseTo(0.02, 10);
    expect(bert.papers).toBe(98);
    // Pooled over the first two and last two years: (2 + 6) / 400 and (22 + 26) / 400.
    expect(bert.shareStart).toBeCloseTo(0.02, 10);
    expect(bert.shareEnd).toBeCloseTo(0.12, 10);
    expect(formatShare(bert.shareStart)).toBe('2.0 %');
    expect(formatShare(bert.shareEnd)).toBe('12.0 %');
    // Without the umbrella switch kg trends would leave NLP out; the view ranks what it shows.
    expect(computeTrends(input, { minPapers: 10, top: 8 }).rising.map((e) => e.key)).not.toContain('entity:nlp');

    // A hidden entity is not in the view's list, and the others keep their ranks.
    expect(entries(risingInView(NODES, new Set(['entity:bert']), YEARS, {}))).toEqual([
      'entity:nlp',
      'entity:transformer',
    ]);
    // At most `top`.
    expect(entries(risingInView(NODES, new Set(), YEARS, {}, 1))).toEqual(['entity:bert']);
  });

  it('collapses months into years', () => {
    expect([...periodsByYear({ '2019-01': 2, '2019-05': 3, '2019': 1, '2020-12': 4 })]).toEqual([
      [2019, 6],
      [2020, 4],
    ]);
    // Transformer given by months ranks exactly as the same papers given by years.
    const byYear = entity('Transformer', perYear({ 2014: 2, 2015: 3, 2016: 4, 2017: 5, 2018: 6, 2019: 7, 2020: 8 }));
    const months = risingInView(NODES, new Set(), YEARS, {});
    const years = risingInView(
      NODES.map(([k, n]): [string, RisingNode] => [k, k === 'entity:transformer' ? byYear : n]),
      new Set(),
      YEARS,
      {},
    );
    expect(months).toEqual(years);
    const transformer = 'entries' in months ? months.entries.find((e) => e.key === 'entity:transformer') : undefined;
    expect(transformer?.papers).toBe(35);
  });

  it('takes its period from the date range, in whole years', () => {
    const result = risingInView(NODES, new Set(), YEARS, { from: '2017-03-01', to: '2020-06' });
    if (!('entries' in result)) throw new Error(`no list: ${result.reason}`);
    expect(result.period).toEqual([2017, 2020]);
    // From 2017 the late riser rises too (1, 4, 8, 12 papers); HMM still falls.
    const trends = computeTrends(viewTrendInput(NODES, new Set(), YEARS), {
      since: 2017,
      until: 2020,
      minPapers: risingMinPapers(800),
      top: 8,
      umbrella: true,
    });
    expect(entries(result)).toEqual(trends.rising.map((e) => e.key));
    expect(entries(result)).toContain('entity:late');
    expect(entries(result)).not.toContain('entity:hmm');
    // Over the whole period the late riser falls, so it is not listed.
    expect(entries(risingInView(NODES, new Set(), YEARS, {}))).not.toContain('entity:late');
    // Its papers are those of 2017–2020 only, and its start share is that of 2017–2018.
    const late = result.entries.find((e) => e.key === 'entity:late')!;
    expect(late.papers).toBe(25);
    expect(late.shareStart).toBeCloseTo(5 / 400, 10);
    // Only an end: from kg trends' default start.
    const until = risingInView(NODES, new Set(), YEARS, { to: '2018' });
    expect('entries' in until && until.period).toEqual([2014, 2018]);
  });

  it('says why when the view has too few dated years, or no dated paper', () => {
    // 2013 has 20 papers, 2014 is the only year of 2013–2014 with 50.
    const few = risingInView(NODES, new Set(), YEARS, { from: '2013', to: '2014' });
    expect(few).toEqual({
      reason: 'Too few dated years in this view: one year of 2013–2014 has 50 papers or more, and a trend needs two.',
      period: [2013, 2014],
    });
    expect(risingInView(NODES, new Set(), YEARS, { from: '2010', to: '2012' })).toMatchObject({
      reason: expect.stringMatching(/^Too few dated years in this view: no year of 2010–2012/),
    });
    // A small graph: every year under 50 papers.
    expect(risingInView(NODES, new Set(), { '2019': 30, '2020': 40 }, {})).toMatchObject({
      reason: expect.stringMatching(/^Too few dated years/),
    });
    // Nothing dated in view.
    const undatedOnly = NODES.filter(([k]) => k === 'entity:undated' || k === 'paper:p1');
    expect(risingInView(undatedOnly, new Set(), YEARS, {})).toEqual({
      reason: 'No entity in this view has a dated paper.',
    });
    expect(risingInView(NODES, new Set(NODES.map(([k]) => k)), YEARS, {})).toEqual({
      reason: 'No entity in this view has a dated paper.',
    });
    // Dated entities, none rising.
    const falling = NODES.filter(([k]) => k === 'entity:hmm' || k === 'entity:svm');
    expect(risingInView(falling, new Set(), YEARS, {})).toMatchObject({
      reason: 'Nothing rises in this view over 2014–2020: no entity with 10 papers or more has a growing share.',
    });
  });

  it('asks fewer papers of an entity in a small graph: 1 % of the dated papers, between 3 and 10', () => {
    expect(risingMinPapers(100)).toBe(3);
    expect(risingMinPapers(500)).toBe(5);
    expect(risingMinPapers(1400)).toBe(10);
    expect(risingMinPapers(50_000)).toBe(10);
    // 60 papers a year over 5 years: tiny (5 papers) is ranked.
    const small = { '2016': 60, '2017': 60, '2018': 60, '2019': 60, '2020': 60 };
    const result = risingInView(NODES, new Set(), small, {});
    expect('entries' in result && result.minPapers).toBe(3);
    expect(entries(result)).toContain('entity:tiny');
  });
});
