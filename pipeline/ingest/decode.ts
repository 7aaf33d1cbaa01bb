/** Bytes to lines: tells empty and binary files apart, and marks single lines that are not valid UTF-8. */
import { BINARY_MAX_GARBAGE, BINARY_SAMPLE_BYTES, BINARY_SNIFF_BYTES } from './limits.js';

/** A decoded file: its lines (without terminators) and the 0-based indexes of lines that were not UTF-8. */
export interface DecodedText {
  kind: 'text';
  lines: string[];
  invalid: ReadonlySet<number>;
}

/** What a file's bytes turned out to be. */
export type Decoded = { kind: 'empty' } | { kind: 'binary' } | DecodedText;

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');
const NONE: ReadonlySet<number> = new Set();

/** Decode a file; a leading byte-order mark is dropped, a whitespace-only file is empty. */
export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { kind: 'empty' };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { kind: 'binary' };
  if (looksBinary(bytes.subarray(0, BINARY_SAMPLE_BYTES))) return { kind: 'binary' };
  let decoded: DecodedText;
  try {
    // Fast path: one decode of the whole file; almost every file is valid UTF-8.
    decoded = { kind: 'text', lines: strict.decode(bytes).split(/\r\n|\r|\n/), invalid: NONE };
  } catch {
    decoded = decodeLineByLine(bytes);
  }
  return decoded.lines.every((l) => l.trim() === '') && decoded.invalid.size === 0 ? { kind: 'empty' } : decoded;
}

/** Slow path for a file with some invalid UTF-8: decode each line alone so only the bad lines are lost. */
function decodeLineByLine(bytes: Uint8Array): DecodedText {
  const lines: string[] = [];
  const invalid = new Set<number>();
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    try {
      lines.push(strict.decode(bytes.subarray(start, stop)));
    } catch {
      invalid.add(lines.length);
      lines.push('');
    }
    start = end + 1;
  }
  return { kind: 'text', lines, invalid };
}

/** True when much of the sample is undecodable or control characters; Latin-1 text stays well below the bar. */
function looksBinary(sample: Uint8Array): boolean {
  const text = lenient.decode(sample);
  if (text.length === 0) return false;
  let garbage = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d)) garbage++;
  }
  return garbage / text.length > BINARY_MAX_GARBAGE;
}
