/**
 * Bytes to lines: tells empty and binary files apart, reads UTF-8 (with or without a byte-order mark), UTF-16 and
 * UTF-32, and marks the single lines that cannot be used (invalid UTF-8, a NUL byte, too long) so only they are lost.
 */
import { binaryKind } from './magic.js';
import { BINARY_MAX_GARBAGE, BINARY_SAMPLE_BYTES, MAX_LINE_BYTES } from './limits.js';
import { thousands } from './rejection.js';
import type { RejectionCode } from './types.js';

/** Why one line was not decoded; the parsers turn it into a `FILE:LINE: reason`. */
export interface LineFault {
  code: Extract<RejectionCode, 'invalid-utf8' | 'nul-byte' | 'line-too-long'>;
  reason: string;
}

/** The encodings read; anything else is invalid UTF-8 line by line (Latin-1) or binary. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** A decoded file: its lines (without terminators) and the faults of the 0-based lines that could not be read. */
export interface DecodedText {
  kind: 'text';
  encoding: Encoding;
  lines: string[];
  invalid: ReadonlyMap<number, LineFault>;
}

/** What a file's bytes turned out to be; a binary file says what it looks like when it can. */
export type Decoded = { kind: 'empty' } | { kind: 'binary'; reason: string } | DecodedText;

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** UTF-8 is decoded in blocks of about this many bytes, cut at line breaks: one decode per block, never one huge string. */
const BLOCK_BYTES = 4 * 1024 * 1024;

const INVALID_UTF8: LineFault = { code: 'invalid-utf8', reason: 'invalid UTF-8 on this line' };
const LATIN1: LineFault = {
  code: 'invalid-utf8',
  reason: 'invalid UTF-8 on this line (Latin-1 or Windows-1252? convert the file with iconv -f WINDOWS-1252 -t UTF-8)',
};
const NUL: LineFault = { code: 'nul-byte', reason: 'NUL byte on this line (binary data in a text file?)' };
const TOO_LONG: LineFault = {
  code: 'line-too-long',
  reason: `line too long: over ${thousands(MAX_LINE_BYTES)} bytes (no record needs that many)`,
};

/** Decode a file; a byte-order mark is dropped (also at the start of any line: concatenated files), a whitespace-only file is empty. */
export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { kind: 'empty' };
  const magic = binaryKind(bytes);
  if (magic !== undefined) return { kind: 'binary', reason: `binary file (${magic}), skipped` };
  const { encoding, bom } = sniffEncoding(bytes);
  const body = bytes.subarray(bom);
  if (encoding === 'utf-8' && looksBinary(body.subarray(0, BINARY_SAMPLE_BYTES)))
    return { kind: 'binary', reason: 'binary file, skipped' };
  const decoded = encoding === 'utf-8' ? decodeUtf8(body) : decodeWide(body, encoding);
  return decoded.invalid.size === 0 && decoded.lines.every((l) => l.trim() === '') ? { kind: 'empty' } : decoded;
}

/**
 * The encoding by byte-order mark, else by the zero bytes of ASCII text in UTF-32 (`A\0\0\0`) or UTF-16 (`A\0`):
 * text in those encodings without a mark is recognised when most of its first characters are ASCII.
 */
export function sniffEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', bom: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', bom: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const sample = bytes.subarray(0, 4096);
  const quads = Math.floor(sample.length / 4);
  let le32 = 0;
  let be32 = 0;
  for (let i = 0; i < quads * 4; i += 4) {
    const [w, x, y, z] = [sample[i], sample[i + 1], sample[i + 2], sample[i + 3]];
    if (w !== 0 && x === 0 && y === 0 && z === 0) le32++;
    if (w === 0 && x === 0 && y === 0 && z !== 0) be32++;
  }
  if (quads >= 2 && le32 * 10 >= quads * 9) return { encoding: 'utf-32le', bom: 0 };
  if (quads >= 2 && be32 * 10 >= quads * 9) return { encoding: 'utf-32be', bom: 0 };
  const pairs = Math.floor(sample.length / 2);
  let le16 = 0;
  let be16 = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] !== 0 && sample[i + 1] === 0) le16++;
    if (sample[i] === 0 && sample[i + 1] !== 0) be16++;
  }
  // Both kinds of pair are checked, so a text with a few NUL bytes is never taken for UTF-16.
  if (pairs >= 2 && le16 * 10 >= pairs * 6 && be16 * 10 < pairs) return { encoding: 'utf-16le', bom: 0 };
  if (pairs >= 2 && be16 * 10 >= pairs * 6 && le16 * 10 < pairs) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

