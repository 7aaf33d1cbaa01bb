// The explorer's period slider, play button and colour-by-year mode in Chromium, on the first 5,000 ACL abstracts
// (test/viz/snapshots.ts): the map's pixels change, and what it shows matches the API (papers per period, mean years).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapRadius } from '../../graph/map-size.js';
import { meanYear, papersInRange } from '../../viz/app/state.js';
import { PLAY_STEP_MS, yearColor, yearScale } from '../../viz/app/timeline.js';
import type { ApiGraph, ApiMeta, ApiNode } from '../../viz/api/types.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { APP_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot } from './snapshots.js';

/** A hang guard for one test on a loaded host. */
const HANG_BOUND_MS = 180_000;

interface DisplayData {
  x: number;
  y: number;
  size: number;
  color: string;
  hidden?: boolean;
}

/** The page's `window.kgExplorer`, as far as these tests read it. */
interface Explorer {
  renderer: {
    getNodeDisplayData(node: string): DisplayData | undefined;
    framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
    scaleSize(size: number): number;
  };
  graph: { forEachNode(f: (node: string, a: { kind: string }) => void): void };
  filters(): { from?: string; to?: string; minPapers: number; umbrella: boolean; colorBy?: string };
  hidden(): Set<string>;
  busy(): boolean;
}

let browser: Browser;
let server: RunningVizServer;
let meta: ApiMeta;
let loaded: ApiGraph;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
  meta = (await (await fetch(new URL('/api/meta', server.url))).json()) as ApiMeta;
  // What the page loads: the default limit of entities.
  loaded = (await (await fetch(new URL('/api/graph', server.url))).json()) as ApiGraph;
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openExplorer(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(new URL(`/${query}`, server.url).toString());
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 60_000 });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  await settled(page);
  return { page, errors };
}

/** Waits until filter changes have had their map pass, and two frames more so the canvas shows them. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !(window as unknown as { kgExplorer?: Explorer }).kgExplorer?.busy(), null, {
    timeout: 60_000,
  });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined)))),
  );
}

/** The entities drawn, with their display data. */
function drawn(page: Page): Promise<Record<string, DisplayData>> {
  return page.evaluate(() => {
    const explorer = (window as unknown as { kgExplorer: Explorer }).kgExplorer;
    const hidden = explorer.hidden();
    const out: Record<string, DisplayData> = {};
    explorer.graph.forEachNode((node, a) => {
      if (a.kind === 'paper' || hidden.has(node)) return;
      const d = explorer.renderer.getNodeDisplayData(node);
      if (d) out[node] = { x: d.x, y: d.y, size: d.size, color: d.color };
    });
    return out;
  });
}

/** The entities the API says a view keeps: the page's filters, and (with a range) papers within it. */
function expectedVisible(filters: Awaited<ReturnType<Explorer['filters']>>): ApiNode[] {
  return loaded.nodes.filter(
    (n) =>
      n.kind !== 'paper' &&
      n.paperCount >= filters.minPapers &&
      (filters.umbrella || n.specificity === undefined || n.specificity >= meta.specificity.umbrellaBelow) &&
      papersInRange(n, filters) > 0,
  );
}

const filtersOf = (page: Page): Promise<Awaited<ReturnType<Explorer['filters']>>> =>
  page.evaluate(() => (window as unknown as { kgExplorer: Explorer }).kgExplorer.filters());

/** The RGB of a screenshot of the map at the given viewport points (CSS pixels; the page's scale factor is 1). */
async function pixelsAt(page: Page, points: { x: number; y: number }[]): Promise<[number, number, number][]> {
  const png = await page.locator('#graph').screenshot();
  return page.evaluate(
    async ({ base64, points }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      return points.map((p) => {
        const d = ctx.getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data;
        return [d[0]!, d[1]!, d[2]!] as [number, number, number];
      });
    },
    { base64: png.toString('base64'), points },
  );
}

