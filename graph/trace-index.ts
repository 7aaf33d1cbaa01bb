/** `kg trace` from a snapshot's trace index: the names table parsed whole, then one postings line and the papers.jsonl lines it points to. */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../pipeline/errors.js';
import { allowedEdits, editDistance, type TraceCandidate, type TracePaperInput, type TraceRelated, type TraceSource } from './trace.js';
import { corrupt, loadManifest, SNAPSHOT_FILES, type PaperRecord } from './snapshot.js';
import { TRACE_INDEX_FORMAT, TRACE_INDEX_RELATED, type TraceIndexHeader, type TraceNameRow, type TracePostings } from './trace-index-write.js';

export { TRACE_INDEX_FILES, TRACE_INDEX_FORMAT, TRACE_INDEX_RELATED } from './trace-index-write.js';

const candidateOf = (row: TraceNameRow): TraceCandidate => ({
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

/** A name row as the writer makes it; anything else means the file was damaged or written by something else. */
const isRow = (row: unknown): row is TraceNameRow =>
  Array.isArray(row) && row.length === 12 && typeof row[0] === 'string' && typeof row[1] === 'string' && Array.isArray(row[3]) && Array.isArray(row[9]) && typeof row[10] === 'number' && typeof row[11] === 'number';

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
 * The words of the entities' names (keys and their aliases' keys) within a term word's typo allowance, found once per
 * distinct word of the table.
 */
function nearWords(rows: readonly TraceNameRow[], words: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const near = new Set<string>();
  const consider = (name: string): void => {
    for (const word of name.split(' ')) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (words.some((w) => editDistance(w, word, allowedEdits(w)) <= allowedEdits(w))) near.add(word);
    }
  };
  for (const row of rows) {
    consider(row[0]);
    for (const name of row[9]) consider(name);
  }
  return near;
}

/**
 * A trace source over a snapshot's trace index, or undefined when the snapshot has none (made before kg wrote one:
 * load it whole and use `snapshotTraceSource`). Gives the same answers as `snapshotTraceSource` over the loaded
 * snapshot. The names table is read at once; `papers`, `related` and `family` read the entity's postings line and
 * `papers` the papers.jsonl lines it names, by position. A missing, damaged or mismatched index file is
 * KG_SNAPSHOT_CORRUPT naming it; a missing snapshot is KG_SNAPSHOT_MISSING.
 */
