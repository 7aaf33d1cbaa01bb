// A snapshot is written as a whole and read against its manifest: a cut, altered or mixed snapshot is refused by every reader, a crashed write leaves the old or the new one.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  indexedTraceSource,
  loadSnapshot,
  loadSnapshotPapers,
  readSnapshotPapers,
  saveSnapshot,
  type KnowledgeGraph,
  type PaperRecord,
  type SnapshotManifest,
} from '../../graph/index.js';
import { ROOT } from '../utils/papers.js';
import { runKg, tempDir } from '../utils/cli.js';
import { seedExtraction, seedGraph } from '../utils/graph.js';

const tmp = tempDir('snapshot-integrity');
afterAll(() => tmp.cleanup());
const good = path.join(tmp.dir, 'good');
const FILES = [
  'graph.json',
  'manifest.json',
  'papers.jsonl',
  'trace-keys.json',
  'trace-names.json',
  'trace-postings.jsonl',
];
let graph: KnowledgeGraph;
let records: PaperRecord[];

beforeAll(async () => {
  graph = seedGraph();
  const { papers, results } = seedExtraction();
  const byId = new Map(results.map((r) => [r.id, r]));
  records = papers.map((p) => ({ ...p, mentions: byId.get(p.id)!.mentions, relations: byId.get(p.id)!.relations }));
  await saveSnapshot(good, graph, records);
});

const manifestOf = (dir: string): SnapshotManifest =>
  JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as SnapshotManifest;

/** A copy of the good snapshot, changed by `change`. */
function copy(name: string, change: (dir: string) => void = () => undefined): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of FILES) copyFileSync(path.join(good, f), path.join(dir, f));
  change(dir);
  return dir;
}

/** Every library reader of a snapshot, each expected to refuse it naming `file`. */
async function expectRefused(dir: string, file: string): Promise<void> {
  const refused = { name: 'InvalidInputError', code: 'KG_SNAPSHOT_CORRUPT', message: expect.stringContaining(file) };
  await expect(loadSnapshot(dir), `loadSnapshot ${dir}`).rejects.toMatchObject(refused);
  await expect(loadSnapshotPapers(dir), `loadSnapshotPapers ${dir}`).rejects.toMatchObject(refused);
  await expect(indexedTraceSource(dir), `indexedTraceSource ${dir}`).rejects.toMatchObject(refused);
}

