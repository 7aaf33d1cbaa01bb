// Daily-papers text dumps: the three layouts, per-region detection, chrome, bylines and dates, and what gets rejected.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutsOf, parseSource, type SourceFile } from '../../pipeline/ingest/index.js';
import { stripGluedChrome } from '../../pipeline/ingest/chrome.js';
import { parseDisplayDate, parseIsoDate } from '../../pipeline/ingest/dates.js';
import { isAbstractLike, isTitleLike } from '../../pipeline/ingest/shape.js';

const LAYOUTS = fileURLToPath(new URL('../fixtures/ingest/layouts/', import.meta.url));
const fixture = (name: string): SourceFile => ({ file: name, content: readFileSync(LAYOUTS + name) });
const ABSTRACT =
  'We study a toy problem in order to test the ingest stage, and this abstract is long enough to be read as one.';

describe('layout fixtures (test/fixtures/ingest/layouts)', () => {
  it.each([
    ['alternating.txt', ['alternating']],
    ['blocks.txt', ['blocks']],
    ['cards.txt', ['cards']],
    ['mixed-regions.txt', ['alternating', 'cards']],
  ])('detects the layout of %s', (name, layouts) => {
    expect(layoutsOf(fixture(name))).toEqual(layouts);
  });

  it('alternating.txt: strips glued chrome, keeps "Subscriber", rejects the title left without abstract', () => {
    const parsed = parseSource(fixture('alternating.txt'));
    expect(parsed.records.map((r) => [r.source.line, r.title])).toEqual([
      [3, 'Sparse Probing of Toy Transformers: Where Do Features Live?'],
      [5, 'Subscriber Churn Prediction with Gradient Boosting'],
      [8, 'Another Real Title: With a Colon'],
    ]);
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[7, 'title-without-abstract']]);
    expect(parsed.rejections[0]?.reason).toContain('A Title Left Without Its Abstract');
  });

  it('blocks.txt: joins a wrapped abstract, splits a title stacked on its abstract', () => {
    const parsed = parseSource(fixture('blocks.txt'));
    expect(parsed.records.map((r) => [r.source.line, r.title])).toEqual([
      [11, 'Block Title One'],
      [16, 'Block Title Two: Stacked on Its Abstract'],
    ]);
    expect(parsed.records[0]?.abstract).toMatch(/on one line and its second half on the next line; .*abstract\.$/);
    expect(parsed.records[1]?.abstract).toMatch(/^Here the blank line/);
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[19, 'title-without-abstract']]);
  });

  it('cards.txt: each byline and date goes to the card above it; the page date "Dec 8" to none', () => {
    const parsed = parseSource(fixture('cards.txt'));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.records.map(({ abstract, source, ...rest }) => ({ line: source.line, ...rest }))).toEqual([
      { line: 13, title: 'Card One With an Organisation', organization: 'Acme Research Lab', dateText: 'Sep 30' },
      {
        line: 21,
        title: 'Card Two With Authors',
        authorCount: 3,
        dateText: 'Jun 22, 2024',
        date: '2024-06-22',
        year: 2024,
      },
      { line: 29, title: 'Card Three Without a Byline' },
      {
        line: 33,
        title: 'Card Four, Dated in a Leap Year',
        authorCount: 1,
        dateText: 'Feb 29, 2024',
        date: '2024-02-29',
        year: 2024,
      },
    ]);
  });

  it('mixed-regions.txt: an alternating page then a card page', () => {
    const parsed = parseSource(fixture('mixed-regions.txt'));
    expect(parsed.rejections).toEqual([]);
    expect(parsed.records.map((r) => [r.source.line, r.title, r.authorCount, r.dateText])).toEqual([
      [3, 'Region One Paper', undefined, undefined],
      [5, 'Region One Second Paper', undefined, undefined],
      [15, 'Region Two Paper', 2, 'Jan 18'],
    ]);
  });

  it('not-a-dump.txt: one file-level rejection, not one per line', () => {
    const parsed = parseSource(fixture('not-a-dump.txt'));
    expect(parsed.records).toEqual([]);
    expect(parsed.rejections).toEqual([
      { file: 'not-a-dump.txt', code: 'no-papers', reason: expect.stringMatching(/no papers found/) },
    ]);
  });
});

describe('text dump edge cases', () => {
  const dump = (...lines: (string | number[])[]): Uint8Array =>
    Uint8Array.from(lines.flatMap((l) => [...(typeof l === 'string' ? new TextEncoder().encode(l) : l), 0x0a]));

  it('rejects an undecodable line by number and the title it leaves alone', () => {
    const parsed = parseSource({
      file: 'd.txt',
      content: dump('Good Title', ABSTRACT, 'Orphaned Title', [0x41, 0xff, 0x42], 'Next Title', ABSTRACT),
    });
    expect(parsed.records.map((r) => r.title)).toEqual(['Good Title', 'Next Title']);
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([
      [3, 'title-without-abstract'],
      [4, 'invalid-utf8'],
    ]);
  });

  it('rejects an abstract over the limit at its title line', () => {
    const parsed = parseSource({
      file: 'd.txt',
      content: dump('Fine Title', ABSTRACT, 'Huge Title', `${'word '.repeat(20_001)}end.`),
    });
    expect(parsed.records).toHaveLength(1);
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[3, 'abstract-too-long']]);
  });

  it('rejects an abstract with no title above it', () => {
    const parsed = parseSource({ file: 'd.txt', content: dump(ABSTRACT, 'Title', ABSTRACT) });
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[1, 'abstract-without-title']]);
  });
});

