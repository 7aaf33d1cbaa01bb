/** Snapshots on disk: graph.json (graphology export), papers.jsonl (abstracts with mention spans) and manifest.json, written atomically. */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { InvalidInputError } from '../pipeline/errors.js';
import type { Mention, Paper, Relation } from '../pipeline/types.js';
import { compareKeys, createKnowledgeGraph } from './build.js';
import type { GraphAttributes, KnowledgeGraph } from './types.js';

/** A paper as papers.jsonl stores it: the record plus its extraction (offsets into `title + "\n" + abstract`). */
export type PaperRecord = Paper & { mentions: Mention[]; relations: Relation[] };

/** Format tag of the manifest. */
export const SNAPSHOT_FORMAT = 'kg-snapshot/1';

/** The file names of a snapshot folder. */
export const SNAPSHOT_FILES = { graph: 'graph.json', papers: 'papers.jsonl', manifest: 'manifest.json' } as const;

/** manifest.json: what a snapshot holds and which build made it. */
export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  createdAt: string;
  versions: GraphAttributes['versions'];
  counts: { papers: number; entities: number; edges: number; communities: number };
  files: { graph: string; papers: string };
}

/** Writes lines to a file through a stream: graph.json of a big corpus is larger than one string may be. */
/**
 * Characters gathered before each write: by size, not by line count, since a line of papers.jsonl can be long. Small
 * chunks die young in V8's heap instead of piling up in old space until a full collection; the snapshot write is
 * where `kg run`'s peak memory falls on a large corpus.
 */
const WRITE_CHUNK = 65_536;
async function writeLines(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
  failed.catch(() => undefined); // handled by the races below; this only keeps it from counting as unhandled
  let buffer: string[] = [];
  let size = 0;
  for (const line of lines) {
    buffer.push(line);
    size += line.length;
    if (size >= WRITE_CHUNK) {
      if (!out.write(buffer.join(''))) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
      buffer = [];
      size = 0;
    }
  }
  out.end(buffer.join(''));
  await Promise.race([finished(out), failed]);
}

/**
 * `graph.export()` serialised piece by piece, straight from the graph: parses to the same value as
 * `JSON.stringify(graph.export())`, without export's copy of every attribute object (seconds on a big corpus).
 */
function* exportJson(graph: KnowledgeGraph): Generator<string> {
  const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
  yield `{"options":${JSON.stringify(options)},"attributes":${JSON.stringify(graph.getAttributes())},"nodes":[`;
  let first = true;
  for (const { node, attributes } of graph.nodeEntries()) {
    yield `${first ? '' : ','}{"key":${JSON.stringify(node)},"attributes":${JSON.stringify(attributes)}}`;
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for (const { edge, attributes, source, target, undirected } of graph.edgeEntries()) {
    const tail = undirected && graph.type === 'mixed' ? ',"undirected":true}' : '}';
    yield `${first ? '' : ','}{"key":${JSON.stringify(edge)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)},"attributes":${JSON.stringify(attributes)}${tail}`;
    first = false;
  }
  yield ']}\n';
}

function* jsonLines(records: readonly unknown[]): Generator<string> {
  for (const record of records) yield `${JSON.stringify(record)}\n`;
}

/**
 * Saves a snapshot: each file goes to a temporary name in `dir` and is renamed into place, the manifest last, so a
 * reader never sees half a file and a manifest always describes complete files. Papers are sorted by id.
 */
export async function saveSnapshot(dir: string, graph: KnowledgeGraph, records: readonly PaperRecord[]): Promise<SnapshotManifest> {
  await mkdir(dir, { recursive: true });
  const attributes = graph.getAttributes();
  let papers = 0;
  graph.forEachNode((_node, node) => {
    if (node.kind === 'paper') papers += 1;
  });
  const sorted = [...records].sort((a, b) => compareKeys(a.id, b.id));
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    createdAt: attributes.createdAt ?? '',
    versions: attributes.versions ?? { kg: 'unknown', extractor: 'unknown' },
    counts: { papers, entities: graph.order - papers, edges: graph.size, communities: attributes.communities?.length ?? 0 },
    files: { graph: SNAPSHOT_FILES.graph, papers: SNAPSHOT_FILES.papers },
  };
  const suffix = `.tmp-${process.pid}`;
  const parts: [string, Iterable<string>][] = [
    [SNAPSHOT_FILES.graph, exportJson(graph)],
    [SNAPSHOT_FILES.papers, jsonLines(sorted)],
    [SNAPSHOT_FILES.manifest, [`${JSON.stringify(manifest, null, 2)}\n`]],
  ];
  try {
    for (const [name, lines] of parts) await writeLines(path.join(dir, name + suffix), lines);
    for (const [name] of parts) await rename(path.join(dir, name + suffix), path.join(dir, name));
  } catch (error) {
    await Promise.all(parts.map(([name]) => rm(path.join(dir, name + suffix), { force: true })));
    throw error;
  }
  return manifest;
}

