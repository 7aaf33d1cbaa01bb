// The legend, the responsive frame and accessibility of the explorer (issue 29 items 3 and 5), in Chromium on the seeds
// graph and the first 5,000 ACL abstracts: at most 20 listed communities plus "other", each in its own colour, which
// the map's nodes share; "other" opens, hides and shows its folded communities; axe-core finds no serious or critical
// violation; at 1024×700 and 390×844 nothing scrolls sideways, and on a phone the map takes the width and the panel is
// a bottom sheet. The screenshots go to docs/map-1024.png and docs/map-phone.png.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMeta } from '../../viz/api/types.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { contrastRatio, OTHER_COLOR } from '../../viz/app/palette.js';
import { APP_DIR, ROOT, SCREENSHOT_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot, seedsSnapshot } from './snapshots.js';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the explorer at a viewport size (CSP bypassed so axe-core can be injected) and waits until it is ready. */
async function openPage(
  url: string,
  viewport = { width: 1440, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, bypassCSP: true });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 60_000 });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  return { page, errors };
}

/** One legend row as the page shows it. */
interface LegendRow {
  community: number;
  colour: string;
  shown: number;
  total: number;
}

/** `rgb(r, g, b)` as `#rrggbb`. */
const hex = (css: string): string =>
  '#' +
  (css.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('');

/** The rows of `selector` (community rows): their community, swatch colour and "shown/total" count. */
async function legendRows(page: Page, selector: string): Promise<LegendRow[]> {
  const rows = await page.locator(selector).evaluateAll((items) =>
    items.map((li) => ({
      community: Number(li.getAttribute('data-community')),
      colour: getComputedStyle(li.querySelector(':scope > .legend-label .swatch')!).backgroundColor,
      count: li.querySelector(':scope > .count')!.textContent ?? '',
    })),
  );
  return rows.map((r) => {
    const [shown, total] = r.count.split('/').map((n) => Number(n.replace(/,/g, ''))) as [number, number];
    return { community: r.community, colour: hex(r.colour), shown, total };
  });
}

/** Per community: the colour of its entity nodes (all alike, or `mixed`) in the graph and in sigma's display data, and how many are drawn. */
function mapColours(page: Page): Promise<Record<number, { attribute: string; drawn: string; visible: number }>> {
  return page.evaluate(() => {
    const explorer = (
      window as unknown as {
        kgExplorer: {
          graph: {
            forEachNode(f: (n: string, a: { community: number; kind: string; color: string }) => void): void;
          };
          renderer: { getNodeDisplayData(n: string): { color: string; hidden?: boolean } | undefined };
          hidden(): Set<string>;
        };
      }
    ).kgExplorer;
    const out: Record<number, { attribute: string; drawn: string; visible: number }> = {};
    explorer.graph.forEachNode((node, a) => {
      if (a.kind === 'paper') return;
      const entry = (out[a.community] ??= { attribute: a.color, drawn: '', visible: 0 });
      if (entry.attribute !== a.color) entry.attribute = 'mixed';
      if (explorer.hidden().has(node)) return;
      entry.visible += 1;
      const drawn = explorer.renderer.getNodeDisplayData(node)?.color ?? 'none';
      if (entry.drawn === '') entry.drawn = drawn;
      else if (entry.drawn !== drawn) entry.drawn = 'mixed';
    });
    return out;
  });
}

/** The serious and critical axe-core violations of the page as it stands, one line each. */
async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: string[] }[];
    }
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The entity with the most papers on the map (a node to open a panel on). */
const largestNode = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const explorer = (
      window as unknown as {
        kgExplorer: { graph: { forEachNode(f: (n: string, a: { kind: string; paperCount: number }) => void): void } };
      }
    ).kgExplorer;
    let best = '';
    let most = -1;
    explorer.graph.forEachNode((n, a) => {
      if (a.kind !== 'paper' && a.paperCount > most) [best, most] = [n, a.paperCount];
    });
    return best;
  });

