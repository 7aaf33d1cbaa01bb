/** Helpers of the viewer tests: fixture paths and a Chromium launcher (Debian's /usr/bin/chromium through playwright-core). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../../bench/chromium.js';

export { CHROMIUM, CHROMIUM_ARGS } from '../../bench/chromium.js';

/** The project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A small snapshot made by `kg run test/fixtures/viz/source.jsonl` (8 papers, one titled `<img src=x onerror=alert(1)>`), with specificity set by hand on 17 entities (its README). */
export const FIXTURE_SNAPSHOT = path.join(ROOT, 'test', 'fixtures', 'viz', 'snapshot');

/** The built app (npm run build). */
export const APP_DIR = path.join(ROOT, 'dist', 'viz', 'app');

/** Where the browser tests write their screenshots. */
export const SCREENSHOT_DIR = path.join(ROOT, 'dist', 'screenshots');

/** Fails with what to do when Chromium or the built app is missing. */
export function requireBrowserPrerequisites(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with "sudo apt-get install -y chromium" (npm test does it when run as root) or set KG_CHROMIUM to a Chromium binary.`,
    );
  }
  if (!existsSync(path.join(APP_DIR, 'index.html'))) {
    throw new Error(`${APP_DIR}/index.html is missing: run "npm run build" first (npm test does).`);
  }
}

/** Checks the prerequisites, then starts Chromium. */
export function launchBrowser(): Promise<Browser> {
  requireBrowserPrerequisites();
  return launchChromium();
}
