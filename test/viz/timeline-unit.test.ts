// The timeline's pure parts (viz/app/timeline.ts): year bounds, periods as date ranges and back, the year palette and
// its scale, and where play starts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type Filters } from '../../viz/app/state.js';
import {
  paletteAt,
  periodOf,
  periodText,
  playStart,
  UNDATED_COLOR,
  withoutRange,
  withPeriod,
  YEAR_COLORS,
  yearBounds,
  yearColor,
  yearScale,
} from '../../viz/app/timeline.js';
import { decodeViewState, encodeViewState } from '../../viz/app/url.js';

const filters = (patch: Partial<Filters> = {}): Filters => ({
  ...DEFAULT_FILTERS,
  kinds: [...DEFAULT_FILTERS.kinds],
  hidden: [],
  ...patch,
});

describe('periods', () => {
  it('yearBounds spans the dated years; none without any', () => {
    expect(yearBounds({ '2001': 4, '1999': 1, '2020': 9 })).toEqual([1999, 2020]);
    expect(yearBounds({})).toBeUndefined();
  });

  it('a period is a date range of whole years, and reads back', () => {
    const f = withPeriod(filters({ minPapers: 3 }), { end: 2005, years: 3 });
    expect([f.from, f.to, f.minPapers]).toEqual(['2003-01-01', '2005-12-31', 3]);
    expect(periodOf(f)).toEqual({ end: 2005, years: 3 });
    expect(periodText({ end: 2005, years: 3 })).toBe('2003–2005');
    expect(periodText({ end: 2005, years: 1 })).toBe('2005');
    expect(periodOf({ from: '2005', to: '2005' })).toEqual({ end: 2005, years: 1 });
    expect(periodOf(withoutRange(f))).toBeUndefined();
    expect(withoutRange(f)).not.toHaveProperty('from');
  });

  it.each<[string, Partial<Filters>]>([
    ['a range that starts mid-year', { from: '2005-03-01', to: '2005-12-31' }],
    ['a range that ends mid-year', { from: '2005-01-01', to: '2006-06-30' }],
    ['an open range', { from: '2005' }],
    ['no range', {}],
  ])('%s is no period of whole years', (_label, range) => {
    expect(periodOf(range)).toBeUndefined();
  });

  it('play starts at the first year with enough papers, else at the first year', () => {
    expect(playStart({ '1965': 3, '1980': 60, '1979': 49, '2000': 500 })).toBe(1980);
    expect(playStart({ '1965': 3, '1970': 4 })).toBe(1965);
    expect(playStart({})).toBeUndefined();
  });
});

describe('colour by year', () => {
  it('the palette runs from its first stop to its last, through the stops', () => {
    expect(paletteAt(0)).toBe(YEAR_COLORS[0]);
    expect(paletteAt(1)).toBe(YEAR_COLORS[YEAR_COLORS.length - 1]);
    expect(paletteAt(1 / (YEAR_COLORS.length - 1))).toBe(YEAR_COLORS[1]);
    expect(paletteAt(-3)).toBe(YEAR_COLORS[0]);
    expect(paletteAt(Number.NaN)).toBe(YEAR_COLORS[0]);
    // Sequential: lightness grows with time (sum of channels as a rough luminance).
    const light = (c: string): number => [1, 3, 5].reduce((s, i) => s + parseInt(c.slice(i, i + 2), 16), 0);
    const steps = Array.from({ length: 11 }, (_v, i) => light(paletteAt(i / 10)));
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]!);
  });

  it('the scale spans the 5th to the 95th percentile of mean years, in whole years', () => {
    const means = [1970, ...Array.from({ length: 98 }, (_v, i) => 2000 + i / 5), 2030];
    // Sorted, the 95th percentile is the 95th of 100 values: 2000 + 93/5 = 2018.6, rounded out.
    expect(yearScale(means)).toEqual([2000, 2019]);
    expect(yearScale([2010, 2010])).toEqual([2010, 2011]);
    expect(yearScale([])).toBeUndefined();
  });

  it('an entity takes the colour of its mean year on the scale; undated ones are grey', () => {
    expect(yearColor(2000, [2000, 2020])).toBe(YEAR_COLORS[0]);
    expect(yearColor(2020, [2000, 2020])).toBe(YEAR_COLORS[YEAR_COLORS.length - 1]);
    expect(yearColor(1990, [2000, 2020])).toBe(YEAR_COLORS[0]);
    expect(yearColor(undefined, [2000, 2020])).toBe(UNDATED_COLOR);
    expect(yearColor(2010, undefined)).toBe(UNDATED_COLOR);
  });

  it('the mode rides in the URL and nothing else turns it on', () => {
    const on = encodeViewState({ filters: filters({ colorBy: 'year' }) });
    expect(on).toBe('color=year');
    expect(decodeViewState(on).filters.colorBy).toBe('year');
    expect(decodeViewState('color=community').filters.colorBy).toBeUndefined();
    expect(decodeViewState('color=%3Cscript%3E').filters.colorBy).toBeUndefined();
  });
});
