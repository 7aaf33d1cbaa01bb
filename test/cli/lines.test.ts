// boundedLines, the line reader of `kg extract`: readline's lines for any chunking, and a bound on each line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedLines } from '../../cli/util/lines.js';

async function collect(chunks: Uint8Array[], max?: number): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  for await (const line of boundedLines(chunks, max)) out.push(line);
  return out;
}

const split = (bytes: Uint8Array, size: number): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
};

describe('boundedLines', () => {
  it('splits at LF, CRLF and CR like readline, a CRLF across chunks being one break', async () => {
    const bytes = new TextEncoder().encode('a\r\nb\rc\n\nd');
    for (const size of [1, 2, 3, 100]) expect(await collect(split(bytes, size))).toEqual(['a', 'b', 'c', '', 'd']);
  });

  it('gives undefined for a line over the bound and goes on', async () => {
    const bytes = new TextEncoder().encode('short\nthis one is too long\nok\n');
    for (const size of [1, 4, 100]) expect(await collect(split(bytes, size), 10)).toEqual(['short', undefined, 'ok']);
  });

  it('gives the same lines whatever the chunks (fuzzed, seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', ' ') }),
        fc.integer({ min: 1, max: 9 }),
        async (text, size) => {
          const bytes = new TextEncoder().encode(text);
          expect(await collect(split(bytes, size), 6)).toEqual(await collect([bytes], 6));
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
