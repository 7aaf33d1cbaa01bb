/** The step all text layouts share: walk units in order, pair each title with the abstract after it, attach metadata. */
import type { DateInfo } from './dates.js';
import { cleanAbstract, cleanTitle } from './normalize.js';
import { NO_CLEANUP, recordProblem, recordWarnings, type CleanupCounts } from './record.js';
import { quote, reject } from './rejection.js';
import { isAbstractLike, isTitleLike } from './shape.js';
import type { ParsedSource, RawRecord } from './types.js';

/** A paragraph of text that a layout found: a title or an abstract candidate, at its first line. */
export interface Unit {
  kind: 'unit';
  line: number;
  text: string;
  /** What cleaning removed from the unit's lines, when anything. */
  cleanup?: CleanupCounts;
}

/** A card's byline and date (`apple Apple · Sep 30`, `• 6 authors · Apr 30, 2023`), which follow the card's abstract. */
export interface Meta {
  kind: 'meta';
  line: number;
  organization?: string;
  authorCount?: number;
  date?: DateInfo;
}

/** What a layout hands to `pairUnits`, in line order. */
export type Item = Unit | Meta;

/**
 * Pair titles with the abstract that follows them. Anything that cannot be paired is rejected with its line, never
 * guessed into a paper; metadata goes to the paper whose abstract it directly follows, else it is dropped.
 */
export function pairUnits(file: string, items: readonly Item[], out: ParsedSource): void {
  let title: Unit | undefined;
  let last: RawRecord | undefined;
  const orphanTitle = (t: Unit): void => {
    out.rejections.push(
      reject(file, t.line, 'title-without-abstract', `title ${quote(t.text)} has no abstract after it`),
    );
  };
  for (const item of items) {
    if (item.kind === 'meta') {
      if (title) orphanTitle(title);
      else if (last) attach(last, item);
      title = undefined;
      continue;
    }
    if (title) {
      if (isAbstractLike(item.text)) {
        last = emit(file, title, item, out);
        title = undefined;
        continue;
      }
      orphanTitle(title);
      title = undefined;
    }
    last = undefined;
    if (isTitleLike(item.text)) title = item;
    else if (isAbstractLike(item.text)) {
      out.rejections.push(
        reject(file, item.line, 'abstract-without-title', `text with no title before it: ${quote(item.text)}`),
      );
    } else {
      out.rejections.push(
        reject(file, item.line, 'unrecognised-line', `neither a title nor an abstract: ${quote(item.text)}`),
      );
    }
  }
  if (title) orphanTitle(title);
}

function emit(file: string, title: Unit, abstract: Unit, out: ParsedSource): RawRecord | undefined {
  const t = { ...(title.cleanup ?? NO_CLEANUP), text: cleanTitle(title.text) };
  const a = { ...(abstract.cleanup ?? NO_CLEANUP), text: cleanAbstract(abstract.text) };
  const problem = recordProblem(file, title.line, t, a);
  if (problem) {
    out.rejections.push(problem);
    return undefined;
  }
  (out.warnings ??= []).push(...recordWarnings(file, title.line, t, a));
  const record: RawRecord = { title: t.text, abstract: a.text, source: { file, line: title.line } };
  out.records.push(record);
  return record;
}

/** Fill the record's missing metadata from a card's byline; a second byline never overwrites the first. */
function attach(record: RawRecord, meta: Meta): void {
  if (meta.organization !== undefined) record.organization ??= meta.organization;
  if (meta.authorCount !== undefined) record.authorCount ??= meta.authorCount;
  const d = meta.date;
  if (d && record.dateText === undefined) {
    if (d.dateText !== undefined) record.dateText = d.dateText;
    if (d.date !== undefined) record.date = d.date;
    if (d.year !== undefined) record.year = d.year;
  }
}
