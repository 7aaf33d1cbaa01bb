/**
 * The explorer's opening view of a snapshot, measured in Chromium (bench/map-metrics.ts): overlapping nodes, labelled
 * largest nodes, community labels over node labels, and clicks on the largest labelled nodes.
 * Usage: `node dist/bench/map-view.js --data DIR [--width 1440] [--height 900] [--clicks 20] [--shot FILE.png] [--json]`
 * (`--app DIR`: another build's dist/viz/app; `KG_CHROMIUM` names the browser, else /usr/bin/chromium).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVizServer } from '../viz/index.js';
import { launchChromium } from './chromium.js';
import { clickLargestLabelled, measureMap } from './map-metrics.js';
import { flagValue, hasFlag } from './args.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = flagValue('--data', 'data');
const width = Number(flagValue('--width', '1440'));
const height = Number(flagValue('--height', '900'));
const clicks = Number(flagValue('--clicks', '20'));
const shot = flagValue('--shot', '');
const appDir = flagValue('--app', path.resolve(here, '..', 'viz', 'app'));

const server = await startVizServer({ dir: data, port: 0, appDir });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const started = performance.now();
  await page.goto(server.url);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { body: { dataset: { ready?: string } } } }).document.body.dataset.ready !==
      undefined,
    null,
    { timeout: 120_000 },
  );
  const ready = performance.now() - started;
  // At rest: two measurements a second apart agree (the first frames and any label pass are done).
  let figures = await measureMap(page);
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(1000);
    const again = await measureMap(page);
    const same = JSON.stringify(again) === JSON.stringify(figures);
    figures = again;
    if (same) break;
  }
  if (shot) await page.screenshot({ path: shot });
  const clicked = clicks > 0 ? await clickLargestLabelled(page, clicks) : [];
  const right = clicked.filter((c) => c.opened === c.key).length;
  if (hasFlag('--json')) {
    console.log(JSON.stringify({ data, ready, figures, clicks: clicked, errors }, null, 2));
  } else {
    const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;
    console.log(`snapshot ${data}, ${width}×${height}, ready in ${(ready / 1000).toFixed(1)} s`);
    console.log(`drawn nodes                      ${figures.drawn}`);
    console.log(`overlapping another              ${figures.overlapping} (${pct(figures.overlapShare)})`);
    console.log(`node radius, px                  ${figures.radius.min.toFixed(1)} – ${figures.radius.max.toFixed(1)}`);
    console.log(
      `labels drawn                     ${figures.labels} (${figures.labelCollisions} pairs of label boxes overlap; boxes ${figures.labelBoxes})`,
    );
    console.log(`largest 30 with a label          ${figures.largestLabelled}`);
    console.log(
      `  unlabelled                     ${
        figures.largest
          .filter((n) => !n.labelled)
          .map((n) => n.label)
          .join(', ') || '-'
      }`,
    );
    console.log(
      `  labelled                       ${
        figures.largest
          .filter((n) => n.labelled)
          .map((n) => n.label)
          .join(', ') || '-'
      }`,
    );
    console.log(
      `community labels                 ${figures.communityLabels ?? 'not reported'}; over a node label: ${figures.communityOverNode?.length ?? 'not measured'}`,
    );
    for (const c of figures.communityOverNode ?? []) console.log(`  ${c}`);
    console.log(`clicks on largest labelled       ${right} of ${clicked.length} opened their node`);
    for (const c of clicked) if (c.opened !== c.key) console.log(`  ${c.key} → ${c.opened ?? 'nothing'}`);
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
