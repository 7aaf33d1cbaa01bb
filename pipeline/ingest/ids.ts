/**
 * A source's paper id as the user wrote it: trimmed at the ends, otherwise never rewritten, so `2301/00001`,
 * `2301:00001` and `2301 00001` stay three papers. A number keeps the digits of its line (JSON.parse rounds beyond
 * 2^53). Ids with control characters, unpaired surrogates or over MAX_ID_CHARS are refused, not cleaned: a cleaned id
 * could become another paper's.
 */
import { MAX_ID_CHARS } from './limits.js';
import { thousands } from './rejection.js';

/** The id to keep, none (absent or blank), or why the record is refused. */
export type SourceId = { id?: string } | { problem: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Reads a record's `id` (a string or a number as JSON.parse gave it) with `line`, the record's JSON text. */
export function sourceId(value: string | number | null | undefined, line: string): SourceId {
  if (value === undefined || value === null) return {};
  const id = typeof value === 'number' ? (rawNumber(line, 'id') ?? String(value)) : value.trim();
  if (id === '') return {};
  const control = CONTROL.exec(id);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { problem: `id holds a control character (U+${code}); ids are kept as written, never cleaned` };
  }
  if (LONE_SURROGATE.test(id))
    return { problem: 'id holds an unpaired UTF-16 surrogate; ids are kept as written, never cleaned' };
  if (id.length > MAX_ID_CHARS)
    return { problem: `id too long: ${thousands(id.length)} characters (max ${MAX_ID_CHARS})` };
  return { id };
}

const SPACE = /[ \t\n\r]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The text of the number under `key` in the top-level object of one valid JSON line (the last one, as JSON.parse
 * keeps), so `{"id": 9007199254740993}` gives "9007199254740993", not the rounded double.
 */
export function rawNumber(line: string, key: string): string | undefined {
  let depth = 0;
  let found: string | undefined;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      const end = stringEnd(line, i);
      SPACE.lastIndex = end;
      SPACE.exec(line);
      if (depth === 1 && line[SPACE.lastIndex] === ':') {
        SPACE.lastIndex += 1;
        SPACE.exec(line);
        if ((JSON.parse(line.slice(i, end)) as string) === key) {
          NUMBER.lastIndex = SPACE.lastIndex;
          found = NUMBER.exec(line)?.[0];
        }
        i = SPACE.lastIndex;
      } else i = end;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return found;
}

/** The index just after the string literal that opens at `start`. */
function stringEnd(line: string, start: number): number {
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i + 1;
  }
  return line.length;
}
