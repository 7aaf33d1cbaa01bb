/** Snapshots on disk: graph.json (graphology export), papers.jsonl (abstracts with mention spans), the trace index and manifest.json, written as a whole and checked on reading. */
import { createReadStream, type ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { InvalidInputError } from '../pipeline/core/errors.js';
import type { Mention, Paper, Relation, ReportedResult } from '../pipeline/core/types.js';
import { compareKeys, createKnowledgeGraph } from './build.js';
import {
  keyLines,
  nameLines,
  paperLines,
  postingsLines,
  TRACE_INDEX_FILES,
  traceIndexState,
} from './trace-index-write.js';
import {
  beginSnapshotWrite,
  checkContent,
  checkSizes,
  corrupt,
  settleSnapshot,
  tapCheck,
  type SnapshotFileCheck,
  type WriteStep,
} from './snapshot-files.js';
import type { GraphAttributes, KnowledgeGraph } from './core/types.js';

export { corrupt, type SnapshotFileCheck, type WriteStep } from './snapshot-files.js';

/** A paper as papers.jsonl stores it: the record plus its extraction (offsets into `title + "\n" + abstract`). */
export type PaperRecord = Paper & { mentions: Mention[]; relations: Relation[]; results?: ReportedResult[] };

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
  /** This snapshot's id, also in the trace index's tables: a manifest and files of two snapshots are told apart. Missing from older snapshots. */
  id?: string;
  /** Size, sha256 and lines of every other file, by name, which readers check. Missing from older snapshots (then nothing is checked). */
  integrity?: Record<string, SnapshotFileCheck>;
}

/** Options of {@link saveSnapshot}. */
export interface SaveSnapshotOptions {
  /** Called at each step of the commit; tests stop a writer there to check a crash leaves the old or the new snapshot. */
  onStep?: (step: WriteStep) => void | Promise<void>;
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
 * Saves a snapshot: every file is written into a fresh folder inside `dir`, then that folder is renamed (the commit
 * point) and its files are moved into `dir`, the manifest last. A crash before the commit leaves the old snapshot; one
 * after it leaves a folder that the next reader or writer moves in ({@link settleSnapshot}), so the new one. Files of
 * `dir` that are not the snapshot's are never touched; what crashed writes left is removed. The manifest records each
 * file's size, sha256 and lines. Papers are sorted by id. The trace index is written after papers.jsonl, whose byte
 * offsets it records (see trace-index-write.ts).
 */
export async function saveSnapshot(
  dir: string,
  graph: KnowledgeGraph,
  records: readonly PaperRecord[],
  options: SaveSnapshotOptions = {},
): Promise<SnapshotManifest> {
  const attributes = graph.getAttributes();
  let papers = 0;
  graph.forEachNode((_node, node) => {
    if (node.kind === 'paper') papers += 1;
  });
  const sorted = [...records].sort((a, b) => compareKeys(a.id, b.id));
  const write = await beginSnapshotWrite(dir, SNAPSHOT_FILES.manifest);
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    id: write.id,
    createdAt: attributes.createdAt ?? '',
    versions: attributes.versions ?? { kg: 'unknown', extractor: 'unknown' },
    counts: {
      papers,
      entities: graph.order - papers,
      edges: graph.size,
      communities: attributes.communities?.length ?? 0,
    },
    files: {
      graph: SNAPSHOT_FILES.graph,
      papers: SNAPSHOT_FILES.papers,
      traceNames: TRACE_INDEX_FILES.names,
      traceKeys: TRACE_INDEX_FILES.keys,
      tracePostings: TRACE_INDEX_FILES.postings,
    },
    integrity: {},
  };
  const index = traceIndexState(write.id);
  // Generators, run one after another in this order: each index part reads what the one before it recorded.
  const parts: [string, Iterable<string>][] = [
    [SNAPSHOT_FILES.graph, exportJson(graph)],
    [SNAPSHOT_FILES.papers, paperLines(sorted, index)],
    [TRACE_INDEX_FILES.postings, postingsLines(graph, index)],
    [TRACE_INDEX_FILES.keys, keyLines(graph, index)],
    [TRACE_INDEX_FILES.names, nameLines(graph, index)],
  ];
  try {
    for (const [name, lines] of parts) manifest.integrity![name] = await write.file(name, lines);
    await write.file(SNAPSHOT_FILES.manifest, [`${JSON.stringify(manifest, null, 2)}\n`]);
  } catch (error) {
    await write.abort();
    throw error;
  }
  await write.commit([...parts.map(([name]) => name), SNAPSHOT_FILES.manifest], options.onStep);
  return manifest;
}

const missing = (dir: string, name: string, cause: unknown): InvalidInputError =>
  new InvalidInputError(`no snapshot in ${dir}: ${name} not found (run "kg run" first)`, {
    code: 'KG_SNAPSHOT_MISSING',
    cause,
  });
async function readJson(dir: string, name: string, check?: SnapshotFileCheck): Promise<unknown> {
  const file = path.join(dir, name);
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw missing(dir, name, cause);
    throw new InvalidInputError(`cannot read ${file}: ${(cause as Error).message}`, {
      code: 'KG_SNAPSHOT_UNREADABLE',
      cause,
    });
  }
  checkContent(file, content, check);
  try {
    return JSON.parse(content.toString('utf8'));
  } catch (cause) {
    throw corrupt(file, 'not valid JSON', cause);
  }
}

