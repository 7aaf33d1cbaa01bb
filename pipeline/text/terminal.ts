/**
 * Text from a corpus, a snapshot or a user made safe to print on a terminal. A title holding ESC could retitle the
 * window or clear the screen, U+202E could reverse what follows, and a newline in a file name forged a `FILE:LINE`
 * line; every place kg prints such text goes through these functions.
 */

/**
 * What a terminal acts on or hides: C0 controls (newline and tab included: a message stays one line), DEL, C1
 * controls, bidi marks, embeddings, overrides and isolates, line and paragraph separators, zero-width characters that
 * hide a difference, and lone surrogates.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const UNSAFE_ONE = new RegExp(UNSAFE.source);
/** What JSON.stringify leaves raw of UNSAFE: it escapes C0 controls and lone surrogates itself. */
const JSON_UNSAFE =
  /[\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text with every unsafe character shown as an escape (`\u001b`, `\u202e`, `\n`); anything else as is. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** A message of several lines (kg's own line breaks), each line escaped as {@link forTerminal} does. */
export function linesForTerminal(message: string): string {
  return message.split('\n').map(forTerminal).join('\n');
}

/**
 * A file name for a `FILE:LINE: reason` message: as is when plain, JSON-quoted (with unsafe characters escaped) when it
 * holds anything odd (an unsafe character, a quote or backslash, `: ` or `:` and a digit that would read as a line
 * number, a space at either end), so one message is always one line whose place can be read back.
 */
export function fileForTerminal(file: string): string {
  const odd = UNSAFE_ONE.test(file) || /["\\]|:\s|:\d|^\s|\s$/u.test(file);
  return odd ? JSON.stringify(file).replace(UNSAFE, escapeChar) : file;
}

/** JSON for a terminal: JSON.stringify, with the characters it leaves raw (C1, bidi, U+2028…) as `\u` escapes, which parse to the same value. */
export function jsonForTerminal(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_UNSAFE, escapeChar);
}
