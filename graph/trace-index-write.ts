/** The trace index written with every snapshot: a names table, a keys table and one postings line per entity, so `kg trace` reads a few lines instead of the graph. */
import { canonicalKey } from '../pipeline/extract/core/canonical.js';
import { compareKeys } from './build.js';
import { paperNodes, yearTotals } from './trends.js';
import { byRelated, isUmbrellaTerm } from './umbrella.js';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from './core/types.js';

/** Format tag of the names and keys tables. */
export const TRACE_INDEX_FORMAT = 'kg-trace-index/1';

/** The index's file names in a snapshot folder. */
export const TRACE_INDEX_FILES = {
  names: 'trace-names.json',
  keys: 'trace-keys.json',
  postings: 'trace-postings.jsonl',
} as const;

/** Co-occurring methods and tasks kept per entity: the largest `limit` the indexed source's `related` answers. */
export const TRACE_INDEX_RELATED = 50;

/** The fields of a names-table row, in order (the header lists them too, for readers of the file). */
export const TRACE_NAME_FIELDS = [
  'key',
  'lowerNames',
  'label',
  'kind',
  'aliases',
  'community',
  'paperCount',
  'firstSeen',
  'lastSeen',
  'specificity',
  'offset',
  'length',
] as const;

/** An entity as a trace candidate, in the order of a names-table row's first fields. */
export type CandidateFields = [
  key: string,
  label: string,
  kind: string,
  aliases: string[],
  community: number | null,
  paperCount: number,
  firstSeen: string | null,
  lastSeen: string | null,
  specificity: number | null,
];

/**
 * One names-table row: the entity's key and its label's and aliases' lower case other than its key (what `candidates`
 * compares a term with, first, and written with `]` escaped, so the first `]` of a row's line ends them), the rest of
 * its candidate fields, and where its postings line is (bytes).
 */
export type TraceNameRow = [
  key: string,
  lowerNames: string[],
  label: string,
  kind: string,
  aliases: string[],
  community: number | null,
  paperCount: number,
  firstSeen: string | null,
  lastSeen: string | null,
  specificity: number | null,
  offset: number,
  length: number,
];

/** The candidate fields of an entity; `specificity` where the attribute exists (it is not in every graph), else null. */
export function candidateFields(e: EntityAttributes): CandidateFields {
  const specificity = (e as { specificity?: unknown }).specificity;
  return [
    e.key,
    e.label,
    e.kind,
    e.aliases,
    e.community,
    e.paperCount,
    e.firstSeen ?? null,
    e.lastSeen ?? null,
    typeof specificity === 'number' ? specificity : null,
  ];
}

/**
 * A paper in a postings line: its id, the byte offset and length of its line in papers.jsonl (-1 and 0 when it has
 * none), the MENTIONS spans, and the graph's title and date only where they differ from that line's.
 */
export type TracePosting = [
  id: string,
  offset: number,
  length: number,
  spans: [number, number][],
  title?: string,
  date?: string | null,
];

/**
 * One postings line: the entity's papers, its top co-occurring methods and tasks, and its family (the entities with a
 * VARIANT_OF edge into it), each whole, so a trace reads no other row.
 */
export interface TracePostings {
  papers: TracePosting[];
  related: [key: string, label: string, kind: string, weight: number][];
  family: CandidateFields[];
}

/** The names table's first line, which ends where its rows begin. */
export interface TraceIndexHeader {
  format: typeof TRACE_INDEX_FORMAT;
  /** The id of the snapshot the index was written with (its manifest's `id`); missing from older indexes. */
  snapshot?: string;
  /** Sizes of the files the offsets point into: a reader checks them, so an index never reads another snapshot's files. */
  papersBytes: number;
  postingsBytes: number;
  keysBytes: number;
  /** Rows, one per entity. */
  entities: number;
  fields: typeof TRACE_NAME_FIELDS;
  /** Papers per year and papers without one (shares in `kg trace`); missing from older indexes. */
  papersPerYear?: Record<string, number>;
  undatedPapers?: number;
}

