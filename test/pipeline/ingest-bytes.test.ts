// Bytes a careless user or an attacker hands in (issue 27, items 8 and 12): encodings, NUL bytes, binary files named
// .jsonl, line ends, byte-order marks, over-long lines and fields, repeated records, prototype keys.
import { describe, expect, it } from 'vitest';
import {
  decodeSource,
  dedupe,
  formatRejection,
  ingest,
  LineBounder,
  MAX_ID_CHARS,
  MAX_LINE_BYTES,
  MAX_SOURCES_KEPT,
  MAX_URL_CHARS,
  MAX_VENUE_CHARS,
  parseSource,
  type RawRecord,
} from '../../pipeline/ingest/index.js';

const ABSTRACT = 'We propose a method for document classification that scales to long inputs.';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const cat = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p))));
const record = (fields: Record<string, unknown>): string => JSON.stringify({ abstract: ABSTRACT, ...fields });
const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const b = Buffer.from(text, 'utf16le');
  return bigEndian ? b.swap16() : b;
};
const utf32 = (text: string, bigEndian: boolean): Uint8Array => {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (bigEndian ? b.writeUInt32BE(cp, i * 4) : b.writeUInt32LE(cp, i * 4)));
  return b;
};
const TWO = `${record({ id: 'a', title: 'First record, café' })}\r\n${record({ id: 'b', title: 'Second record' })}\n`;

/** Ids kept, and `line: code` of each rejection. */
function summary(file: string, content: Uint8Array): { ids: (string | undefined)[]; rejected: string[] } {
  const parsed = parseSource({ file, content });
  return {
    ids: parsed.records.map((r) => r.id),
    rejected: parsed.rejections.map((r) => `${r.line ?? '-'}: ${r.code}`),
  };
}

describe('one bad byte loses one line, not the file', () => {
  it.each([
    [
      'a NUL byte inside line 2',
      cat(record({ id: 'a', title: 'A' }), '\n{"id":"b","title":"B\u0000"}\n', record({ id: 'c', title: 'C' }), '\n'),
      ['a', 'c'],
      ['2: nul-byte'],
    ],
    [
      'a NUL byte on the first line of a text dump would have been "binary"',
      cat('\u0000\n', record({ id: 'a', title: 'A' }), '\n'),
      ['a'],
      ['1: nul-byte'],
    ],
    [
      'Latin-1 on line 2 of a CR-only file: lines 1 and 3 keep their numbers',
      cat(
        record({ id: 'a', title: 'A' }),
        '\r{"id":"b","title":"Caf',
        [0xe9],
        `","abstract":"${ABSTRACT}"}\r`,
        record({ id: 'c', title: 'C' }),
        '\r',
      ),
      ['a', 'c'],
      ['2: invalid-utf8'],
    ],
    [
      'an overlong "/" (C0 AF)',
      cat('{"id":"a","title":"x', [0xc0, 0xaf], `","abstract":"${ABSTRACT}"}\n`, record({ id: 'b', title: 'B' })),
      ['b'],
      ['1: invalid-utf8'],
    ],
    [
      'a UTF-16 surrogate written as UTF-8 (ED A0 80)',
      cat('{"id":"a","title":"x', [0xed, 0xa0, 0x80], `","abstract":"${ABSTRACT}"}\n`, record({ id: 'b', title: 'B' })),
      ['b'],
      ['1: invalid-utf8'],
    ],
    [
      'a byte-order mark at the start of line 2 (two files concatenated)',
      cat(
        [0xef, 0xbb, 0xbf],
        record({ id: 'a', title: 'A' }),
        '\n',
        [0xef, 0xbb, 0xbf],
        record({ id: 'b', title: 'B' }),
        '\n',
      ),
      ['a', 'b'],
      [],
    ],
  ])('%s', (_label, content, ids, rejected) => {
    expect(summary('x.jsonl', content)).toEqual({ ids, rejected });
  });

  it('names Latin-1 with the command that fixes it, and not an overlong form, which iconv would not fix', () => {
    const latin = parseSource({ file: 'l.jsonl', content: cat('{"title":"Caf', [0xe9], '"}\n') }).rejections[0]!;
    const overlong = parseSource({ file: 'o.jsonl', content: cat('{"title":"x', [0xc0, 0xaf], '"}\n') }).rejections[0]!;
    expect(latin.reason).toMatch(/iconv -f WINDOWS-1252 -t UTF-8/);
    expect(overlong.reason).not.toMatch(/iconv/);
  });
});

