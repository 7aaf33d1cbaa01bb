// Focus in the explorer (issue 29 item 4), driven in Chromium on the first 5,000 ACL abstracts and on the seeds:
// hovering the largest node lights at most 30 neighbours, its heaviest; Expand (1 and 2 hops) builds a working set
// that can be pinned and cleared and survives a reload; a path between two connected entities is drawn, lists its
// papers and survives a reload; the venue filter keeps the entities the API names and survives a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import type { ApiPath } from '../../viz/api/types.js';
import type { FocusSnapshot } from '../../viz/app/focus.js';
import { APP_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot, seedsSnapshot } from './snapshots.js';

/** What the tests read of `window.kgExplorer` (viz/app/main.ts). */
interface Explorer {
  renderer: {
    getNodeDisplayData(key: string): { x: number; y: number; size: number; hidden?: boolean } | undefined;
    getEdgeDisplayData(key: string): { hidden?: boolean } | undefined;
    framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
  };
  graph: {
    nodes(): string[];
    hasNode(key: string): boolean;
    getNodeAttribute(key: string, name: string): unknown;
    forEachNode(cb: (key: string, a: { kind: string; paperCount: number }) => void): void;
    forEachEdge(key: string, cb: (edge: string, a: { weight: number }, source: string, target: string) => void): void;
  };
  hidden(): Set<string>;
  highlight(): { center?: string; lit?: Set<string>; litEdges?: Set<string> };
  focus: { snapshot(): FocusSnapshot };
  open(key: string): Promise<void>;
}
/** The handle; functions run in the page call it there, where `open` defines it too (page.addInitScript). */
const explorer = (): Explorer => (globalThis as unknown as { kgExplorer: Explorer }).kgExplorer;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the explorer at `query` and waits until it is ready (the focus of a link restored). */
async function open(server: RunningVizServer, query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    (globalThis as unknown as { explorer: () => unknown }).explorer = () =>
      (globalThis as unknown as { kgExplorer: unknown }).kgExplorer;
  });
  await page.goto(new URL(query, server.url).href);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 120_000 });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  return { page, errors };
}

/** Reloads the page's own URL once the explorer has written it, and waits until it is ready again. */
async function reload(page: Page, expected: (url: URL) => boolean): Promise<void> {
  await expect.poll(() => expected(new URL(page.url())), { timeout: 10_000 }).toBe(true);
  await page.goto(page.url());
  await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 120_000 });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
}

const snapshot = (page: Page): Promise<FocusSnapshot> => page.evaluate(() => explorer().focus.snapshot());

/** Keys of the nodes sigma draws (its reducers' output), of those given. */
const drawn = (page: Page, keys: string[]): Promise<string[]> =>
  page.evaluate(
    (ks) =>
      ks.filter((k) => {
        const d = explorer().renderer.getNodeDisplayData(k);
        return d !== undefined && !d.hidden;
      }),
    keys,
  );

/** The largest drawn entity, its viewport centre (page coordinates) and its visible neighbours with their weights. */
async function largestDrawn(
  page: Page,
): Promise<{ key: string; x: number; y: number; neighbours: [string, number][] }> {
  const found = await page.evaluate(() => {
    const { renderer, graph, hidden } = explorer();
    let best: string | undefined;
    let size = -1;
    graph.forEachNode((key, a) => {
      const d = renderer.getNodeDisplayData(key);
      if (a.kind === 'paper' || hidden().has(key) || !d || d.hidden) return;
      if (d.size > size) [best, size] = [key, d.size];
    });
    const d = renderer.getNodeDisplayData(best!)!;
    const p = renderer.framedGraphToViewport(d);
    const neighbours = new Map<string, number>();
    graph.forEachEdge(best!, (_e, a, source, target) => {
      const other = source === best ? target : source;
      if (!hidden().has(other)) neighbours.set(other, Math.max(neighbours.get(other) ?? 0, a.weight));
    });
    return { key: best!, x: p.x, y: p.y, neighbours: [...neighbours] };
  });
  const origin = (await page.locator('#graph').boundingBox())!;
  return { ...found, x: found.x + origin.x, y: found.y + origin.y };
}

