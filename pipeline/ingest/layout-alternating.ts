/** Layout (a): title and abstract on alternating lines with no blank lines between (seeds 000, 001, 002). */
import { unit } from './layout-blocks.js';
import type { Item } from './pair.js';
import type { TxtLine } from './txt-lines.js';

/** Every text line is a unit of its own; metadata and chrome lines are dropped, as this layout has no cards. */
export function alternatingItems(lines: readonly TxtLine[]): Item[] {
  return lines.filter((l) => l.kind === 'text').map((l) => unit([l]));
}
