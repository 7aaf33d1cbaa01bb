/** Bounding a file's lines while it is read in chunks, so one enormous line costs at most MAX_LINE_BYTES of memory. */
import { MAX_LINE_BYTES } from './limits.js';

const firstBreak = (bytes: Uint8Array): number => {
  const lf = bytes.indexOf(0x0a);
  const cr = bytes.indexOf(0x0d);
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
};

/**
 * Collects a file's chunks, keeping the first `max + 1` bytes of each line (enough for the decoder to reject it as too
 * long) and dropping the rest up to the line's break. Dropped runs are a multiple of 4 bytes, so UTF-16 and UTF-32
 * text stays aligned after a cut line.
 */
export class LineBounder {
  /** Kept bytes, in a buffer sized from the caller's hint (the file's size) and grown when short. */
  private buffer: Uint8Array;
  private size = 0;
  /** Bytes of the current line so far, kept or not. */
  private run = 0;
  private dropped = 0;
  /** The last (up to 3) bytes dropped from the current line. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly max = MAX_LINE_BYTES,
    expectedBytes = 64 * 1024,
  ) {
    this.buffer = new Uint8Array(Math.max(16, expectedBytes));
  }

  /** Adds the next chunk; it is copied, so the caller may reuse its buffer. */
  push(chunk: Uint8Array): void {
    // Lines between a chunk's first and last break are shorter than the chunk: pieces of at most `max` keep them bounded.
    for (let at = 0; at < chunk.length; at += this.max) this.pushPiece(chunk.subarray(at, at + this.max));
  }

  /** All bytes kept, in order (a view of the buffer: no second copy of a big file). */
  end(): Uint8Array {
    this.closeLine();
    return this.buffer.subarray(0, this.size);
  }

  private pushPiece(piece: Uint8Array): void {
    const first = firstBreak(piece);
    if (first === -1) {
      this.extend(piece);
      return;
    }
    const last = Math.max(piece.lastIndexOf(0x0a), piece.lastIndexOf(0x0d));
    this.extend(piece.subarray(0, first));
    this.closeLine();
    this.keep(piece.subarray(first, last + 1));
    this.extend(piece.subarray(last + 1));
  }

  /** The current line grows by `bytes`: kept up to `max + 1`, dropped after. */
  private extend(bytes: Uint8Array): void {
    const room = Math.max(0, this.max + 1 - this.run);
    this.run += bytes.length;
    if (bytes.length <= room) {
      this.keep(bytes);
      return;
    }
    this.keep(bytes.subarray(0, room));
    const gone = bytes.subarray(room);
    this.dropped += gone.length;
    const joined = new Uint8Array(this.tail.length + Math.min(3, gone.length));
    joined.set(this.tail);
    joined.set(gone.subarray(gone.length - Math.min(3, gone.length)), this.tail.length);
    this.tail = joined.slice(joined.length - Math.min(3, joined.length));
  }

  /** At a line's break: put back the last `dropped % 4` bytes, so the total dropped is a multiple of 4. */
  private closeLine(): void {
    if (this.dropped > 0) this.keep(this.tail.subarray(this.tail.length - (this.dropped % 4)));
    this.run = 0;
    this.dropped = 0;
    this.tail = new Uint8Array(0);
  }

  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.size + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.size + bytes.length, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.size));
      this.buffer = grown;
    }
    // A copy: the caller reuses its buffer.
    this.buffer.set(bytes, this.size);
    this.size += bytes.length;
  }
}
