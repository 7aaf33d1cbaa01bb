/** Safe handling of the user's files: an output path that is one of the inputs is refused before anything is written. */
import { stat } from 'node:fs/promises';

/** Whether two paths name the same existing file (same device and inode: also through links or `..`). */
export async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** The first of `inputs` that one of `outputs` would overwrite, as [input, output]; undefined when none. */
export async function overwrittenInput(inputs: readonly string[], outputs: readonly string[]): Promise<[string, string] | undefined> {
  for (const input of inputs) for (const output of outputs) if (await sameFile(input, output)) return [input, output];
  return undefined;
}