export async function indexedTraceSource(dir: string): Promise<TraceSource | undefined> {
  const manifest = await loadManifest(dir);
  if (!manifest.files?.traceNames || !manifest.files.tracePostings) return undefined;
  const namesFile = path.join(dir, manifest.files.traceNames);
  const postingsFile = path.join(dir, manifest.files.tracePostings);
  const papersFile = path.join(dir, manifest.files.papers ?? SNAPSHOT_FILES.papers);

  let text: string;
  try {
    text = await readFile(namesFile, 'utf8');
  } catch (cause) {
    throw corrupt(namesFile, 'listed in manifest.json but cannot be read', cause);
  }
  let table: TraceIndexHeader & { entities: unknown[] };
  try {
    table = JSON.parse(text) as typeof table;
  } catch (cause) {
    throw corrupt(namesFile, 'not valid JSON (cut short?)', cause);
  }
  if (table?.format !== TRACE_INDEX_FORMAT || !Array.isArray(table.entities)) throw corrupt(namesFile, `not a ${TRACE_INDEX_FORMAT} names table`);
  if (table.entities.length !== manifest.counts?.entities) throw corrupt(namesFile, `${table.entities.length} entities, the manifest says ${manifest.counts?.entities}`);
  const bad = table.entities.findIndex((row) => !isRow(row));
  if (bad >= 0) throw corrupt(namesFile, `row ${bad + 1} is not an entity row`);
  const rows = table.entities as TraceNameRow[];
  // The offsets are bytes of these two files: a size that differs means they are not the files the index was made with.
  for (const [file, bytes] of [
    [postingsFile, table.postingsBytes],
    [papersFile, table.papersBytes],
  ] as const) {
    const size = await stat(file).then(
      (s) => s.size,
      (cause: unknown) => {
        throw corrupt(file, 'listed in manifest.json but cannot be read', cause);
      },
    );
    if (size !== bytes) throw corrupt(file, `${size} bytes, the trace index was made with ${bytes}`);
  }

  const rowOf = (key: string): TraceNameRow | undefined => rows.find((row) => row[0] === key);
  let last: { key: string; postings: TracePostings | undefined } | undefined;
  /** The entity's postings line (the last one read is kept: a trace asks for papers, related and family in turn). */
  const postingsOf = async (key: string): Promise<TracePostings | undefined> => {
    if (last?.key === key) return last.postings;
    const row = rowOf(key);
    let postings: TracePostings | undefined;
    if (row) {
      const handle = await openListed(postingsFile);
      try {
        const line = (await readAt(handle, row[10], row[11])).toString('utf8');
        try {
          postings = JSON.parse(line) as TracePostings;
        } catch (cause) {
          throw corrupt(postingsFile, `not valid JSON at byte ${row[10]} (the line of "${key}")`, cause);
        }
      } finally {
        await handle.close();
      }
      if (!Array.isArray(postings?.papers) || !Array.isArray(postings.related) || !Array.isArray(postings.family)) {
        throw corrupt(postingsFile, `byte ${row[10]} holds no postings line (the line of "${key}")`);
      }
    }
    last = { key, postings };
    return postings;
  };
  const rowAt = (i: number): TraceNameRow => {
    const row = rows[i];
    if (!row) throw corrupt(postingsFile, `names row ${i} does not exist`);
    return row;
  };

  return {
    async candidates(term, key) {
      const lower = term.toLowerCase();
      return rows
        .filter((r) => r[0] === key || r[0] === lower || r[1].toLowerCase() === lower || r[3].some((x) => x.toLowerCase() === lower))
        .map(candidateOf);
    },
    /**
     * Entities with a name (key or an alias's key) within `allowedEdits` of the term's key, or holding a word within
     * `allowedEdits` of any word of it: a superset of what `suggestions` keeps from all entities, found without
     * `suggestions` computing the keys of 200,000 aliases.
     */
    async nearby(_term, key) {
      if (key === '') return [];
      const edits = allowedEdits(key);
      const near = nearWords(rows, key.split(' '));
      const close = (name: string): boolean => editDistance(key, name, edits) <= edits || name.split(' ').some((w) => near.has(w));
      return rows.filter((r) => close(r[0]) || r[9].some(close)).map(candidateOf);
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
              try {
                record = JSON.parse((await readAt(handle, offset, length)).toString('utf8')) as PaperRecord;
              } catch (cause) {
                throw corrupt(papersFile, `no paper line at byte ${offset}, where the trace index puts ${id}`, cause);
              }
              if (record?.id !== id) throw corrupt(papersFile, `the line at byte ${offset} is not paper ${id}, as the trace index says`);
            } else if (own.length === 0) throw corrupt(postingsFile, `paper ${id} of "${key}" has neither a papers.jsonl line nor a title`);
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
      if (limit > TRACE_INDEX_RELATED) throw new UsageError(`the trace index keeps ${TRACE_INDEX_RELATED} related entities per entity, ${limit} were asked for`, { code: 'KG_TRACE_RELATED_LIMIT' });
      const postings = await postingsOf(key);
      return (postings?.related ?? []).slice(0, limit).map(([i, papers]): TraceRelated => {
        const row = rowAt(i);
        return { key: row[0], label: row[1], kind: row[2], papers };
      });
    },
    async family(key) {
      const postings = await postingsOf(key);
      return (postings?.family ?? []).map((i) => candidateOf(rowAt(i)));
    },
  };
}
