/** Snapshots on disk: graph.json (graphology export), papers.jsonl (abstracts with mention spans), the trace index and manifest.json, written atomically. */
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { InvalidInputError } from '../pipeline/errors.js';
import type { Mention, Paper, Relation } from '../pipeline/types.js';
import { compareKeys, createKnowledgeGraph } from './build.js';
import { keyLines, nameLines, paperLines, postingsLines, TRACE_INDEX_FILES, traceIndexState } from './trace-index-write.js';
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
  /** The trace index's files (`traceNames`, `traceKeys`, `tracePostings`) are missing from snapshots made before it existed. */
  files: { graph: string; papers: string; traceNames?: string; traceKeys?: string; tracePostings?: string };
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

/** The line that opens graph.json's node list, and the one between nodes and edges (see {@link exportJson}). */
const NODES_OPEN = '"nodes":[';
const EDGES_OPEN = '],"edges":[';
const GRAPH_CLOSE = ']}';

/**
 * `graph.export()` serialised piece by piece, straight from the graph: parses to the same value as
 * `JSON.stringify(graph.export())`, without export's copy of every attribute object (seconds on a big corpus). One
 * element per line (still plain JSON): the options and graph attributes on the first line, then each node, the line
 * `],"edges":[`, each edge and `]}`, so {@link loadSnapshot} can read it a line at a time. A graph.json in one
 * string stops at V8's longest string, 512 MiB, about 80,000 ACL-like papers.
 */
function* exportJson(graph: KnowledgeGraph): Generator<string> {
  const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
  yield `{"options":${JSON.stringify(options)},"attributes":${JSON.stringify(graph.getAttributes())},${NODES_OPEN}\n`;
  let first = true;
  for (const { node, attributes } of graph.nodeEntries()) {
    yield `${first ? '' : ','}{"key":${JSON.stringify(node)},"attributes":${JSON.stringify(attributes)}}\n`;
    first = false;
  }
  yield `${EDGES_OPEN}\n`;
  first = true;
  for (const { edge, attributes, source, target, undirected } of graph.edgeEntries()) {
    const tail = undirected && graph.type === 'mixed' ? ',"undirected":true}' : '}';
    yield `${first ? '' : ','}{"key":${JSON.stringify(edge)},"source":${JSON.stringify(source)},"target":${JSON.stringify(target)},"attributes":${JSON.stringify(attributes)}${tail}\n`;
    first = false;
  }
  yield `${GRAPH_CLOSE}\n`;
}

/**
 * Saves a snapshot: each file goes to a temporary name in `dir` and is renamed into place, the manifest last, so a
 * reader never sees half a file and a manifest always describes complete files. Papers are sorted by id. The trace
 * index is written after papers.jsonl, whose byte offsets it records (see trace-index-write.ts).
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
    files: { graph: SNAPSHOT_FILES.graph, papers: SNAPSHOT_FILES.papers, traceNames: TRACE_INDEX_FILES.names, traceKeys: TRACE_INDEX_FILES.keys, tracePostings: TRACE_INDEX_FILES.postings },
  };
  const suffix = `.tmp-${process.pid}`;
  const index = traceIndexState();
  // Generators, run one after another in this order: each index part reads what the one before it recorded.
  const parts: [string, Iterable<string>][] = [
    [SNAPSHOT_FILES.graph, exportJson(graph)],
    [SNAPSHOT_FILES.papers, paperLines(sorted, index)],
    [TRACE_INDEX_FILES.postings, postingsLines(graph, index)],
    [TRACE_INDEX_FILES.keys, keyLines(graph, index)],
    [TRACE_INDEX_FILES.names, nameLines(graph, index)],
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
/** The error for a damaged snapshot file (KG_SNAPSHOT_CORRUPT), naming it. */
export const corrupt = (file: string, what: string, cause?: unknown): InvalidInputError =>
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

/** Reads manifest.json; a missing or damaged one is an InvalidInputError naming the file. */
export async function loadManifest(dir: string): Promise<SnapshotManifest> {
  const manifest = (await readJson(dir, SNAPSHOT_FILES.manifest)) as SnapshotManifest | null;
  if (manifest?.format !== SNAPSHOT_FORMAT) throw corrupt(path.join(dir, SNAPSHOT_FILES.manifest), `not a ${SNAPSHOT_FORMAT} manifest`);
  return manifest;
}

/** Loads graph.json and manifest.json; a missing or damaged snapshot is an InvalidInputError naming the file. */
export async function loadSnapshot(dir: string): Promise<{ graph: KnowledgeGraph; manifest: SnapshotManifest }> {
  const manifest = await loadManifest(dir);
  const file = path.join(dir, SNAPSHOT_FILES.graph);
  const graph = (await linedGraph(dir)) ?? (await wholeGraph(dir));
  const { papers, entities, edges } = manifest.counts ?? {};
  if (graph.order !== (papers ?? 0) + (entities ?? 0) || graph.size !== edges) {
    throw corrupt(file, `${graph.order} nodes and ${graph.size} edges, the manifest says ${(papers ?? 0) + (entities ?? 0)} and ${edges}`);
  }
  return { graph, manifest };
}

