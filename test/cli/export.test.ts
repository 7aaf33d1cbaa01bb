// `kg export` as a user runs it: each format written with a one-line summary, an existing output refused unless
// --force, the snapshot's own files never overwritten, a missing snapshot and a bad format told apart by exit code.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('export');
const snapshot = path.join(tmp.dir, 'snap');

const PAPERS = [
  {
    id: 'p1',
    title: 'Transformers for machine translation',
    abstract:
      'We apply the Transformer to machine translation and report BLEU on WMT14. Attention is all the model uses.',
    date: '2019-01-01',
  },
  {
    id: 'p2',
    title: 'BERT for question answering',
    abstract: 'We fine-tune BERT for question answering on SQuAD and report F1. The Transformer encoder helps.',
    date: '2020-02-02',
  },
  {
    id: 'p3',
    title: 'Reinforcement learning from human feedback',
    abstract:
      'We train language models with reinforcement learning from human feedback (RLHF) and PPO, and evaluate on machine translation.',
    date: '2022-03-03',
  },
];

beforeAll(async () => {
  const corpus = path.join(tmp.dir, 'papers.jsonl');
  writeFileSync(corpus, PAPERS.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const run = await runKg(['run', corpus, '--inline', '--out', snapshot, '--quiet']);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(() => tmp.cleanup());

describe('kg export', () => {
  it('writes GEXF and GraphML files with a one-line summary on stderr', async () => {
    const graph = JSON.parse(readFileSync(path.join(snapshot, 'graph.json'), 'utf8'));
    for (const format of ['gexf', 'graphml']) {
      const out = path.join(tmp.dir, `graph.${format}`);
      const result = await runKg(['export', '--graph', snapshot, '--format', format, '--out', out]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`${graph.nodes.length} nodes and ${graph.edges.length} edges`);
      expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    }
  });

  it('writes the CSV files, the import script and the schema into a folder, and prints the import command', async () => {
    const out = path.join(tmp.dir, 'csv');
    const result = await runKg(['export', '--graph', snapshot, '--format', 'csv', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    for (const name of [
      'papers.csv',
      'entities.csv',
      'communities.csv',
      'kg-mirror.csv',
      'mentions.csv',
      'in_community-papers.csv',
      'schema.cypher',
    ])
      expect(existsSync(path.join(out, name)), name).toBe(true);
    expect(statSync(path.join(out, 'import.sh')).mode & 0o111).not.toBe(0);
    expect(result.stdout).toContain(`sh ${path.join(out, 'import.sh')}`);
    expect(result.stdout).toContain(
      `neo4j-admin database import full neo4j --array-delimiter=';' --bad-tolerance=0 --nodes=${out}/papers.csv`,
    );
  });

  it('refuses an existing output unless --force (exit 2), and then replaces it', async () => {
    const file = path.join(tmp.dir, 'taken.gexf');
    writeFileSync(file, 'mine\n');
    const refused = await runKg(['export', '--graph', snapshot, '--format', 'gexf', '--out', file]);
    expect(refused.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    const forced = await runKg(['export', '--graph', snapshot, '--format', 'gexf', '--out', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('<gexf');

    const folder = path.join(tmp.dir, 'taken-csv');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'notes.txt'), 'mine\n');
    expect((await runKg(['export', '--graph', snapshot, '--format', 'csv', '--out', folder])).code).toBe(2);
    expect(existsSync(path.join(folder, 'papers.csv'))).toBe(false);
    expect((await runKg(['export', '--graph', snapshot, '--format', 'csv', '--out', folder, '--force'])).code).toBe(0);
    expect(existsSync(path.join(folder, 'papers.csv'))).toBe(true);
    expect(readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it("never overwrites the snapshot's own files, even with --force", async () => {
    const target = path.join(snapshot, 'graph.json');
    const before = readFileSync(target, 'utf8');
    const result = await runKg(['export', '--graph', snapshot, '--format', 'graphml', '--out', target, '--force']);
    expect(result.code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe(before);
  });

  it('exits 2 on an unknown or missing format, 1 on a folder without a snapshot', async () => {
    expect(
      (await runKg(['export', '--graph', snapshot, '--format', 'dot', '--out', path.join(tmp.dir, 'x.dot')])).code,
    ).toBe(2);
    expect((await runKg(['export', '--graph', snapshot, '--out', path.join(tmp.dir, 'y.gexf')])).code).toBe(2);
    const missing = await runKg([
      'export',
      '--graph',
      path.join(tmp.dir, 'nothing-here'),
      '--format',
      'gexf',
      '--out',
      path.join(tmp.dir, 'z.gexf'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^kg: /);
    expect(existsSync(path.join(tmp.dir, 'z.gexf'))).toBe(false);
  });
});
