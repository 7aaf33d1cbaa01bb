/** The one Chromium launcher of the bench and the browser tests: Debian's /usr/bin/chromium (or KG_CHROMIUM) headless. */
import { chromium, type Browser } from 'playwright-core';

/** Chromium to drive: KG_CHROMIUM, else Debian's package. */
export const CHROMIUM = process.env.KG_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium in a container: no sandbox (root), software GL, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Starts a headless Chromium with {@link CHROMIUM_ARGS}. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
