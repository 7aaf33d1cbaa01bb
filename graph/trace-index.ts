/** `kg trace` from a snapshot's trace index: a search of the names table (or the keys table, for suggestions), then one postings line and the papers.jsonl lines it points to. */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../pipeline/core/errors.js';
import {
  allowedEdits,
  editDistance,
  type TraceCandidate,
  type TracePaperInput,
  type TraceRelated,
  type TraceSource,
} from './trace.js';
import { corrupt, loadManifest, readSnapshotPapers, SNAPSHOT_FILES, type PaperRecord } from './snapshot.js';
import { yearTotals } from './trends.js';
import {
  nameJson,
  TRACE_INDEX_FORMAT,
  TRACE_INDEX_RELATED,
  type CandidateFields,
  type TraceIndexHeader,
  type TraceKeysTable,
  type TraceNameRow,
  type TracePostings,
} from './trace-index-write.js';

export { TRACE_INDEX_FILES, TRACE_INDEX_FORMAT, TRACE_INDEX_RELATED } from './trace-index-write.js';

const candidateOf = (row: CandidateFields): TraceCandidate => ({
  key: row[0],
  label: row[1],
  kind: row[2],
  aliases: row[3],
  community: row[4],
  paperCount: row[5],
  firstSeen: row[6],
  lastSeen: row[7],
  specificity: row[8],
});

/** A names-table row's candidate fields. */
const rowCandidate = (row: TraceNameRow): TraceCandidate =>
  candidateOf([row[0], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]]);

/** A name row as the writer makes it; anything else means the file was damaged or written by something else. */
const isRow = (row: unknown): row is TraceNameRow =>
  Array.isArray(row) &&
  row.length === 12 &&
  typeof row[0] === 'string' &&
  Array.isArray(row[1]) &&
  typeof row[2] === 'string' &&
  Array.isArray(row[4]) &&
  typeof row[10] === 'number' &&
  typeof row[11] === 'number';

/** The last line of the names table. */
const NAMES_CLOSE = ']}\n';

/**
 * The names table as text: a term's rows are found by searching the text for the term as the writer spells it in
 * JSON, and only the lines holding it are parsed (on ACL's 194,131 rows, 32 MB, parsing all took 0.2-0.3 s, one
 * search 20-50 ms).
 */
class NamesTable {
  private readonly cache = new Map<number, TraceNameRow>();
  private starts: number[] | undefined;
  /** Where the rows end: the start of the closing line. */
  private readonly end: number;

  private constructor(
    private readonly file: string,
    private readonly text: string,
    readonly header: TraceIndexHeader,
  ) {
    this.end = text.length - NAMES_CLOSE.length;
    if (!text.endsWith(NAMES_CLOSE) || text[this.end - 1] !== '\n') throw corrupt(file, 'cut short (no closing line)');
  }

