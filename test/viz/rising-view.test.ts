// "Rising in this view" in the explorer (issue 30 item 4), driven in Chromium on the first 5,000 ACL abstracts: the
// list is the one viz/app/rising.ts computes from the entities the page shows, focusing a community turns it into that
// community's risers, and a click on an entry opens its panel.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { formatShare, risingInView, type RisingNode } from '../../viz/app/rising.js';
import { APP_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot } from './snapshots.js';

/** What the test reads of `window.kgExplorer` (viz/app/main.ts). */
interface Explorer {
  graph: {
    hasNode(key: string): boolean;
    getNodeAttribute(key: string, name: string): unknown;
  };
  hidden(): Set<string>;
  busy(): boolean;
  filters(): { focus?: number; from?: string; to?: string };
}
const explorer = (): Explorer => (globalThis as unknown as { kgExplorer: Explorer }).kgExplorer;

/** One entry as the page shows it. */
interface Shown {
  key: string;
  name: string;
}

let browser: Browser;
let server: RunningVizServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
}, 1_200_000);

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

/** The list's entries once the map pass after the last filter change has run. */
async function shownEntries(page: Page): Promise<Shown[]> {
  await expect.poll(() => page.evaluate(() => explorer().busy()), { timeout: 20_000 }).toBe(false);
  return page
    .locator('[data-testid="rising"] button[data-key]')
    .evaluateAll((buttons) => buttons.map((b) => ({ key: b.getAttribute('data-key')!, name: b.textContent!.trim() })));
}

/** The list rising.ts makes of the entities the page shows: the server's nodes, less those the page hides. */
async function expected(page: Page): Promise<Shown[]> {
  const hidden = new Set(await page.evaluate(() => [...explorer().hidden()]));
  const filters = await page.evaluate(() => explorer().filters());
  const meta = server.index.meta();
  const nodes = server.index
    .graph({ limit: meta.defaultLimit })
    .nodes.map((n): [string, RisingNode] => [n.key, n as RisingNode]);
  const result = risingInView(nodes, hidden, meta.years, filters);
  if (!('entries' in result)) throw new Error(`no list expected: ${result.reason}`);
  return result.entries.map((e) => ({
    key: e.key,
    name: `${e.label}${formatShare(e.shareStart)} → ${formatShare(e.shareEnd)} of papers`,
  }));
}

describe('rising in this view, on the first 5,000 ACL abstracts', () => {
  it('lists visible risers, follows a community focus, and opens an entry', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    // Functions run in the page call `explorer()` there too.
    await page.addInitScript(() => {
      (globalThis as unknown as { explorer: () => unknown }).explorer = () =>
        (globalThis as unknown as { kgExplorer: unknown }).kgExplorer;
    });
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 120_000 });
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');

    // The opening view: a list of named buttons, each a visible entity, as rising.ts ranks them.
    const all = await shownEntries(page);
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(8);
    expect(all).toEqual(await expected(page));
    for (const entry of all) expect(entry.name).toMatch(/\d+\.\d % → \d+\.\d % of papers$/);
    const visible = await page.evaluate(
      (keys) =>
        keys.filter(
          (k) =>
            explorer().graph.hasNode(k) &&
            !explorer().hidden().has(k) &&
            explorer().graph.getNodeAttribute(k, 'kind') !== 'paper',
        ),
      all.map((e) => e.key),
    );
    expect(visible).toEqual(all.map((e) => e.key));
    expect(await page.getByRole('list', { name: 'Rising in this view' }).getByRole('button').count()).toBe(all.length);
    expect(await page.locator('#rising-note').textContent()).toMatch(
      /^Fastest-growing share of each year’s papers, \d{4}–\d{4}/,
    );

    // Focus the largest listed community that the top entry is not in: the list becomes that community's risers.
    const communityOf = (key: string): Promise<number> =>
      page.evaluate((k) => explorer().graph.getNodeAttribute(k, 'community') as number, key);
    const topCommunity = await communityOf(all[0]!.key);
    const community = Number(
      await page
        .locator(`#legend > li[data-community]:not([data-community="${topCommunity}"])`)
        .first()
        .getAttribute('data-community'),
    );
    await page.click(`#legend > li[data-community="${community}"] > .legend-label`);
    await expect.poll(() => page.evaluate(() => explorer().filters().focus)).toBe(community);
    const focused = await shownEntries(page);
    expect(focused.length).toBeGreaterThan(0);
    expect(focused).toEqual(await expected(page));
    expect(focused.map((e) => e.key)).not.toContain(all[0]!.key);
    for (const entry of focused) expect(await communityOf(entry.key)).toBe(community);

    // A click opens the entry's panel.
    const pick = focused[focused.length - 1]!;
    const label = await page.evaluate((k) => explorer().graph.getNodeAttribute(k, 'label') as string, pick.key);
    await page.click(`[data-testid="rising"] button[data-key="${pick.key}"]`);
    await expect.poll(() => page.locator('[data-testid="panel-title"]').textContent(), { timeout: 20_000 }).toBe(label);
    await expect.poll(() => new URL(page.url()).searchParams.get('node')).toBe(pick.key);

    // A date range the data cannot fit a trend in: a sentence, no list.
    await page.fill('#date-from', '1984-01-01');
    await page.fill('#date-to', '1985-12-31');
    await page.locator('#date-to').dispatchEvent('change');
    await expect.poll(() => page.evaluate(() => explorer().filters().to), { timeout: 10_000 }).toBeDefined();
    expect(await shownEntries(page)).toEqual([]);
    await expect
      .poll(() => page.locator('#rising-note').textContent())
      .toMatch(/^(Too few dated years in this view|No entity in this view has a dated paper)/);

    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
