// Fuzzing the ingest parsers and the extract path (issue 27): any input gives records or FILE:LINE reasons, never a
// throw or a hang. Seeded (fast-check prints the seed and the shrunk input of a failure); sized to run in seconds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExtractLine } from '../../cli/commands/extract.js';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import { ingest, LineBounder, parseSource, type ParsedSource } from '../../pipeline/ingest/index.js';

const { extract } = createExtractor({ models: loadModels() });

const SEED = 20261207;
const run = (numRuns: number) => ({ seed: SEED, numRuns, interruptAfterTimeLimit: 20_000 });

const ABSTRACT = 'We propose a method for document classification that scales to long inputs.';
const BREAKS = ['\n', '\r\n', '\r'];

/** Text that looks like what users hand in: JSON records with odd values, JSON fragments, daily-papers lines, noise. */
const line = fc.oneof(
  fc
    .record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null)),
        title: fc.oneof(fc.string(), fc.constant('A title')),
        abstract: fc.oneof(fc.string(), fc.constant(ABSTRACT)),
        year: fc.oneof(fc.integer(), fc.string(), fc.double()),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((r) => JSON.stringify(r)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '{',
    '[',
    '}',
    '"',
    '{"title":',
    '\uFEFF{}',
    '__proto__',
    '{"__proto__":{"title":"x"}}',
    'Subscribe',
    'Apr 30, 2023',
    '• 6 authors',
    '·',
    '',
    '   ',
  ),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }),
);
const document = fc
  .array(fc.tuple(line, fc.constantFrom(...BREAKS)), { maxLength: 30 })
  .map((parts) => parts.map(([l, b]) => l + b).join(''));

/** Bytes as users' files hold them: the text above in UTF-8 (with or without a BOM), UTF-16, or raw bytes. */
const content = fc.oneof(
  document.map((t) => new TextEncoder().encode(t)),
  document.map((t) => Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])),
  document.map((t) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(t, 'utf16le')])),
  fc.uint8Array({ maxLength: 3000 }),
  fc
    .array(
      fc.oneof(
        fc.uint8Array({ maxLength: 40 }),
        document.map((t) => new TextEncoder().encode(t)),
      ),
      { maxLength: 5 },
    )
    .map((parts) => Uint8Array.from(parts.flatMap((p) => [...p]))),
);

/** The invariants of a parse: every place is the file and a line of it, each line used once, records non-empty. */
function checkParsed(file: string, bytes: Uint8Array, parsed: ParsedSource): void {
  const lineCount = Math.max(1, bytes.length + 1);
  for (const r of parsed.rejections) {
    expect(r.file).toBe(file);
    if (r.line !== undefined) expect(Number.isInteger(r.line) && r.line >= 1 && r.line <= lineCount).toBe(true);
    expect(r.reason.length).toBeGreaterThan(0);
  }
  for (const r of parsed.records) {
    expect(r.source.file).toBe(file);
    expect(r.title.trim()).not.toBe('');
    expect(r.abstract.trim()).not.toBe('');
  }
  if (file.endsWith('.jsonl')) {
    const recordLines = parsed.records.map((r) => r.source.line);
    const rejectedLines = parsed.rejections.map((r) => r.line);
    expect(new Set(recordLines).size).toBe(recordLines.length);
    expect(recordLines.filter((l) => rejectedLines.includes(l))).toEqual([]);
  }
}

describe('fuzz: ingest never throws, and names places', () => {
  it.each([['x.jsonl'], ['x.txt'], ['x.json']])('parseSource on arbitrary bytes as %s', (file) => {
    fc.assert(
      fc.property(content, (bytes) => {
        checkParsed(file, bytes, parseSource({ file, content: bytes }));
      }),
      run(400),
    );
  });

  it('ingest over several arbitrary files: papers with unique ids, every source a given file', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a.jsonl', 'b.txt', 'c.jsonl'), content), { maxLength: 4 }),
        (files) => {
          const unique = [...new Map(files.map(([f, c]) => [f, c])).entries()].map(([file, bytes]) => ({
            file,
            content: bytes,
          }));
          const result = ingest(unique);
          const ids = result.papers.map((p) => p.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const p of result.papers) for (const s of p.sources) expect(unique.map((u) => u.file)).toContain(s.file);
        },
      ),
      run(150),
    );
  });

  it('UTF-16 and UTF-8 with a BOM give the same records as UTF-8', () => {
    fc.assert(
      fc.property(document, (text) => {
        const strip = (p: ParsedSource) => p.records.map((r) => [r.id, r.title, r.abstract, r.source.line]);
        const plain = strip(parseSource({ file: 'x.jsonl', content: new TextEncoder().encode(text) }));
        expect(
          strip(
            parseSource({ file: 'x.jsonl', content: Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]) }),
          ),
        ).toEqual(plain);
        expect(
          strip(
            parseSource({
              file: 'x.jsonl',
              content: Uint8Array.from([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]),
            }),
          ),
        ).toEqual(plain);
      }),
      run(200),
    );
  });

  it('LineBounder gives the same bytes whatever the chunks, and leaves short lines alone', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 50 }),
        (bytes, chunk, max) => {
          const bound = (size: number): Uint8Array => {
            const b = new LineBounder(max);
            for (let at = 0; at < bytes.length; at += size) b.push(bytes.subarray(at, at + size));
            return b.end();
          };
          const whole = bound(Math.max(1, bytes.length));
          expect(bound(chunk)).toEqual(whole);
          const longest = Math.max(
            0,
            ...new TextDecoder('latin1')
              .decode(bytes)
              .split(/[\r\n]/)
              .map((l) => l.length),
          );
          if (longest <= max + 1) expect(whole).toEqual(bytes);
        },
      ),
      run(300),
    );
  });
});

describe('fuzz: the kg extract path never throws, and its offsets hold', () => {
  it('parseExtractLine on arbitrary lines: an input or a reason', () => {
    fc.assert(
      fc.property(line, (l) => {
        const parsed = parseExtractLine(l);
        expect(typeof parsed === 'string' ? parsed.length > 0 : typeof parsed.id === 'string').toBe(true);
      }),
      run(400),
    );
  });

  it('extract on arbitrary text: mentions are slices of the text, relations index mentions', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constant(ABSTRACT),
    );
    fc.assert(
      fc.property(text, text, (title, abstract) => {
        const result = extract({ id: 'fuzz', title, abstract });
        const full = `${title}\n${abstract}`;
        for (const m of result.mentions) expect(full.slice(m.start, m.end)).toBe(m.text);
        for (const r of result.relations) {
          expect(result.mentions[r.head]).toBeDefined();
          expect(result.mentions[r.tail]).toBeDefined();
        }
      }),
      run(60),
    );
  }, 60_000);
});
