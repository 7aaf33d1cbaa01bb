/** Snapshots on disk: graph.json (graphology export), papers.jsonl (abstracts with mention spans) and manifest.json, written atomically. */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidInputError } from '../pipeline/errors.js';
import type { Mention, Paper, Relation } from '../pipeline/types.js';
import { createKnowledgeGraph } from './build.js';
import type { KnowledgeGraph } from './types.js';

/** A paper as papers.jsonl stores it: the record plus its extraction (offsets into `title + "\n" + abstract`). */
export type PaperRecord = Paper & { mentions: Mention[]; relations: Relation[] };

/** Format tag of the manifest. */
export const SNAPSHOT_FORMAT = 'kg-snapshot/1';

/** manifest.json: what a snapshot holds and which build made it. */
export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  createdAt: string;
  versions: { kg: string; extractor: string };
  counts: { papers: number; entities: number; edges: number; communities: number };
  files: { graph: string; papers: string };
}

const GRAPH_FILE = 'graph.json';
const PAPERS_FILE = 'papers.jsonl';
const MANIFEST_FILE = 'manifest.json';

/** Writes the three files to temporary names, then renames them, so a reader never sees half a snapshot file. */
export async function saveSnapshot(dir: string, graph: KnowledgeGraph, papers: readonly PaperRecord[]): Promise<SnapshotManifest> {
  await mkdir(dir, { recursive: true });
  const attributes = graph.getAttributes();
  const sorted = [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    createdAt: attributes.createdAt,
    versions: attributes.versions,
    counts: { papers: attributes.papers, entities: attributes.entities, edges: graph.size, communities: attributes.communities.length },
    files: { graph: GRAPH_FILE, papers: PAPERS_FILE },
  };
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  const parts: [string, string][] = [
    [GRAPH_FILE, JSON.stringify(graph.export())],
    [PAPERS_FILE, sorted.map((p) => JSON.stringify(p)).join('\n') + (sorted.length > 0 ? '\n' : '')],
    [MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`],
  ];
  try {
    for (const [name, content] of parts) await writeFile(path.join(dir, `${name}${tmp}`), content);
    // The manifest last: its presence says the rest is complete.
    for (const [name] of parts) await rename(path.join(dir, `${name}${tmp}`), path.join(dir, name));
  } catch (error) {
    await Promise.all(parts.map(([name]) => rm(path.join(dir, `${name}${tmp}`), { force: true })));
    throw error;
  }
  return manifest;
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InvalidInputError(missing ? `no snapshot at ${path.dirname(file)}: ${path.basename(file)} not found (run "kg run" first)` : `cannot read ${file}`, {
      code: missing ? 'KG_SNAPSHOT_MISSING' : 'KG_SNAPSHOT_UNREADABLE',
      cause,
    });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidInputError(`${file}: not valid JSON (${what} is damaged; run "kg run" again)`, { code: 'KG_SNAPSHOT_CORRUPT', cause });
  }
}

/** Loads graph.json and manifest.json; a missing or damaged snapshot is an InvalidInputError naming the file. */
export async function loadSnapshot(dir: string): Promise<{ graph: KnowledgeGraph; manifest: SnapshotManifest }> {
  const manifest = (await readJson(path.join(dir, MANIFEST_FILE), 'the manifest')) as SnapshotManifest;
  if (manifest?.format !== SNAPSHOT_FORMAT) {
    throw new InvalidInputError(`${path.join(dir, MANIFEST_FILE)}: not a ${SNAPSHOT_FORMAT} manifest`, { code: 'KG_SNAPSHOT_CORRUPT' });
  }
  const data = await readJson(path.join(dir, GRAPH_FILE), 'the graph');
  const graph = createKnowledgeGraph();
  try {
    graph.import(data as Parameters<KnowledgeGraph['import']>[0]);
  } catch (cause) {
    throw new InvalidInputError(`${path.join(dir, GRAPH_FILE)}: not a graphology export`, { code: 'KG_SNAPSHOT_CORRUPT', cause });
  }
  return { graph, manifest };
}

/** Reads papers.jsonl into a map by paper id. */
export async function loadSnapshotPapers(dir: string): Promise<Map<string, PaperRecord>> {
  const file = path.join(dir, PAPERS_FILE);
  const papers = new Map<string, PaperRecord>();
  const stream = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (cause) {
    throw new InvalidInputError(`no snapshot at ${dir}: ${PAPERS_FILE} not found (run "kg run" first)`, { code: 'KG_SNAPSHOT_MISSING', cause });
  }
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      const record = JSON.parse(text) as PaperRecord;
      papers.set(record.id, record);
    } catch (cause) {
      throw new InvalidInputError(`${file}:${line}: not valid JSON (the snapshot is damaged; run "kg run" again)`, { code: 'KG_SNAPSHOT_CORRUPT', cause });
    }
  }
  return papers;
}
