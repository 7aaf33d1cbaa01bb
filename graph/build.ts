/** Merges papers and extraction results into one graphology graph, in a canonical order so any input order gives the same graph. */
import { MultiGraph } from 'graphology';
import { UsageError } from '../pipeline/core/errors.js';
import {
  ENTITY_KINDS,
  type EntityKind,
  type ExtractionResult,
  type Paper,
  type RelationType,
} from '../pipeline/core/types.js';
import type {
  BuildSettings,
  EdgeAttributes,
  EntityAttributes,
  GraphAttributes,
  KnowledgeGraph,
  NodeAttributes,
  PaperAttributes,
} from './core/types.js';

/**
 * Options of {@link buildGraph}: how much of the all-pairs co-occurrence becomes CO_OCCURS edges.
 *
 * All pairs of all entities of all papers grow quadratically: on the ACL corpus (29,905 abstracts, 251,871 entities,
 * 205,000 of them seen in one paper) they give 1.5 million pairs, 88 % of them seen once, which is slow to build,
 * cluster and lay out and says little about topics. So an entity must appear in a few papers, a paper pairs only its
 * most mentioned entities, and pairs below a weight are dropped once the edge budget is exceeded. Entities left out
 * still get a node, MENTIONS edges, relations, a community (their papers') and a position (beside their papers).
 */
export interface BuildOptions {
  /**
   * Entities mentioned by fewer papers get no node (their mentions stay in papers.jsonl). The data model wants every
   * key, hence 1; on the ACL corpus 2 drops 210,000 one-paper entities and their MENTIONS edges, which halves the
   * graph's memory and build time. @defaultValue 1
   */
  minEntityPapers: number;
  /** An entity joins the co-occurrence projection only if this many papers mention it. @defaultValue 2 */
  minCoOccurrencePapers: number;
  /** At most this many entities of a paper (its most mentioned, then by key) pair up, capping a paper at n(n-1)/2 pairs. @defaultValue 30 */
  maxCoOccurrenceEntities: number;
  /**
   * Edge budget: the smallest weight w such that at most this many pairs have weight ≥ w becomes the minimum weight
   * (1 on the seeds, 2 on the ACL corpus), so small corpora keep every pair. @defaultValue 250000
   */
  maxCoOccurrenceEdges: number;
}

/** What {@link buildGraph} takes besides its numeric options: the corpus's variants (variant key → family key), for VARIANT_OF edges. */
export interface BuildInputs {
  variants?: ReadonlyMap<string, string>;
}

/** Defaults of {@link buildGraph}. */
export const DEFAULT_BUILD_OPTIONS: Readonly<BuildOptions> = {
  minEntityPapers: 1,
  minCoOccurrencePapers: 2,
  maxCoOccurrenceEntities: 30,
  maxCoOccurrenceEdges: 250_000,
};

/** Fills unset (or undefined) options with {@link DEFAULT_BUILD_OPTIONS} and checks them. */
export function resolveBuildOptions(options: Partial<BuildOptions> = {}): BuildOptions {
  const resolved = { ...DEFAULT_BUILD_OPTIONS };
  for (const name of Object.keys(DEFAULT_BUILD_OPTIONS) as (keyof BuildOptions)[]) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1)
      throw new UsageError(`graph: ${name} must be a whole number of at least 1, got ${JSON.stringify(value)}`);
    resolved[name] = value;
  }
  return resolved;
}

/** Node key of a paper. */
export const paperNode = (id: string): string => `paper:${id}`;
/** Node key of an entity. */
export const entityNode = (key: string): string => `entity:${key}`;

/** Code-unit order: the same on every machine and locale. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keys of a map with the highest count first, ties in code-unit order. */
function byCount(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0])).map(([k]) => k);
}