describe('snapshot integrity', () => {
  it('the manifest records an id and every file with its size, sha256 and lines; the trace tables carry the id', () => {
    const manifest = manifestOf(good);
    expect(manifest.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(manifest.integrity!).sort()).toEqual(FILES.filter((f) => f !== 'manifest.json'));
    for (const [name, check] of Object.entries(manifest.integrity!)) {
      const content = readFileSync(path.join(good, name));
      expect(check, name).toEqual({
        bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        lines: content.toString().split('\n').length - 1,
      });
    }
    expect(manifest.integrity!['papers.jsonl']!.lines).toBe(records.length);
    expect(readFileSync(path.join(good, 'trace-names.json'), 'utf8')).toContain(`"snapshot":"${manifest.id}"`);
    expect(readFileSync(path.join(good, 'trace-keys.json'), 'utf8')).toContain(`"snapshot":"${manifest.id}"`);
  });

  it('papers.jsonl cut at a line boundary is refused by the loaders, the trace index and kg serve, mirror, trace and eval --graph', async () => {
    const dir = copy('cut-papers', (d) => {
      const lines = readFileSync(path.join(d, 'papers.jsonl'), 'utf8').split('\n');
      writeFileSync(path.join(d, 'papers.jsonl'), `${lines.slice(0, 400).join('\n')}\n`);
    });
    await expectRefused(dir, 'papers.jsonl');
    const streamed = async (): Promise<number> => {
      let n = 0;
      for await (const _record of readSnapshotPapers(dir)) n += 1;
      return n;
    };
    await expect(streamed()).rejects.toMatchObject({ code: 'KG_SNAPSHOT_CORRUPT' });
    const commands = [
      ['serve', '--graph', dir, '--port', '0'],
      // Nothing listens on port 1: the snapshot is refused before Neo4j is reached.
      ['mirror', '--graph', dir, '--neo4j', 'bolt://127.0.0.1:1', '--quiet'],
      ['trace', 'graph neural network', '--graph', dir],
      ['eval', '--graph', dir],
    ];
    const results = await Promise.all(commands.map((args) => runKg(args)));
    results.forEach((result, i) => {
      expect(result.code, commands[i]!.join(' ')).toBe(1);
      expect(result.stderr, commands[i]!.join(' ')).toMatch(/papers\.jsonl: .*cut short.*run "kg run" again/);
    });
  });

  it('one altered byte of graph.json (same size) is refused by every reader of graph.json', async () => {
    const dir = copy('altered-graph', (d) => {
      const content = readFileSync(path.join(d, 'graph.json'));
      const at = content.indexOf('"label":"') + 9;
      content[at] = content[at] === 0x61 ? 0x62 : 0x61;
      writeFileSync(path.join(d, 'graph.json'), content);
    });
    await expect(loadSnapshot(dir)).rejects.toMatchObject({
      code: 'KG_SNAPSHOT_CORRUPT',
      message: expect.stringMatching(/graph\.json: its content differs .*sha256/),
    });
    const served = await runKg(['serve', '--graph', dir, '--port', '0']);
    expect(served.code).toBe(1);
    expect(served.stderr).toMatch(/graph\.json: its content differs/);
    // The trace index does not read graph.json, so a trace (which checks sizes and the id, not hashes) still answers.
    expect(await indexedTraceSource(dir)).toBeDefined();
  });

  it('a manifest from another snapshot is refused, by sizes or, for the same content, by the id', async () => {
    const other = path.join(tmp.dir, 'other');
    await saveSnapshot(other, graph, records.slice(0, 100));
    const mixed = copy('other-manifest', (d) =>
      copyFileSync(path.join(other, 'manifest.json'), path.join(d, 'manifest.json')),
    );
    await expectRefused(mixed, 'papers.jsonl');
    // The same graph and papers written again: the same bytes, another id, so the trace tables are not this manifest's.
    const again = path.join(tmp.dir, 'again');
    await saveSnapshot(again, graph, records);
    const twin = copy('twin-manifest', (d) =>
      copyFileSync(path.join(again, 'manifest.json'), path.join(d, 'manifest.json')),
    );
    await expect(indexedTraceSource(twin)).rejects.toMatchObject({
      code: 'KG_SNAPSHOT_CORRUPT',
      message: expect.stringContaining('trace-names.json: written for snapshot'),
    });
  });

  it('a writer killed at any step leaves the old snapshot or the new one, never a mix; the next write removes what it left and keeps the user’s files', async () => {
    // The child writes a 100-paper snapshot over the 504-paper one and kills itself at `step`.
    const script = path.join(tmp.dir, 'writer.mjs');
    const graphIndex = pathToFileURL(path.join(ROOT, 'dist', 'graph', 'index.js')).href;
    writeFileSync(
      script,
      `import { loadSnapshot, loadSnapshotPapers, saveSnapshot } from ${JSON.stringify(graphIndex)};
const [from, to, step] = process.argv.slice(2);
const { graph } = await loadSnapshot(from);
const records = [...(await loadSnapshotPapers(from)).values()];
await saveSnapshot(to, graph, records, { onStep: (s) => { if (s === step) process.kill(process.pid, 'SIGKILL'); } });
`,
    );
    const newer = path.join(tmp.dir, 'newer');
    await saveSnapshot(newer, graph, records.slice(0, 100));
    const steps = [
      'written',
      'committed',
      'moved graph.json',
      'moved papers.jsonl',
      'moved trace-names.json',
      'moved manifest.json',
    ];
    // A dead process's id, for a temporary file as kg before this change left them.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const step of steps) {
      const dir = copy(`killed-${step.replace(' ', '-')}`, (d) => {
        writeFileSync(path.join(d, 'notes.txt'), 'mine');
        writeFileSync(path.join(d, `graph.json.tmp-${dead}`), 'left by an older kg');
        mkdirSync(path.join(d, '.kg-snapshot-00000000-0000-0000-0000-000000000000.partial'));
      });
      const child = spawn(process.execPath, [script, newer, dir, step], { stdio: 'ignore' });
      const signal = await new Promise((resolve) => child.on('exit', (_code, s) => resolve(s)));
      expect(signal, step).toBe('SIGKILL');
      const expected = step === 'written' ? 504 : 100;
      const { manifest } = await loadSnapshot(dir);
      expect(manifest.integrity!['papers.jsonl']!.lines, step).toBe(expected);
      expect((await loadSnapshotPapers(dir)).size, step).toBe(expected);
      expect(await indexedTraceSource(dir), step).toBeDefined();
      await saveSnapshot(dir, graph, records);
      // What kg left is gone; the user's file and a folder without kg's marker are not kg's to remove.
      expect(readdirSync(dir).sort(), step).toEqual([
        '.kg-snapshot-00000000-0000-0000-0000-000000000000.partial',
        ...FILES.slice(0, 2),
        'notes.txt',
        ...FILES.slice(2),
      ]);
      expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
      expect((await loadSnapshotPapers(dir)).size).toBe(504);
      expect(statSync(path.join(dir, 'papers.jsonl')).size).toBe(statSync(path.join(good, 'papers.jsonl')).size);
    }
  }, 60_000);
});
