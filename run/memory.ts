/**
 * Between the builder's stages on a large corpus, a full garbage collection. V8 lets old garbage pile up while the
 * heap limit allows (on a 24 GB machine it allows about 4 GB): on the 29,905 ACL abstracts `kg run` holds about
 * 0.7 GB of live data after the graph is built, yet its heap reached 1.5 GB by the snapshot, each stage (graph,
 * Louvain, layout, snapshot) leaving its temporaries behind. Collecting after each stage keeps the peak near the live
 * size (`npm run bench` reports the builder's peak RSS) for 1–3 s over the four stages on that corpus; below
 * {@link COLLECT_ABOVE} of heap in use it does nothing, so small runs pay nothing.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap in use below which no collection is asked for. */
export const COLLECT_ABOVE = 256 * 1024 * 1024;

let collector: (() => void) | null | undefined;

/**
 * V8's collector: `globalThis.gc` under `node --expose-gc`, else exposed at run time the way jest's leak detector
 * does it; null if this runtime refuses.
 */
function gcFunction(): (() => void) | null {
  if (collector !== undefined) return collector;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (collector = exposed);
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    collector = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collector = null;
  }
  return collector;
}

/** Runs a full collection when more than `above` bytes of heap are in use; returns whether it did. */
export function collectGarbage(above: number = COLLECT_ABOVE): boolean {
  if (process.memoryUsage().heapUsed < above) return false;
  const gc = gcFunction();
  if (gc === null) return false;
  gc();
  return true;
}
