/** Lines of a byte stream with a bound on each: a line over the limit is skipped as it streams, never held whole. */
import { MAX_LINE_BYTES } from '../../pipeline/ingest/index.js';

/**
 * Yields each line (breaks `\n`, `\r\n` or `\r`, as readline) decoded as UTF-8, or `undefined` for a line over
 * `max` bytes, whose bytes are dropped as they arrive. readline kept a 1 GB line in memory, and past V8's longest
 * string (512 M characters) threw.
 */
export async function* boundedLines(
  input: AsyncIterable<Uint8Array | string>,
  max = MAX_LINE_BYTES,
): AsyncGenerator<string | undefined> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let afterCr = false;
  const take = (bytes: Buffer): void => {
    if (tooLong || bytes.length === 0) return;
    if (size + bytes.length > max) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(Buffer.from(bytes));
    size += bytes.length;
  };
  const finish = (): string | undefined => {
    const line = tooLong ? undefined : Buffer.concat(parts, size).toString('utf8');
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  for await (const piece of input) {
    const chunk =
      typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let start = 0;
    // A CRLF split across two chunks is one break.
    if (afterCr && chunk[0] === 0x0a) start = 1;
    afterCr = false;
    let lf = chunk.indexOf(0x0a, start);
    let cr = chunk.indexOf(0x0d, start);
    while (start < chunk.length) {
      if (lf !== -1 && lf < start) lf = chunk.indexOf(0x0a, start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf(0x0d, start);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        take(chunk.subarray(start));
        break;
      }
      take(chunk.subarray(start, end));
      yield finish();
      if (chunk[end] === 0x0d && end + 1 === chunk.length) afterCr = true;
      start = end + (chunk[end] === 0x0d && chunk[end + 1] === 0x0a ? 2 : 1);
    }
  }
  if (size > 0 || tooLong) yield finish();
}
