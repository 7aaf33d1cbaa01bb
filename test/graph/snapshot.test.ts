// Snapshots round-trip, are written whole, and a missing or damaged one is a clear InvalidInputError.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnapshot, loadSnapshotPapers, saveSnapshot } from '../../graph/index.js';
import { tempDir } from '../utils/cli.js';
import { seedExtraction, seedGraph } from '../utils/graph.js';

const tmp = tempDir('snapshot');
afterAll(() => tmp.cleanup());

describe('snapshots', () => {
  it('save and load give back the same graph and papers', async () => {
    const graph = seedGraph();
    const { papers, results } = seedExtraction();
    const byId = new Map(results.map((r) => [r.id, r]));
    const dir = path.join(tmp.dir, 'ok');
    const manifest = await saveSnapshot(dir, graph, papers.map((p) => ({ ...p, mentions: byId.get(p.id)!.mentions, relations: byId.get(p.id)!.relations })));
    expect(readdirSync(dir).sort()).toEqual(['graph.json', 'manifest.json', 'papers.jsonl']);
    expect(manifest.counts).toEqual({ papers: 504, entities: graph.order - 504, edges: graph.size, communities: graph.getAttribute('communities').length });
    const loaded = await loadSnapshot(dir);
    expect(loaded.graph.export()).toEqual(graph.export());
    expect(loaded.manifest).toEqual(manifest);
    const records = await loadSnapshotPapers(dir);
    expect(records.size).toBe(504);
    const first = records.get(papers[0]!.id)!;
    expect(first.abstract).toBe(papers[0]!.abstract);
    expect(first.mentions).toEqual(byId.get(papers[0]!.id)!.mentions);
  });

  it('a missing snapshot is KG_SNAPSHOT_MISSING', async () => {
    await expect(loadSnapshot(path.join(tmp.dir, 'nowhere'))).rejects.toMatchObject({ name: 'InvalidInputError', code: 'KG_SNAPSHOT_MISSING' });
    await expect(loadSnapshotPapers(path.join(tmp.dir, 'nowhere'))).rejects.toMatchObject({ name: 'InvalidInputError', code: 'KG_SNAPSHOT_MISSING' });
  });

  it('a damaged graph.json or papers.jsonl is KG_SNAPSHOT_CORRUPT', async () => {
    const dir = path.join(tmp.dir, 'bad');
    mkdirSync(dir, { recursive: true });
    const good = path.join(tmp.dir, 'ok');
    writeFileSync(path.join(dir, 'manifest.json'), readFileSync(path.join(good, 'manifest.json')));
    writeFileSync(path.join(dir, 'graph.json'), readFileSync(path.join(good, 'graph.json'), 'utf8').slice(0, 1000));
    writeFileSync(path.join(dir, 'papers.jsonl'), '{"id": "a"}\n{"id": \n');
    await expect(loadSnapshot(dir)).rejects.toMatchObject({ name: 'InvalidInputError', code: 'KG_SNAPSHOT_CORRUPT' });
    await expect(loadSnapshotPapers(dir)).rejects.toMatchObject({ name: 'InvalidInputError', code: 'KG_SNAPSHOT_CORRUPT' });
  });
});
