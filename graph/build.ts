/** Merges papers and extraction results into one graphology graph, in a canonical order so any input order gives the same graph. */
import { MultiGraph } from 'graphology';
import { ENTITY_KINDS, type EntityKind, type ExtractionResult, type Paper } from '../pipeline/types.js';
import type { EdgeAttributes, EntityAttributes, GraphAttributes, KnowledgeGraph, NodeAttributes, PaperAttributes } from './types.js';

/** Options of {@link buildGraph}. */
export interface BuildOptions {
  /**
   * An entity joins the co-occurrence projection (and gets CO_OCCURS edges) only if this many papers mention it:
   * an entity of one paper carries no signal about topics, and all-pairs co-occurrence of every entity of every paper
   * grows quadratically (the ACL corpus would need tens of millions of edges). @defaultValue 2
   */
  minCoOccurrencePapers: number;
  /**
   * At most this many entities of one paper (its most mentioned, then by key) pair up for CO_OCCURS, which caps
   * a paper's edges at n(n-1)/2. @defaultValue 30
   */
  maxCoOccurrenceEntities: number;
}

/** Defaults of {@link buildGraph}. */
export const DEFAULT_BUILD_OPTIONS: Readonly<BuildOptions> = { minCoOccurrencePapers: 2, maxCoOccurrenceEntities: 30 };

/** Fills unset options with {@link DEFAULT_BUILD_OPTIONS}. */
export function resolveBuildOptions(options: Partial<BuildOptions> = {}): BuildOptions {
  return { ...DEFAULT_BUILD_OPTIONS, ...options };
}

/** Node key of a paper. */
export const paperNode = (id: string): string => `paper:${id}`;
/** Node key of an entity. */
export const entityNode = (key: string): string => `entity:${key}`;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keys of a map with the highest count first, ties in code-unit order. */
function byCount(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([k]) => k);
}

interface EntityTally {
  kinds: Map<string, number>;
  surfaces: Map<string, number>;
  papers: Set<string>;
  mentions: number;
  first?: string;
  last?: string;
}

/** A new, empty knowledge graph with the settings every kg graph has. */
export function createKnowledgeGraph(): KnowledgeGraph {
  return new MultiGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: 'mixed', allowSelfLoops: false });
}

