// The progress line's ETA (issue 28): cli-progress rounds the seconds to fives after splitting off the minutes, so 238 s
// came out as "3m60s" (and an hour and 59m58s as "1h60m"); kg formats it itself, carrying into the next minute or hour.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress, formatEta } from '../../cli/util/progress.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('progress ETA', () => {
  it('never shows 60 seconds or 60 minutes', () => {
    expect(formatEta(238, 5)).toBe('4m00s');
    expect(formatEta(237, 5)).toBe('3m55s');
    expect(formatEta(3598, 5)).toBe('1h00m');
    expect(formatEta(3600 + 59 * 60 + 50, 5)).toBe('2h00m');
    expect(formatEta(59.9, 5)).toBe('1m00s');
    expect(formatEta(7, 5)).toBe('7s');
    for (let t = 0; t < 4 * 3600; t += 1) expect(formatEta(t, 5)).not.toMatch(/60[sm]$/);
  });

  it('shows no number for an ETA cli-progress cannot compute', () => {
    expect(formatEta('INF', 5)).toBe('--');
    expect(formatEta('NULL', 5)).toBe('--');
    expect(formatEta(Number.NaN, 5)).toBe('--');
  });

  it('the bar itself prints 4m00s, not 3m60s, with 238 s to go', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    // One of 239 done after one second: 238 left at one a second.
    const bar = createProgress({ label: 'extract', total: 239 });
    vi.advanceTimersByTime(1000);
    bar.update(1);
    bar.stop();
    const out = written.join('');
    expect(out).toContain('ETA 4m00s');
    expect(out).not.toMatch(/\b\d+m60s/);
  });
});
