/** Where the shipped tagger weights live, and loading them once per process (or thread). */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tagger, type TaggerFile } from './perceptron.js';

/** The weights file's name, beside this module in the source tree (`npm run train` writes it). */
export const MODEL_FILE_NAME = 'model.json';

/**
 * The shipped weights: `pipeline/extract/tagger/model.json`. From the compiled `dist/pipeline/extract/tagger/` the
 * source tree is four levels up; from the TypeScript sources (tests) it is this folder.
 */
export function modelPath(): string {
  const candidates = [new URL(`./${MODEL_FILE_NAME}`, import.meta.url), new URL(`../../../../pipeline/extract/tagger/${MODEL_FILE_NAME}`, import.meta.url)];
  for (const url of candidates) {
    const file = fileURLToPath(url);
    if (fs.existsSync(file)) return file;
  }
  return fileURLToPath(candidates[candidates.length - 1] as URL);
}

let loaded: Tagger | undefined;

/** The shipped tagger, read on first use. Throws when the file is missing or unreadable (a broken install). */
export function defaultTagger(): Tagger {
  if (loaded === undefined) {
    const file = modelPath();
    let parsed: TaggerFile;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as TaggerFile;
    } catch (cause) {
      throw new Error(`cannot load the extractor's tagger weights from ${file} (run \`npm run train\` to rebuild them)`, { cause });
    }
    loaded = new Tagger(parsed);
  }
  return loaded;
}