describe('encodings', () => {
  it.each([
    ['UTF-16 LE with a BOM', cat([0xff, 0xfe], utf16(TWO, false))],
    ['UTF-16 BE with a BOM', cat([0xfe, 0xff], utf16(TWO, true))],
    ['UTF-16 LE without a BOM', utf16(TWO, false)],
    ['UTF-16 BE without a BOM', utf16(TWO, true)],
    ['UTF-32 LE with a BOM', cat([0xff, 0xfe, 0, 0], utf32(TWO, false))],
    ['UTF-32 BE with a BOM', cat([0, 0, 0xfe, 0xff], utf32(TWO, true))],
    ['UTF-32 LE without a BOM', utf32(TWO, false)],
    ['UTF-8 with a BOM', cat([0xef, 0xbb, 0xbf], TWO)],
  ])('reads %s', (_label, content) => {
    const parsed = parseSource({ file: 'wide.jsonl', content });
    expect(parsed.rejections).toEqual([]);
    expect(parsed.records.map((r) => [r.id, r.title, r.source.line])).toEqual([
      ['a', 'First record, café', 1],
      ['b', 'Second record', 2],
    ]);
  });

  it('rejects a UTF-16 line holding U+0000 as a NUL byte, and keeps the others', () => {
    const text = `${record({ id: 'a', title: 'A' })}\n{"id":"b","title":"B\u0000"}\n${record({ id: 'c', title: 'C' })}\n`;
    expect(summary('w.jsonl', cat([0xff, 0xfe], utf16(text, false)))).toEqual({
      ids: ['a', 'c'],
      rejected: ['2: nul-byte'],
    });
  });

  it('reads a UTF-16 file whose CRLF falls across a chunk boundary without an extra line', () => {
    // Wide text is decoded 1 MiB at a time: with delta 0 the CR is the last character of the second chunk.
    const base = record({ id: 'a', title: 'A', pad: '' }).length;
    for (const delta of [-1, 0, 1]) {
      const text = `${record({ id: 'a', title: 'A', pad: 'p'.repeat(1024 * 1024 - 1 - base + delta) })}\r\n${record({ id: 'b', title: 'B' })}\n`;
      const parsed = parseSource({ file: 'w.jsonl', content: cat([0xff, 0xfe], utf16(text, false)) });
      expect(parsed.records.map((r) => [r.id, r.source.line])).toEqual([
        ['a', 1],
        ['b', 2],
      ]);
    }
  });

  it.each([
    ['an only-BOM file', [0xef, 0xbb, 0xbf]],
    ['a UTF-16 BOM alone', [0xff, 0xfe]],
    ['whitespace in UTF-16', [...utf16(' \r\n\t\n', false)]],
  ])('takes %s for an empty file', (_label, content) => {
    expect(decodeSource(Uint8Array.from(content)).kind).toBe('empty');
  });
});

describe('binary files are still rejected whole, and named', () => {
  it.each([
    ['gzip', [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3], /gzip-compressed: decompress it first/],
    ['PDF', [...utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n')], /PDF document/],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0], /ZIP archive/],
    ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4], /xz-compressed/],
  ])('%s renamed .jsonl', (_label, content, reason) => {
    const parsed = parseSource({ file: 'p.jsonl', content: Uint8Array.from(content) });
    expect(parsed.rejections).toHaveLength(1);
    expect(parsed.rejections[0]).toMatchObject({ code: 'binary-file', reason: expect.stringMatching(reason) });
    expect(parsed.rejections[0]!.line).toBeUndefined();
  });

  it('says to decompress a .jsonl.gz', () => {
    const parsed = parseSource({ file: 'papers.jsonl.gz', content: Uint8Array.from([0x1f, 0x8b, 8, 0]) });
    expect(formatRejection(parsed.rejections[0]!)).toMatch(/unsupported file type "\.gz" .*decompress it first/);
  });
});

