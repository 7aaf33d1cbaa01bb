/** Finds and reads the input files of `kg run`: files and folders (recursively), in a stable order; unreadable ones become rejections. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestRejection, SourceFile } from '../pipeline/ingest/index.js';

/** Files read, and the paths that could not be. */
export interface ReadSources {
  files: SourceFile[];
  rejections: IngestRejection[];
}

/** Names skipped while walking a folder: hidden files and folders, and editor backups. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~');
}

async function walk(target: string, out: string[], rejections: IngestRejection[]): Promise<void> {
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    rejections.push({ file: target, reason: `cannot read: ${describe(error)}`, code: 'unsupported-type' });
    return;
  }
  if (info.isFile()) {
    out.push(target);
    return;
  }
  if (!info.isDirectory()) {
    rejections.push({ file: target, reason: 'not a regular file or folder', code: 'unsupported-type' });
    return;
  }
  let entries;
  try {
    entries = await readdir(target, { withFileTypes: true });
  } catch (error) {
    rejections.push({ file: target, reason: `cannot read folder: ${describe(error)}`, code: 'unsupported-type' });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    await walk(path.join(target, entry.name), out, rejections);
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

/** Reads every file under the given paths (each once, in sorted order within folders). */
export async function readSources(paths: readonly string[]): Promise<ReadSources> {
  const found: string[] = [];
  const rejections: IngestRejection[] = [];
  for (const p of paths) await walk(p, found, rejections);
  const files: SourceFile[] = [];
  const seen = new Set<string>();
  for (const file of found) {
    const resolved = path.resolve(file);
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    try {
      files.push({ file, content: await readFile(file) });
    } catch (error) {
      rejections.push({ file, reason: `cannot read: ${describe(error)}`, code: 'unsupported-type' });
    }
  }
  return { files, rejections };
}