const isCheck = (c: unknown): c is SnapshotFileCheck =>
  typeof c === 'object' &&
  c !== null &&
  Number.isInteger((c as SnapshotFileCheck).bytes) &&
  Number.isInteger((c as SnapshotFileCheck).lines) &&
  typeof (c as SnapshotFileCheck).sha256 === 'string';

/**
 * Reads manifest.json, first finishing a write that stopped after its commit point, and checks that every file it
 * records is there with its recorded size (a stat each: cut, missing and swapped files are found before anything is
 * read). A missing or damaged snapshot is an InvalidInputError naming the file.
 */
export async function loadManifest(dir: string): Promise<SnapshotManifest> {
  await settleSnapshot(dir, SNAPSHOT_FILES.manifest);
  const file = path.join(dir, SNAPSHOT_FILES.manifest);
  const manifest = (await readJson(dir, SNAPSHOT_FILES.manifest)) as SnapshotManifest | null;
  if (manifest?.format !== SNAPSHOT_FORMAT) throw corrupt(file, `not a ${SNAPSHOT_FORMAT} manifest`);
  if (manifest.integrity !== undefined) {
    const checks = manifest.integrity as unknown;
    if (
      typeof manifest.id !== 'string' ||
      typeof checks !== 'object' ||
      checks === null ||
      !Object.values(checks).every(isCheck)
    )
      throw corrupt(file, 'its "id" or "integrity" is malformed');
    await checkSizes(dir, file, manifest.integrity);
  }
  return manifest;
}

/**
 * Loads graph.json and manifest.json, checking graph.json against the manifest (size, sha256, lines, counts); a
 * missing, damaged or mismatched snapshot is an InvalidInputError naming the file.
 */
export async function loadSnapshot(dir: string): Promise<{ graph: KnowledgeGraph; manifest: SnapshotManifest }> {
  const manifest = await loadManifest(dir);
  const file = path.join(dir, SNAPSHOT_FILES.graph);
  const check = manifest.integrity?.[SNAPSHOT_FILES.graph];
  const graph = (await linedGraph(dir, check)) ?? (await wholeGraph(dir, check));
  const { papers, entities, edges } = manifest.counts ?? {};
  if (graph.order !== (papers ?? 0) + (entities ?? 0) || graph.size !== edges) {
    throw corrupt(
      file,
      `${graph.order} nodes and ${graph.size} edges, the manifest says ${(papers ?? 0) + (entities ?? 0)} and ${edges}`,
    );
  }
  return { graph, manifest };
}

/** graph.json in one piece (a file from before one element per line, or written by another tool). */
async function wholeGraph(dir: string, check: SnapshotFileCheck | undefined): Promise<KnowledgeGraph> {
  const data = await readJson(dir, SNAPSHOT_FILES.graph, check);
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

/** A snapshot file opened for reading; a missing one is KG_SNAPSHOT_MISSING. */
async function openSnapshotFile(dir: string, name: string): Promise<ReadStream> {
  const file = path.join(dir, name);
  // Bytes, not text: the manifest's check hashes them as read, and readline decodes them itself.
  const stream = createReadStream(file);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw missing(dir, name, cause);
    throw new InvalidInputError(`cannot read ${file}: ${(cause as Error).message}`, {
      code: 'KG_SNAPSHOT_UNREADABLE',
      cause,
    });
  }
  return stream;
}

/**
 * graph.json as {@link exportJson} writes it, read a line at a time, so neither the file nor its whole parse is ever
 * held at once; undefined when the file does not start that way (an older snapshot: {@link wholeGraph} reads it).
 * A damaged line is an error naming the file and line.
 */
async function linedGraph(dir: string, check: SnapshotFileCheck | undefined): Promise<KnowledgeGraph | undefined> {
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
  const verify = tapCheck(stream, file, check);
  try {
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line += 1;
      if (section === 'head') {
        const data = parse(`${text}${GRAPH_CLOSE}`, 'the options and attributes') as {
          options?: unknown;
          attributes?: unknown;
        };
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
  verify();
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
 * missing file is KG_SNAPSHOT_MISSING, a damaged line KG_SNAPSHOT_CORRUPT naming the file and line. The file is
 * checked against the manifest: its size before the first record, its content (sha256, lines) after the last, so a
 * consumer sees the error before it finishes.
 */
export async function* readSnapshotPapers(dir: string): AsyncGenerator<PaperRecord> {
  const file = path.join(dir, SNAPSHOT_FILES.papers);
  const manifest = await loadManifest(dir);
  const stream = await openSnapshotFile(dir, SNAPSHOT_FILES.papers);
  const verify = tapCheck(stream, file, manifest.integrity?.[SNAPSHOT_FILES.papers]);
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
      if (typeof record?.id !== 'string' || !Array.isArray(record.mentions))
        throw corrupt(`${file}:${line}`, 'not a paper record (needs "id" and "mentions")');
      yield record;
    }
  } finally {
    stream.destroy();
  }
  verify();
}

/** Reads papers.jsonl into a map by paper id (in file order, which is id order). */
export async function loadSnapshotPapers(dir: string): Promise<Map<string, PaperRecord>> {
  const papers = new Map<string, PaperRecord>();
  for await (const record of readSnapshotPapers(dir)) papers.set(record.id, record);
  return papers;
}
