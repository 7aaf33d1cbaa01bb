/**
 * Finds and reads the input files of `kg run`: files and folders (recursively, following links safely), in a stable
 * order; what cannot be read (a link loop, a dangling link, a FIFO, a permission) becomes a rejection, never a hang.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Stats } from 'node:fs';
import {
  LineBounder,
  MAX_FILE_BYTES,
  thousands,
  type IngestRejection,
  type RejectionCode,
  type SourceFile,
} from '../pipeline/ingest/index.js';

/** Files read, and the paths that could not be. */
export interface ReadSources {
  files: SourceFile[];
  rejections: IngestRejection[];
}

/** Folders deeper than this under a given path are not walked (a link maze or a runaway tree). */
export const MAX_FOLDER_DEPTH = 32;

/** Bytes read per step; a line over MAX_LINE_BYTES keeps only its start, so memory stays bounded. */
const READ_CHUNK = 1024 * 1024;

/** Names skipped while walking a folder: hidden files and folders, and editor backups. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~');
}

/** What the walk carries: results, and what it has seen by device and inode. */
interface Walk {
  found: string[];
  rejections: IngestRejection[];
  /** Folders entered (device:inode), so a folder reached twice is read once. */
  folders: Set<string>;
  /** Files listed (device:inode), so a file reached twice through links is read once. */
  files: Set<string>;
}

const identity = (info: Stats): string => `${info.dev}:${info.ino}`;

function rejectPath(walk: Walk, file: string, code: RejectionCode, reason: string): void {
  walk.rejections.push({ file, reason, code });
}

/** What a special file is, for its rejection. */
function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file or folder';
}

/** `ancestors` are the identities of the folders above `target`: reaching one again is a loop. */
async function visit(target: string, depth: number, ancestors: readonly string[], walk: Walk): Promise<void> {
  let link: Stats;
  let info: Stats;
  try {
    link = await lstat(target);
  } catch (error) {
    rejectPath(walk, target, 'unreadable', `cannot read: ${describe(error)}`);
    return;
  }
  try {
    info = link.isSymbolicLink() ? await stat(target) : link;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      rejectPath(walk, target, 'dangling-link', 'symbolic link to nothing (its target is missing), skipped');
    else if (code === 'ELOOP') rejectPath(walk, target, 'link-loop', 'symbolic link loop, skipped');
    else rejectPath(walk, target, 'unreadable', `cannot read: ${describe(error)}`);
    return;
  }
  const id = identity(info);
  if (info.isFile()) {
    if (walk.files.has(id)) return;
    walk.files.add(id);
    walk.found.push(target);
    return;
  }
  if (!info.isDirectory()) {
    // Never opened: a FIFO would block the run until something writes to it.
    rejectPath(walk, target, 'special-file', `${specialKind(info)}, not a file: skipped`);
    return;
  }
  if (ancestors.includes(id)) {
    const above = await realpath(target).catch(() => target);
    rejectPath(walk, target, 'link-loop', `symbolic link loop (back to ${above}), skipped`);
    return;
  }
  // Reached before by another way (two links to one folder): its files are already listed.
  if (walk.folders.has(id)) return;
  walk.folders.add(id);
  if (depth > MAX_FOLDER_DEPTH) {
    rejectPath(walk, target, 'too-deep', `folder nested more than ${MAX_FOLDER_DEPTH} deep, skipped`);
    return;
  }
  let entries: string[];
  try {
    entries = await readdir(target);
  } catch (error) {
    rejectPath(walk, target, 'unreadable', `cannot read folder: ${describe(error)}`);
    return;
  }
  entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of entries) {
    if (skipped(name)) continue;
    await visit(path.join(target, name), depth + 1, [...ancestors, id], walk);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'ENAMETOOLONG') return 'path too long';
  return error instanceof Error ? error.message : String(error);
}

/**
 * One file's bytes, read in chunks through a LineBounder (a line over the limit keeps only its start). Opened
 * without blocking and checked again once open, so a file swapped for a FIFO after the walk cannot hang the run.
 */
async function readBounded(file: string): Promise<Uint8Array | { code: RejectionCode; reason: string }> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { code: 'special-file', reason: `${specialKind(info)}, not a file: skipped` };
    if (info.size > MAX_FILE_BYTES) {
      return {
        code: 'file-too-large',
        reason: `file too large: ${thousands(info.size)} bytes (max ${thousands(MAX_FILE_BYTES)}); split it, e.g. split -l 100000 FILE part-`,
      };
    }
    const bounder = new LineBounder(undefined, info.size);
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      bounder.push(buffer.subarray(0, bytesRead));
    }
    return bounder.end();
  } finally {
    await handle.close();
  }
}

/** Reads every file under the given paths (each once, in sorted order within folders). */
export async function readSources(paths: readonly string[]): Promise<ReadSources> {
  const walk: Walk = { found: [], rejections: [], folders: new Set(), files: new Set() };
  for (const p of paths) await visit(p, 0, [], walk);
  const files: SourceFile[] = [];
  for (const file of walk.found) {
    try {
      const content = await readBounded(file);
      if (content instanceof Uint8Array) files.push({ file, content });
      else rejectPath(walk, file, content.code, content.reason);
    } catch (error) {
      rejectPath(walk, file, 'unreadable', `cannot read: ${describe(error)}`);
    }
  }
  return { files, rejections: walk.rejections };
}
