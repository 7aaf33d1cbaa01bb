// JSON Lines records and whole-file checks: every rejection reason with its line, invalid UTF-8, binary and empty files.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_ABSTRACT_CHARS, formatRejection, parseSource } from '../../pipeline/ingest/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/ingest/', import.meta.url));
const ABSTRACT =
  'We study a toy problem in order to test the ingest stage. The abstract is long enough to be an abstract.';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));
const record = (fields: Record<string, unknown>): string => JSON.stringify(fields);

describe('broken.jsonl (test/fixtures/ingest/broken.jsonl)', () => {
  const parsed = parseSource({ file: 'broken.jsonl', content: readFileSync(`${FIXTURES}broken.jsonl`) });

  it.each([
    ['l.3: a record cut short', 3, 'malformed-json', undefined, /malformed JSON/],
    ['l.4: an array', 4, 'not-an-object', undefined, /array/],
    ['l.5: a string', 5, 'not-an-object', undefined, /string "just a string"/],
    ['l.6: no title', 6, 'missing-field', 'title', /missing title/],
    ['l.7: a whitespace-only title', 7, 'missing-field', 'title', /title is empty/],
    ['l.8: a numeric title', 8, 'wrong-type', 'title', /title must be a string, got number 42/],
    ['l.9: no abstract', 9, 'missing-field', 'abstract', /missing abstract/],
    ['l.10: a whitespace-only abstract', 10, 'missing-field', 'abstract', /abstract is empty/],
    ['l.11: a year in words', 11, 'wrong-type', 'year', /year .*"twenty"/],
    ['l.12: a venue that is a list', 12, 'wrong-type', 'venue', /venue must be a string, got array/],
    ['l.14: a boolean id', 14, 'wrong-type', 'id', /id .*boolean true/],
    ['l.15: null', 15, 'not-an-object', undefined, /null/],
  ])('rejects %s', (_label, line, code, field, reason) => {
    const found = parsed.rejections.filter((r) => r.line === line);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'broken.jsonl', line, code });
    expect(found[0]?.field).toBe(field);
    expect(found[0]?.reason).toMatch(reason);
  });

  it('gives one rejection per bad line and skips blank lines silently', () => {
    expect(parsed.rejections.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15]);
  });

  it('reads the good lines, folding title whitespace and ignoring unknown fields', () => {
    expect(parsed.records).toEqual([
      {
        id: 'P19-1001',
        title: 'Attention Is All You Need',
        abstract: expect.stringMatching(/^We study a toy problem/),
        year: 2017,
        date: '2017',
        venue: 'NeurIPS',
        source: { file: 'broken.jsonl', line: 1 },
      },
      {
        id: '2023.acl-long:12/x',
        title: 'Probing Small Transformers',
        abstract: expect.stringMatching(/^Transformers trained/),
        dateText: '2023-07-09T10:00:00Z',
        date: '2023-07-09',
        year: 2023,
        url: 'https://aclanthology.org/2023.acl-long.12',
        source: { file: 'broken.jsonl', line: 13 },
      },
    ]);
  });
});

