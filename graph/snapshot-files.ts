/**
 * A snapshot folder's files as a whole: written into a temporary folder inside DIR and moved into place after one
 * commit rename, so a crash leaves the old snapshot or the new one, never a mix; and read against what the manifest
 * records of each file (size, sha256, lines).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { InvalidInputError } from '../pipeline/core/errors.js';

/** What a manifest records of one snapshot file: enough to tell a whole, unaltered file from any other. */
export interface SnapshotFileCheck {
  bytes: number;
  sha256: string;
  /** Newline characters: records for papers.jsonl and the postings, elements plus three for graph.json. */
  lines: number;
}

/** The error for a damaged snapshot file (KG_SNAPSHOT_CORRUPT), naming it. */
export const corrupt = (file: string, what: string, cause?: unknown): InvalidInputError =>
  new InvalidInputError(`${file}: ${what} (the snapshot is damaged; run "kg run" again)`, {
    code: 'KG_SNAPSHOT_CORRUPT',
    cause,
  });

/**
 * The temporary folders of a write, inside DIR (so every rename stays on one file system): `.partial` while files are
 * written, renamed to `.commit` once all are (the commit point), removed when its files have been moved out.
 */
const WRITE_FOLDER = /^\.kg-snapshot-([0-9a-f-]{36})\.(partial|commit)$/;
/** The file in a write folder that marks it as kg's: who wrote it, so a stale one is told from one still being written. */
const MARKER = '.kg-snapshot-write.json';
/** Temporary files of kg before 0.1 wrote through a folder: `graph.json.tmp-PID`. */
const LEGACY_TEMP =
  /^(graph\.json|papers\.jsonl|manifest\.json|trace-names\.json|trace-keys\.json|trace-postings\.jsonl)\.tmp-(\d+)$/;

interface Marker {
  id: string;
  pid: number;
  host: string;
  startedAt: string;
}

/**
 * Characters gathered before each write: by size, not by line count, since a line of papers.jsonl can be long. Small
 * chunks die young in V8's heap instead of piling up in old space until a full collection; the snapshot write is
 * where `kg run`'s peak memory falls on a large corpus.
 */
const WRITE_CHUNK = 65_536;

/** Writes lines to a file through a stream (graph.json of a big corpus is larger than one string may be), hashing them. */
async function writeLines(file: string, lines: Iterable<string>): Promise<SnapshotFileCheck> {
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
  failed.catch(() => undefined); // handled by the races below; this only keeps it from counting as unhandled
  const put = async (text: string, last: boolean): Promise<void> => {
    const chunk = Buffer.from(text);
    hash.update(chunk);
    bytes += chunk.length;
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) newlines += 1;
    if (last) out.end(chunk);
    else if (!out.write(chunk))
      await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  };
  let buffer: string[] = [];
  let size = 0;
  for (const line of lines) {
    buffer.push(line);
    size += line.length;
    if (size >= WRITE_CHUNK) {
      await put(buffer.join(''), false);
      buffer = [];
      size = 0;
    }
  }
  await put(buffer.join(''), true);
  await Promise.race([finished(out), failed]);
  return { bytes, sha256: hash.digest('hex'), lines: newlines };
}

/** A step of {@link SnapshotWrite.commit}, for tests that stop a writer there: `committed`, then `moved NAME` per file. */
export type WriteStep = 'written' | 'committed' | `moved ${string}`;

/** A snapshot write in progress: files go to a folder inside DIR until {@link SnapshotWrite.commit}. */
export interface SnapshotWrite {
  /** The snapshot id, written into the manifest and the trace index's tables. */
  readonly id: string;
  /** Writes one file into the write folder and says what it holds. */
  file(name: string, lines: Iterable<string>): Promise<SnapshotFileCheck>;
  /** Makes the written files the snapshot: `names` are moved in this order, so the manifest goes last. */
  commit(names: readonly string[], onStep?: (step: WriteStep) => void | Promise<void>): Promise<void>;
  /** Removes the write folder of a write that did not reach its commit point. */
  abort(): Promise<void>;
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException)?.code;
const ignoreMissing = (error: unknown): void => {
  if (errno(error) !== 'ENOENT') throw error;
};

