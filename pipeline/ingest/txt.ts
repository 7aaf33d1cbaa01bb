/** Parser of Hugging Face "daily papers" text dumps: classify lines, split into regions, parse each with its layout. */
import type { DecodedText } from './decode.js';
import { detectLayout, splitRegions, type Layout } from './detect.js';
import { alternatingItems } from './layout-alternating.js';
import { blockItems } from './layout-blocks.js';
import { cardItems } from './layout-cards.js';
import { pairUnits, type Item } from './pair.js';
import { compareSources, reject } from './rejection.js';
import { classifyLines, type TxtLine } from './txt-lines.js';
import type { ParsedSource } from './types.js';

/** One layout parser per layout: each turns a region's lines into units and bylines for `pairUnits`. */
export const LAYOUT_PARSERS: Readonly<Record<Layout, (lines: readonly TxtLine[]) => Item[]>> = {
  alternating: alternatingItems,
  blocks: blockItems,
  cards: cardItems,
};

/** Parse a decoded text dump; a dump with no paper at all gives one file-level rejection instead of a pile of lines. */
export function parseTxtDump(file: string, text: DecodedText): ParsedSource {
  const lines = classifyLines(text.lines, text.invalid);
  const out: ParsedSource = { records: [], rejections: [] };
  for (const l of lines) {
    if (l.fault) out.rejections.push(reject(file, l.line, l.fault.code, l.fault.reason));
  }
  for (const region of splitRegions(lines)) {
    pairUnits(file, LAYOUT_PARSERS[detectLayout(region)](region), out);
  }
  if (out.records.length === 0) {
    const reason = `no papers found (no title followed by an abstract in ${lines.length} lines; not a daily-papers dump?)`;
    return { records: [], rejections: [reject(file, undefined, 'no-papers', reason)] };
  }
  out.rejections.sort(compareSources);
  return out;
}

/** The layout chosen for each region of a dump, in order (for tests and diagnostics). */
export function txtLayouts(text: DecodedText): Layout[] {
  return splitRegions(classifyLines(text.lines, text.invalid)).map(detectLayout);
}
