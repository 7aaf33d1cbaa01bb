// The explorer's trace comparison (issue 30, `kg trace BERT ELMo word2vec --compare` in the explorer), in Chromium on
// the first 5,000 ACL abstracts (test/viz/snapshots.ts): compare BERT with ELMo and word2vec from its panel, read the
// overlay's points against the API's papers and totals, remove one, and keep the comparison while opening others.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCompare, ApiSearchHit, ApiTrace } from '../../viz/api/types.js';
import { PLOT } from '../../viz/app/compare-chart.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { APP_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot } from './snapshots.js';

let browser: Browser;
let server: RunningVizServer;
/** A hang guard for one test on a loaded host. */
const HANG_BOUND_MS = 180_000;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
}, 1_200_000);

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

async function getJson<T>(route: string): Promise<T> {
  const response = await fetch(new URL(route, server.url));
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The entity the search puts first for `query`. */
async function topEntity(query: string): Promise<ApiSearchHit> {
  const hits = await getJson<ApiSearchHit[]>(`/api/search?q=${encodeURIComponent(query)}`);
  const top = hits[0];
  expect(top?.kind).not.toBe('paper');
  return top!;
}

/** One series as drawn: its key and label, and per point the year and the numbers of its `<title>`, and the line's y. */
interface DrawnSeries {
  key: string;
  label: string;
  color: string;
  points: { year: string; title: string; y: number }[];
}

/** The overlay's series, read from the SVG. */
function drawnSeries(page: Page): Promise<DrawnSeries[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('#panel [data-testid="compare-chart"] g[data-series]')].map((g) => {
      const ys = (g.querySelector('polyline')?.getAttribute('points') ?? '')
        .split(' ')
        .map((p) => Number(p.split(',')[1]));
      return {
        key: g.getAttribute('data-series') ?? '',
        label: g.getAttribute('data-label') ?? '',
        color: g.getAttribute('data-color') ?? '',
        points: [...g.querySelectorAll('[data-year]')].map((point, i) => ({
          year: point.getAttribute('data-year') ?? '',
          title: point.querySelector('title')?.textContent ?? '',
          y: ys[i]!,
        })),
      };
    }),
  );
}

const seriesKeys = async (page: Page): Promise<string[]> => (await drawnSeries(page)).map((s) => s.key);

async function panelTitle(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('[data-testid="panel-title"]').textContent(), { timeout: 20_000 }).toBe(text);
}

/** Types into the panel's "compare with…" box, waits for `hit` on top of its suggestions, and picks it with Enter. */
async function compareWith(page: Page, query: string, hit: ApiSearchHit): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Compare with another entity' });
  await input.fill(query);
  await expect
    .poll(() => page.locator('#compare-suggestions li').first().getAttribute('data-key'), { timeout: 20_000 })
    .toBe(hit.key);
  await input.press('Enter');
}

/**
 * Checks the drawn series against the API: every year of the common span, each point's title says the entity's
 * papers that year, the graph's papers that year and their ratio as /api/compare and /api/trace answer them, and each
 * line's height is that share against the tallest.
 */
async function expectSharesOfApi(page: Page, keys: string[]): Promise<void> {
  const drawn = await drawnSeries(page);
  expect(drawn.map((s) => s.key)).toEqual(keys);
  const answer = await getJson<ApiCompare>(
    `/api/compare?${keys.map((k, i) => `key${i + 1}=${encodeURIComponent(k)}`).join('&')}`,
  );
  const span = answer.span!;
  const years = Array.from({ length: span[1] - span[0] + 1 }, (_, i) => String(span[0] + i));
  const shares = answer.series.map((s) => s.bins.map((b) => (b.of > 0 ? b.papers / b.of : 0)));
  const top = Math.max(...shares.flat());
  expect(top).toBeGreaterThan(0);
  for (const [s, series] of answer.series.entries()) {
    // The per-entity trace (by year, or by month for a short span) has the same papers each year; by year, the same
    // totals too. The common axis adds the years around it, empty.
    const trace = await getJson<ApiTrace>(`/api/trace?key=${encodeURIComponent(series.key)}`);
    const traced = new Map<string, number>();
    for (const b of trace.bins) traced.set(b.period.slice(0, 4), (traced.get(b.period.slice(0, 4)) ?? 0) + b.papers);
    for (const bin of series.bins) {
      expect(bin.papers).toBe(traced.get(bin.period) ?? 0);
      const other = trace.granularity === 'year' ? trace.bins.find((b) => b.period === bin.period) : undefined;
      if (other) expect(bin.of).toBe(other.of);
    }
    expect(series.bins.reduce((a, b) => a + b.papers, 0)).toBe(trace.bins.reduce((a, b) => a + b.papers, 0));
    expect(series.bins.some((b) => b.papers > 0)).toBe(true);

    const line = drawn[s]!;
    expect(line.label).toBe(series.label);
    expect(line.points.map((p) => p.year)).toEqual(years);
    for (const [i, bin] of series.bins.entries()) {
      const point = line.points[i]!;
      const papers = `${bin.papers} paper${bin.papers === 1 ? '' : 's'}`;
      const share = shares[s]![i]!;
      expect(point.title).toContain(`${series.label}, ${bin.period}: ${papers}`);
      if (bin.of > 0)
        expect(point.title).toContain(`, ${(100 * share).toFixed(share < 0.001 ? 2 : 1)} % of its ${bin.of}`);
      // The chart's plot area (compare-chart.ts): the tallest share at its top, none at its bottom.
      expect(point.y).toBeCloseTo(PLOT.top + (PLOT.height - PLOT.top) * (1 - share / top), 1);
    }
  }
  expect(new Set(drawn.map((s) => s.color)).size).toBe(drawn.length);
}

