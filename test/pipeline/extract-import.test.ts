// Importing the extractor reads no model: the weights are read by loadModels, which the edge calls (issue 28, item 4).
// A fresh process (the built dist/, as kg runs it) records every file it opens, imports the barrel, then loads the models.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../utils/papers.js';

const MODEL_FILES = [
  'model.json',
  'model-journal.json',
  'domain.json',
  'relations.json',
  'word-classes.json',
  'word-vectors.json',
  'network.json',
];

const SCRIPT = `
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
const opened = [];
for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function (file, ...rest) { opened.push(String(file)); return original.call(this, file, ...rest); };
}
for (const name of ['readFile', 'open']) {
  const original = fs.promises[name];
  fs.promises[name] = function (file, ...rest) { opened.push(String(file)); return original.call(this, file, ...rest); };
}
const extract = await import(pathToFileURL(process.argv[1]).href);
const atImport = [...opened];
const models = extract.loadModels();
const atLoad = [...opened];
models.tagger('abstracts');
console.log(JSON.stringify({ atImport, atLoad, atTagger: [...opened], exports: Object.keys(extract).sort() }));
`;

describe('importing pipeline/extract', () => {
  it('reads no model file; loadModels reads them, a domain tagger on its first use', () => {
    const barrel = path.join(ROOT, 'dist', 'pipeline', 'extract', 'index.js');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, barrel], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { atImport, atLoad, atTagger, exports } = JSON.parse(r.stdout) as {
      atImport: string[];
      atLoad: string[];
      atTagger: string[];
      exports: string[];
    };
    const models = (files: string[]): string[] =>
      files
        .map((f) => path.basename(f))
        .filter((f) => MODEL_FILES.includes(f))
        .sort();
    expect(models(atImport)).toEqual([]);
    // The tracing sees the loader's reads: the router, the pair classifier, the word classes and vectors at once.
    expect(models(atLoad)).toEqual(['domain.json', 'relations.json', 'word-classes.json', 'word-vectors.json']);
    expect(models(atTagger)).toEqual([
      'domain.json',
      'model.json',
      'network.json',
      'relations.json',
      'word-classes.json',
      'word-vectors.json',
    ]);
    // No convenience extract() over a hidden default extractor: callers make one.
    expect(exports).toContain('createExtractor');
    expect(exports).not.toContain('extract');
  });
});
