// Safe handling of the user's files: an output that is one of the inputs is refused (exit 2) before anything is
// written, so the input stays as it was (issue "nothing leaks, nothing mixes", output over input).
import { linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('overwrite');
afterAll(() => tmp.cleanup());
const record = `${JSON.stringify({ id: 'a', title: 'BERT for tagging', abstract: 'We fine-tune BERT for part-of-speech tagging.' })}\n`;

describe('an output over an input', () => {
  it('kg extract --in F --out F: usage error, F untouched', async () => {
    const file = path.join(tmp.dir, 'in.jsonl');
    writeFileSync(file, record);
    const r = await runKg(['extract', '--in', file, '--out', file]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(record);
  });

  it('kg extract through a hard link to the input: usage error, input untouched', async () => {
    const file = path.join(tmp.dir, 'linked.jsonl');
    writeFileSync(file, record);
    linkSync(file, path.join(tmp.dir, 'other-name.jsonl'));
    const r = await runKg(['extract', '--in', file, '--out', path.join(tmp.dir, 'other-name.jsonl')]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(record);
  });

  it('kg run corpus/ --out corpus/ with a papers.jsonl of the user: usage error naming it, the file untouched', async () => {
    const corpus = path.join(tmp.dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'papers.jsonl'), record);
    const r = await runKg(['run', corpus, '--inline', '--quiet', '--out', corpus]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(corpus, 'papers.jsonl'));
    expect(readFileSync(path.join(corpus, 'papers.jsonl'), 'utf8')).toBe(record);
  });

  it('kg run corpus/ --out elsewhere still builds', async () => {
    const corpus = path.join(tmp.dir, 'corpus2');
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'papers.jsonl'), record);
    const r = await runKg(['run', corpus, '--inline', '--quiet', '--out', path.join(tmp.dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(corpus, 'papers.jsonl'), 'utf8')).toBe(record);
  });
});

describe('an --out that cannot be written', () => {
  it.each<[string, (dir: string) => string]>([
    [
      'a file where the folder would be',
      (dir) => {
        writeFileSync(path.join(dir, 'a-file'), 'x');
        return path.join(dir, 'a-file');
      },
    ],
    [
      'a folder under a file',
      (dir) => {
        writeFileSync(path.join(dir, 'b-file'), 'x');
        return path.join(dir, 'b-file', 'out');
      },
    ],
  ])('is found before extraction (%s): exit 1 naming the folder, nothing extracted', async (_why, make) => {
    const out = make(tmp.dir);
    const corpus = path.join(tmp.dir, `corpus-${path.basename(out)}`);
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'papers.jsonl'), record);
    const r = await runKg(['run', corpus, '--inline', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(out);
    expect(r.stderr).not.toMatch(/^extract:/m);
  });
});