describe('the trace comparison on the first 5,000 ACL abstracts', () => {
  it(
    'overlays BERT, ELMo and word2vec as their shares of each year, removes one, and keeps the comparison across panels',
    async () => {
      const [bert, elmo, word2vec, glove] = await Promise.all(
        ['BERT', 'ELMo', 'word2vec', 'GloVe'].map((q) => topEntity(q)),
      );
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await page.goto(server.url);
      await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 60_000 });
      expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');

      const open = async (hit: ApiSearchHit): Promise<void> => {
        await page.evaluate(
          (key) => (window as unknown as { kgExplorer: { open(k: string): void } }).kgExplorer.open(key),
          hit.key,
        );
        await panelTitle(page, hit.label);
      };

      // One entity: its own bar chart, as before.
      await open(bert!);
      await expect
        .poll(() => page.locator('#panel [data-testid="trace"] rect').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(await page.locator('#panel [data-testid="compare-chart"]').count()).toBe(0);

      await compareWith(page, 'ELMo', elmo!);
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual([bert!.key, elmo!.key]);
      await compareWith(page, 'word2vec', word2vec!);
      const three = [bert!.key, elmo!.key, word2vec!.key];
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual(three);
      await expectSharesOfApi(page, three);
      /** Each series' colour: an entity keeps its own while it is compared. */
      const colors = async (): Promise<Record<string, string>> =>
        Object.fromEntries((await drawnSeries(page)).map((s) => [s.key, s.color]));
      const firstColors = await colors();
      const chart = page.locator('#panel [data-testid="compare-chart"]');
      const label = await chart.getAttribute('aria-label');
      expect(label).toContain(`${bert!.label}, ${elmo!.label} and ${word2vec!.label}`);
      expect(label).toMatch(/^share of each year's papers/);
      // The key names each series; the open entity has no remove button, the others one each, named.
      const key = page.locator('#panel [data-testid="compare-key"] li');
      expect(await key.allTextContents()).toEqual([
        `${bert!.label} (this entity)`,
        `${elmo!.label}×`,
        `${word2vec!.label}×`,
      ]);

      // The count switch draws papers per year.
      await page.click('#panel [data-testid="trace-measure"]');
      await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/^papers mentioning/);
      await page.click('#panel [data-testid="trace-measure"]');
      await expect.poll(() => chart.getAttribute('aria-label')).toMatch(/^share of each year's papers/);

      // The link carries the comparison: a reload (or a shared URL) draws the same three.
      await expect.poll(() => new URL(page.url()).searchParams.getAll('cmp'), { timeout: 20_000 }).toEqual(three);
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
      await panelTitle(page, bert!.label);
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual(three);

      // Opening a compared entity keeps the comparison.
      await open(word2vec!);
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual(three);
      expect(await key.nth(2).textContent()).toBe(`${word2vec!.label} (this entity)`);

      // Removing one leaves two; the keyboard focus goes back to the box.
      await page.getByRole('button', { name: `Remove ${elmo!.label} from the comparison` }).click();
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual([bert!.key, word2vec!.key]);
      await expectSharesOfApi(page, [bert!.key, word2vec!.key]);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('compare-input');

      // Opening an entity outside the comparison draws it first, with the compared ones.
      await open(glove!);
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual([glove!.key, bert!.key, word2vec!.key]);
      await expectSharesOfApi(page, [glove!.key, bert!.key, word2vec!.key]);
      const gloveColors = await colors();
      expect([gloveColors[bert!.key], gloveColors[word2vec!.key]]).toEqual([
        firstColors[bert!.key],
        firstColors[word2vec!.key],
      ]);
      // GloVe takes the colour ELMo left.
      expect(gloveColors[glove!.key]).toBe(firstColors[elmo!.key]);

      // Back on BERT, clearing the comparison gives its own chart back.
      await open(bert!);
      await expect.poll(() => seriesKeys(page), { timeout: 20_000 }).toEqual([bert!.key, word2vec!.key]);
      await page.getByRole('button', { name: 'clear comparison' }).click();
      await expect
        .poll(() => page.locator('#panel [data-testid="compare-chart"]').count(), { timeout: 20_000 })
        .toBe(0);
      await expect
        .poll(() => page.locator('#panel [data-testid="trace"] rect').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);

      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );
});
