/**
 * The min-papers slider's response, measured in Chromium: ten arrow-key steps of the slider from the opening view,
 * timed from the first key press until the map shows the tenth step's filters (no map pass pending) and two frames
 * have been drawn; the
 * median of several runs, each on a fresh page.
 * Usage: `node dist/bench/slider.js --data DIR [--runs 5] [--steps 10] [--app DIR] [--json]`
 * (`--app DIR`: another build's dist/viz/app, to compare builds in one session).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVizServer } from '../viz/index.js';
import { launchChromium } from './chromium.js';
import { flagValue, hasFlag } from './args.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = flagValue('--data', 'data');
const runs = Number(flagValue('--runs', '5'));
const steps = Number(flagValue('--steps', '10'));
const appDir = flagValue('--app', path.resolve(here, '..', 'viz', 'app'));

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchChromium>>['newPage']>>;
/** The page's explorer handle, as seen from the bench (its filters). */
const minPapers = (page: Page): Promise<number> =>
  page.evaluate(
    () =>
      (globalThis as unknown as { kgExplorer: { filters(): { minPapers: number } } }).kgExplorer.filters().minPapers,
  );

const server = await startVizServer({ dir: data, port: 0, appDir });
const browser = await launchChromium();
const times: number[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { body: { dataset: { ready?: string } } } }).document.body.dataset.ready,
      null,
      { timeout: 120_000 },
    );
    await page.waitForTimeout(1500);
    const start = await minPapers(page);
    await page.focus('#min-papers-range');
    const started = performance.now();
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (target) => {
        const explorer = (
          globalThis as unknown as { kgExplorer: { filters(): { minPapers: number }; busy?: () => boolean } }
        ).kgExplorer;
        return explorer.filters().minPapers >= target && !explorer.busy?.();
      },
      start + steps,
      { timeout: 300_000, polling: 'raf' },
    );
    // Two frames: the last step's map drawn.
    await page.evaluate(
      () =>
        new Promise((resolve) =>
          (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() =>
            (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame(() =>
              resolve(undefined),
            ),
          ),
        ),
    );
    times.push(performance.now() - started);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
if (hasFlag('--json')) console.log(JSON.stringify({ data, steps, runs: times, median }));
else
  console.log(
    `${steps} arrow-key steps of the min-papers slider: median ${(median / 1000).toFixed(2)} s (runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
  );