const isBreak = (byte: number | undefined): boolean => byte === 0x0a || byte === 0x0d;

/** UTF-8 block by block: a valid block is decoded at once, a block with a bad line line by line. */
function decodeUtf8(bytes: Uint8Array): DecodedText {
  const lines: string[] = [];
  const invalid = new Map<number, LineFault>();
  let start = 0;
  while (start < bytes.length) {
    let end: number;
    if (bytes.length - start <= BLOCK_BYTES) end = bytes.length;
    else {
      const window = bytes.subarray(start, start + BLOCK_BYTES);
      const last = Math.max(window.lastIndexOf(0x0a), window.lastIndexOf(0x0d));
      if (last === -1) {
        // A line longer than a block: only decoded if it is within the limit.
        end = lineEnd(bytes, start);
        if (end - start > MAX_LINE_BYTES) {
          invalid.set(lines.length, TOO_LONG);
          lines.push('');
        } else decodeBlock(bytes.subarray(start, end), lines, invalid);
        start = end + (bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1);
        continue;
      }
      end = start + last + 1;
      if (bytes[end - 1] === 0x0d && bytes[end] === 0x0a) end++;
    }
    decodeBlock(bytes.subarray(start, end), lines, invalid);
    start = end;
  }
  // A file ends with an empty line after its last break, as `split` gives it.
  if (bytes.length === 0 || isBreak(bytes[bytes.length - 1])) lines.push('');
  return { kind: 'text', encoding: 'utf-8', lines, invalid };
}

/**
 * The index of the break that ends the line starting at `start`, or the length when it runs to the end. Searched a
 * block at a time: `indexOf` over the whole rest, for a CR the file never has, made many long lines quadratic.
 */
function lineEnd(bytes: Uint8Array, start: number): number {
  for (let at = start; at < bytes.length; at += BLOCK_BYTES) {
    const window = bytes.subarray(at, at + BLOCK_BYTES);
    const lf = window.indexOf(0x0a);
    const cr = window.indexOf(0x0d);
    const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (first !== -1) return at + first;
  }
  return bytes.length;
}

/** Appends a block's lines; the empty piece after the block's final break is the next block's business. */
function decodeBlock(block: Uint8Array, lines: string[], invalid: Map<number, LineFault>): void {
  const closed = isBreak(block[block.length - 1]);
  if (!block.includes(0)) {
    let text: string | undefined;
    try {
      text = strict.decode(block);
    } catch {
      // Some line is not UTF-8: decode each line alone below.
    }
    if (text !== undefined) {
      const parts = text.split(/\r\n|\r|\n/);
      if (closed) parts.pop();
      for (const p of parts) lines.push(stripBom(p));
      return;
    }
  }
  let start = 0;
  while (start < block.length) {
    let end = start;
    while (end < block.length && !isBreak(block[end])) end++;
    const line = block.subarray(start, end);
    if (line.includes(0)) {
      invalid.set(lines.length, NUL);
      lines.push('');
    } else {
      try {
        lines.push(stripBom(strict.decode(line)));
      } catch {
        invalid.set(lines.length, latin1Like(line) ? LATIN1 : INVALID_UTF8);
        lines.push('');
      }
    }
    start = end + (block[end] === 0x0d && block[end + 1] === 0x0a ? 2 : 1);
  }
}