describe('line shapes and dates', () => {
  it.each([
    ['seeds/000 l.3', 'SubscribeAccelerating RL for LLM Reasoning', 'Accelerating RL for LLM Reasoning'],
    ['a real word that starts like chrome', 'Subscriber Churn Prediction', 'Subscriber Churn Prediction'],
    ['two phrases glued', 'Get trending papers in your email inbox!Subscribe(Mis)Fitting', '(Mis)Fitting'],
    ['a plain title', 'new Directions in RL', 'new Directions in RL'],
  ])('strips glued chrome: %s', (_label, line, expected) => {
    expect(stripGluedChrome(line)).toBe(expected);
  });

  it.each([
    ['seeds/001: a question', 'Does Sparsity Help in Learning Misspecified Linear Bandits?', true, false],
    ['seeds/001: a colon', 'Old Optimizer, New Norm: An Anthology', true, false],
    [
      'seeds/001: a 157-char title',
      'Debiasing Machine Learning Predictions for Causal Inference Without Additional Ground Truth Data: "One Map, Many Trials" in Satellite-Driven Poverty Analysis',
      true,
      false,
    ],
    ['a short sentence', 'Code is available online.', false, false],
    ['a sentence of abstract length', ABSTRACT, false, true],
    [
      'seeds/001 l.54: an abstract ending in a URL',
      `${'x '.repeat(150)}https://github.com/DPS2022/diffusion-posterior-sampling`,
      false,
      true,
    ],
  ])('tells titles from abstracts: %s', (_label, text, title, abstract) => {
    expect(isTitleLike(text)).toBe(title);
    expect(isAbstractLike(text)).toBe(abstract);
  });

  it.each([
    ['seeds/004 l.27', 'Apr 30, 2023', { dateText: 'Apr 30, 2023', date: '2023-04-30', year: 2023 }],
    ['seeds/004 l.59: no year', 'Feb 11', { dateText: 'Feb 11' }],
    ['seeds/004 l.19: then 2 upvotes', 'Sep 30 2', { dateText: 'Sep 30' }],
    ['seeds/004 l.107: then 1 upvote', 'Jun 22, 2024 1', { dateText: 'Jun 22, 2024', date: '2024-06-22', year: 2024 }],
    ['a full month name', 'September 3, 2021', { dateText: 'September 3, 2021', date: '2021-09-03', year: 2021 }],
    ['no such day', 'Feb 29, 2023', { dateText: 'Feb 29, 2023' }],
    ['not a month', 'Junk 5', undefined],
    ['a title', 'May the Force Be With You', undefined],
  ])('reads a page date: %s', (_label, text, expected) => {
    expect(parseDisplayDate(text)).toEqual(expected);
  });

  it.each([
    ['2023-04-30', { dateText: '2023-04-30', date: '2023-04-30', year: 2023 }],
    ['2023-04-30T12:00:00Z', { dateText: '2023-04-30T12:00:00Z', date: '2023-04-30', year: 2023 }],
    ['2023/4/3', { dateText: '2023/4/3', date: '2023-04-03', year: 2023 }],
    ['2023', { dateText: '2023', date: '2023', year: 2023 }],
    ['2023-13-01', { dateText: '2023-13-01', date: '2023', year: 2023, problem: expect.stringMatching(/no month 13/) }],
    ['last spring', { dateText: 'last spring', problem: expect.stringMatching(/not a date kg reads/) }],
    // Issue 27: forms a person writes, and days that do not exist (read coarser, with a problem for the warning).
    ['Dec 2023', { dateText: 'Dec 2023', date: '2023-12', year: 2023 }],
    ['December 2023', { dateText: 'December 2023', date: '2023-12', year: 2023 }],
    ['30 Dec 2023', { dateText: '30 Dec 2023', date: '2023-12-30', year: 2023 }],
    ['Dec 30, 2023', { dateText: 'Dec 30, 2023', date: '2023-12-30', year: 2023 }],
    ['2023/12', { dateText: '2023/12', date: '2023-12', year: 2023 }],
    ['20231230', { dateText: '20231230', date: '2023-12-30', year: 2023 }],
    [
      '2023-02-30',
      { dateText: '2023-02-30', date: '2023-02', year: 2023, problem: expect.stringMatching(/no day 30 in Feb 2023/) },
    ],
    ['2024-02-29', { dateText: '2024-02-29', date: '2024-02-29', year: 2024 }],
    ['0999-01-01', { dateText: '0999-01-01', date: '0999-01-01', year: 999 }],
  ])('reads a jsonl date %s', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });
});
