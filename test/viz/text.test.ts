// Panel text logic: the sentence around a mention, highlight segments of an abstract, and trace binning.
import { describe, expect, it } from 'vitest';
import { segmentText } from '../../viz/app/highlight.js';
import { sentenceAround } from '../../viz/text.js';
import { binTrace, parseDate, periodTotals } from '../../viz/trace.js';
import type { ApiMention } from '../../viz/api/types.js';

describe('sentenceAround', () => {
  const text = 'A Title\nFirst sentence here. We use BERT on GLUE. Last one!';
  it('returns the sentence with the mention offsets inside it', () => {
    const start = text.indexOf('BERT');
    const s = sentenceAround(text, start, start + 4);
    expect(s.text).toBe('We use BERT on GLUE.');
    expect(s.text.slice(...s.highlight)).toBe('BERT');
  });

  it('stops at the title line break', () => {
    const s = sentenceAround(text, 2, 7);
    expect(s.text).toBe('A Title');
    expect(s.text.slice(...s.highlight)).toBe('Title');
  });

  it('cuts a long sentence around the mention with ellipses', () => {
    const long = `${'word '.repeat(200)}TARGET ${'more '.repeat(200)}.`;
    const start = long.indexOf('TARGET');
    const s = sentenceAround(long, start, start + 6, 80);
    expect(s.text.length).toBeLessThanOrEqual(82);
    expect(s.text.startsWith('…') && s.text.endsWith('…')).toBe(true);
    expect(s.text.slice(...s.highlight)).toBe('TARGET');
  });
});

describe('segmentText', () => {
  const text = 'We use BERT and GLUE data.';
  const m = (start: number, end: number, node?: string): ApiMention => ({
    start,
    end,
    type: 'method',
    ...(node ? { node } : {}),
  });
  it('splits into plain and mention runs that join back to the text', () => {
    const segments = segmentText(text, [m(16, 20), m(7, 11, 'entity:bert')]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.mention).map((s) => s.text)).toEqual(['BERT', 'GLUE']);
  });

  it('drops overlapping mentions (the longer at one start wins) and clips to the window', () => {
    const segments = segmentText(text, [m(7, 11), m(7, 20), m(9, 15)], 0, 18);
    expect(segments.filter((s) => s.mention).map((s) => s.text)).toEqual(['BERT and GL']);
    expect(segments.map((s) => s.text).join('')).toBe(text.slice(0, 18));
  });
});

describe('trace bins', () => {
  it('parses years, months and days', () => {
    expect(parseDate('2023')).toEqual({ year: 2023, month: undefined });
    expect(parseDate('2023-04-02')).toEqual({ year: 2023, month: 4 });
    expect(parseDate('Apr 2023')).toBeUndefined();
  });

  it('bins by month for short spans and fills empty months', () => {
    const t = binTrace('entity:x', 'x', ['2023-01-05', '2023-03-01', '2023-03-09', undefined]);
    expect(t.granularity).toBe('month');
    expect(t.bins).toEqual([
      { period: '2023-01', papers: 1, of: 0 },
      { period: '2023-02', papers: 0, of: 0 },
      { period: '2023-03', papers: 2, of: 0 },
    ]);
    expect(t.undated).toBe(1);
    expect(t.total).toBe(4);
  });

  it('bins by year when a date is a bare year or the span is long', () => {
    expect(binTrace('k', 'l', ['2019', '2021-05-01']).bins).toEqual([
      { period: '2019', papers: 1, of: 0 },
      { period: '2020', papers: 0, of: 0 },
      { period: '2021', papers: 1, of: 0 },
    ]);
    expect(binTrace('k', 'l', [undefined]).bins).toEqual([]);
  });

  it("says of how many of the graph's papers each bin is, by year and by month", () => {
    const totals = periodTotals(['2019', '2019-02-01', '2020-03', '2021-05-01', '2021-05-09', undefined, 'soon']);
    expect(Object.fromEntries(totals)).toEqual({
      '2019': 2,
      '2019-02': 1,
      '2020': 1,
      '2020-03': 1,
      '2021': 2,
      '2021-05': 2,
    });
    expect(binTrace('k', 'l', ['2019', '2021-05-01'], totals).bins).toEqual([
      { period: '2019', papers: 1, of: 2 },
      { period: '2020', papers: 0, of: 1 },
      { period: '2021', papers: 1, of: 2 },
    ]);
  });
});
