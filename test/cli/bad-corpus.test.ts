// The bad-input corpus (test/fixtures/bad/, plus a 2 MB abstract made here) through `kg run`, in-process and on the
// queue with a separate `kg worker`: each bad place is one `FILE:LINE: reason` line (a whole bad file is `FILE: reason`),
// each kept-but-odd record one `FILE:LINE: warning: …` line, exactly the valid records reach the snapshot, the run
// exits 0 (1 with --strict), and the worker is still running afterwards.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleId, titleKey } from '../../pipeline/ingest/index.js';
import { DEFAULT_FILTERS } from '../../viz/app/state.js';
import { decodeViewState, encodeViewState } from '../../viz/app/url.js';
import { startVizServer, type ApiPaper } from '../../viz/index.js';
import { readGraphJson, runKg, startKg, stopStartedKg, tempDir, type KgResult, type StartedKg } from '../utils/cli.js';
import { ROOT } from '../utils/papers.js';
import { deletePrefix, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../utils/redis.js';
import {
  ODD_NAMES,
  TEXT_ABSTRACT_ABSENT,
  TEXT_ABSTRACT_PRESENT,
  TEXT_BAD_LABELS,
  TEXT_KEPT,
  TEXT_REJECTED,
  TEXT_TITLES,
  TEXT_WARNED,
} from './bad-corpus-text.js';

const tmp = tempDir('bad-corpus');
const src = path.join(tmp.dir, 'bad');
const prefix = uniquePrefix('bad-corpus');

/** Every place reported, as [file under the corpus, line or null for a whole file, what the reason must say]. */
const REJECTED: [string, number | null, RegExp][] = [
  ['array.json', null, /JSON array/],
  ['binary.jsonl', null, /binary/],
  ['blank-lines.jsonl', null, /empty file/],
  ['control-chars.jsonl', 2, /title is empty once control characters are removed/],
  ['duplicate-ids.jsonl', 2, /duplicate id "dup-1"/],
  ['empty.jsonl', null, /empty file/],
  ['huge-abstract.jsonl', 1, /abstract too long: 2,000,000 characters \(max 100,000\)/],
  ['invalid-utf8.jsonl', 2, /invalid UTF-8/],
  ['long-title.jsonl', 1, /title too long: 5,010 characters \(max 2,000\)/],
  ['missing-fields.jsonl', 1, /missing title/],
  ['missing-fields.jsonl', 2, /missing abstract/],
  ['missing-fields.jsonl', 3, /missing title; missing abstract/],
  ['missing-fields.jsonl', 4, /missing title/],
  ['missing-fields.jsonl', 5, /abstract is empty/],
  ['mixed/README', null, /unsupported file type \(no extension\)/],
  ['mixed/deeper/more.ndjson', 2, /malformed JSON/],
  ['mixed/notes.md', null, /unsupported file type "\.md"/],
  ['mixed/scan.pdf', null, /unsupported file type "\.pdf"/],
  ['not-objects.jsonl', 1, /not a JSON object: got array/],
  ['not-objects.jsonl', 2, /not a JSON object: got string/],
  ['not-objects.jsonl', 3, /not a JSON object: got number 42/],
  ['not-objects.jsonl', 4, /not a JSON object: got null/],
  ['pretty.json', 1, /multi-line \(pretty-printed\) JSON/],
  ['table.csv', null, /unsupported file type "\.csv"/],
  ['truncated.jsonl', 3, /malformed JSON/],
  ['wrong-types.jsonl', 1, /title must be a string, got number 42/],
  ['wrong-types.jsonl', 2, /abstract must be a string, got array/],
  ['wrong-types.jsonl', 3, /title must be a string, got object/],
  ['wrong-types.jsonl', 4, /year must be a 4-digit year/],
  ['wrong-types.jsonl', 5, /id must be a string or a number, got boolean true/],
  // ids/: ids are kept as written, so one that cannot be (a control character, too long) is refused, not cleaned.
  ['ids/bad.jsonl', 1, /id holds a control character \(U\+000A\)/],
  ['ids/bad.jsonl', 2, /id holds a control character \(U\+0000\)/],
  ['ids/bad.jsonl', 3, /id too long: 300 characters \(max 256\)/],
  // test/fixtures/bad/bytes/ and the cases made in beforeAll (issue 27, items 8, 11, 12): bytes, links, sizes.
  ['bytes/cr-only.jsonl', 2, /invalid UTF-8 .*iconv -f WINDOWS-1252/], // CR line ends: lines 1 and 3 kept
  ['bytes/deep-nesting.jsonl', 2, /not a JSON object: got array/], // 100,000 deep: no stack overflow
  [
    ['bytes', 'deep', ...Array.from({ length: 31 }, (_, i) => `d${i}`)].join('/'),
    null,
    /folder nested more than 32 deep, skipped/,
  ],
  ['bytes/gzip.jsonl', null, /binary file \(gzip-compressed: decompress it first/],
  ['bytes/huge-line.jsonl', 1, /line too long: over 16,777,216 bytes/],
  ['bytes/huge-numbers.jsonl', 1, /year must be a 4-digit year .*got number Infinity/], // 1e400
  ['bytes/huge-numbers.jsonl', 2, /year must be a 4-digit year .*got number 20190000000000000000/],
  ['bytes/latin1.jsonl', 1, /invalid UTF-8 .*iconv -f WINDOWS-1252/],
  ['bytes/links/dangling.jsonl', null, /symbolic link to nothing/],
  ['bytes/links/fifo.jsonl', null, /named pipe \(FIFO\), not a file: skipped/],
  ['bytes/links/null.jsonl', null, /a device, not a file: skipped/],
  ['bytes/links/self-a', null, /symbolic link loop/],
  ['bytes/links/self-b', null, /symbolic link loop/],
  ['bytes/long-id.jsonl', 1, /id too long: 300 characters \(max 256\)/],
  ['bytes/long-url.jsonl', 1, /url too long: 5,000 characters \(max 2,000\)/],
  ['bytes/long-venue.jsonl', 1, /venue too long: 1,500 characters \(max 1,000\)/],
  ...Array.from(
    { length: 20 },
    (_, i) => ['bytes/many-bad-lines.jsonl', i + 1, /malformed JSON/] as [string, number, RegExp],
  ),
  ['bytes/many-bad-lines.jsonl', null, /1 more "malformed-json" rejection\(s\) not shown \(all in .*rejections\.txt\)/],
  ['bytes/nul-in-dump.txt', 3, /NUL byte on this line/], // a text dump: the papers around it kept
  ['bytes/nul-in-line.jsonl', 2, /NUL byte on this line/], // lines 1 and 3 kept
  ['bytes/only-bom.jsonl', null, /empty file/],
  ['bytes/overlong-utf8.jsonl', 1, /invalid UTF-8 on this line$/], // C0 AF: no Latin-1 hint
  ['bytes/papers.jsonl.gz', null, /unsupported file type "\.gz" .*decompress it first/],
  ['bytes/pdf.jsonl', null, /binary file \(a PDF document/],
  ['bytes/proto-keys.jsonl', 2, /missing title; missing abstract/], // not read through __proto__
  ['bytes/utf8-surrogate.jsonl', 1, /invalid UTF-8 on this line$/], // ED A0 80
  ['bytes/whitespace-only.txt', null, /empty file/],
  ...TEXT_REJECTED,
];

/** Records kept with a remark: [file, line, what the warning says]. */
const WARNED: [string, number, RegExp][] = [
  ['control-chars.jsonl', 1, /warning: title: removed 2 control character/],
  ['control-chars.jsonl', 1, /warning: abstract: removed 2 control character/],
  ['lone-surrogates.jsonl', 1, /warning: title: replaced 1 unpaired surrogate/],
  ['lone-surrogates.jsonl', 1, /warning: abstract: replaced 1 unpaired surrogate/],
  ['non-english.jsonl', 1, /warning: .*not look like English/],
  ['non-english.jsonl', 2, /warning: .*not look like English/],
  ['non-english.jsonl', 3, /warning: .*not look like English/],
  ...TEXT_WARNED,
];

/** Every valid record, by paper id: HTML, Cypher-looking and non-English text included. */
const KEPT = [
  '12345', // ids.jsonl: a numeric id
  '67890',
  'a:b/../c d', // as written
  titleId(titleKey('A record without any id')),
  'bom-1',
  'crlf-1',
  'crlf-2',
  'ctrl-1',
  'cypher-1',
  'cypher-2',
  'dup-1', // the first of two records with this id
  'dup-2', // two records of one paper, merged
  'html-1',
  'html-2',
  'huge-2',
  'lang-de',
  'lang-fr',
  'lang-zh',
  'long-2',
  'mixed-1',
  'mixed-2',
  'surr-1',
  'trunc-1',
  'trunc-2',
  'utf8-1',
  'utf8-3',
  // ids/: every id as written (trimmed at the ends), none merged with another.
  '2301/00001',
  '2301:00001',
  '2301 00001',
  '论文-1',
  '論文 第二',
  'q?a=1#frag&b=%20',
  'padded-1',
  '9007199254740992', // 2^53 and 2^53 + 1: one double to JSON.parse, two ids
  '9007199254740993',
  'ok-after',
  // test/fixtures/bad/bytes/ (issue 27, items 8, 11, 12)
  'bomcat-1', // bom-middle.jsonl: a BOM at the start of line 2 (two files concatenated)
  'bomcat-2',
  'cesu-2',
  'cr-1',
  'cr-3',
  'deep-1', // deep-nesting.jsonl: 100,000-deep array in an unknown field
  'dupkey-1', // duplicate-keys.jsonl: the last "title" wins
  'folder-1', // folder.jsonl/inside.jsonl: a folder named like a file is walked
  'hugeline-2', // the record after a 17 MB line
  'latin-2',
  'longid-2',
  'nul-1',
  'nul-3',
  'over-2',
  'proto-1', // proto-keys.jsonl: __proto__ and constructor keys are data
  'rep-1', // repeated.jsonl: 30 times, one paper
  'u16be-1', // utf16be-bom.jsonl
  'u16le-1', // utf16le-bom.jsonl, CRLF
  'u16le-2',
  'u16nobom-1', // utf16le-nobom.jsonl
  'u32-1', // utf32le-bom.jsonl
  titleId(titleKey('Notepad saved this dump as Unicode')), // notepad-utf16.txt: a dump in UTF-16 with CRLF
  titleId(titleKey('A second paper in a UTF-16 dump')),
  titleId(titleKey('A dump with a NUL byte on one line')), // nul-in-dump.txt
  titleId(titleKey('The paper after the NUL line')),
  ...TEXT_KEPT,
].sort();

let inline: KgResult;
let queued: KgResult;
let worker: StartedKg;
let workerAliveAfterRun = false;

beforeAll(async () => {
  await requireRedis();
  cpSync(path.join(ROOT, 'test', 'fixtures', 'bad'), src, { recursive: true });
  // 2 MB of abstract is generated rather than committed.
  const huge = JSON.stringify({
    id: 'huge-1',
    title: 'A two-megabyte abstract',
    abstract: 'word '.repeat(400_000).trim() + '.',
  });
  const after = JSON.stringify({
    id: 'huge-2',
    title: 'A record after the huge one',
    abstract: 'We propose a method for document classification that scales to long inputs.',
  });
  writeFileSync(path.join(src, 'huge-abstract.jsonl'), `${huge}\n${after}\n`);
  makeBytesCases(path.join(src, 'bytes'));
  // File names that would forge or hijack a FILE:LINE line are made here rather than committed.
  for (const name of ODD_NAMES) writeFileSync(path.join(src, name), '{"title": "broken\n');
  inline = await runKg(['run', src, '--inline', '--out', path.join(tmp.dir, 'inline'), '--quiet']);
  worker = startKg(['worker', '--redis', TEST_REDIS_URL, '--prefix', prefix, '--concurrency', '2']);
  queued = await runKg([
    'run',
    src,
    '--redis',
    TEST_REDIS_URL,
    '--workers',
    '0',
    '--prefix',
    prefix,
    '--out',
    path.join(tmp.dir, 'queue'),
    '--quiet',
  ]);
  workerAliveAfterRun = worker.child.exitCode === null && worker.child.signalCode === null;
}, 90_000);

/** The bytes cases git cannot hold: links (a loop, a dangling one, a device), a FIFO, a 17 MB line, deep folders. */
function makeBytesCases(dir: string): void {
  const links = path.join(dir, 'links');
  mkdirSync(links);
  // Two links to the folder itself hung `kg run`; a link to a file read before must not read it twice.
  symlinkSync('.', path.join(links, 'self-a'));
  symlinkSync('.', path.join(links, 'self-b'));
  symlinkSync('../bom-middle.jsonl', path.join(links, 'again.jsonl'));
  symlinkSync('missing.jsonl', path.join(links, 'dangling.jsonl'));
  symlinkSync('/dev/null', path.join(links, 'null.jsonl'));
  execFileSync('mkfifo', [path.join(links, 'fifo.jsonl')]);
  const long = JSON.stringify({
    id: 'hugeline-1',
    title: 'A 17 MB line',
    abstract: 'Short.',
    extra: 'x'.repeat(17_000_000),
  });
  const next = JSON.stringify({
    id: 'hugeline-2',
    title: 'The record after a 17 MB line',
    abstract: 'We propose a method for document classification that scales to long inputs.',
  });
  writeFileSync(path.join(dir, 'huge-line.jsonl'), `${long}\n${next}\n`);
  mkdirSync(path.join(dir, 'deep', ...Array.from({ length: 34 }, (_, i) => `d${i}`)), { recursive: true });
}

afterAll(async () => {
  stopStartedKg();
  await deletePrefix(prefix);
  tmp.cleanup();
});

/** A path as kg prints it: JSON-quoted when it holds a control character, a quote or backslash, or `:` and a digit or space. */
// eslint-disable-next-line no-control-regex
const shown = (p: string): string => (/[\u0000-\u001f"\\]|:\d|:\s/.test(p) ? JSON.stringify(p) : p);
const where = (file: string, line: number | null): string =>
  `${shown(path.join(src, file))}${line === null ? '' : `:${line}`}: `;

/** The stderr lines that name a place in the corpus. */
const placeLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.startsWith(`${src}${path.sep}`) || l.startsWith(`"${src}${path.sep}`));
/** A place line's `FILE:LINE: ` prefix, a quoted file name read whole. */
const placeOf = (l: string): string =>
  l.startsWith('"') ? /^"(?:[^"\\]|\\.)*"(?::\d+)?: /.exec(l)![0] : l.slice(0, l.indexOf(': ', src.length) + 2);

describe.each([
  ['in-process (--inline)', () => inline, 'inline'],
  ['on the queue with a separate kg worker', () => queued, 'queue'],
] as const)('kg run over the bad-input corpus, %s', (_, result, out) => {
  it('exits 0: bad input never stops a run', () => {
    expect(result().code, result().stderr).toBe(0);
  });

  it.each(REJECTED)('reports %s:%s', (file, line, reason) => {
    const found = result()
      .stderr.split('\n')
      .filter((l) => l.startsWith(where(file, line)) && !l.includes(': warning: '));
    expect(found, result().stderr).toHaveLength(1);
    expect(found[0]).toMatch(reason);
  });

  it.each(WARNED)('warns about %s:%s and keeps the record', (file, line, reason) => {
    const found = result()
      .stderr.split('\n')
      .filter((l) => l.startsWith(where(file, line)) && reason.test(l));
    expect(found, result().stderr).toHaveLength(1);
  });

  it('reports nothing else, one line per place', () => {
    const expected = [...REJECTED.map(([f, l]) => where(f, l)), ...WARNED.map(([f, l]) => where(f, l))].sort();
    const got = placeLines(result().stderr).map(placeOf).sort();
    expect(got).toEqual(expected);
    expect(result().stderr).toMatch(
      new RegExp(`ingest: ${KEPT.length} papers .* ${REJECTED.length} rejected, ${WARNED.length} warning\\(s\\)`),
    );
  });

  it('keeps exactly the valid records, each once', () => {
    const dir = path.join(tmp.dir, out);
    const keys = readGraphJson(dir)
      .nodes.filter((n) => n.key.startsWith('paper:'))
      .map((n) => n.key.slice('paper:'.length));
    expect(keys.sort()).toEqual(KEPT);
    const papers = readFileSync(path.join(dir, 'papers.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; title: string; abstract: string });
    expect(papers.map((p) => p.id)).toEqual(KEPT);
    const byId = new Map(papers.map((p) => [p.id, p]));
    // Markup is cleaned to its text (a script's code goes); Cypher is text, stored as written (the mirror passes parameters).
    expect(byId.get('html-1')!.title).toBe('Bold transformers for parsing');
    expect(byId.get('html-2')!.title).toBe('Attention is not all you need');
    expect(byId.get('cypher-1')!.title).toBe("'}) DETACH DELETE n //");
    // Control characters gone, lone surrogates replaced, so the snapshot is clean UTF-8.
    expect(byId.get('ctrl-1')!.title).toBe('Bell and NUL in a title');
    expect(byId.get('ctrl-1')!.abstract).not.toMatch(/\p{Cc}(?<![\t\n\r])/u);
    expect(byId.get('surr-1')!.title).toBe('Broken emoji \ufffd in a title');
    expect(byId.get('bom-1')!.title).toBe('A file that starts with a byte-order mark');
    // The fuller abstract of a paper listed twice wins.
    expect(byId.get('dup-2')!.abstract.length).toBeGreaterThan(100);
  });

  // text/ (issue 27 item 4 and its "Also" items): what ingest cleans, what reaches the graph, what reaches the terminal.
  it('text/: stores titles and abstracts cleaned of markup and invisible characters, legitimate symbols kept', () => {
    const papers = readFileSync(path.join(tmp.dir, out, 'papers.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; title: string; abstract: string; date?: string });
    const byId = new Map(papers.map((p) => [p.id, p]));
    expect(TEXT_TITLES.map(([id]) => [id, byId.get(id)?.title])).toEqual(TEXT_TITLES);
    for (const [id, absent] of TEXT_ABSTRACT_ABSENT) expect(byId.get(id)!.abstract, id).not.toMatch(absent);
    for (const [id, present] of TEXT_ABSTRACT_PRESENT) expect(byId.get(id)!.abstract, id).toMatch(present);
    expect(
      ['text-date-feb30', 'text-date-monthname', 'text-date-slash', 'text-date-month13', 'text-date-words'].map(
        (id) => byId.get(id)!.date,
      ),
    ).toEqual(['2023-02', '2023-12', '2023-12', '2023', undefined]);
  });

  it('text/: markup, entities and text in other languages give no entity labels', () => {
    const labels = readGraphJson(path.join(tmp.dir, out))
      .nodes.filter((n) => n.key.startsWith('entity:'))
      .map((n) => String(n.attributes?.label ?? ''));
    expect(labels.filter((l) => TEXT_BAD_LABELS.test(l))).toEqual([]);
    // The English abstracts under those titles still give theirs.
    expect(labels.map((l) => l.toLowerCase())).toContain('graph matching');
  });

  it('text/: stderr holds no raw control or bidi character, and a forged file name stays inside its one line', () => {
    // eslint-disable-next-line no-control-regex
    expect(result().stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(
      result()
        .stderr.split('\n')
        .filter((l) => l.includes('forged rejection')),
    ).toEqual([expect.stringMatching(/^"[^\n]*\\nfake\.jsonl:9: forged rejection\.jsonl":1: malformed JSON/)]);
    expect(
      result()
        .stderr.split('\n')
        .filter((l) => l.includes('pwned')),
    ).toEqual([expect.stringMatching(/^"[^\n]*\\u001b\]0;pwned\\u0007\\u001b\[2J\.jsonl":1: malformed JSON/)]);
  });
});

describe('kg trace on the bad corpus snapshot', () => {
  it('escapes controls in a term it quotes back (an ESC sequence cannot retitle the terminal)', async () => {
    const r = await runKg([
      'trace',
      'graph\u001b]0;pwned\u0007\u001b[2J matching\u202e',
      '--graph',
      path.join(tmp.dir, 'inline'),
    ]);
    expect(r.code).not.toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr + r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(r.stderr).toMatch(/\\u001b\]0;pwned\\u0007/);
  });

  it('commander’s own errors escape what was typed', async () => {
    const r = await runKg(['run', '--bogus\u001b[2J']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain("unknown option '--bogus\\u001b[2J'");
  });

  it('prints a traced title as stored, one line per paper', async () => {
    const r = await runKg(['trace', 'graph matching', '--graph', path.join(tmp.dir, 'inline')]);
    expect(r.code, r.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe("every kept id in the explorer's links and API", () => {
  it('round-trips through the URL and names its own paper', async () => {
    const server = await startVizServer({ dir: path.join(tmp.dir, 'queue'), port: 0 });
    try {
      for (const id of KEPT) {
        // A link that selects the paper, as the app writes and reads it.
        const link = encodeViewState({ filters: { ...DEFAULT_FILTERS }, selected: `paper:${id}` });
        expect(decodeViewState(link).selected, link).toBe(`paper:${id}`);
        // The app's call for the paper (api.ts builds the query with URLSearchParams).
        const response = await fetch(new URL(`/api/paper?${new URLSearchParams({ id })}`, server.url));
        expect(response.status, id).toBe(200);
        expect(((await response.json()) as ApiPaper).key).toBe(`paper:${id}`);
      }
    } finally {
      await server.close();
    }
  });
});

describe.each([
  ['in-process (--inline)', 'inline'],
  ['on the queue with a separate kg worker', 'queue'],
] as const)('bytes, links and sizes (test/fixtures/bad/bytes/), %s', (_, out) => {
  const papers = (): Map<string, { title: string; sources: unknown[]; sourceCount?: number }> =>
    new Map(
      readFileSync(path.join(tmp.dir, out, 'papers.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((p) => [p.id, p]),
    );

  it('decodes UTF-16 and UTF-32 text as written', () => {
    expect(papers().get('u16le-1')!.title).toBe('A UTF-16 little-endian record with a BOM, café');
    expect(papers().get('u32-1')!.title).toBe('A UTF-32 record with a BOM, naïve 😀');
  });

  it('keeps a bounded list of sources for a record repeated 30 times, with the count', () => {
    expect(papers().get('rep-1')!.sources).toHaveLength(20);
    expect(papers().get('rep-1')!.sourceCount).toBe(30);
  });

  it('reads a file reached through a link once', () => {
    expect(papers().get('bomcat-1')!.sources).toEqual([{ file: path.join(src, 'bytes', 'bom-middle.jsonl'), line: 1 }]);
  });

  it('writes every rejection to rejections.txt when the terminal shows only some', () => {
    const full = readFileSync(path.join(tmp.dir, out, 'rejections.txt'), 'utf8');
    expect(
      full.split('\n').filter((l) => l.startsWith(where('bytes/many-bad-lines.jsonl', null).slice(0, -2))),
    ).toHaveLength(21);
    expect(existsSync(path.join(tmp.dir, out, 'rejections.txt'))).toBe(true);
  });
});

describe('the two modes', () => {
  it('give the same graph', () => {
    expect(readGraphJson(path.join(tmp.dir, 'queue'))).toEqual(readGraphJson(path.join(tmp.dir, 'inline')));
  });

  it('leave the worker running, and it stops cleanly', async () => {
    expect(workerAliveAfterRun).toBe(true);
    expect(queued.stderr).toMatch(
      new RegExp(`extract: ${KEPT.length} extracted by workers, 0 reused from Redis, 0 failed`),
    );
    worker.child.kill('SIGTERM');
    const w = await worker.done;
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).not.toMatch(/failed:/);
  });

  it('--strict exits 1 on the same corpus', async () => {
    const strict = await runKg(['run', src, '--inline', '--strict', '--out', path.join(tmp.dir, 'strict'), '--quiet']);
    expect(strict.code).toBe(1);
  });
});