/** Hovering the largest drawn node lights at most 30 of its neighbours, and those are its heaviest. */
async function expectHoverLightsStrongest(page: Page, minNeighbours: number): Promise<void> {
  const largest = await largestDrawn(page);
  expect(largest.neighbours.length).toBeGreaterThan(minNeighbours);
  await page.mouse.move(largest.x, largest.y);
  await expect.poll(() => page.evaluate(() => explorer().highlight().center), { timeout: 10_000 }).toBe(largest.key);
  const lit = await page.evaluate(() => [...(explorer().highlight().lit ?? [])]);
  const neighbours = lit.filter((k) => k !== largest.key);
  expect(lit).toContain(largest.key);
  expect(neighbours.length).toBeGreaterThan(0);
  expect(neighbours.length).toBeLessThanOrEqual(30);
  expect(neighbours.length).toBe(Math.min(20, largest.neighbours.length));
  const weight = new Map(largest.neighbours);
  const litWeights = neighbours.map((k) => weight.get(k) ?? -1);
  expect(Math.min(...litWeights)).toBeGreaterThan(0);
  const others = largest.neighbours.filter(([k]) => !lit.includes(k)).map(([, w]) => w);
  // None left out is heavier than one lit.
  expect(Math.max(0, ...others)).toBeLessThanOrEqual(Math.min(...litWeights));
  // Drawn: the lit nodes; the edges drawn are the centre's to them.
  expect((await drawn(page, lit)).length).toBe(lit.length);
  const edges = await page.evaluate((key) => {
    const { graph, renderer } = explorer();
    let shown = 0;
    graph.forEachEdge(key, (edge) => {
      if (renderer.getEdgeDisplayData(edge)?.hidden === false) shown += 1;
    });
    return shown;
  }, largest.key);
  expect(edges).toBeLessThanOrEqual(neighbours.length);
  await page.mouse.move(5, 5);
}