const bump = <K>(map: Map<K, number>, key: K, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

interface EntityTally {
  kinds: Map<EntityKind, number>;
  surfaces: Map<string, number>;
  papers: number;
  mentions: number;
  first?: string;
  last?: string;
}

/** A paper's non-generic mentions grouped by key: spans in text order. */
type PaperSpans = Map<string, [number, number][]>;

/** A new, empty knowledge graph with the settings every kg graph has (mixed, multi, no self-loops). */
export function createKnowledgeGraph(): KnowledgeGraph {
  return new MultiGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ type: 'mixed', allowSelfLoops: false });
}

/** A paper's mentions of entities that have a node, grouped by key. */
function spansOf(result: ExtractionResult, entities: ReadonlyMap<string, unknown>): PaperSpans {
  const spans: PaperSpans = new Map();
  for (const m of result.mentions) {
    if (m.type === 'generic' || !entities.has(m.key)) continue;
    let list = spans.get(m.key);
    if (!list) spans.set(m.key, (list = []));
    list.push([m.start, m.end]);
  }
  for (const list of spans.values()) list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return spans;
}

function paperAttributes(paper: Paper): PaperAttributes {
  return {
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
    ...(paper.sourceCount !== undefined && { sourceCount: paper.sourceCount }),
    community: 0,
    x: 0,
    y: 0,
  };
}

/** Tallies kinds, surface forms, papers, mentions and dates of every entity key, in paper-id order. */
function tallyEntities(
  sorted: readonly Paper[],
  resultById: ReadonlyMap<string, ExtractionResult>,
): { tallies: Map<string, EntityTally>; acronyms: Map<string, Map<string, number>> } {
  const tallies = new Map<string, EntityTally>();
  const acronyms = new Map<string, Map<string, number>>();
  for (const paper of sorted) {
    const result = resultById.get(paper.id)!;
    const date = paper.date ?? (paper.year !== undefined ? String(paper.year) : undefined);
    const seen = new Set<string>();
    for (const m of result.mentions) {
      if (m.type === 'generic') continue;
      let t = tallies.get(m.key);
      if (!t) tallies.set(m.key, (t = { kinds: new Map(), surfaces: new Map(), papers: 0, mentions: 0 }));
      bump(t.kinds, m.type);
      bump(t.surfaces, m.text);
      t.mentions += 1;
      if (seen.has(m.key)) continue;
      seen.add(m.key);
      t.papers += 1;
      if (date !== undefined) {
        if (t.first === undefined || date < t.first) t.first = date;
        if (t.last === undefined || date > t.last) t.last = date;
      }
    }
    for (const a of result.acronyms) {
      let counts = acronyms.get(a.long);
      if (!counts) acronyms.set(a.long, (counts = new Map()));
      bump(counts, a.short);
    }
  }
  return { tallies, acronyms };
}

const KIND_ORDER = new Map(ENTITY_KINDS.map((k, i) => [k, i]));

function entityAttributes(key: string, t: EntityTally, acronyms: Map<string, number> | undefined): EntityAttributes {
  // Majority vote of the mention types; ties go to the more specific kind (method before concept).
  const kind = [...t.kinds].sort((a, b) => b[1] - a[1] || KIND_ORDER.get(a[0])! - KIND_ORDER.get(b[0])!)[0]![0];
  const surfaces = byCount(t.surfaces);
  const shorts = acronyms ? byCount(acronyms).filter((a) => !t.surfaces.has(a)) : [];
  return {
    kind,
    key,
    label: surfaces[0]!,
    aliases: [...surfaces, ...shorts],
    paperCount: t.papers,
    mentionCount: t.mentions,
    ...(t.first !== undefined && { firstSeen: t.first }),
    ...(t.last !== undefined && { lastSeen: t.last }),
    community: 0,
    x: 0,
    y: 0,
  };
}

/**
 * Makes labels distinct whatever their case: where two entities would show one label ("TER" for translation edit rate
 * and for translation error rate; "DST" for dialog state tracking and for the tracker), the one in more papers keeps
 * it and the other shows its most frequent alias that no entity shows (its long form), else the label with its key.
 */