/**
 * True when a line has a byte over 0x7F standing alone (`é` as the one byte E9), as Latin-1 and Windows-1252 write
 * accents; false when its bad bytes are shaped like UTF-8 (overlong forms, encoded surrogates), which iconv would not fix.
 */
function latin1Like(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) {
    const b = line[i]!;
    if (b < 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (length === 0) return true;
    for (let k = 1; k < length; k++) if (((line[i + k] ?? 0) & 0xc0) !== 0x80) return true;
    i += length - 1;
  }
  return false;
}

/** A byte-order mark at the start of a line (a file concatenated after another) is not text. */
const stripBom = (line: string): string => (line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);

/** Bytes of UTF-16 or UTF-32 read per step; lines are assembled across steps and bounded. */
const WIDE_CHUNK = 1024 * 1024;

/**
 * UTF-16 or UTF-32, decoded in chunks: a bad code unit becomes U+FFFD (as a lone surrogate in JSON does), a line over
 * the limit is dropped as it grows, so no string longer than a line and a chunk is ever made.
 */
function decodeWide(bytes: Uint8Array, encoding: Exclude<Encoding, 'utf-8'>): DecodedText {
  const lines: string[] = [];
  const invalid = new Map<number, LineFault>();
  const decoder = encoding.startsWith('utf-16') ? new TextDecoder(encoding) : utf32Decoder(encoding === 'utf-32le');
  const maxChars = MAX_LINE_BYTES / (encoding.startsWith('utf-16') ? 2 : 4);
  let carry = '';
  let tooLong = false;
  const feed = (text: string, final: boolean): void => {
    let pending = carry + text;
    // A CR at a chunk's end may be the first half of a CRLF: held back for the next chunk.
    const heldCr = !final && pending.endsWith('\r');
    if (heldCr) pending = pending.slice(0, -1);
    const parts = pending.split(/\r\n|\r|\n/);
    carry = final ? '' : (parts.pop() ?? '');
    for (const p of parts) {
      // A NUL character is refused as a NUL byte is in UTF-8, so both reach the parsers alike.
      const fault = tooLong || p.length > maxChars ? TOO_LONG : p.includes('\0') ? NUL : undefined;
      if (fault) invalid.set(lines.length, fault);
      lines.push(fault ? '' : stripBom(p));
      tooLong = false;
    }
    if (carry.length > maxChars) {
      tooLong = true;
      carry = '';
    }
    if (heldCr) carry += '\r';
  };
  for (let at = 0; at < bytes.length; at += WIDE_CHUNK)
    feed(decoder.decode(bytes.subarray(at, at + WIDE_CHUNK), { stream: true }), false);
  feed(decoder.decode(), true);
  return { kind: 'text', encoding, lines, invalid };
}

/** A streaming UTF-32 decoder (TextDecoder has none): a unit that is no Unicode scalar value becomes U+FFFD. */
function utf32Decoder(littleEndian: boolean): { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string } {
  let rest = new Uint8Array(0);
  return {
    decode(bytes = new Uint8Array(0), options = {}) {
      const all = new Uint8Array(rest.length + bytes.length);
      all.set(rest);
      all.set(bytes, rest.length);
      const whole = all.length - (all.length % 4);
      rest = options.stream ? all.slice(whole) : new Uint8Array(0);
      const view = new DataView(all.buffer, all.byteOffset, whole);
      const out: string[] = [];
      const codes: number[] = [];
      for (let i = 0; i < whole; i += 4) {
        const cp = view.getUint32(i, littleEndian);
        codes.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
        if (codes.length === 8192) out.push(String.fromCodePoint(...codes.splice(0)));
      }
      out.push(String.fromCodePoint(...codes));
      // Leftover bytes at the very end are a broken unit.
      if (!options.stream && all.length > whole) out.push('\ufffd');
      return out.join('');
    },
  };
}

/** True when much of the sample is undecodable or control characters (NUL included); Latin-1 text stays well below. */
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