/** graph.json in one piece (a file from before one element per line, or written by another tool). */
async function wholeGraph(dir: string): Promise<KnowledgeGraph> {
  const data = await readJson(dir, SNAPSHOT_FILES.graph);
  const graph = createKnowledgeGraph();
  try {
    graph.import(data as Parameters<KnowledgeGraph['import']>[0]);
  } catch (cause) {
    throw corrupt(path.join(dir, SNAPSHOT_FILES.graph), 'not a graphology export of a kg graph', cause);
  }
  return graph;
}

/** Elements imported at once while reading graph.json a line at a time. */
const IMPORT_BATCH = 10_000;
/** The longest first line (options and graph attributes, communities with their terms) looked for in graph.json. */
const HEAD_LIMIT = 16 * 1024 * 1024;

/** A snapshot file opened for reading (UTF-8); a missing one is KG_SNAPSHOT_MISSING. */
async function openSnapshotFile(dir: string, name: string): Promise<ReadStream> {
  const file = path.join(dir, name);
  const stream = createReadStream(file, { encoding: 'utf8' });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw missing(dir, name, cause);
    throw new InvalidInputError(`cannot read ${file}: ${(cause as Error).message}`, { code: 'KG_SNAPSHOT_UNREADABLE', cause });
  }
  return stream;
}

/**
 * graph.json as {@link exportJson} writes it, read a line at a time, so neither the file nor its whole parse is ever
 * held at once; undefined when the file does not start that way (an older snapshot: {@link wholeGraph} reads it).
 * A damaged line is an error naming the file and line.
 */
async function linedGraph(dir: string): Promise<KnowledgeGraph | undefined> {
  const file = path.join(dir, SNAPSHOT_FILES.graph);
  const stream = await openSnapshotFile(dir, SNAPSHOT_FILES.graph);
  // The first line decides: an older graph.json is one line, which must not be gathered here in full.
  const head = await firstLine(file, HEAD_LIMIT);
  if (head === undefined || !head.endsWith(NODES_OPEN)) {
    stream.destroy();
    return undefined;
  }
  const graph = createKnowledgeGraph();
  // A part of an export: graphology's import takes any of its fields.
  type Data = Partial<ReturnType<KnowledgeGraph['export']>>;
  let section: 'head' | 'nodes' | 'edges' | 'end' = 'head';
  let batch: unknown[] = [];
  let line = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const data = (section === 'nodes' ? { nodes: batch } : { edges: batch }) as Data;
    batch = [];
    try {
      graph.import(data);
    } catch (cause) {
      throw corrupt(`${file}:${line}`, 'not a graphology export of a kg graph', cause);
    }
  };
  const parse = (text: string, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw corrupt(`${file}:${line}`, `not valid JSON (${what})`, cause);
    }
  };
  try {
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line += 1;
      if (section === 'head') {
        const data = parse(`${text}${GRAPH_CLOSE}`, 'the options and attributes') as { options?: unknown; attributes?: unknown };
        try {
          graph.import({ attributes: data.attributes ?? {} } as Data);
        } catch (cause) {
          throw corrupt(`${file}:${line}`, 'not a graphology export of a kg graph', cause);
        }
        section = 'nodes';
      } else if (section === 'nodes' && text === EDGES_OPEN) {
        flush();
        section = 'edges';
      } else if (section === 'edges' && text === GRAPH_CLOSE) {
        flush();
        section = 'end';
      } else if (section === 'end') {
        if (text.trim() !== '') throw corrupt(`${file}:${line}`, 'text after the end of the graph');
      } else {
        batch.push(parse(text.startsWith(',') ? text.slice(1) : text, section === 'nodes' ? 'a node' : 'an edge'));
        if (batch.length >= IMPORT_BATCH) flush();
      }
    }
  } finally {
    stream.destroy();
  }
  if (section !== 'end') throw corrupt(file, `ends early, in the ${section === 'head' ? 'first line' : section}`);
  return graph;
}

/** The file's first line, if it ends within `limit` characters. */
async function firstLine(file: string, limit: number): Promise<string | undefined> {
  const stream = createReadStream(file, { encoding: 'utf8', end: limit * 4 });
  let text = '';
  try {
    for await (const chunk of stream) {
      text += chunk as string;
      const nl = text.indexOf('\n');
      if (nl >= 0) return text.slice(0, nl);
      if (text.length > limit) return undefined;
    }
  } finally {
    stream.destroy();
  }
  return undefined;
}

/**
 * The records of papers.jsonl one at a time, in file order (id order), so a large snapshot is never held at once; a
 * missing file is KG_SNAPSHOT_MISSING, a damaged line KG_SNAPSHOT_CORRUPT naming the file and line.
 */
export async function* readSnapshotPapers(dir: string): AsyncGenerator<PaperRecord> {
  const file = path.join(dir, SNAPSHOT_FILES.papers);
  const stream = await openSnapshotFile(dir, SNAPSHOT_FILES.papers);
  let line = 0;
  try {
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
      yield record;
    }
  } finally {
    stream.destroy();
  }
}

/** Reads papers.jsonl into a map by paper id (in file order, which is id order). */
export async function loadSnapshotPapers(dir: string): Promise<Map<string, PaperRecord>> {
  const papers = new Map<string, PaperRecord>();
  for await (const record of readSnapshotPapers(dir)) papers.set(record.id, record);
  return papers;
}
