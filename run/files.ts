/** Safe handling of the user's files: an output that is one of the inputs, or that cannot be written, is refused before any work. */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../pipeline/core/errors.js';

/** Whether two paths name the same existing file (same device and inode: also through links or `..`). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** The first of `inputs` that one of `outputs` would overwrite, as [input, output]; undefined when none. */
export async function overwrittenInput(
  inputs: readonly string[],
  outputs: readonly string[],
): Promise<[string, string] | undefined> {
  for (const input of inputs) for (const output of outputs) if (await sameFile(input, output)) return [input, output];
  return undefined;
}

/**
 * Checks that a snapshot can be written to `dir` before hours of extraction: creates it (with its parents) and writes
 * and removes one small file. An `InvalidInputError` (`KG_OUT_UNWRITABLE`) names the folder and the reason.
 */
export async function checkWritableFolder(dir: string): Promise<void> {
  const probe = path.join(dir, `.kg-write-check-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, 'kg\n');
    await rm(probe, { force: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file stands where the folder would be'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EACCES' || code === 'EROFS' || code === 'EPERM'
            ? 'not writable'
            : (cause as Error).message;
    throw new InvalidInputError(`cannot write the snapshot to ${dir}: ${why}`, { code: 'KG_OUT_UNWRITABLE', cause });
  }
}
