// The explorer's task page (issue 31, `kg task` in a task's panel), in Chromium on the first 5,000 ACL abstracts
// (test/viz/snapshots.ts): open machine translation, read its methods, datasets, metrics and results against
// /api/task, find BLEU among the metrics, and open a dataset with a click.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTask } from '../../viz/api/task.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { APP_DIR, launchBrowser } from './helpers.js';
import { aclSnapshot } from './snapshots.js';

let browser: Browser;
let server: RunningVizServer;
/** A hang guard for one test on a loaded host. */
const HANG_BOUND_MS = 180_000;
const MT = 'entity:machine translation';

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startVizServer({ dir: await aclSnapshot(), port: 0, appDir: APP_DIR });
}, 1_200_000);

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

describe('the task page in the explorer', () => {
  it(
    "lists machine translation's methods, datasets, metrics and results as /api/task does, and opens a dataset on a click",
    async () => {
      const response = await fetch(new URL(`/api/task?key=${encodeURIComponent(MT)}`, server.url));
      expect(response.status).toBe(200);
      const api = (await response.json()) as ApiTask;
      expect(api.metrics.map((m) => m.label)).toContain('BLEU');
      expect(api.datasets.length).toBeGreaterThan(0);

      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await page.goto(server.url);
      await page.waitForFunction(() => document.body.dataset.ready !== undefined, null, { timeout: 60_000 });
      await page.evaluate(
        (key) => (window as unknown as { kgExplorer: { open(k: string): void } }).kgExplorer.open(key),
        MT,
      );
      const rows = (list: string) =>
        page.evaluate(
          (testId) =>
            [...document.querySelectorAll(`#panel [data-testid="${testId}"] li button`)].map((b) => [
              b.getAttribute('data-key'),
              b.textContent,
            ]),
          list,
        );
      await expect.poll(() => rows('task-metrics'), { timeout: 30_000 }).not.toEqual([]);
      for (const [list, id] of [
        [api.methods, 'task-methods'],
        [api.datasets, 'task-datasets'],
        [api.metrics, 'task-metrics'],
      ] as const)
        expect(await rows(id)).toEqual(list.map((r) => [r.key, r.label]));
      expect((await rows('task-metrics')).map(([, label]) => label)).toContain('BLEU');
      // The results table: one row per result (and one for its sentence), or the note that none was read yet.
      const resultRows = await page.locator('#panel [data-testid="task-results"] tr.task-result').count();
      expect(resultRows).toBe(Math.min(api.results.length, 20));
      if (api.results.length === 0)
        expect(await page.locator('#panel [data-testid="task-page"]').textContent()).toMatch(/No result/);

      const dataset = api.datasets[0]!;
      await page.locator(`#panel [data-testid="task-datasets"] button[data-key="${dataset.key}"]`).click();
      await expect
        .poll(() => page.locator('[data-testid="panel-title"]').textContent(), { timeout: 20_000 })
        .toBe(dataset.label);
      // A dataset's panel has no task page.
      expect(await page.locator('#panel [data-testid="task-page"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    },
    HANG_BOUND_MS,
  );
});
