// Snapshots round-trip, are written whole, and a missing or damaged one is an InvalidInputError with a stable code.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKnowledgeGraph,
  loadSnapshot,
  loadSnapshotPapers,
  saveSnapshot,
  SNAPSHOT_FORMAT,
  type KnowledgeGraph,
  type PaperRecord,
} from '../../graph/index.js';
import { tempDir } from '../utils/cli.js';
import { seedExtraction, seedGraph } from '../utils/graph.js';

const tmp = tempDir('snapshot');
afterAll(() => tmp.cleanup());
const good = path.join(tmp.dir, 'ok');
let graph: KnowledgeGraph;
let records: PaperRecord[];
/** Every file of a snapshot folder (the trace index is tested in trace-index.test.ts). */
const FILES = [
  'graph.json',
  'manifest.json',
  'papers.jsonl',
  'trace-keys.json',
  'trace-names.json',
  'trace-postings.jsonl',
];

beforeAll(async () => {
  graph = seedGraph();
  const { papers, results } = seedExtraction();
  const byId = new Map(results.map((r) => [r.id, r]));
  records = papers.map((p) => ({ ...p, mentions: byId.get(p.id)!.mentions, relations: byId.get(p.id)!.relations }));
  await saveSnapshot(good, graph, [...records].reverse());
});

/** A copy of the good snapshot with one file replaced (or removed, with `null`). */
function damaged(name: string, file: string, content: string | null): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(good)) writeFileSync(path.join(dir, f), readFileSync(path.join(good, f)));
  if (content === null) writeFileSync(path.join(dir, file), '');
  else writeFileSync(path.join(dir, file), content);
  return dir;
}

/** Makes a snapshot's manifest look like one of a kg before the manifest checked files (no id, no integrity), so the parsers' own checks are what is tested. */
function unchecked(dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  delete manifest.id;
  delete manifest.integrity;
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('snapshots', () => {
  it('save and load give back the same graph, manifest and papers', async () => {
    expect(readdirSync(good).sort()).toEqual(FILES);
    const loaded = await loadSnapshot(good);
    expect(loaded.graph.export()).toEqual(graph.export());
    expect(JSON.parse(readFileSync(path.join(good, 'graph.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(graph.export())),
    );
    expect(loaded.manifest).toMatchObject({
      format: SNAPSHOT_FORMAT,
      createdAt: '2026-01-01T00:00:00.000Z',
      counts: { papers: 504, entities: graph.order - 504, edges: graph.size },
    });
    expect(loaded.manifest.counts.communities).toBe(graph.getAttribute('communities').length);
    const lines = readFileSync(path.join(good, 'papers.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(504);
    const ids = lines.map((l) => (JSON.parse(l) as PaperRecord).id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const papers = await loadSnapshotPapers(good);
    expect(papers.size).toBe(504);
    for (const record of records.slice(0, 20))
      expect(papers.get(record.id)).toEqual(JSON.parse(JSON.stringify(record)));
  });

  it('a missing snapshot is KG_SNAPSHOT_MISSING', async () => {
    const nowhere = path.join(tmp.dir, 'nowhere');
    await expect(loadSnapshot(nowhere)).rejects.toMatchObject({
      name: 'InvalidInputError',
      code: 'KG_SNAPSHOT_MISSING',
    });
    await expect(loadSnapshotPapers(nowhere)).rejects.toMatchObject({
      name: 'InvalidInputError',
      code: 'KG_SNAPSHOT_MISSING',
    });
  });

  it('a damaged file is KG_SNAPSHOT_CORRUPT', async () => {
    const graphJson = readFileSync(path.join(good, 'graph.json'), 'utf8');
    const cases = [
      damaged('truncated', 'graph.json', graphJson.slice(0, 1000)),
      damaged('empty', 'graph.json', null),
      damaged('not-graph', 'graph.json', '{"nodes": 3}'),
      damaged('manifest', 'manifest.json', '{"format": "something else"}'),
      damaged('counts', 'graph.json', JSON.stringify({ ...JSON.parse(graphJson), edges: [] })),
    ];
    // Checked against the manifest (sizes), and with its checks gone (a snapshot of an older kg) by the parser itself.
    for (const dir of cases)
      await expect(loadSnapshot(dir), dir).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
      });
    for (const dir of cases.slice(0, 3).concat(cases.slice(4)))
      await expect(loadSnapshot(unchecked(dir)), dir).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
      });
    for (const content of ['{"id": "a", "mentions": []}\n{"id": \n', '[1, 2]\n']) {
      const dir = damaged('papers', 'papers.jsonl', content);
      await expect(loadSnapshotPapers(dir)).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
      });
      await expect(loadSnapshotPapers(unchecked(dir))).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
      });
    }
  });

  it('graph.json holds one element per line, which the loader reads a line at a time', async () => {
    const lines = readFileSync(path.join(good, 'graph.json'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + graph.order + 1 + graph.size + 1);
    expect(lines[0]).toMatch(/^\{"options":.*"nodes":\[$/);
    expect(lines[graph.order + 1]).toBe('],"edges":[');
    expect(lines.at(-1)).toBe(']}');
    // A damaged element is reported with its line, and so is a file that stops before the edges end.
    const bad = [...lines];
    bad[5] = '{"key": "broken",';
    const dir = unchecked(damaged('bad-line', 'graph.json', `${bad.join('\n')}\n`));
    await expect(loadSnapshot(dir)).rejects.toMatchObject({
      code: 'KG_SNAPSHOT_CORRUPT',
      message: expect.stringContaining(`graph.json:6: not valid JSON (a node)`),
    });
    const cut = unchecked(damaged('cut', 'graph.json', `${lines.slice(0, graph.order + 10).join('\n')}\n`));
    await expect(loadSnapshot(cut)).rejects.toMatchObject({
      code: 'KG_SNAPSHOT_CORRUPT',
      message: expect.stringContaining('ends early, in the edges'),
    });
  });

  it('an empty graph round-trips through the line-at-a-time reader', async () => {
    const empty = createKnowledgeGraph();
    empty.setAttribute('communities', []);
    const dir = path.join(tmp.dir, 'empty');
    await saveSnapshot(dir, empty, []);
    expect(readFileSync(path.join(dir, 'graph.json'), 'utf8').split('\n')).toHaveLength(4);
    const loaded = await loadSnapshot(dir);
    expect(loaded.graph.order).toBe(0);
    expect(loaded.graph.export()).toEqual(empty.export());
  });

  it('a graph.json in one piece (older snapshots, other tools) still loads', async () => {
    const dir = unchecked(damaged('one-piece', 'graph.json', JSON.stringify(graph.export())));
    expect((await loadSnapshot(dir)).graph.export()).toEqual(graph.export());
  });

  it('overwrites an older snapshot and leaves no temporary files', async () => {
    const dir = path.join(tmp.dir, 'twice');
    await saveSnapshot(dir, graph, records);
    await saveSnapshot(dir, graph, records.slice(0, 3));
    expect(readdirSync(dir).sort()).toEqual(FILES);
    expect((await loadSnapshotPapers(dir)).size).toBe(3);
  });
});