/** Where a paper's line is in papers.jsonl, with the title and date it holds. */
export interface PaperLine {
  offset: number;
  length: number;
  title: string;
  date: string | null;
}

/** What the postings and keys passes leave for the names table and its header. */
export interface TraceIndexState {
  /** The snapshot's id, written into both tables' first lines. */
  snapshot: string;
  /** papers.jsonl by paper id, filled while it is written. */
  papers: Map<string, PaperLine>;
  papersBytes: number;
  /** Byte offset and length of each entity's postings line, in row order. */
  offsets: number[];
  lengths: number[];
  postingsBytes: number;
  keysBytes: number;
}

/** A fresh state for one snapshot write. */
export function traceIndexState(snapshot: string): TraceIndexState {
  return {
    snapshot,
    papers: new Map(),
    papersBytes: 0,
    offsets: [],
    lengths: [],
    postingsBytes: 0,
    keysBytes: 0,
  };
}

/** Lines of papers.jsonl, noting where each lands (bytes) in `state` as they are written. */
export function* paperLines(
  records: Iterable<{ id: string; title: string; date?: string }>,
  state: TraceIndexState,
): Generator<string> {
  for (const record of records) {
    const line = `${JSON.stringify(record)}\n`;
    const length = Buffer.byteLength(line);
    state.papers.set(record.id, { offset: state.papersBytes, length, title: record.title, date: record.date ?? null });
    state.papersBytes += length;
    yield line;
  }
}

const isEntity = (attributes: { kind: string }): boolean => attributes.kind !== 'paper';

/**
 * trace-postings.jsonl: one line per entity in graph order (run after {@link paperLines} has filled `state.papers`),
 * recording each line's bytes in `state`.
 */
export function* postingsLines(graph: KnowledgeGraph, state: TraceIndexState): Generator<string> {
  let row = 0;
  for (const { node, attributes } of graph.nodeEntries()) {
    if (!isEntity(attributes)) continue;
    const papers: TracePosting[] = [];
    const related: TracePostings['related'] = [];
    const umbrella = new Map<string, boolean>();
    const family: EntityAttributes[] = [];
    // One pass over the node's edges of every type (graphology's edge lists are per direction, not per type).
    graph.forEachEdge(node, (_edge, a, source, target) => {
      if (a.type === 'MENTIONS') {
        if (target !== node) return;
        const paper = graph.getNodeAttributes(source) as PaperAttributes;
        const line = state.papers.get(paper.id);
        const date = paper.date ?? null;
        const posting: TracePosting = [paper.id, line?.offset ?? -1, line?.length ?? 0, a.spans];
        if (!line || line.title !== paper.title || line.date !== date) posting.push(paper.title, date);
        papers.push(posting);
      } else if (a.type === 'CO_OCCURS') {
        const other = graph.getNodeAttributes(source === node ? target : source) as EntityAttributes;
        if (other.kind === 'method' || other.kind === 'task') {
          related.push([other.key, other.label, other.kind, a.weight]);
          umbrella.set(other.key, isUmbrellaTerm(other.specificity));
        }
      } else if ((a.type as string) === 'VARIANT_OF' && target === node) {
        // Read as a string: VARIANT_OF is not among the edge types this graph model declares yet.
        family.push(graph.getNodeAttributes(source) as EntityAttributes);
      }
    });
    // The orders of the snapshot source's `related` and `family`, so the index keeps the same first ones.
    related.sort((a, b) =>
      byRelated(
        { umbrella: umbrella.get(a[0])!, papers: a[3], key: a[0] },
        { umbrella: umbrella.get(b[0])!, papers: b[3], key: b[0] },
      ),
    );
    family.sort((a, b) => b.paperCount - a.paperCount || compareKeys(a.key, b.key));
    const postings: TracePostings = {
      papers,
      related: related.slice(0, TRACE_INDEX_RELATED),
      family: family.map(candidateFields),
    };
    const line = `${JSON.stringify(postings)}\n`;
    const length = Buffer.byteLength(line);
    state.offsets[row] = state.postingsBytes;
    state.lengths[row] = length;
    state.postingsBytes += length;
    row += 1;
    yield line;
  }
}

