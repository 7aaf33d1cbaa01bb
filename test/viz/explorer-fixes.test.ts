// The explorer's fixes of issue 29 item 5, in Chromium: Enter in the search acts on the current text, an opened panel
// takes the keyboard focus and gives it back, Back and Forward step through selections, "Show more" says what it
// loaded and lets it show, and a run of slider steps redraws the map once rather than once a step. On the seeds graph
// and on the first 5,000 ACL abstracts (test/viz/snapshots.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiGraph, ApiSearchHit } from '../../viz/api/types.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { APP_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot, seedsSnapshot } from './snapshots.js';

let browser: Browser;
/** A hang guard for one test on a loaded host (the timings are bench/slider.ts's business). */
const HANG_BOUND_MS = 180_000;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The page's `window.kgExplorer`, as far as these tests read it. */
interface Explorer {
  renderer: { on(event: string, listener: () => void): void };
  graph: { forEachNode(f: (node: string, a: { kind: string; paperCount: number }) => void): void };
  filters(): { minPapers: number };
  hidden(): Set<string>;
  busy?: () => boolean;
}

/** Opens the explorer at `url` and waits until it is ready; page errors are collected. */
async function openExplorer(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 60_000 });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  return { page, errors };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The panel's title once it shows `text`. */
async function panelTitle(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('[data-testid="panel-title"]').textContent(), { timeout: 20_000 }).toBe(text);
}

/** Types a query, waits for its own suggestions, and presses Enter (opens the top hit). */
async function searchAndOpen(page: Page, query: string, top: ApiSearchHit): Promise<void> {
  await page.fill('#search', query);
  await expect
    .poll(() => page.locator('#suggestions li').first().getAttribute('data-key'), { timeout: 20_000 })
    .toBe(top.key);
  await page.press('#search', 'Enter');
  await panelTitle(page, top.label);
}

describe('the explorer on the seeds graph', () => {
  let server: RunningVizServer;
  /** Two entities of the seeds graph with their top search hit (their own label finds them). */
  let first: ApiSearchHit;
  let second: ApiSearchHit;

  beforeAll(async () => {
    server = await startVizServer({ dir: await seedsSnapshot(), port: 0, appDir: APP_DIR });
    const graph = await getJson<ApiGraph>(`${server.url}api/graph?limit=40`);
    const hits: ApiSearchHit[] = [];
    for (const node of graph.nodes) {
      const [top] = await getJson<ApiSearchHit[]>(`${server.url}api/search?q=${encodeURIComponent(node.label)}`);
      if (top && top.kind !== 'paper' && top.label.length >= 4 && !hits.some((h) => h.key === top.key)) hits.push(top);
      if (hits.length === 2) break;
    }
    [first, second] = hits as [ApiSearchHit, ApiSearchHit];
    expect(second).toBeDefined();
  }, 1_200_000);

  afterAll(async () => {
    await server?.close();
  });

  it(
    'opens the top hit of the current text on Enter, not that of the suggestions still shown',
    async () => {
      const { page, errors } = await openExplorer(server.url);
      // A slow server: the first query's suggestions are still shown when Enter comes for the second.
      await page.route('**/api/search*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
      await page.fill('#search', first.label);
      await expect
        .poll(() => page.locator('#suggestions li').first().getAttribute('data-key'), { timeout: 20_000 })
        .toBe(first.key);
      await page.fill('#search', second.label);
      await page.press('#search', 'Enter');
      await panelTitle(page, second.label);
      await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('node'))).toBe(second.key);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );

  it(
    'gives the opened panel the keyboard focus on its heading, and Escape gives it back',
    async () => {
      const { page, errors } = await openExplorer(server.url);
      await page.focus('#search');
      await searchAndOpen(page, first.label, first);
      const focused = (): Promise<string> =>
        page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return 'body';
          const where = el.closest('#panel') ? 'panel ' : '';
          return `${where}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${el.getAttribute('tabindex') ?? ''}`.trim();
        });
      await expect.poll(focused).toBe('panel h2 -1');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(first.label);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#panel').isHidden()).toBe(true);
      expect(await focused()).toBe('input#search');
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );

  it(
    'steps through selections with Back and Forward, staying in the app',
    async () => {
      const { page, errors } = await openExplorer(server.url);
      const start = page.url();
      const selectedKey = (): Promise<string | null> =>
        page.evaluate(() => new URLSearchParams(location.search).get('node'));
      await searchAndOpen(page, first.label, first);
      await expect.poll(selectedKey).toBe(first.key);
      await searchAndOpen(page, second.label, second);
      await expect.poll(selectedKey).toBe(second.key);

      await page.goBack();
      await panelTitle(page, first.label);
      expect(await selectedKey()).toBe(first.key);
      await page.goBack();
      await expect.poll(() => page.locator('#panel').isHidden()).toBe(true);
      expect(await selectedKey()).toBeNull();
      expect(new URL(page.url()).origin).toBe(new URL(start).origin);
      await page.goForward();
      await panelTitle(page, first.label);
      // Restoring did not push: Forward still leads to the second selection.
      await page.goForward();
      await panelTitle(page, second.label);
      expect(await selectedKey()).toBe(second.key);
      // Closing the panel is a step too.
      await page.keyboard.press('Escape');
      await expect.poll(selectedKey).toBeNull();
      await page.goBack();
      await panelTitle(page, second.label);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );
});