function distinctLabels(attributes: EntityAttributes[]): void {
  const order = [...attributes].sort(
    (a, b) => b.paperCount - a.paperCount || b.mentionCount - a.mentionCount || compareKeys(a.key, b.key),
  );
  const shown = new Set(attributes.map((a) => a.label.toLowerCase()));
  const taken = new Set<string>();
  for (const a of order) {
    const label = a.label.toLowerCase();
    if (!taken.has(label)) {
      taken.add(label);
      continue;
    }
    const alias = a.aliases.find((x) => !taken.has(x.toLowerCase()) && !shown.has(x.toLowerCase()));
    a.label = alias ?? `${a.label} (${a.key})`;
    taken.add(a.label.toLowerCase());
  }
}

/**
 * Counts entity pairs over papers. Entities are numbered in key order and a pair is the number `i * n + j` (i < j);
 * all pairs go into one Float64Array that is sorted and run-length counted: a few bytes a pair, where a Map of
 * a million string (or even numeric) keys costs far more time and memory. Returns pairs in ascending (= key) order.
 */
function countPairs(perPaper: readonly number[][], n: number): { pairs: Float64Array; weights: Uint32Array } {
  let total = 0;
  for (const ids of perPaper) total += (ids.length * (ids.length - 1)) / 2;
  const all = new Float64Array(total);
  let k = 0;
  for (const ids of perPaper) {
    for (let a = 0; a < ids.length; a++) {
      const base = ids[a]! * n;
      for (let b = a + 1; b < ids.length; b++) all[k++] = base + ids[b]!;
    }
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < total; i++) if (i === 0 || all[i] !== all[i - 1]) distinct += 1;
  const pairs = new Float64Array(distinct);
  const weights = new Uint32Array(distinct);
  let d = -1;
  for (let i = 0; i < total; i++) {
    if (i === 0 || all[i] !== all[i - 1]) pairs[++d] = all[i]!;
    weights[d]! += 1;
  }
  return { pairs, weights };
}

/** The smallest weight at which at most `budget` pairs remain. */
function minimumWeight(weights: Uint32Array, budget: number): number {
  const histogram = new Map<number, number>();
  for (const w of weights) bump(histogram, w);
  let kept = weights.length;
  let weight = 1;
  while (kept > budget) {
    kept -= histogram.get(weight) ?? 0;
    weight += 1;
  }
  return weight;
}

/**
 * Builds paper and entity nodes, MENTIONS, CO_OCCURS and relation edges; `community`, `x` and `y` are 0 until
 * {@link communities} and {@link layout} run. Papers without a result are left out; the graph attribute `build`
 * records the thresholds used.
 */
