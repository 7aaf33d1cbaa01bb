import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../run/memory.js';

describe('collectGarbage (the builder between stages)', () => {
  it('does nothing while the heap in use is below the threshold', () => {
    expect(collectGarbage(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('above it, runs a full collection that frees unreachable objects', () => {
    let garbage: object[] | undefined = Array.from({ length: 400_000 }, (_, i) => ({ i, s: `item ${i}` }));
    const before = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(400_000);
    garbage = undefined;
    expect(collectGarbage(0)).toBe(true);
    // 400,000 small objects and strings are tens of MB: a full collection returns most of them at once.
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 10 * 1024 * 1024);
  });
});