/** Share of the map's pixels that differ between two screenshots. */
async function pixelChange(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([x, y]) => {
      const read = async (base64: string): Promise<Uint8ClampedArray> => {
        const image = new Image();
        image.src = `data:image/png;base64,${base64}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const [p, q] = [await read(x!), await read(y!)];
      let changed = 0;
      for (let i = 0; i < p.length; i += 4)
        if (Math.abs(p[i]! - q[i]!) + Math.abs(p[i + 1]! - q[i + 1]!) + Math.abs(p[i + 2]! - q[i + 2]!) > 30)
          changed += 1;
      return changed / (p.length / 4);
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

const rgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const distance = (a: readonly number[], b: readonly number[]): number =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('the period slider on the first 5,000 ACL abstracts', () => {
  it(
    'a year keeps the entities with papers in it, sized by those papers, as the API counts them; the pixels change',
    async () => {
      const { page, errors } = await openExplorer();
      expect(await page.locator('#period-label').textContent()).toBe('all years');
      const before = await page.locator('#graph').screenshot();
      const all = await drawn(page);

      await page.locator('#period-year').fill('2005');
      await settled(page);
      const filters = await filtersOf(page);
      expect([filters.from, filters.to]).toEqual(['2005-01-01', '2005-12-31']);
      expect(await page.locator('#period-label').textContent()).toBe(`2005 · ${meta.years['2005']} papers`);
      expect(await page.locator('#status').textContent()).toContain('sized by their papers in 2005');

      // The same entities as the API's periods say, each drawn at the size of its papers in 2005.
      const shown = await drawn(page);
      const expected = expectedVisible(filters);
      expect(expected.length).toBeGreaterThan(20);
      expect(Object.keys(shown).sort()).toEqual(expected.map((n) => n.key).sort());
      expect(await page.locator('[data-testid="visible-count"]').getAttribute('data-count')).toBe(
        String(expected.length),
      );
      for (const node of expected)
        expect(shown[node.key]!.size).toBeCloseTo(mapRadius(papersInRange(node, filters)), 6);
      // Fewer than without a range (entities seen before and after 2005 but not in it are gone), and smaller.
      expect(expected.length).toBeLessThan(Object.keys(all).length);
      const shrunk = expected.filter((n) => shown[n.key]!.size < all[n.key]!.size - 1e-9);
      expect(shrunk.length).toBeGreaterThan(expected.length / 2);

      const after = await page.locator('#graph').screenshot();
      expect(await pixelChange(page, before, after)).toBeGreaterThan(0.01);

      // "all years" clears the range: every entity back at its full size.
      await page.locator('#period-all').click();
      await settled(page);
      expect((await filtersOf(page)).from).toBeUndefined();
      const again = await drawn(page);
      expect(Object.keys(again).length).toBe(Object.keys(all).length);
      for (const [key, d] of Object.entries(all)) expect(again[key]!.size).toBeCloseTo(d.size, 6);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );

  it(
    'a window of three years counts the papers of all three; play steps a year at a time and pauses',
    async () => {
      const { page, errors } = await openExplorer();
      await page.locator('#period-window').selectOption('3');
      await page.locator('#period-year').fill('2010');
      await settled(page);
      const filters = await filtersOf(page);
      expect([filters.from, filters.to]).toEqual(['2008-01-01', '2010-12-31']);
      const papers = ['2008', '2009', '2010'].reduce((s, y) => s + (meta.years[y] ?? 0), 0);
      expect(await page.locator('#period-label').textContent()).toBe(`2008–2010 · ${papers} papers`);
      const shown = await drawn(page);
      expect(Object.keys(shown).sort()).toEqual(
        expectedVisible(filters)
          .map((n) => n.key)
          .sort(),
      );

      await page.locator('#period-window').selectOption('1');
      await page.locator('#period-year').fill('2001');
      await settled(page);
      await page.locator('#period-play').click();
      expect(await page.locator('#period-play').getAttribute('aria-pressed')).toBe('true');
      // Two steps: 2002, then 2003 (each once the map has drawn the one before).
      await page.waitForFunction(
        () => (window as unknown as { kgExplorer: Explorer }).kgExplorer.filters().to === '2003-12-31',
        null,
        { timeout: 60_000 },
      );
      await page.locator('#period-play').click();
      expect(await page.locator('#period-play').getAttribute('aria-pressed')).toBe('false');
      const paused = (await filtersOf(page)).to;
      // A fixed wait is the behaviour under test: paused, no step comes within two play steps.
      await page.waitForTimeout(2 * PLAY_STEP_MS + 100);
      expect((await filtersOf(page)).to).toBe(paused);
      await settled(page);
      const now = await filtersOf(page);
      expect(Object.keys(await drawn(page)).sort()).toEqual(
        expectedVisible(now)
          .map((n) => n.key)
          .sort(),
      );
      // The period rides in the URL as a date range.
      expect(new URL(page.url()).searchParams.get('to')).toBe(paused);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );
});

describe('colour by year on the first 5,000 ACL abstracts', () => {
  it(
    'paints each entity by the mean year of its papers (from the API) on the scale the sidebar shows',
    async () => {
      const { page, errors } = await openExplorer();
      const before = await page.locator('#graph').screenshot();
      await page.locator('#color-by').selectOption('year');
      await settled(page);
      expect((await filtersOf(page)).colorBy).toBe('year');

      const entities = loaded.nodes.filter((n) => n.kind !== 'paper');
      const scale = yearScale(entities.map(meanYear).filter((m): m is number => m !== undefined))!;
      expect(scale[1]).toBeGreaterThan(scale[0]);
      expect(await page.locator('#year-scale').isVisible()).toBe(true);
      expect(await page.locator('#year-scale').textContent()).toContain(`≤ ${scale[0]}`);
      expect(await page.locator('#year-scale').textContent()).toContain(`≥ ${scale[1]}`);
      const dated = entities.filter((n) => meanYear(n) !== undefined).length;
      expect(await page.getByTestId('year-coverage').textContent()).toBe(
        `${dated.toLocaleString('en-US')} of ${entities.length.toLocaleString('en-US')} loaded entities have a dated paper`,
      );

      const shown = await drawn(page);
      const byKey = new Map(entities.map((n) => [n.key, n]));
      const keys = Object.keys(shown);
      expect(keys.length).toBeGreaterThan(100);
      for (const key of keys) expect(shown[key]!.color).toBe(yearColor(meanYear(byKey.get(key)!), scale));
      // Old and new terms differ: the map uses more than one end of the palette.
      expect(new Set(keys.map((k) => shown[k]!.color)).size).toBeGreaterThan(20);

      // The screenshot shows those colours inside the largest nodes: nine points within half the radius of each (a
      // community label's halo may cover some of them, not all), and differs from the community colours.
      const largest = keys.sort((a, b) => shown[b]!.size - shown[a]!.size).slice(0, 8);
      const samples = await page.evaluate((nodes) => {
        const r = (window as unknown as { kgExplorer: Explorer }).kgExplorer.renderer;
        return nodes.map((n) => {
          const d = r.getNodeDisplayData(n)!;
          const c = r.framedGraphToViewport(d);
          const radius = r.scaleSize(d.size) / 2;
          return [
            [0, 0],
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, -1],
            [0.7, 0.7],
            [-0.7, 0.7],
            [0.7, -0.7],
            [-0.7, -0.7],
          ].map(([dx, dy]) => ({ x: c.x + dx! * radius, y: c.y + dy! * radius }));
        });
      }, largest);
      const pixels = await pixelsAt(page, samples.flat());
      const matching = largest.filter((key, i) =>
        pixels.slice(i * 9, i * 9 + 9).some((p) => distance(p, rgb(shown[key]!.color)) <= 12),
      );
      expect(matching).toEqual(largest);
      const after = await page.locator('#graph').screenshot();
      expect(await pixelChange(page, before, after)).toBeGreaterThan(0.005);

      // The mode rides in the URL: a reload keeps it; back to communities restores the community colours.
      expect(new URL(page.url()).searchParams.get('color')).toBe('year');
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
      await settled(page);
      expect(await page.locator('#color-by').inputValue()).toBe('year');
      await page.locator('#color-by').selectOption('community');
      await settled(page);
      const community = await drawn(page);
      expect(community[largest[0]!]!.color).not.toBe(shown[largest[0]!]!.color);
      expect(await page.locator('#year-scale').isVisible()).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );
});
