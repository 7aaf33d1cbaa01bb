/** Response bodies of the viewer's server: serialised once, gzipped once off the event loop, tagged for revalidation, and kept in a bounded cache. */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** A body as sent: its bytes, a weak ETag over them, and its gzip form, made on first need and shared by every request. */
export interface Body {
  readonly bytes: Buffer;
  readonly etag: string;
  gzipped(): Promise<Buffer>;
}

/** Wraps bytes as a {@link Body}. The gzip runs on libuv's thread pool, so a large body never stalls other requests. */
export function createBody(bytes: Buffer): Body {
  let zipped: Promise<Buffer> | undefined;
  return {
    bytes,
    // Weak: the gzip and plain forms are the same resource, and If-None-Match compares weakly.
    etag: `W/"${createHash('sha1').update(bytes).digest('base64url')}"`,
    gzipped() {
      zipped ??= gzipAsync(bytes, { level: 6 }).catch((error: unknown) => {
        zipped = undefined;
        throw error;
      });
      return zipped;
    },
  };
}

/** JSON text made already, which {@link createBodyCache} takes as is. */
export interface RawJson {
  raw: string;
}

const isRaw = (value: unknown): value is RawJson =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RawJson).raw === 'string' &&
  Object.keys(value).length === 1;

/** Options of {@link createBodyCache}. */
export interface BodyCacheOptions {
  /** @defaultValue 32 */
  maxEntries: number;
  /** Bytes of JSON kept (the gzip forms come on top, about a fifth). @defaultValue 256 MiB */
  maxBytes: number;
}

/** Defaults of {@link BodyCacheOptions}. */
export const DEFAULT_BODY_CACHE_OPTIONS: BodyCacheOptions = { maxEntries: 32, maxBytes: 256 * 1024 * 1024 };

/** A least-recently-used cache of bodies by normalised request: `get(key, make)` serialises `make()` (or takes its {@link RawJson}) only on a miss. */
export function createBodyCache(options: Partial<BodyCacheOptions> = {}) {
  const { maxEntries, maxBytes } = { ...DEFAULT_BODY_CACHE_OPTIONS, ...options };
  const entries = new Map<string, Body>();
  let bytes = 0;
  return {
    get(key: string, make: () => unknown): Body {
      let body = entries.get(key);
      if (body) {
        entries.delete(key);
        entries.set(key, body);
        return body;
      }
      const value = make();
      body = createBody(Buffer.from(isRaw(value) ? value.raw : JSON.stringify(value)));
      entries.set(key, body);
      bytes += body.bytes.length;
      // The newest stays even when it alone is over the bound: the request that made it is about to send it.
      for (const [oldest, old] of entries) {
        if (entries.size <= 1 || (entries.size <= maxEntries && bytes <= maxBytes)) break;
        entries.delete(oldest);
        bytes -= old.bytes.length;
      }
      return body;
    },
    /** Entries held (for tests). */
    get size(): number {
      return entries.size;
    },
  };
}