describe('focus on the first 5,000 ACL abstracts', () => {
  let server: RunningVizServer;
  beforeAll(async () => {
    server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
  }, 1_200_000);
  afterAll(async () => {
    await server?.close();
  });

  it('hovering the largest node lights its 20 heaviest neighbours, not the hub’s hundreds', async () => {
    const { page, errors } = await open(server);
    await expectHoverLightsStrongest(page, 100);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('expands a node into a working set (1 and 2 hops), pins it, clears it, and restores it from the URL', async () => {
    // The largest specific entity, and a specific one the map does not load (past the first 5,000, in 1 paper) with
    // a neighbourhood to expand.
    const all = server.index.graph({ limit: 100_000 }).nodes;
    const specific = (n: { specificity?: number }): boolean => (n.specificity ?? 1) >= 0.5;
    const hub = all.find(specific)!.key;
    const far = all
      .slice(server.index.options.defaultLimit)
      .find(
        (n) =>
          specific(n) && server.index.focus.neighbours(n.key, { hops: 1, top: 15, umbrella: false }).nodes.length >= 5,
      )!.key;
    const { page, errors } = await open(server, `?node=${encodeURIComponent(hub)}`);
    expect(await page.evaluate((k) => explorer().graph.hasNode(k), far)).toBe(false);

    await page.click('[data-action=expand-1]');
    await expect.poll(async () => (await snapshot(page)).seeds, { timeout: 15_000 }).toEqual([hub]);
    const one = server.index.focus.neighbours(hub, { hops: 1, top: 15, umbrella: false });
    const set1 = (await snapshot(page)).workingSet;
    expect(set1).toEqual(one.nodes.map((n) => n.key).sort());
    expect(set1.length).toBe(16);
    // Shown: every member drawn and lit, the rest faded.
    expect((await drawn(page, set1)).sort()).toEqual(set1);
    expect(await page.evaluate(() => [...(explorer().highlight().lit ?? [])].sort())).toEqual(set1);

    // Unpinned, a hover elsewhere shows that node's neighbourhood; pinned, the set stays lit.
    const origin = (await page.locator('#graph').boundingBox())!;
    // The largest drawn node outside the set well inside the view (the largest is drawn on top, so the pointer hits it).
    const outside = await page.evaluate(
      ({ set, width, height }) => {
        const { renderer, graph, hidden } = explorer();
        let best: { key: string; x: number; y: number; size: number } | undefined;
        for (const key of graph.nodes()) {
          const d = renderer.getNodeDisplayData(key);
          if (set.includes(key) || hidden().has(key) || !d || d.hidden) continue;
          const p = renderer.framedGraphToViewport(d);
          if (p.x < 60 || p.y < 60 || p.x > width - 60 || p.y > height - 60) continue;
          if (!best || d.size > best.size) best = { key, x: p.x, y: p.y, size: d.size };
        }
        return best!;
      },
      { set: set1, width: origin.width, height: origin.height },
    );
    const hoverOutside = async (): Promise<void> => {
      await page.mouse.move(origin.x + outside.x, origin.y + outside.y);
      await expect
        .poll(() => page.evaluate(() => explorer().highlight().center), { timeout: 10_000 })
        .toBe(outside.key);
    };
    await page.locator('#panel').evaluate((panel) => panel.setAttribute('hidden', ''));
    await hoverOutside();
    expect(await page.evaluate((k) => explorer().highlight().lit?.has(k), outside.key)).toBe(true);
    await page.mouse.move(origin.x + 2, origin.y + 2);
    await page.click('#focus-pin');
    await expect.poll(async () => (await snapshot(page)).pinned).toBe(true);
    await hoverOutside();
    expect(await page.evaluate(() => [...(explorer().highlight().lit ?? [])].sort())).toEqual(set1);
    await page.mouse.move(origin.x + 2, origin.y + 2);

    // Two hops, on an entity the map had not loaded: fetched, merged, drawn.
    await page.evaluate((k) => explorer().open(k), far);
    await page.waitForSelector('[data-action=expand-2]');
    await page.click('[data-action=expand-2]');
    await expect.poll(async () => (await snapshot(page)).seeds, { timeout: 15_000 }).toEqual([hub, far]);
    const two = new Set(
      [hub, far].flatMap((k) =>
        server.index.focus.neighbours(k, { hops: 2, top: 15, umbrella: false }).nodes.map((n) => n.key),
      ),
    );
    const set2 = (await snapshot(page)).workingSet;
    expect(set2).toEqual([...two].sort());
    expect(set2.length).toBeGreaterThan(set1.length);
    expect(set2.length).toBeLessThanOrEqual(2 * 31);
    expect(set2).toContain(far);
    expect((await drawn(page, set2)).sort()).toEqual(set2);
    expect(await snapshot(page)).toMatchObject({ hops: 2, pinned: true });

    await reload(page, (url) => url.searchParams.getAll('ws').length === 2 && url.searchParams.get('pin') === '1');
    expect(await snapshot(page)).toMatchObject({ seeds: [hub, far], hops: 2, pinned: true, workingSet: set2 });
    expect((await drawn(page, set2)).sort()).toEqual(set2);

    await page.click('#focus-clear');
    await expect.poll(async () => (await snapshot(page)).workingSet).toEqual([]);
    await expect.poll(() => new URL(page.url()).searchParams.has('ws')).toBe(false);
    expect(await page.locator('#focus-bar').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('draws the shortest path between two connected entities, lists the papers of each edge, and restores it from the URL', async () => {
    const ranked = server.index.graph({ limit: 3000 }).nodes.filter((n) => (n.specificity ?? 1) >= 0.5);
    // Two known entities the path runs through at least one other entity to join.
    let chosen: ApiPath | undefined;
    for (const to of ranked.slice(200)) {
      const path = server.index.focus.path(ranked[0]!.key, to.key, { umbrella: false });
      if (path.found && path.edges.length >= 2) {
        chosen = path;
        break;
      }
    }
    expect(chosen).toBeDefined();
    const path = chosen!;
    const keys = path.nodes.map((n) => n.key);
    const { page, errors } = await open(server, `?node=${encodeURIComponent(path.from)}`);
    await page.click('[data-action=path-from]');
    await expect.poll(async () => (await snapshot(page)).pathFrom).toBe(path.from);
    await page.evaluate((k) => explorer().open(k), path.to);
    await page.waitForSelector('[data-action=path-to]');
    await page.click('[data-action=path-to]');

    const expectPath = async (): Promise<void> => {
      await expect.poll(async () => (await snapshot(page)).path, { timeout: 15_000 }).toEqual(keys);
      expect(await page.evaluate(() => [...(explorer().highlight().lit ?? [])].sort())).toEqual([...keys].sort());
      expect((await drawn(page, keys)).sort()).toEqual([...keys].sort());
      // Its edges are the ones drawn.
      const edges = await page.evaluate(() => {
        const h = explorer().highlight();
        return [...(h.litEdges ?? [])].map((e) => explorer().renderer.getEdgeDisplayData(e)?.hidden);
      });
      expect(edges).toEqual(path.edges.map(() => false));
      await page.waitForSelector('[data-testid=path-step]');
      const steps = await page.locator('[data-testid=path-step]').evaluateAll((items) =>
        items.map((li) => ({
          source: li.getAttribute('data-source'),
          target: li.getAttribute('data-target'),
          papers: li.querySelectorAll('[data-testid=path-paper]').length,
          titles: [...li.querySelectorAll('[data-testid=path-paper] .paper-title')].map((b) => b.textContent),
        })),
      );
      expect(steps.map((s) => [s.source, s.target])).toEqual(path.edges.map((e) => [e.source, e.target]));
      for (const [i, step] of steps.entries()) {
        expect(step.papers).toBeGreaterThan(0);
        expect(step.titles).toEqual(path.edges[i]!.papers.map((p) => p.title));
      }
    };
    await expectPath();
    await reload(page, (url) => url.searchParams.getAll('path').length === 2);
    await expectPath();

    // A paper of an edge opens in the panel.
    const first = path.edges[0]!.papers[0]!;
    await page.locator('[data-testid=path-paper] .paper-title').first().click();
    await expect.poll(() => page.locator('[data-testid=panel-title]').textContent()).toBe(first.title);
    await page.click('#path-clear');
    await expect.poll(async () => (await snapshot(page)).path).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('the venue filter keeps the loaded entities the API names for the venue, with counts, and survives a reload', async () => {
    const venues = server.index.focus.venues();
    expect(venues.length).toBeGreaterThan(10);
    const venue = venues[1]!;
    const named = new Set(server.index.focus.venueEntities([venue.key]).entities);
    const { page, errors } = await open(server);
    expect(await page.locator('[data-venue]').count()).toBe(venues.length);
    const visible = (): Promise<string[]> =>
      page.evaluate(() => {
        const { graph, hidden } = explorer();
        const out: string[] = [];
        graph.forEachNode((k, a) => {
          if (a.kind !== 'paper' && !hidden().has(k)) out.push(k);
        });
        return out.sort();
      });
    const count = async (): Promise<number> =>
      Number(await page.locator('[data-testid=visible-count]').getAttribute('data-count'));
    const before = await visible();
    expect(await count()).toBe(before.length);

    await page.locator(`[data-venue="${venue.key}"]`).check();
    await expect.poll(async () => (await snapshot(page)).venues, { timeout: 15_000 }).toEqual([venue.key]);
    const expected = before.filter((k) => named.has(k));
    await expect.poll(visible).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(before.length);
    expect(await count()).toBe(expected.length);
    expect((await snapshot(page)).venueEntities).toBe(venue.entities);

    await reload(page, (url) => url.searchParams.get('venue') === venue.key);
    expect(await visible()).toEqual(expected);
    expect(await count()).toBe(expected.length);
    expect(await page.locator(`[data-venue="${venue.key}"]`).isChecked()).toBe(true);

    await page.locator(`[data-venue="${venue.key}"]`).uncheck();
    await expect.poll(visible).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

describe('focus on the seeds graph', () => {
  let server: RunningVizServer;
  beforeAll(async () => {
    server = await startVizServer({ dir: await seedsSnapshot(), port: 0, appDir: APP_DIR });
  }, 1_200_000);
  afterAll(async () => {
    await server?.close();
  });

  it('lights the strongest neighbours of the largest node, expands, and says the graph has no venues', async () => {
    const { page, errors } = await open(server);
    await expectHoverLightsStrongest(page, 20);
    expect(await page.locator('#venue-note').textContent()).toBe('No paper in this graph has a venue.');
    expect(await page.locator('[data-venue]').count()).toBe(0);
    const hub = server.index.graph({ limit: 1 }).nodes[0]!.key;
    await page.evaluate((k) => explorer().open(k), hub);
    await page.waitForSelector('[data-action=expand-1]');
    await page.click('[data-action=expand-1]');
    await expect.poll(async () => (await snapshot(page)).seeds, { timeout: 15_000 }).toEqual([hub]);
    const set = (await snapshot(page)).workingSet;
    expect(set.length).toBeGreaterThan(1);
    await reload(page, (url) => url.searchParams.get('ws') === hub);
    expect((await snapshot(page)).workingSet).toEqual(set);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
