/** First pass over a text dump: what each line is (chrome, metadata, text), before any layout is chosen. */
import { isChrome, stripGluedChrome } from './chrome.js';
import { parseDisplayDate, type DateInfo } from './dates.js';
import type { LineFault } from './decode.js';
import { cleanText } from './normalize.js';
import type { CleanupCounts } from './record.js';

/**
 * `sep` is the lone `·` between a card's organisation/author line and its date; `authors` is `• 6 authors`;
 * `date` is `Apr 30, 2023` or `Dec 8`; `invalid` is a line that could not be read (not UTF-8, a NUL byte, too long).
 */
export type LineKind = 'blank' | 'invalid' | 'chrome' | 'sep' | 'authors' | 'date' | 'text';

/** One classified line of a dump; `text` is cleaned as JSON Lines text is (cleanText), trimmed and freed of glued chrome. */
export interface TxtLine {
  line: number;
  kind: LineKind;
  text: string;
  /** What cleaning removed from a text line, when anything. */
  cleanup?: CleanupCounts;
  authors?: number;
  date?: DateInfo & { dateText: string };
  /** Why an `invalid` line could not be read. */
  fault?: LineFault;
}

/** `• 6 authors`, `  • 1 authors`, `3 author`. */
const AUTHORS = /^(?:[•·*-]\s*)?(\d{1,4})\s+authors?$/iu;

/** The separator HF pages print between a card's byline and its date. */
const SEPARATORS = new Set(['·', '•']);

/** Classify every line; `invalid` holds the faults of the 0-based lines that failed to decode. */
export function classifyLines(lines: readonly string[], invalid: ReadonlyMap<number, LineFault>): TxtLine[] {
  return lines.map((raw, i) => classifyLine(raw, i + 1, invalid.get(i)));
}

function classifyLine(raw: string, line: number, fault: LineFault | undefined): TxtLine {
  if (fault) return { line, kind: 'invalid', text: '', fault };
  // The same normaliser as JSON Lines, line by line: a line of markup or invisible characters alone is blank.
  const { text, ...cleanup } = cleanText(raw, 'title');
  if (text === '') return { line, kind: 'blank', text };
  if (SEPARATORS.has(text)) return { line, kind: 'sep', text };
  const authors = AUTHORS.exec(text);
  if (authors) return { line, kind: 'authors', text, authors: Number(authors[1]) };
  const date = parseDisplayDate(text);
  if (date) return { line, kind: 'date', text, date };
  if (isChrome(text)) return { line, kind: 'chrome', text };
  const stripped = stripGluedChrome(text);
  if (stripped === '') return { line, kind: 'chrome', text };
  const changed = cleanup.controls + cleanup.surrogates + cleanup.invisible + cleanup.markup > 0;
  return changed ? { line, kind: 'text', text: stripped, cleanup } : { line, kind: 'text', text: stripped };
}