export function buildGraph(
  papers: readonly Paper[],
  results: readonly ExtractionResult[] | ReadonlyMap<string, ExtractionResult>,
  partial: Partial<BuildOptions> & BuildInputs = {},
): KnowledgeGraph {
  const { variants, ...numeric } = partial;
  const options = resolveBuildOptions(numeric);
  const resultById: ReadonlyMap<string, ExtractionResult> =
    results instanceof Map ? results : new Map((results as readonly ExtractionResult[]).map((r) => [r.id, r]));
  const sorted = [...papers].filter((p) => resultById.has(p.id)).sort((a, b) => compareKeys(a.id, b.id));
  const graph = createKnowledgeGraph();

  // Entities are tallied over all papers first so that nodes go in key order.
  const { tallies, acronyms } = tallyEntities(sorted, resultById);
  for (const [key, t] of tallies) if (t.papers < options.minEntityPapers) tallies.delete(key);
  const keys = [...tallies.keys()].sort(compareKeys);
  const index = new Map(keys.map((k, i) => [k, i]));
  for (const paper of sorted) graph.addNode(paperNode(paper.id), paperAttributes(paper));
  const attributes = keys.map((key) => entityAttributes(key, tallies.get(key)!, acronyms.get(key)));
  distinctLabels(attributes);
  for (const a of attributes) graph.addNode(entityNode(a.key), a);

  const perPaper: number[][] = [];
  const relations = new Map<string, { type: RelationType; head: string; tail: string; papers: string[] }>();
  for (const paper of sorted) {
    const result = resultById.get(paper.id)!;
    const spans = spansOf(result, tallies);
    const own = [...spans.keys()].sort(compareKeys);
    for (const key of own) {
      const list = spans.get(key)!;
      graph.addDirectedEdgeWithKey(
        `MENTIONS|${paperNode(paper.id)}|${entityNode(key)}`,
        paperNode(paper.id),
        entityNode(key),
        { type: 'MENTIONS', count: list.length, spans: list },
      );
    }
    // Topics come from what the tagger found: a name's use the corpus stage inferred counts for the paper, not its topics.
    const tagged = new Set(result.mentions.filter((m) => m.inferred !== true).map((m) => m.key));
    perPaper.push(
      own
        .filter((key) => tagged.has(key) && tallies.get(key)!.papers >= options.minCoOccurrencePapers)
        .sort((a, b) => spans.get(b)!.length - spans.get(a)!.length || compareKeys(a, b))
        .slice(0, options.maxCoOccurrenceEntities)
        .map((key) => index.get(key)!)
        .sort((a, b) => a - b),
    );
    const seen = new Set<string>();
    for (const r of result.relations) {
      const head = result.mentions[r.head];
      const tail = result.mentions[r.tail];
      if (!head || !tail || head.type === 'generic' || tail.type === 'generic' || head.key === tail.key) continue;
      if (!spans.has(head.key) || !spans.has(tail.key)) continue; // below minEntityPapers
      const edgeKey = `${r.type}|${entityNode(head.key)}|${entityNode(tail.key)}`;
      if (seen.has(edgeKey)) continue;
      seen.add(edgeKey);
      let relation = relations.get(edgeKey);
      if (!relation) relations.set(edgeKey, (relation = { type: r.type, head: head.key, tail: tail.key, papers: [] }));
      relation.papers.push(paper.id); // papers are visited in id order, so this stays sorted
    }
  }

  const n = keys.length;
  const { pairs, weights } = countPairs(perPaper, n);
  perPaper.length = 0;
  const minWeight = minimumWeight(weights, options.maxCoOccurrenceEdges);
  // Numeric pair order is key order (i < j and ids follow keys), so the edges go in canonical order.
  for (let p = 0; p < pairs.length; p++) {
    const pair = pairs[p]!;
    const weight = weights[p]!;
    if (weight < minWeight) continue;
    const a = entityNode(keys[Math.floor(pair / n)]!);
    const b = entityNode(keys[pair % n]!);
    graph.addUndirectedEdgeWithKey(`CO_OCCURS|${a}|${b}`, a, b, { type: 'CO_OCCURS', weight });
  }
  for (const edgeKey of [...relations.keys()].sort(compareKeys)) {
    const r = relations.get(edgeKey)!;
    graph.addDirectedEdgeWithKey(edgeKey, entityNode(r.head), entityNode(r.tail), {
      type: r.type,
      weight: r.papers.length,
      papers: r.papers,
    });
  }
  // A variant's edge: the papers that write the variant show it.
  for (const [variant, family] of [...(variants ?? [])].sort((a, b) => compareKeys(a[0], b[0]))) {
    if (!tallies.has(variant) || !tallies.has(family) || variant === family) continue;
    const papers = graph
      .inNeighbors(entityNode(variant))
      .filter((n) => n.startsWith('paper:'))
      .map((n) => n.slice('paper:'.length))
      .sort(compareKeys);
    graph.addDirectedEdgeWithKey(
      `VARIANT_OF|${entityNode(variant)}|${entityNode(family)}`,
      entityNode(variant),
      entityNode(family),
      { type: 'VARIANT_OF', weight: papers.length, papers },
    );
  }
  const settings: BuildSettings = {
    minEntityPapers: options.minEntityPapers,
    minCoOccurrencePapers: options.minCoOccurrencePapers,
    maxCoOccurrenceEntities: options.maxCoOccurrenceEntities,
    minCoOccurrenceWeight: minWeight,
  };
  graph.setAttribute('build', settings);
  return graph;
}
