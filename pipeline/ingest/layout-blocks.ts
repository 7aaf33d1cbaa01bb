/** Layout (b): blank-line separated paragraphs after a page header, the title's block then the abstract's (seed 003). */
import type { Item, Unit } from './pair.js';
import { LONG_TEXT_CHARS } from './limits.js';
import { sumCleanups } from './record.js';
import { isAbstractLike, isTitleLike } from './shape.js';
import type { TxtLine } from './txt-lines.js';

/** One unit per paragraph; any non-text line (blank, chrome, a lone date) ends a paragraph. */
export function blockItems(lines: readonly TxtLine[]): Item[] {
  const items: Item[] = [];
  let paragraph: TxtLine[] = [];
  for (const l of lines) {
    if (l.kind === 'text') {
      paragraph.push(l);
    } else {
      items.push(...paragraphUnits(paragraph));
      paragraph = [];
    }
  }
  items.push(...paragraphUnits(paragraph));
  return items;
}

/**
 * The units of one paragraph. Usually its lines joined, since a paragraph may wrap; but a title line sitting directly
 * on its abstract (a missing blank line) is split off, and a run of title/abstract line pairs is read line by line,
 * since a wrapped line is never as long as a one-line abstract.
 */
export function paragraphUnits(paragraph: readonly TxtLine[]): Unit[] {
  const [first, ...rest] = paragraph;
  if (!first) return [];
  if (isLinePairs(paragraph)) return paragraph.map((l) => unit([l]));
  const restText = rest.map((l) => l.text).join(' ');
  const second = rest[0];
  if (second && isTitleLike(first.text) && isAbstractLike(restText)) {
    return [unit([first]), unit(rest)];
  }
  return [unit(paragraph)];
}

/** Title, one-line abstract, title, one-line abstract…: layout (a) without the blank lines of layout (b). */
function isLinePairs(paragraph: readonly TxtLine[]): boolean {
  if (paragraph.length < 4 || paragraph.length % 2 !== 0) return false;
  return paragraph.every((l, i) =>
    i % 2 === 0 ? isTitleLike(l.text) && l.text.length < LONG_TEXT_CHARS : l.text.length >= LONG_TEXT_CHARS,
  );
}

/** The lines joined into one unit at the first one's number, with what cleaning removed from them. */
export function unit(lines: readonly TxtLine[]): Unit {
  const u: Unit = { kind: 'unit', line: lines[0]?.line ?? 0, text: lines.map((l) => l.text).join(' ') };
  if (lines.some((l) => l.cleanup)) u.cleanup = sumCleanups(lines.map((l) => l.cleanup));
  return u;
}