/** Builds papers, entities, MENTIONS, CO_OCCURS and relation edges; communities and positions are left at 0 for later stages. */
export function buildGraph(
  papers: readonly Paper[],
  results: readonly ExtractionResult[] | ReadonlyMap<string, ExtractionResult>,
  partial: Partial<BuildOptions> = {},
): KnowledgeGraph {
  const options = resolveBuildOptions(partial);
  const resultById = results instanceof Map ? results : new Map((results as readonly ExtractionResult[]).map((r) => [r.id, r]));
  const sorted = [...papers].sort((a, b) => compare(a.id, b.id));
  const graph = createKnowledgeGraph();

  // Tally entities over all papers first, so nodes can be added in key order.
  const tallies = new Map<string, EntityTally>();
  const acronymsOf = new Map<string, Map<string, number>>();
  for (const paper of sorted) {
    const result = resultById.get(paper.id);
    if (!result) continue;
    for (const m of result.mentions) {
      if (m.type === 'generic') continue;
      let t = tallies.get(m.key);
      if (!t) tallies.set(m.key, (t = { kinds: new Map(), surfaces: new Map(), papers: new Set(), mentions: 0 }));
      t.kinds.set(m.type, (t.kinds.get(m.type) ?? 0) + 1);
      t.surfaces.set(m.text, (t.surfaces.get(m.text) ?? 0) + 1);
      t.mentions += 1;
      if (!t.papers.has(paper.id)) {
        t.papers.add(paper.id);
        const date = paper.date ?? (paper.year !== undefined ? String(paper.year) : undefined);
        if (date !== undefined) {
          if (t.first === undefined || date < t.first) t.first = date;
          if (t.last === undefined || date > t.last) t.last = date;
        }
      }
    }
    for (const a of result.acronyms) {
      let m = acronymsOf.get(a.long);
      if (!m) acronymsOf.set(a.long, (m = new Map()));
      m.set(a.short, (m.get(a.short) ?? 0) + 1);
    }
  }

  for (const paper of sorted) {
    if (!resultById.has(paper.id)) continue;
    const attributes: PaperAttributes = {
      kind: 'paper',
      id: paper.id,
      title: paper.title,
      ...(paper.date !== undefined && { date: paper.date }),
      ...(paper.year !== undefined && { year: paper.year }),
      ...(paper.dateText !== undefined && { dateText: paper.dateText }),
      ...(paper.url !== undefined && { url: paper.url }),
      ...(paper.venue !== undefined && { venue: paper.venue }),
      ...(paper.organization !== undefined && { organization: paper.organization }),
      ...(paper.authorCount !== undefined && { authorCount: paper.authorCount }),
      source: paper.sources.map((s) => (s.line === undefined ? s.file : `${s.file}:${s.line}`)),
      community: 0,
      x: 0,
      y: 0,
    };
    graph.addNode(paperNode(paper.id), attributes);
  }

  const kindOrder = new Map(ENTITY_KINDS.map((k, i) => [k, i]));
  for (const key of [...tallies.keys()].sort(compare)) {
    const t = tallies.get(key)!;
    // Majority vote of the mention types; ties go to the more specific kind (method before concept).
    const kind = [...t.kinds].sort((a, b) => b[1] - a[1] || (kindOrder.get(a[0] as EntityKind)! - kindOrder.get(b[0] as EntityKind)!))[0]![0] as EntityKind;
    const surfaces = byCount(t.surfaces);
    const acronyms = byCount(acronymsOf.get(key) ?? new Map()).filter((a) => !t.surfaces.has(a));
    const attributes: EntityAttributes = {
      kind,
      key,
      label: surfaces[0]!,
      aliases: [...surfaces, ...acronyms],
      paperCount: t.papers.size,
      mentionCount: t.mentions,
      ...(t.first !== undefined && { firstSeen: t.first }),
      ...(t.last !== undefined && { lastSeen: t.last }),
      community: 0,
      x: 0,
      y: 0,
    };
    graph.addNode(entityNode(key), attributes);
  }

  const coOccurs = new Map<string, number>();
  const relations = new Map<string, { type: string; head: string; tail: string; papers: string[] }>();
  for (const paper of sorted) {
    const result = resultById.get(paper.id);
    if (!result) continue;
    const spans = new Map<string, [number, number][]>();
    for (const m of result.mentions) {
      if (m.type === 'generic') continue;
      let list = spans.get(m.key);
      if (!list) spans.set(m.key, (list = []));
      list.push([m.start, m.end]);
    }
    const keys = [...spans.keys()].sort(compare);
    for (const key of keys) {
      const list = spans.get(key)!.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      graph.addDirectedEdgeWithKey(`MENTIONS|${paperNode(paper.id)}|${entityNode(key)}`, paperNode(paper.id), entityNode(key), {
        type: 'MENTIONS',
        count: list.length,
        spans: list,
      });
    }
    const eligible = keys
      .filter((key) => tallies.get(key)!.papers.size >= options.minCoOccurrencePapers)
      .sort((a, b) => spans.get(b)!.length - spans.get(a)!.length || compare(a, b))
      .slice(0, options.maxCoOccurrenceEntities)
      .sort(compare);
    for (let i = 0; i < eligible.length; i++) {
      for (let j = i + 1; j < eligible.length; j++) {
        const pair = `${eligible[i]}\u0000${eligible[j]}`;
        coOccurs.set(pair, (coOccurs.get(pair) ?? 0) + 1);
      }
    }
    const seen = new Set<string>();
    for (const r of result.relations) {
      const head = result.mentions[r.head];
      const tail = result.mentions[r.tail];
      if (!head || !tail || head.type === 'generic' || tail.type === 'generic' || head.key === tail.key) continue;
      const edgeKey = `${r.type}|${entityNode(head.key)}|${entityNode(tail.key)}`;
      if (seen.has(edgeKey)) continue;
      seen.add(edgeKey);
      let rel = relations.get(edgeKey);
      if (!rel) relations.set(edgeKey, (rel = { type: r.type, head: head.key, tail: tail.key, papers: [] }));
      rel.papers.push(paper.id);
    }
  }

  for (const pair of [...coOccurs.keys()].sort(compare)) {
    const [a, b] = pair.split('\u0000') as [string, string];
    graph.addUndirectedEdgeWithKey(`CO_OCCURS|${entityNode(a)}|${entityNode(b)}`, entityNode(a), entityNode(b), { type: 'CO_OCCURS', weight: coOccurs.get(pair)! });
  }
  for (const edgeKey of [...relations.keys()].sort(compare)) {
    const rel = relations.get(edgeKey)!;
    graph.addDirectedEdgeWithKey(edgeKey, entityNode(rel.head), entityNode(rel.tail), {
      type: rel.type as EdgeAttributes['type'] & string,
      weight: rel.papers.length,
      papers: [...rel.papers].sort(compare),
    } as EdgeAttributes);
  }
  return graph;
}
