// Deduplication: which records are one paper, how they merge, which id wins, and that input order never matters.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dedupe, ingest, rawNumber, sourceId, titleId, titleKey, type RawRecord } from '../../pipeline/ingest/index.js';

const LONG = 'A longer abstract that says more about the method, the data and the results, and so is the one to keep.';
const SHORT = 'A short abstract of the same paper, as another page gave it.';

let counter = 0;
/** A record from `file` at `line`; the abstract differs per record unless given. */
function rec(file: string, line: number, title: string, extra: Partial<RawRecord> = {}): RawRecord {
  counter++;
  return { title, abstract: `${SHORT} (${counter})`, source: { file, line }, ...extra };
}

/** Every rotation and the reverse of a list: enough orders to catch order-dependence. */
function orders<T>(items: readonly T[]): T[][] {
  const rotations = items.map((_, i) => [...items.slice(i), ...items.slice(0, i)]);
  return [...rotations, [...items].reverse()];
}

describe('which titles are one paper', () => {
  it.each([
    [
      'seeds/000 vs a re-typed copy: case, spacing, dash, space before "?"',
      'What learning algorithm is in-context learning? Investigations with linear models',
      'what  Learning Algorithm is In–Context learning ? investigations with linear models',
    ],
    [
      'all capitals',
      'Neural Tangent Kernel: Convergence and Generalization in Neural Networks',
      'NEURAL TANGENT KERNEL: CONVERGENCE AND GENERALIZATION IN NEURAL NETWORKS',
    ],
    [
      'accents (ACL has French titles)',
      'Équivalence des modèles de traduction',
      'Equivalence des modeles de traduction',
    ],
    [
      'a typographic ligature and full-width letters (NFKC)',
      'Eﬃcient ﬁne-tuning of ＢＥＲＴ',
      'Efficient fine-tuning of BERT',
    ],
    ['curly and straight apostrophes', 'Don’t Read Too Much Into It', "Don't read too much into it"],
  ])('same paper: %s', (_label, a, b) => {
    expect(titleKey(a)).toBe(titleKey(b));
    expect(dedupe([rec('a.txt', 1, a), rec('b.txt', 1, b)]).papers).toHaveLength(1);
  });

  it.each([
    ['a word more', 'Learning to Relax', 'Learning to Relax Again'],
    ['joined words', 'In-context learning', 'Incontext learning'],
  ])('different papers: %s', (_label, a, b) => {
    expect(dedupe([rec('a.txt', 1, a), rec('b.txt', 1, b)]).papers).toHaveLength(2);
  });
});

describe('merging', () => {
  const records = [
    rec('z.txt', 9, 'Sketched Ridgeless Linear Regression', { dateText: 'Feb 11', authorCount: 3 }),
    rec('a.jsonl', 4, 'Sketched ridgeless linear regression', { abstract: LONG, venue: 'ICML' }),
    rec('m.txt', 2, 'SKETCHED RIDGELESS LINEAR REGRESSION', { organization: 'Acme', url: 'https://example.org/p' }),
  ];

  it('keeps the fullest abstract with its own title, unions sources and fills metadata from the others', () => {
    for (const order of orders(records)) {
      const { papers, duplicates } = dedupe(order);
      expect(duplicates).toBe(2);
      expect(papers).toEqual([
        {
          id: titleId(titleKey('Sketched ridgeless linear regression')),
          title: 'Sketched ridgeless linear regression',
          abstract: LONG,
          dateText: 'Feb 11',
          url: 'https://example.org/p',
          venue: 'ICML',
          organization: 'Acme',
          authorCount: 3,
          sources: [
            { file: 'a.jsonl', line: 4 },
            { file: 'm.txt', line: 2 },
            { file: 'z.txt', line: 9 },
          ],
        },
      ]);
    }
  });

  it.each([
    [
      'a date with a year beats one without',
      [{ dateText: 'Feb 11' }, { date: '2024-02-11', year: 2024, dateText: '2024-02-11' }],
      { date: '2024-02-11', year: 2024, dateText: '2024-02-11' },
    ],
    [
      'conflicting ISO dates keep the earliest',
      [
        { date: '2023-05-01', year: 2023 },
        { date: '2023-04-30', year: 2023 },
      ],
      { date: '2023-04-30', year: 2023 },
    ],
    [
      'a year and a day in it: the day refines the year',
      [
        { date: '2023', year: 2023 },
        { date: '2023-06-01', year: 2023 },
      ],
      { date: '2023-06-01', year: 2023 },
    ],
    [
      'a year before a later day: the earlier year wins',
      [
        { date: '2022', year: 2022 },
        { date: '2023-06-01', year: 2023 },
      ],
      { date: '2022', year: 2022 },
    ],
  ])('dates: %s', (_label, metas, expected) => {
    const group = metas.map((m, i) => rec(`f${i}.txt`, 1, 'Same Paper', m));
    for (const order of orders(group)) {
      const [p] = dedupe(order).papers;
      expect({ date: p?.date, year: p?.year, dateText: p?.dateText }).toEqual({ dateText: undefined, ...expected });
    }
  });

  it('breaks a tie between equally long abstracts by content, not by file name', () => {
    const a = rec('a.txt', 1, 'Tie', { abstract: 'B'.repeat(120) });
    const b = rec('b.txt', 1, 'TIE', { abstract: 'A'.repeat(120) });
    expect(dedupe([a, b]).papers[0]?.title).toBe('TIE');
    expect(dedupe([{ ...a, source: { file: 'z.txt', line: 1 } }, b]).papers[0]?.title).toBe('TIE');
  });
});