/** True when the process that wrote the marker may still be writing (same host and alive, or another host's within a day). */
function mayBeRunning(marker: Marker): boolean {
  if (marker.host !== os.hostname()) return Date.now() - Date.parse(marker.startedAt) < 86_400_000;
  if (marker.pid === process.pid) return true;
  try {
    process.kill(marker.pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM';
  }
}

async function readMarker(folder: string): Promise<Marker | undefined> {
  try {
    const marker = JSON.parse(await readFile(path.join(folder, MARKER), 'utf8')) as Marker;
    return typeof marker?.id === 'string' && Number.isInteger(marker.pid) ? marker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finishes a write that reached its commit point but stopped while moving files (a `.commit` folder is left): moves
 * what is left of them into DIR, the manifest last, and removes the folder. Every reader calls it first, so it sees
 * the new snapshot whole; two at once share the moves. A missing DIR is left to the caller.
 */
export async function settleSnapshot(dir: string, manifestName: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return;
    throw error;
  }
  for (const entry of entries) {
    const match = WRITE_FOLDER.exec(entry);
    if (match?.[2] !== 'commit') continue;
    const folder = path.join(dir, entry);
    // Only a folder kg made (its marker names the same id) is moved in; anything else so named is left alone.
    if ((await readMarker(folder))?.id !== match[1]) continue;
    try {
      const names = (await readdir(folder)).filter((name) => name !== MARKER && name !== manifestName);
      for (const name of [...names, manifestName])
        await rename(path.join(folder, name), path.join(dir, name)).catch(ignoreMissing);
      await rm(folder, { recursive: true, force: true });
    } catch (cause) {
      if (errno(cause) === 'ENOENT') continue; // another reader finished it
      throw new InvalidInputError(
        `${folder}: a snapshot write stopped after its commit point and cannot be finished here (${(cause as Error).message}); run "kg run" again`,
        {
          code: 'KG_SNAPSHOT_UNREADABLE',
          cause,
        },
      );
    }
  }
}

/**
 * Removes what crashed writes left in DIR and kg can tell as its own: `.partial` write folders holding a marker of a
 * process that is gone, and the `NAME.tmp-PID` files of older kg whose process is gone. Nothing else is touched.
 */
async function removeStale(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    const folder = WRITE_FOLDER.exec(entry);
    if (folder?.[2] === 'partial') {
      const marker = await readMarker(path.join(dir, entry));
      if (marker && marker.id === folder[1] && !mayBeRunning(marker))
        await rm(path.join(dir, entry), { recursive: true, force: true });
      continue;
    }
    const legacy = LEGACY_TEMP.exec(entry);
    if (legacy && !mayBeRunning({ id: '', pid: Number(legacy[2]), host: os.hostname(), startedAt: '' }))
      await rm(path.join(dir, entry), { force: true });
  }
}

/** Starts a write into DIR (made if missing): finishes an interrupted one, removes stale ones, makes the write folder. */
export async function beginSnapshotWrite(dir: string, manifestName: string): Promise<SnapshotWrite> {
  await mkdir(dir, { recursive: true });
  await settleSnapshot(dir, manifestName);
  await removeStale(dir);
  const id = randomUUID();
  const partial = path.join(dir, `.kg-snapshot-${id}.partial`);
  const committed = path.join(dir, `.kg-snapshot-${id}.commit`);
  await mkdir(partial);
  const marker: Marker = { id, pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  await writeFile(path.join(partial, MARKER), `${JSON.stringify(marker)}\n`);
  let isCommitted = false;
  return {
    id,
    file: (name, lines) => writeLines(path.join(partial, name), lines),
    async commit(names, onStep) {
      await onStep?.('written');
      await rename(partial, committed);
      isCommitted = true;
      await onStep?.('committed');
      for (const name of names) {
        await rename(path.join(committed, name), path.join(dir, name)).catch(ignoreMissing);
        await onStep?.(`moved ${name}`);
      }
      await rm(committed, { recursive: true, force: true });
    },
    async abort() {
      if (!isCommitted) await rm(partial, { recursive: true, force: true });
    },
  };
}

/** Checks each file the manifest lists is there with its recorded size: cheap (one stat each), and finds a cut or swapped file. */
export async function checkSizes(
  dir: string,
  manifestFile: string,
  integrity: Readonly<Record<string, SnapshotFileCheck>>,
): Promise<void> {
  for (const [name, check] of Object.entries(integrity)) {
    const file = path.join(dir, name);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (cause) {
      throw corrupt(file, `missing, though ${path.basename(manifestFile)} lists it`, cause);
    }
    if (size !== check.bytes) {
      throw corrupt(
        file,
        `${size} bytes, ${path.basename(manifestFile)} says ${check.bytes} (${size < check.bytes ? 'cut short' : 'grown'}, or not the file this snapshot was written with)`,
      );
    }
  }
}

/**
 * Hashes what a read stream delivers (attach before the reader starts) and, at the end, checks it against the
 * manifest's record of the file; without a record (a snapshot of an older kg) it checks nothing.
 */
export function tapCheck(stream: ReadStream, file: string, check: SnapshotFileCheck | undefined): () => void {
  if (!check) return () => undefined;
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  stream.on('data', (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(buffer);
    bytes += buffer.length;
    for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) lines += 1;
  });
  return () => verify(file, check, { bytes, lines, sha256: hash.digest('hex') });
}

/** Checks a whole file's content read at once against the manifest's record. */
export function checkContent(file: string, content: Buffer, check: SnapshotFileCheck | undefined): void {
  if (!check) return;
  let lines = 0;
  for (let at = content.indexOf(10); at >= 0; at = content.indexOf(10, at + 1)) lines += 1;
  verify(file, check, { bytes: content.length, lines, sha256: createHash('sha256').update(content).digest('hex') });
}

function verify(file: string, expected: SnapshotFileCheck, found: SnapshotFileCheck): void {
  if (found.bytes !== expected.bytes)
    throw corrupt(file, `${found.bytes} bytes read, manifest.json says ${expected.bytes} (changed while it was read?)`);
  if (found.lines !== expected.lines) throw corrupt(file, `${found.lines} lines, manifest.json says ${expected.lines}`);
  if (found.sha256 !== expected.sha256)
    throw corrupt(
      file,
      `its content differs from what manifest.json records (sha256 ${found.sha256.slice(0, 12)}…, expected ${expected.sha256.slice(0, 12)}…): altered, or not the file this snapshot was written with`,
    );
}