describe('the explorer on the first 5,000 ACL abstracts', () => {
  let server: RunningVizServer;

  beforeAll(async () => {
    server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
  }, 1_200_000);

  afterAll(async () => {
    await server?.close();
  });

  const visibleCount = (page: Page): Promise<number> =>
    page.evaluate(() => Number(document.querySelector('[data-testid="visible-count"]')?.getAttribute('data-count')));
  /** Visible entities counted from the map itself, and the smallest paper count among them. */
  const visibleEntities = (page: Page): Promise<{ count: number; fewest: number }> =>
    page.evaluate(() => {
      const explorer = (window as unknown as { kgExplorer: Explorer }).kgExplorer;
      const hidden = explorer.hidden();
      let count = 0;
      let fewest = Infinity;
      explorer.graph.forEachNode((node, a) => {
        if (a.kind === 'paper' || hidden.has(node)) return;
        count += 1;
        fewest = Math.min(fewest, a.paperCount);
      });
      return { count, fewest };
    });
  const minPapers = (page: Page): Promise<number> =>
    page.evaluate(() => (window as unknown as { kgExplorer: Explorer }).kgExplorer.filters().minPapers);

  it(
    'says what "Show more" loaded and lowers the minimum the page chose so the new entities show',
    async () => {
      const { page, errors } = await openExplorer(server.url);
      const before = await visibleCount(page);
      const min = await minPapers(page);
      expect(min).toBeGreaterThan(1);
      await page.click('#show-more');
      const notice = page.locator('[data-testid="load-notice"]');
      await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toMatch(/^Loaded 5,000 more entities/);
      const lowered = await minPapers(page);
      expect(lowered).toBeLessThan(min);
      expect(await notice.textContent()).toContain(`the minimum went down to ${lowered}`);
      const after = await visibleEntities(page);
      expect(after.count).toBeGreaterThan(before);
      expect(after.fewest).toBeGreaterThanOrEqual(lowered);
      await expect.poll(() => visibleCount(page)).toBe(after.count);
      // The lowered minimum is the user's now: a reload from the URL shows the same.
      await expect.poll(() => page.evaluate(() => location.search)).toContain(`min=${lowered}`);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );

  it(
    'keeps a minimum the user set when "Show more" loads entities under it, and offers to lower it',
    async () => {
      const first = await openExplorer(server.url);
      const min = await minPapers(first.page);
      await first.page.close();
      const { page, errors } = await openExplorer(`${server.url}?min=${min}`);
      const before = await visibleCount(page);
      await page.click('#show-more');
      const notice = page.locator('[data-testid="load-notice"]');
      await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain('none shown');
      expect(await minPapers(page)).toBe(min);
      expect(await visibleCount(page)).toBe(before);
      await page.click('#lower-min');
      await expect.poll(() => visibleCount(page)).toBeGreaterThan(before);
      expect(await minPapers(page)).toBeLessThan(min);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );

  it(
    'redraws the map once for a run of ten arrow-key steps of the min-papers slider, and ends on the tenth',
    async () => {
      const { page, errors } = await openExplorer(server.url);
      const start = await minPapers(page);
      await page.evaluate(() => {
        const explorer = (window as unknown as { kgExplorer: Explorer }).kgExplorer;
        const w = window as unknown as { processed: number };
        w.processed = 0;
        // A full reprocess of sigma's data is what each filter change paid for before.
        explorer.renderer.on('beforeProcess', () => (w.processed += 1));
      });
      await page.focus('#min-papers-range');
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
      // A hang guard only (the time is measured by bench/slider.ts).
      await page.waitForFunction(
        (target) => {
          const explorer = (window as unknown as { kgExplorer: Explorer }).kgExplorer;
          return explorer.filters().minPapers === target && !explorer.busy?.();
        },
        start + 10,
        { timeout: 120_000 },
      );
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { processed: number }).processed)).toBeLessThanOrEqual(2);
      expect(await page.inputValue('#min-papers')).toBe(String(start + 10));
      const visible = await visibleEntities(page);
      expect(visible.fewest).toBeGreaterThanOrEqual(start + 10);
      expect(await visibleCount(page)).toBe(visible.count);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );
});