describe('ids', () => {
  it('derives an id from the title key: hf- and 12 hex digits of its SHA-1, the same on every run', () => {
    const key = titleKey('What learning algorithm is in-context learning? Investigations with linear models');
    expect(key).toBe('what learning algorithm is in context learning investigations with linear models');
    expect(titleId(key)).toBe(`hf-${createHash('sha1').update(key).digest('hex').slice(0, 12)}`);
    // Pinned: a change here renames every paper in every existing graph and queue.
    expect(titleId(key)).toBe('hf-4081ecae3665');
  });

  it.each([
    ['an ACL id', 'P19-1001', 'P19-1001'],
    ['a colon and a slash', '2023.acl-long:12/x', '2023.acl-long:12/x'],
    ['an arXiv-style id with a version', 'arXiv:2305.00980v2', 'arXiv:2305.00980v2'],
    ['an inner space and non-ASCII, kept', 'Bücher 1', 'Bücher 1'],
    ['CJK', '论文 第1号', '论文 第1号'],
    ['spaces at the ends, trimmed', '  P19-1001\t', 'P19-1001'],
  ])('keeps a source id as written: %s', (_label, id, kept) => {
    expect(sourceId(id, JSON.stringify({ id }))).toEqual({ id: kept });
  });

  it.each([
    ['a newline', 'a\nb', /control character \(U\+000A\)/],
    ['a NUL', 'a\u0000b', /control character \(U\+0000\)/],
    ['a C1 control', 'a\u0085b', /control character \(U\+0085\)/],
    ['a lone surrogate', 'a\ud800b', /unpaired/],
    ['257 characters', 'x'.repeat(257), /id too long: 257 characters \(max 256\)/],
  ])('refuses an id with %s', (_label, id, problem) => {
    const got = sourceId(id, JSON.stringify({ id }));
    expect(got).toEqual({ problem: expect.stringMatching(problem) });
  });

  it.each([
    ['beyond 2^53', '{"id": 9007199254740993, "title": "T"}', 9007199254740993, '9007199254740993'],
    ['negative, with an exponent', '{"title":"x","id":-1.50e3}', -1500, '-1.50e3'],
    [
      'after a nested id and a string holding one',
      '{"meta":{"id":1},"note":"\\"id\\": 2","id" : 12345678901234567890}',
      12345678901234567890,
      '12345678901234567890',
    ],
    ['the last of two, as JSON.parse keeps', '{"id":1,"id":22}', 22, '22'],
  ])('reads a numeric id from its line: %s', (_label, line, parsed, raw) => {
    expect((JSON.parse(line) as { id: number }).id).toBe(parsed);
    expect(rawNumber(line, 'id')).toBe(raw);
    expect(sourceId(parsed, line)).toEqual({ id: raw });
  });

  it('keeps ids that differ only in punctuation or spacing apart', () => {
    const ids = ['2301/00001', '2301:00001', '2301 00001', '2301_00001'];
    const { papers, rejections } = dedupe(ids.map((id, i) => rec('a.jsonl', i + 1, `Paper ${i}`, { id })));
    expect(rejections).toEqual([]);
    expect(papers.map((p) => p.id).sort()).toEqual([...ids].sort());
  });

  it('prefers a source id over a title id when a dump entry and a jsonl record merge', () => {
    const { papers } = dedupe([
      rec('daily.txt', 3, 'Attention Is All You Need'),
      rec('acl.jsonl', 7, 'Attention is all you need', { id: 'P17-1001' }),
    ]);
    expect(papers.map((p) => p.id)).toEqual(['P17-1001']);
  });

  it('keeps two source ids of one title as two papers; the dump entry joins the smallest id', () => {
    const group = [
      rec('acl.jsonl', 1, 'Document Classification for COVID-19 Literature', { id: '2020.nlpcovid19-acl.3' }),
      rec('acl.jsonl', 2, 'Document Classification for COVID-19 Literature', { id: '2020.findings-emnlp.332' }),
      rec('daily.txt', 5, 'Document classification for COVID-19 literature'),
    ];
    for (const order of orders(group)) {
      const { papers, duplicates } = dedupe(order);
      expect(papers.map((p) => [p.id, p.sources.map((s) => s.file)])).toEqual([
        ['2020.findings-emnlp.332', ['acl.jsonl', 'daily.txt']],
        ['2020.nlpcovid19-acl.3', ['acl.jsonl']],
      ]);
      expect(duplicates).toBe(1);
    }
  });

  it('merges records with one id and one title, and rejects a second title under an id already used', () => {
    const group = [
      rec('a.jsonl', 1, 'First Paper', { id: 'X-1' }),
      rec('b.jsonl', 4, 'first paper', { id: 'X-1' }),
      rec('b.jsonl', 9, 'A Different Paper', { id: 'X-1' }),
    ];
    for (const order of orders(group)) {
      const { papers, rejections, duplicates } = dedupe(order);
      expect(papers.map((p) => [p.id, p.title])).toEqual([['X-1', 'First Paper']]);
      expect(rejections).toEqual([
        {
          file: 'b.jsonl',
          line: 9,
          code: 'duplicate-id',
          field: 'id',
          reason: 'duplicate id "X-1" (already used by a.jsonl:1)',
        },
      ]);
      expect(duplicates).toBe(1);
    }
  });

  it('counts a rejected id clash neither as an entry nor as a duplicate in ingest', () => {
    const line = (id: string, title: string): string => JSON.stringify({ id, title, abstract: LONG });
    const content = new TextEncoder().encode(`${line('X', 'One')}\n${line('X', 'Two')}\n${line('Y', 'one')}\n`);
    const result = ingest([{ file: 'ids.jsonl', content }]);
    expect(result.rejections.map((r) => [r.line, r.code])).toEqual([[2, 'duplicate-id']]);
    expect([result.entries, result.papers.length, result.duplicates]).toEqual([2, 2, 0]);
  });
});
