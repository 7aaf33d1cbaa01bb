/** Picks a text dump's layout region by region, since a dump may concatenate pages of different layouts. */
import type { TxtLine } from './txt-lines.js';

/** The three layouts of daily-papers dumps; see layout-alternating.ts, layout-blocks.ts and layout-cards.ts. */
export type Layout = 'alternating' | 'blocks' | 'cards';

/** Split at page chrome (each page of a dump starts with a header); regions without text are dropped. */
export function splitRegions(lines: readonly TxtLine[]): TxtLine[][] {
  const regions: TxtLine[][] = [];
  let current: TxtLine[] = [];
  for (const l of lines) {
    if (l.kind === 'chrome') {
      regions.push(current);
      current = [];
    } else {
      current.push(l);
    }
  }
  regions.push(current);
  return regions.filter((r) => r.some((l) => l.kind === 'text'));
}

/**
 * Cards when the region has bylines (`·` separators or author counts); else blocks when most text lines are followed
 * by a blank line; else alternating lines.
 */
export function detectLayout(region: readonly TxtLine[]): Layout {
  if (region.some((l) => l.kind === 'sep' || l.kind === 'authors')) return 'cards';
  let text = 0;
  let separated = 0;
  region.forEach((l, i) => {
    const next = region[i + 1];
    if (l.kind !== 'text' || !next) return;
    text++;
    if (next.kind !== 'text') separated++;
  });
  return text > 0 && separated * 2 >= text ? 'blocks' : 'alternating';
}