const box = (page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> =>
  page.locator(selector).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

/** Legend, colours and accessibility on one snapshot. */
function describeLegend(title: string, snapshot: () => Promise<string>, expectFoldedTopics: boolean): void {
  describe(title, () => {
    let server: RunningVizServer;
    let meta: ApiMeta;
    beforeAll(async () => {
      server = await startVizServer({ dir: await snapshot(), port: 0, appDir: APP_DIR });
      meta = (await (await fetch(`${server.url}api/meta`)).json()) as ApiMeta;
    }, 1_200_000);
    afterAll(async () => {
      await server?.close();
    });

    it('lists at most 20 communities, the largest, each in its own colour at 3:1 on white, which its nodes share', async () => {
      const { page, errors } = await openPage(server.url);
      const listed = await legendRows(page, '#legend > li[data-community]');
      const folded = await legendRows(page, '#legend-folded > li[data-community]');
      expect(listed.length).toBeGreaterThan(2);
      expect(listed.length).toBeLessThanOrEqual(20);
      expect(await page.locator('#legend > li[data-group="other"]').count()).toBe(1);
      // Every community is in the legend once; the listed ones are the largest topics, largest first.
      expect([...listed, ...folded].map((r) => r.community).sort((a, b) => a - b)).toEqual(
        meta.communities.map((c) => c.id).sort((a, b) => a - b),
      );
      const size = new Map(meta.communities.map((c) => [c.id, c]));
      const sizes = listed.map((r) => size.get(r.community)!.size);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      const smallestListed = Math.min(...sizes);
      for (const r of folded) {
        const info = size.get(r.community)!;
        if (info.kind === 'topic') expect(info.size).toBeLessThanOrEqual(smallestListed);
      }
      expect(folded.some((r) => size.get(r.community)!.kind === 'topic')).toBe(expectFoldedTopics);

      // Colours: one each, readable on white; folded ones grey.
      const colours = listed.map((r) => r.colour);
      expect(new Set(colours).size).toBe(colours.length);
      expect(colours).not.toContain(OTHER_COLOR);
      for (const c of colours) expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
      for (const r of folded) expect(r.colour).toBe(OTHER_COLOR);

      // The map draws each community in its legend colour, and the counts are what it shows.
      const map = await mapColours(page);
      for (const r of [...listed, ...folded]) {
        const m = map[r.community] ?? { attribute: r.colour, drawn: '', visible: 0 };
        expect(m.attribute, `community ${r.community}`).toBe(r.colour);
        if (m.visible > 0) expect(m.drawn, `community ${r.community}`).toBe(r.colour);
        expect(r.shown, `community ${r.community}`).toBe(m.visible);
        expect(r.total).toBe(size.get(r.community)!.size);
      }
      expect(listed.reduce((s, r) => s + r.shown, 0)).toBeGreaterThan(0);

      // The map names listed communities only: a folded one is grey crumbs, its name no guide to a region.
      const named = await page.evaluate(() =>
        (window as unknown as { kgExplorer: { communityLabelBoxes(): { text: string }[] } }).kgExplorer
          .communityLabelBoxes()
          .map((b) => b.text),
      );
      expect(named.length).toBeGreaterThan(0);
      const short = (c: (typeof meta.communities)[number]) =>
        (c.topTerms.length ? c.topTerms : c.label.split(' · ')).slice(0, 2).join(' · ');
      const listedNames = new Set(listed.map((r) => short(size.get(r.community)!)));
      for (const text of named) expect(listedNames.has(text), text).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

    it('"other" opens on its folded communities; its tick hides their nodes, a link keeps it; its name shows only them', async () => {
      const { page, errors } = await openPage(server.url);
      const other = page.locator('#legend > li[data-group="other"]');
      const disclose = other.locator('.legend-disclose');
      expect(await page.locator('#legend-folded').isVisible()).toBe(false);
      expect(await disclose.getAttribute('aria-expanded')).toBe('false');
      await disclose.click();
      expect(await disclose.getAttribute('aria-expanded')).toBe('true');
      const folded = await legendRows(page, '#legend-folded > li[data-community]');
      expect(folded.length).toBeGreaterThan(0);
      expect(await page.locator('#legend-folded').isVisible()).toBe(true);
      const foldedIds = folded.map((r) => r.community);
      const before = await mapColours(page);
      const listedVisible = (m: typeof before): number =>
        Object.entries(m)
          .filter(([c]) => !foldedIds.includes(Number(c)))
          .reduce((s, [, v]) => s + v.visible, 0);
      const foldedVisible = (m: typeof before): number => foldedIds.reduce((s, c) => s + (m[c]?.visible ?? 0), 0);
      // On ACL some folded communities are on the map, so hiding them is seen.
      if (expectFoldedTopics) expect(foldedVisible(before)).toBeGreaterThan(0);

      // The group's tick hides every folded community's nodes and nothing else.
      await other.locator(':scope > input[type="checkbox"]').uncheck();
      await expect.poll(async () => foldedVisible(await mapColours(page))).toBe(0);
      expect(listedVisible(await mapColours(page))).toBe(listedVisible(before));
      // The legend is redrawn with the map's next pass (viz/app/main.ts): its counts follow within a frame.
      await expect
        .poll(async () => (await legendRows(page, '#legend-folded > li[data-community]')).every((r) => r.shown === 0))
        .toBe(true);
      const hide = `hide=${[...foldedIds].sort((a, b) => a - b).join('%2C')}`;
      await expect.poll(() => page.evaluate(() => location.search)).toContain(hide);
      // The link restores it.
      await page.goto(page.url());
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      expect(await page.isChecked('#legend > li[data-group="other"] > input[type="checkbox"]')).toBe(false);
      expect(foldedVisible(await mapColours(page))).toBe(0);
      await page.check('#legend > li[data-group="other"] > input[type="checkbox"]');
      await expect.poll(async () => foldedVisible(await mapColours(page))).toBe(foldedVisible(before));

      // Its name shows only the folded communities; again, all.
      await page.click('#legend > li[data-group="other"] > .legend-label');
      await expect.poll(async () => listedVisible(await mapColours(page))).toBe(0);
      expect(foldedVisible(await mapColours(page))).toBe(foldedVisible(before));
      await expect
        .poll(() => page.getAttribute('#legend > li[data-group="other"] > .legend-label', 'aria-pressed'))
        .toBe('true');
      await page.click('#legend > li[data-group="other"] > .legend-label');
      await expect.poll(async () => listedVisible(await mapColours(page))).toBe(listedVisible(before));

      // A folded community can be focused on its own, by its row.
      await page.click('#legend > li[data-group="other"] > .legend-disclose');
      await expect.poll(() => page.isVisible('#legend-folded')).toBe(true);
      const one = foldedIds.find((c) => (before[c]?.visible ?? 0) > 0);
      if (one !== undefined) {
        await page.click(`#legend-folded > li[data-community="${one}"] > .legend-label`);
        await expect.poll(() => page.evaluate(() => location.search)).toContain(`focus=${one}`);
        const focused = await mapColours(page);
        expect(
          Object.entries(focused)
            .filter(([, v]) => v.visible > 0)
            .map(([c]) => Number(c)),
        ).toEqual([one]);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

    it('axe-core finds no serious or critical violation: opening view, "other" open, a panel open', async () => {
      const { page, errors } = await openPage(server.url);
      // The check can fail: an unnamed button added to the page is reported.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'probe' })));
      expect((await axeFindings(page)).join('\n')).toContain('button-name');
      await page.evaluate(() => document.getElementById('probe')?.remove());

      expect(await axeFindings(page)).toEqual([]);
      await page.click('#legend > li[data-group="other"] > .legend-disclose');
      expect(await axeFindings(page)).toEqual([]);
      const key = await largestNode(page);
      await page.goto(`${server.url}?node=${encodeURIComponent(key)}`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true');
      await page.locator('[data-testid="panel-title"]').waitFor();
      await page.locator('[data-testid="entity-papers"] li').first().waitFor();
      expect(await axeFindings(page)).toEqual([]);
      // Landmarks and a heading.
      expect(await page.locator('h1').count()).toBe(1);
      for (const landmark of ['header', 'main', 'aside#sidebar']) expect(await page.locator(landmark).count()).toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  });
}

describeLegend('the legend of the seeds graph', seedsSnapshot, false);

describeLegend('the legend of the first 5,000 ACL abstracts', aclSnapshot, true);

describe('the explorer at 1024×700 and on a phone (390×844), on the first 5,000 ACL abstracts', () => {
  let server: RunningVizServer;
  beforeAll(async () => {
    server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
  }, 1_200_000);
  afterAll(async () => {
    await server?.close();
  });

  /** Writes a screenshot to the test output and to docs/NAME, which the docs show. */
  async function shoot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
    copyFileSync(path.join(SCREENSHOT_DIR, name), path.join(ROOT, 'docs', name));
  }

  it('at 1024×700: no sideways scroll, sidebar and top bar whole, the map the rest; the ☰ button gives the map the width', async () => {
    const { page, errors } = await openPage(server.url, { width: 1024, height: 700 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      inner: innerWidth,
      sidebar: document.querySelector('.sidebar')!.getBoundingClientRect().width,
      sidebarOverflow:
        document.querySelector('.sidebar')!.scrollWidth - document.querySelector('.sidebar')!.clientWidth,
      topbarOverflow: document.querySelector('.topbar')!.scrollWidth - document.querySelector('.topbar')!.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.inner);
    expect(widths.sidebarOverflow).toBe(0);
    expect(widths.topbarOverflow).toBe(0);
    expect(widths.sidebar).toBeLessThanOrEqual(280);
    // Every control of the sidebar and the top bar lies inside the window.
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll('.sidebar input, .sidebar button, .sidebar label, .topbar input, .topbar button')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.left < 0 || r.right > innerWidth + 0.5 || r.top < 0);
        })
        .map((e) => e.id || e.className || e.tagName),
    );
    expect(outside).toEqual([]);
    // The folded communities, listed, fit too: their names shorten, their counts stay in the sidebar.
    await page.click('#legend > li[data-group="other"] > .legend-disclose');
    const folded = await page.evaluate(() => {
      const sidebar = document.querySelector('.sidebar')!;
      const right = sidebar.getBoundingClientRect().right;
      return {
        overflow: sidebar.scrollWidth - sidebar.clientWidth,
        counts: [...document.querySelectorAll('#legend-folded .count')].map(
          (c) => c.getBoundingClientRect().right - right,
        ),
      };
    });
    expect(folded.overflow).toBe(0);
    expect(folded.counts.length).toBeGreaterThan(0);
    for (const past of folded.counts) expect(past).toBeLessThanOrEqual(0);
    const canvas = await box(page, '#graph canvas.sigma-nodes');
    expect(canvas.width).toBeGreaterThanOrEqual(1024 - widths.sidebar - 1);
    expect(await axeFindings(page)).toEqual([]);
    await page.waitForTimeout(500); // the label plan follows the first render
    await shoot(page, 'map-1024.png');

    const toggle = page.locator('#sidebar-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    await expect.poll(async () => (await box(page, '#graph canvas.sigma-nodes')).width).toBeGreaterThanOrEqual(1024);
    await toggle.click();
    expect(await page.locator('#sidebar').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('on a phone: the map the full width, no sideways scroll, the sidebar behind ☰, the panel a bottom sheet', async () => {
    const { page, errors } = await openPage(server.url, { width: 390, height: 844 });
    const scroll = (): Promise<{ page: number; inner: number }> =>
      page.evaluate(() => ({ page: document.documentElement.scrollWidth, inner: innerWidth }));
    let s = await scroll();
    expect(s.page).toBeLessThanOrEqual(s.inner);
    expect((await box(page, '#graph canvas.sigma-nodes')).width).toBeGreaterThanOrEqual(390);
    expect(await page.locator('#sidebar').isVisible()).toBe(false);
    expect(await axeFindings(page)).toEqual([]);

    // The sidebar opens over the map, inside the window, and its legend works there.
    const toggle = page.locator('#sidebar-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const sidebar = await box(page, '#sidebar');
    expect(sidebar.x).toBeGreaterThanOrEqual(0);
    expect(sidebar.x + sidebar.width).toBeLessThanOrEqual(390);
    s = await scroll();
    expect(s.page).toBeLessThanOrEqual(s.inner);
    expect(await axeFindings(page)).toEqual([]);
    const first = page.locator('#legend > li[data-community] > .legend-label').first();
    await first.click();
    await expect.poll(() => page.evaluate(() => location.search)).toContain('focus=');
    await first.click();
    await toggle.click();
    expect(await page.locator('#sidebar').isVisible()).toBe(false);

    // A node opened: the panel is a sheet along the bottom, the whole width, over part of the map.
    const key = await largestNode(page);
    await page.goto(`${server.url}?node=${encodeURIComponent(key)}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.locator('[data-testid="entity-papers"] li').first().waitFor();
    const panel = await box(page, '#panel');
    expect(panel.x).toBe(0);
    expect(panel.width).toBeGreaterThanOrEqual(389);
    expect(panel.y + panel.height).toBeGreaterThanOrEqual(843);
    expect(panel.y).toBeGreaterThan(844 * 0.3);
    expect((await box(page, '#graph canvas.sigma-nodes')).width).toBeGreaterThanOrEqual(390);
    s = await scroll();
    expect(s.page).toBeLessThanOrEqual(s.inner);
    expect(await axeFindings(page)).toEqual([]);
    await page.waitForTimeout(700); // the camera's move to the node
    await shoot(page, 'map-phone.png');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