describe('sizes', () => {
  it('rejects a line over MAX_LINE_BYTES without decoding it, and keeps the next line', () => {
    // A valid record whose unknown field makes the line too long: it was kept whole before.
    const huge = record({ id: 'huge', title: 'Huge', extra: 'x'.repeat(MAX_LINE_BYTES) });
    const parsed = parseSource({
      file: 'big.jsonl',
      content: utf8(`${huge}\n${record({ id: 'next', title: 'Next' })}\n`),
    });
    expect(parsed.records.map((r) => r.id)).toEqual(['next']);
    expect(parsed.rejections.map((r) => [r.line, r.code])).toEqual([[1, 'line-too-long']]);
  });

  it.each([-3, -2, -1, 0, 1, 2])(
    'keeps line numbers where a line break falls near a 4 MB decoding block (shift %s)',
    (shift) => {
      // UTF-8 is decoded in 4 MiB blocks cut at line breaks: a CRLF or a bad byte at the cut must not move a line.
      const first = record({ id: 'a', title: 'A', pad: '' });
      const pad = 'p'.repeat(4 * 1024 * 1024 - first.length + shift);
      const content = cat(
        record({ id: 'a', title: 'A', pad }),
        '\r\n{"id":"bad","title":"Caf',
        [0xe9],
        '"}\r',
        record({ id: 'b', title: 'B' }),
        '\n',
      );
      expect(summary('blocks.jsonl', content)).toEqual({ ids: ['a', 'b'], rejected: ['2: invalid-utf8'] });
    },
  );

  it('keeps a valid line longer than a decoding block but within the limit', () => {
    const long = record({ id: 'long', title: 'Long', pad: 'p'.repeat(6 * 1024 * 1024) });
    expect(
      summary('long.jsonl', utf8(`${record({ id: 'a', title: 'A' })}\n${long}\n${record({ id: 'b', title: 'B' })}`)),
    ).toEqual({ ids: ['a', 'long', 'b'], rejected: [] });
  });

  it.each([
    ['id', { id: 'i'.repeat(MAX_ID_CHARS + 1) }, 'id-too-long'],
    ['url', { url: `https://example.org/${'u'.repeat(MAX_URL_CHARS)}` }, 'url-too-long'],
    ['venue', { venue: 'v'.repeat(MAX_VENUE_CHARS + 1) }, 'venue-too-long'],
  ])('rejects a record whose %s is over its limit, with the field and the length', (field, fields, code) => {
    const parsed = parseSource({ file: 'f.jsonl', content: utf8(`${record({ title: 'T', ...fields })}\n`) });
    expect(parsed.records).toEqual([]);
    expect(parsed.rejections[0]).toMatchObject({
      line: 1,
      code,
      field,
      reason: expect.stringMatching(new RegExp(`^${field} too long: [\\d,]+ characters \\(max [\\d,]+\\)$`)),
    });
  });

  it('keeps fields at their limits', () => {
    const fields = { id: 'i'.repeat(MAX_ID_CHARS), url: 'u'.repeat(MAX_URL_CHARS), venue: 'v'.repeat(MAX_VENUE_CHARS) };
    expect(
      parseSource({ file: 'f.jsonl', content: utf8(`${record({ title: 'T', ...fields })}\n`) }).rejections,
    ).toEqual([]);
  });

  it('keeps a bounded list of sources for a record repeated many times, and their count', () => {
    const line = record({ id: 'rep', title: 'Repeated' });
    const result = ingest([{ file: 'rep.jsonl', content: utf8(`${line}\n`.repeat(1000)) }]);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]!.sources).toHaveLength(MAX_SOURCES_KEPT);
    expect(result.papers[0]!.sources[0]).toEqual({ file: 'rep.jsonl', line: 1 });
    expect(result.papers[0]!.sourceCount).toBe(1000);
  });

  it('gives no count when every source is listed', () => {
    const records: RawRecord[] = [1, 2].map((line) => ({
      id: 'p',
      title: 'T',
      abstract: ABSTRACT,
      source: { file: 'a.jsonl', line },
    }));
    expect(dedupe(records).papers[0]!.sourceCount).toBeUndefined();
  });
});

describe('LineBounder: a file read in chunks keeps at most max + 1 bytes of a line', () => {
  const bounded = (content: Uint8Array, max: number, chunk: number): Uint8Array => {
    const b = new LineBounder(max);
    for (let at = 0; at < content.length; at += chunk) b.push(content.subarray(at, at + chunk));
    return b.end();
  };

  it.each([1, 2, 3, 5, 7, 64])('gives the same bytes whatever the chunk size (%s)', (chunk) => {
    const content = utf8('short\nthis line is far too long\r\nok\rlast line is too long too');
    // 11 bytes kept, then the last (dropped % 4) bytes before the break: "this line i" + "ng".
    expect(new TextDecoder().decode(bounded(content, 10, chunk))).toBe('short\nthis line ing\r\nok\rlast line ioo');
  });

  it('copies what it keeps, so a reader may reuse its buffer', () => {
    const b = new LineBounder(100);
    const buffer = Buffer.from('abc\n');
    b.push(buffer);
    buffer.fill(0x7a);
    expect(new TextDecoder().decode(b.end())).toBe('abc\n');
  });

  it('keeps UTF-16 text aligned after a cut line', () => {
    const content = cat([0xff, 0xfe], utf16(`${'x'.repeat(2001)}\n${record({ id: 'a', title: 'A' })}\n`, false));
    const decoded = decodeSource(bounded(content, 1000, 333));
    expect(decoded.kind === 'text' && decoded.lines[1]).toBe(record({ id: 'a', title: 'A' }));
  });
});

describe('prototype keys are data', () => {
  it('neither pollutes Object.prototype nor lends a record its fields', () => {
    const content = utf8(
      `{"id":"p","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"title":"T","abstract":"${ABSTRACT}"}\n` +
        `{"__proto__":{"title":"Inherited","abstract":"${ABSTRACT}"}}\n`,
    );
    const parsed = parseSource({ file: 'proto.jsonl', content });
    expect(parsed.records.map((r) => r.id)).toEqual(['p']);
    expect(parsed.rejections.map((r) => [r.line, r.reason])).toEqual([[2, 'missing title; missing abstract']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