  /** Reads trace-names.json and checks its first and last lines. */
  static async read(file: string): Promise<NamesTable> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      throw corrupt(file, 'listed in manifest.json but cannot be read', cause);
    }
    const first = text.slice(0, text.indexOf('\n'));
    let header: TraceIndexHeader;
    try {
      header = JSON.parse(`${first}]}`) as TraceIndexHeader;
    } catch (cause) {
      throw corrupt(file, 'not valid JSON in its first line', cause);
    }
    if (header?.format !== TRACE_INDEX_FORMAT || !Number.isInteger(header.entities))
      throw corrupt(file, `not a ${TRACE_INDEX_FORMAT} names table`);
    return new NamesTable(file, text, header);
  }

  /** The row whose line starts at `start`. */
  private row(start: number): TraceNameRow {
    const hit = this.cache.get(start);
    if (hit) return hit;
    let row: unknown;
    try {
      row = JSON.parse(this.text.slice(this.text[start] === ',' ? start + 1 : start, this.text.indexOf('\n', start)));
    } catch (cause) {
      throw corrupt(this.file, `the row at byte ${start} is not valid JSON`, cause);
    }
    if (!isRow(row)) throw corrupt(this.file, `the line at byte ${start} is not an entity row`);
    this.cache.set(start, row);
    return row;
  }

  /** Row `i` (0-based, in table order). The first call finds where every line starts (30-40 ms on ACL). */
  at(i: number): TraceNameRow {
    if (!this.starts) {
      const starts: number[] = [];
      for (let at = this.text.indexOf('\n') + 1; at > 0 && at < this.end; at = this.text.indexOf('\n', at) + 1)
        starts.push(at);
      if (starts.length !== this.header.entities)
        throw corrupt(this.file, `${starts.length} rows, its first line says ${this.header.entities}`);
      this.starts = starts;
    }
    const start = this.starts[i];
    if (start === undefined) throw corrupt(this.file, `has no row ${i + 1}`);
    return this.row(start);
  }

  /**
   * The rows (in table order) with one of these strings as their key or among their lower-case names: where the text
   * holds it JSON-quoted as the writer quotes names, before the first `]` of its line (after it, the same string is
   * another field: "method" is the kind of 66,201 ACL entities).
   */
  holding(strings: readonly string[]): TraceNameRow[] {
    const starts = new Set<number>();
    const from = this.text.indexOf('\n') + 1;
    for (const needle of new Set(strings.map(nameJson))) {
      for (let at = this.text.indexOf(needle, from); at >= 0 && at < this.end; at = this.text.indexOf(needle, at + 1)) {
        const start = this.text.lastIndexOf('\n', at) + 1;
        if (at < this.text.indexOf(']', start)) starts.add(start);
      }
    }
    return [...starts].sort((a, b) => a - b).map((start) => this.row(start));
  }
}

/** Reads and checks trace-keys.json, which has a key for each of the names table's `rows` and the snapshot's id, if it has one. */
async function readKeys(file: string, rows: number, snapshot: string | undefined): Promise<TraceKeysTable> {
  let table: TraceKeysTable;
  try {
    table = JSON.parse(await readFile(file, 'utf8')) as TraceKeysTable;
  } catch (cause) {
    throw corrupt(file, 'listed in manifest.json but cannot be read or is not valid JSON', cause);
  }
  if (table?.format !== TRACE_INDEX_FORMAT || !Array.isArray(table.keys) || !Array.isArray(table.aliasKeys))
    throw corrupt(file, `not a ${TRACE_INDEX_FORMAT} keys table`);
  if (snapshot !== undefined && table.snapshot !== snapshot)
    throw corrupt(file, `written for snapshot ${table.snapshot ?? '(none)'}, manifest.json is of snapshot ${snapshot}`);
  if (table.keys.length !== rows) throw corrupt(file, `${table.keys.length} keys, the names table has ${rows} rows`);
  if (!table.aliasKeys.every((a) => Array.isArray(a) && Number.isInteger(a[0]) && a[0] >= 0 && a[0] < rows))
    throw corrupt(file, 'an alias row names no entity');
  return table;
}