/**
 * JSON with every character past ASCII escaped: the names table is then pure ASCII, which V8 reads into a string
 * faster, and a string's place in the file is its byte offset. Its reader searches the file for names so written.
 */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A name as the names table writes it: {@link asciiJson} with `]` escaped too, so no name holds the `]` that closes a row's names. */
export const nameJson = (name: string): string => asciiJson(name).replaceAll(']', '\\u005d');

/**
 * trace-names.json, one JSON document with one row per line: the header's fields and `"rows":[` on the first line,
 * then one row per line in graph order (see {@link TraceNameRow}), the rows after the first opening with a comma, then
 * `]}`. A reader can search the text for a name and parse only the lines that hold it. Run after {@link postingsLines}
 * and {@link keyLines}.
 */
export function* nameLines(graph: KnowledgeGraph, state: TraceIndexState): Generator<string> {
  // Years of the graph's papers, all of them (papers.jsonl may hold fewer).
  const years = yearTotals(paperNodes(graph));
  const header: TraceIndexHeader = {
    format: TRACE_INDEX_FORMAT,
    snapshot: state.snapshot,
    papersBytes: state.papersBytes,
    postingsBytes: state.postingsBytes,
    keysBytes: state.keysBytes,
    entities: state.offsets.length,
    fields: TRACE_NAME_FIELDS,
    papersPerYear: Object.fromEntries(years.totals),
    undatedPapers: years.undated,
  };
  yield `${JSON.stringify(header).slice(0, -1)},"rows":[\n`;
  let row = 0;
  for (const { attributes } of graph.nodeEntries()) {
    if (!isEntity(attributes)) continue;
    const e = attributes as EntityAttributes;
    const lowerNames = [...new Set([e.label, ...e.aliases].map((name) => name.toLowerCase()))].filter(
      (k) => k !== e.key,
    );
    const [key, ...fields] = candidateFields(e);
    const rest = asciiJson([...fields, state.offsets[row]!, state.lengths[row]!]).slice(1);
    yield `${row === 0 ? '' : ','}[${nameJson(key)},[${lowerNames.map(nameJson).join(',')}],${rest}\n`;
    row += 1;
  }
  yield ']}\n';
}

/** The keys table: each row's key, and the canonical keys of its aliases where they differ from it. */
export interface TraceKeysTable {
  format: typeof TRACE_INDEX_FORMAT;
  /** As in {@link TraceIndexHeader}. */
  snapshot?: string;
  /** One per names-table row, in its order. */
  keys: string[];
  /** `[row, aliasKey, …]` for the rows that have such aliases. */
  aliasKeys: [number, ...string[]][];
}

/**
 * trace-keys.json, a {@link TraceKeysTable} with one key or alias row per line, pure ASCII like the names table: what
 * `nearby` compares a term with, small enough to parse whole (the names table is not). Aliases' keys are what
 * `suggestions` would otherwise compute for every alias of the graph (0.9 s on ACL).
 */
export function* keyLines(graph: KnowledgeGraph, state: TraceIndexState): Generator<string> {
  const aliasKeys: string[] = [];
  const lines = function* (): Generator<string> {
    yield `{"format":${JSON.stringify(TRACE_INDEX_FORMAT)},"snapshot":${JSON.stringify(state.snapshot)},"keys":[\n`;
    let row = 0;
    for (const { attributes } of graph.nodeEntries()) {
      if (!isEntity(attributes)) continue;
      const e = attributes as EntityAttributes;
      yield `${row === 0 ? '' : ','}${asciiJson(e.key)}\n`;
      const own = [...new Set(e.aliases.map((alias) => canonicalKey(alias)))].filter((k) => k !== e.key);
      if (own.length > 0) aliasKeys.push(`${aliasKeys.length === 0 ? '' : ','}${asciiJson([row, ...own])}\n`);
      row += 1;
    }
    yield '],"aliasKeys":[\n';
    yield* aliasKeys;
    yield ']}\n';
  };
  for (const line of lines()) {
    state.keysBytes += Buffer.byteLength(line);
    yield line;
  }
}