describe('JSON Lines edge cases', () => {
  it('rejects a line of invalid UTF-8 by its number and keeps the lines around it', () => {
    const content = bytes(
      `${record({ title: 'First', abstract: ABSTRACT })}\n{"title": "Bad `,
      [0xff, 0xfe, 0xc3],
      `", "abstract": "x"}\n${record({ title: 'Third', abstract: ABSTRACT })}\n`,
    );
    const parsed = parseSource({ file: 'latin.jsonl', content });
    expect(parsed.rejections).toEqual([
      { file: 'latin.jsonl', line: 2, code: 'invalid-utf8', reason: expect.stringMatching(/UTF-8/) },
    ]);
    expect(parsed.records.map((r) => [r.title, r.source.line])).toEqual([
      ['First', 1],
      ['Third', 3],
    ]);
  });

  it.each([
    ['one character over the limit', MAX_ABSTRACT_CHARS + 1, 'abstract-too-long'],
    ['exactly at the limit', MAX_ABSTRACT_CHARS, undefined],
  ])('checks the abstract length: %s', (_label, length, code) => {
    const content = utf8(`\n${record({ title: 'Long', abstract: 'x'.repeat(length) })}\n`);
    const parsed = parseSource({ file: 'long.jsonl', content });
    expect(parsed.rejections.map((r) => r.code)).toEqual(code ? [code] : []);
    if (code) {
      expect(parsed.rejections[0]?.line).toBe(2);
      expect(parsed.rejections[0]?.reason).toContain('100,001');
    }
  });

  it('counts lines the same with CRLF endings and a byte-order mark', () => {
    const content = utf8(
      `\uFEFF${record({ title: 'A', abstract: ABSTRACT })}\r\n\r\n{oops\r\n${record({ title: 'B', abstract: ABSTRACT })}\r\n`,
    );
    const parsed = parseSource({ file: 'windows.jsonl', content });
    expect(parsed.records.map((r) => [r.title, r.source.line])).toEqual([
      ['A', 1],
      ['B', 4],
    ]);
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[3, 'malformed-json']]);
  });

  it.each([
    ['a year as a number', { year: 2019 }, { year: 2019, date: '2019' }],
    ['a year as a numeric string', { year: ' 2019 ' }, { year: 2019, date: '2019' }],
    [
      'a date beats a year',
      { date: '2020-03-04', year: 2019 },
      { year: 2020, date: '2020-03-04', dateText: '2020-03-04' },
    ],
    ['a month', { date: '2020-3' }, { year: 2020, date: '2020-03', dateText: '2020-3' }],
    ['an unreadable date is kept as text', { date: 'spring 2020' }, { dateText: 'spring 2020' }],
    ['null fields count as absent', { url: null, venue: null, date: null, year: null, id: null }, {}],
    ['a numeric id', { id: 1234 }, { id: '1234' }],
  ])('reads %s', (_label, fields, expected) => {
    const parsed = parseSource({
      file: 'meta.jsonl',
      content: utf8(record({ title: 'T', abstract: ABSTRACT, ...fields })),
    });
    expect(parsed.rejections).toEqual([]);
    const { title, abstract, source, ...meta } = parsed.records[0] ?? { title: '', abstract: '', source: { file: '' } };
    expect(meta).toEqual(expected);
  });

  it.each([['a.ndjson'], ['a.json'], ['A.JSONL']])('accepts %s as JSON Lines', (file) => {
    expect(parseSource({ file, content: utf8(record({ title: 'T', abstract: ABSTRACT })) }).records).toHaveLength(1);
  });

  it('rejects a .json array once, not line by line', () => {
    const parsed = parseSource({
      file: 'papers.json',
      content: utf8(`[\n  ${record({ title: 'T', abstract: ABSTRACT })}\n]\n`),
    });
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[undefined, 'json-array']]);
  });
});

describe('whole files', () => {
  // Bytes that are not text: a PNG header (with NULs), and NUL-free noise from a fixed generator.
  const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  let s = 7;
  const noise = Uint8Array.from({ length: 4096 }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) % 255) + 1);

  it.each([
    ['a PNG header named .txt', 'image.txt', png, 'binary-file', 'image.txt: binary file (a PNG image), skipped'],
    ['NUL-free noise named .jsonl', 'noise.jsonl', noise, 'binary-file', 'noise.jsonl: binary file, skipped'],
    [
      'an empty .jsonl (test/fixtures/ingest/empty.jsonl)',
      'empty.jsonl',
      readFileSync(`${FIXTURES}empty.jsonl`),
      'empty-file',
      'empty.jsonl: empty file',
    ],
    [
      'a whitespace-only .txt (test/fixtures/ingest/blank.txt)',
      'blank.txt',
      readFileSync(`${FIXTURES}blank.txt`),
      'empty-file',
      'blank.txt: empty file',
    ],
    [
      'a PDF',
      'paper.pdf',
      utf8('%PDF-1.4'),
      'unsupported-type',
      'paper.pdf: unsupported file type ".pdf" (expected .txt or .jsonl)',
    ],
    [
      'a file without extension',
      'dir/README',
      utf8('hello'),
      'unsupported-type',
      'dir/README: unsupported file type (no extension) (expected .txt or .jsonl)',
    ],
  ])('rejects %s once, without a line', (_label, file, content, code, message) => {
    const parsed = parseSource({ file, content });
    expect(parsed.records).toEqual([]);
    expect(parsed.rejections).toHaveLength(1);
    expect(parsed.rejections[0]).toMatchObject({ file, code });
    expect(parsed.rejections[0]?.line).toBeUndefined();
    expect(formatRejection(parsed.rejections[0] ?? { file, reason: '' })).toBe(message);
  });

  it('does not take Latin-1 text for binary: only its bad lines are rejected', () => {
    const content = bytes(
      '{"title": "Caf',
      [0xe9],
      `", "abstract": "${ABSTRACT}"}\n${record({ title: 'Tea', abstract: ABSTRACT })}\n`,
    );
    const parsed = parseSource({ file: 'latin1.jsonl', content });
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[1, 'invalid-utf8']]);
    expect(parsed.records).toHaveLength(1);
  });

  it.each([
    ['with a line', { file: 'a.jsonl', line: 3, reason: 'missing title' }, 'a.jsonl:3: missing title'],
    ['without a line', { file: 'b.txt', reason: 'empty file' }, 'b.txt: empty file'],
  ])('formats a rejection %s', (_label, r, text) => {
    expect(formatRejection(r)).toBe(text);
  });
});