/** Reads `length` bytes at `offset` of an open file, or fewer at its end. */
async function readAt(handle: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Opens a file the manifest lists; one that is not there makes the snapshot damaged. */
async function openListed(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (cause) {
    throw corrupt(file, 'listed in manifest.json but cannot be opened', cause);
  }
}

/**
 * A test for names near a term's key: the whole name within `allowedEdits` of it, or one of its words within
 * `allowedEdits` of one of the term's words (a superset of what `suggestions` keeps). Words whose length alone puts
 * them out of reach (editDistance's own first test) are not cut out of the name; the others are compared once each.
 */
function nearTest(key: string): (name: string) => boolean {
  const edits = allowedEdits(key);
  const words = key.split(' ').map((w) => ({ w, edits: allowedEdits(w) }));
  const reachable: boolean[] = [];
  for (const { w, edits: e } of words)
    for (let n = Math.max(0, w.length - e); n <= w.length + e; n++) reachable[n] = true;
  const memo = new Map<string, boolean>();
  const nearWord = (word: string): boolean => {
    let near = memo.get(word);
    if (near === undefined) {
      near = words.some((t) => editDistance(t.w, word, t.edits) <= t.edits);
      memo.set(word, near);
    }
    return near;
  };
  return (name) => {
    if (editDistance(key, name, edits) <= edits) return true;
    for (let from = 0; ;) {
      const space = name.indexOf(' ', from);
      const end = space < 0 ? name.length : space;
      if (reachable[end - from] && nearWord(name.slice(from, end))) return true;
      if (space < 0) return false;
      from = space + 1;
    }
  };
}

/**
 * A trace source over a snapshot's trace index, or undefined when the snapshot has none (made before kg wrote one:
 * load it whole and use `snapshotTraceSource`). Gives the same answers as `snapshotTraceSource` over the loaded
 * snapshot. `candidates` parses only the names-table rows holding the term; `nearby` compares it with every key in
 * the keys table and parses the rows of those near it; `papers`, `related` and `family` read the entity's postings line, and `papers` the papers.jsonl lines it names, by
 * position. A missing, damaged or mismatched index file is KG_SNAPSHOT_CORRUPT naming it; a missing snapshot is
 * KG_SNAPSHOT_MISSING.
 */
export async function indexedTraceSource(dir: string): Promise<TraceSource | undefined> {
  const manifest = await loadManifest(dir);
  if (!manifest.files?.traceNames || !manifest.files.traceKeys || !manifest.files.tracePostings) return undefined;
  const namesFile = path.join(dir, manifest.files.traceNames);
  const keysFile = path.join(dir, manifest.files.traceKeys);
  const postingsFile = path.join(dir, manifest.files.tracePostings);
  const papersFile = path.join(dir, manifest.files.papers ?? SNAPSHOT_FILES.papers);
  const names = await NamesTable.read(namesFile);
  // The id ties the tables to this manifest; the sizes (checked by loadManifest and below) tie the other files to both.
  // No hashes: reading whole files to hash them would cost more than the trace (0.2-0.4 s on ACL); the full loaders hash.
  if (manifest.id !== undefined && names.header.snapshot !== manifest.id)
    throw corrupt(
      namesFile,
      `written for snapshot ${names.header.snapshot ?? '(none)'}, manifest.json is of snapshot ${manifest.id}`,
    );
  if (names.header.entities !== manifest.counts?.entities)
    throw corrupt(namesFile, `${names.header.entities} rows, the manifest says ${manifest.counts?.entities} entities`);
  // A size that differs from the one the names table records: not the files the index was made with, or cut short.
  for (const [file, bytes] of [
    [postingsFile, names.header.postingsBytes],
    [keysFile, names.header.keysBytes],
    [papersFile, names.header.papersBytes],
  ] as const) {
    const size = await stat(file).then(
      (s) => s.size,
      (cause: unknown) => {
        throw corrupt(file, 'listed in manifest.json but cannot be read', cause);
      },
    );
    if (size !== bytes) throw corrupt(file, `${size} bytes, the trace index was made with ${bytes}`);
  }

  let keys: TraceKeysTable | undefined;
  /** Rows by key, as `candidates` found them: `papers(key)` then need not search the table again. */
  const seen = new Map<string, TraceNameRow>();
  const rowOf = (key: string): TraceNameRow | undefined =>
    seen.get(key) ?? names.holding([key]).find((row) => row[0] === key);
  let last: { key: string; postings: TracePostings | undefined } | undefined;
  /** The entity's postings line (the last one read is kept: a trace asks for papers, related and family in turn). */
  const postingsOf = async (key: string): Promise<TracePostings | undefined> => {
    if (last?.key === key) return last.postings;
    const row = rowOf(key);
    let postings: TracePostings | undefined;
    if (row) {
      const [offset, length] = [row[10], row[11]];
      const handle = await openListed(postingsFile);
      let line: string;
      try {
        line = (await readAt(handle, offset, length)).toString('utf8');
      } finally {
        await handle.close();
      }
      try {
        postings = JSON.parse(line) as TracePostings;
      } catch (cause) {
        throw corrupt(postingsFile, `not valid JSON at byte ${offset} (the line of "${key}")`, cause);
      }
      if (!Array.isArray(postings?.papers) || !Array.isArray(postings.related) || !Array.isArray(postings.family)) {
        throw corrupt(postingsFile, `byte ${offset} holds no postings line (the line of "${key}")`);
      }
    }
    last = { key, postings };
    return postings;
  };

  return {
    async candidates(term, key) {
      const lower = term.toLowerCase();
      // Every matching row has `key` or `lower` as its key or among its lower-case names.
      const rows = names.holding([key, lower]);
      for (const row of rows) seen.set(row[0], row);
      return rows
        .filter(
          (r) =>
            r[0] === key ||
            r[0] === lower ||
            r[2].toLowerCase() === lower ||
            r[4].some((x) => x.toLowerCase() === lower),
        )
        .map(rowCandidate);
    },
    async nearby(_term, key) {
      if (key === '') return [];
      keys ??= await readKeys(keysFile, names.header.entities, manifest.id);
      const near = nearTest(key);
      const hits = new Set<number>();
      keys.keys.forEach((k, i) => {
        if (near(k)) hits.add(i);
      });
      for (const [i, ...own] of keys.aliasKeys) if (own.some(near)) hits.add(i);
      return [...hits].sort((a, b) => a - b).map((i) => rowCandidate(names.at(i)));
    },
    async papers(key) {
      const postings = await postingsOf(key);
      if (!postings || postings.papers.length === 0) return [];
      const handle = await openListed(papersFile);
      try {
        return await Promise.all(
          postings.papers.map(async ([id, offset, length, spans, ...own]): Promise<TracePaperInput> => {
            let record: PaperRecord | undefined;
            if (offset >= 0) {
              const line = (await readAt(handle, offset, length)).toString('utf8');
              try {
                record = JSON.parse(line) as PaperRecord;
              } catch (cause) {
                throw corrupt(papersFile, `no paper line at byte ${offset}, where the trace index puts ${id}`, cause);
              }
              if (record?.id !== id)
                throw corrupt(papersFile, `the line at byte ${offset} is not paper ${id}, as the trace index says`);
            } else if (own.length === 0)
              throw corrupt(postingsFile, `paper ${id} of "${key}" has neither a papers.jsonl line nor a title`);
            const title = own.length > 0 ? own[0]! : record!.title;
            const date = own.length > 0 ? (own[1] ?? null) : (record!.date ?? null);
            return { id, title, date, text: record ? `${record.title}\n${record.abstract}` : title, spans };
          }),
        );
      } finally {
        await handle.close();
      }
    },
    async related(key, limit) {
      if (limit > TRACE_INDEX_RELATED)
        throw new UsageError(
          `the trace index keeps ${TRACE_INDEX_RELATED} related entities per entity, ${limit} were asked for`,
          { code: 'KG_TRACE_RELATED_LIMIT' },
        );
      const postings = await postingsOf(key);
      return (postings?.related ?? [])
        .slice(0, limit)
        .map(([k, label, kind, papers]): TraceRelated => ({ key: k, label, kind, papers }));
    },
    async family(key) {
      const postings = await postingsOf(key);
      return (postings?.family ?? []).map(candidateOf);
    },
    async yearTotals() {
      const { papersPerYear, undatedPapers } = names.header;
      if (papersPerYear !== undefined && undatedPapers !== undefined)
        return {
          totals: new Map(Object.entries(papersPerYear).map(([y, n]) => [Number(y), n])),
          undated: undatedPapers,
        };
      // An older index: count them in papers.jsonl (which holds every paper of a snapshot kg wrote).
      const papers: { year?: number; date?: string }[] = [];
      for await (const { year, date } of readSnapshotPapers(dir)) papers.push({ year, date });
      return yearTotals(papers);
    },
  };
}