const missing = (dir: string, name: string, cause: unknown): InvalidInputError =>
  new InvalidInputError(`no snapshot in ${dir}: ${name} not found (run "kg run" first)`, { code: 'KG_SNAPSHOT_MISSING', cause });
const corrupt = (file: string, what: string, cause?: unknown): InvalidInputError =>
  new InvalidInputError(`${file}: ${what} (the snapshot is damaged; run "kg run" again)`, { code: 'KG_SNAPSHOT_CORRUPT', cause });

async function readJson(dir: string, name: string): Promise<unknown> {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw missing(dir, name, cause);
    throw new InvalidInputError(`cannot read ${file}: ${(cause as Error).message}`, { code: 'KG_SNAPSHOT_UNREADABLE', cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw corrupt(file, 'not valid JSON', cause);
  }
}

/** Loads graph.json and manifest.json; a missing or damaged snapshot is an InvalidInputError naming the file. */
export async function loadSnapshot(dir: string): Promise<{ graph: KnowledgeGraph; manifest: SnapshotManifest }> {
  const manifest = (await readJson(dir, SNAPSHOT_FILES.manifest)) as SnapshotManifest | null;
  const manifestFile = path.join(dir, SNAPSHOT_FILES.manifest);
  if (manifest?.format !== SNAPSHOT_FORMAT) throw corrupt(manifestFile, `not a ${SNAPSHOT_FORMAT} manifest`);
  const data = await readJson(dir, SNAPSHOT_FILES.graph);
  const graph = createKnowledgeGraph();
  try {
    graph.import(data as Parameters<KnowledgeGraph['import']>[0]);
  } catch (cause) {
    throw corrupt(path.join(dir, SNAPSHOT_FILES.graph), 'not a graphology export of a kg graph', cause);
  }
  const { papers, entities, edges } = manifest.counts ?? {};
  if (graph.order !== (papers ?? 0) + (entities ?? 0) || graph.size !== edges) {
    throw corrupt(path.join(dir, SNAPSHOT_FILES.graph), `${graph.order} nodes and ${graph.size} edges, the manifest says ${(papers ?? 0) + (entities ?? 0)} and ${edges}`);
  }
  return { graph, manifest };
}

/** Reads papers.jsonl into a map by paper id (in file order, which is id order). */
export async function loadSnapshotPapers(dir: string): Promise<Map<string, PaperRecord>> {
  const file = path.join(dir, SNAPSHOT_FILES.papers);
  const stream = createReadStream(file);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw missing(dir, SNAPSHOT_FILES.papers, cause);
    throw new InvalidInputError(`cannot read ${file}: ${(cause as Error).message}`, { code: 'KG_SNAPSHOT_UNREADABLE', cause });
  }
  const papers = new Map<string, PaperRecord>();
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    let record: PaperRecord;
    try {
      record = JSON.parse(text) as PaperRecord;
    } catch (cause) {
      throw corrupt(`${file}:${line}`, 'not valid JSON', cause);
    }
    if (typeof record?.id !== 'string' || !Array.isArray(record.mentions)) throw corrupt(`${file}:${line}`, 'not a paper record (needs "id" and "mentions")');
    papers.set(record.id, record);
  }
  return papers;
}
