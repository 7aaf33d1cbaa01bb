// Robustness of the text-dump parser: the seeds re-shaped (blank lines removed or added, CRLF, concatenated pages).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest, layoutsOf, type SourceFile } from '../../pipeline/ingest/index.js';
import type { Paper } from '../../pipeline/core/types.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const names = readdirSync(SEEDS).sort();
const text = (prefix: string): string => readFileSync(SEEDS + (names.find((n) => n.startsWith(prefix)) ?? ''), 'utf8');
const file = (name: string, content: string): SourceFile => ({
  file: name,
  content: new TextEncoder().encode(content),
});

/** What a paper is apart from where it was read. */
const essence = (papers: Paper[]): unknown[] => papers.map(({ sources, ...rest }) => rest);

describe('seeds re-shaped', () => {
  it.each([
    [
      'seeds/003 without its blank lines reads as alternating lines',
      '003',
      (t: string) => t.replace(/\n\n+/g, '\n'),
      ['alternating'],
    ],
    [
      'seeds/000 with a blank line after every line reads as blocks',
      '000',
      (t: string) => t.replace(/\n/g, '\n\n'),
      ['blocks'],
    ],
    [
      'seeds/004 without its blank lines still reads as cards',
      '004',
      (t: string) => t.replace(/\n\n+/g, '\n'),
      ['cards'],
    ],
    ['seeds/004 with CRLF line ends', '004', (t: string) => t.replace(/\n/g, '\r\n'), ['cards']],
    ['seeds/001 with a trailing space on every line', '001', (t: string) => t.replace(/\n/g, ' \n'), ['alternating']],
  ])('%s, with the same papers', (_label, prefix, reshape, layouts) => {
    const original = ingest([file(`${prefix}.txt`, text(prefix))]);
    const reshaped = file(`${prefix}.txt`, reshape(text(prefix)));
    expect(layoutsOf(reshaped)).toEqual(layouts);
    const result = ingest([reshaped]);
    expect(result.rejections).toEqual([]);
    expect(essence(result.papers)).toEqual(essence(original.papers));
  });

  it('all five seeds concatenated into one dump: five regions, the same 536 entries and 504 papers', () => {
    const all = names.map((n) => readFileSync(SEEDS + n, 'utf8').replace(/\n?$/, '\n')).join('');
    const dump = file('all.txt', all);
    expect(layoutsOf(dump)).toEqual(['alternating', 'alternating', 'alternating', 'blocks', 'cards']);
    const result = ingest([dump]);
    expect([result.entries, result.papers.length, result.rejections.length]).toEqual([536, 504, 0]);
    const separate = ingest(names.map((n) => file(n, readFileSync(SEEDS + n, 'utf8'))));
    expect(essence(result.papers)).toEqual(essence(separate.papers));
  });
});
