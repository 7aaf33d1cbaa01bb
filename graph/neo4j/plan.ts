/**
 * What the Neo4j mirror writes, as data: the snapshot's rows grouped by node label and relationship type, each group with
 * its Cypher (CREATE for an empty group, MERGE otherwise), a count-store query to check it, and a content digest so an
 * unchanged group can be skipped. Pure: no driver here. Labels and types come from fixed lists; values are parameters.
 */
import { createHash } from 'node:crypto';
import type { EntityKind, Mention, Paper, ReportedResult } from '../../pipeline/core/types.js';
import type { EntityAttributes, GraphRelationType, KnowledgeGraph, PaperAttributes } from '../core/types.js';
import { InvalidInputError } from '../../pipeline/core/errors.js';

/** Neo4j label of each entity kind. */
export const KIND_LABELS: Readonly<Record<EntityKind, string>> = {
  method: 'Method',
  task: 'Task',
  dataset: 'Dataset',
  metric: 'Metric',
  concept: 'Concept',
};
/** Relation types the mirror writes between entities. */
export const RELATION_TYPES: readonly GraphRelationType[] = [
  'USED_FOR',
  'HYPONYM_OF',
  'EVALUATED_ON',
  'COMPARE',
  'PART_OF',
  'CONJUNCTION',
  'VARIANT_OF',
];
/** Relationship types of the results papers state: the paper's, and the result's metric, dataset and method. */
export const RESULT_TYPES: readonly string[] = ['REPORTS', 'OF_METRIC', 'ON_DATASET', 'BY_METHOD'];
/** Every relationship type the mirror owns. */
export const MIRROR_TYPES: readonly string[] = [
  'MENTIONS',
  'CO_OCCURS',
  ...RELATION_TYPES,
  'IN_COMMUNITY',
  ...RESULT_TYPES,
];
/** The labels, main properties and relationship types the mirror writes, in one line for messages (docs/cypher.md has more). */
export const GRAPH_MODEL =
  '(:Paper {id, title, abstract, date, year, venue, url, community}), ' +
  `(:Entity:${Object.values(KIND_LABELS).join('|')} {key, label, kind, aliases, paperCount, firstSeen, lastSeen, community, specificity}), ` +
  `(:Community {id, label, size, topTerms}), (:Result {id, value, unit, delta, sentence, year}); relationships ${MIRROR_TYPES.join(', ')}`;
/** Bumped whenever what a group writes changes shape, so digests stored by an older kg never match (3: entity specificity). */
export const MIRROR_FORMAT = 'kg-mirror/3';

/**
 * One result a paper states, as the mirror writes it: `id` is `<paperId>#<n>` (n counts the paper's results from 0),
 * `sentence` the sentence's text, the ends the canonical keys of the metric, dataset and method mentions (null when
 * the result names none).
 */
export interface ResultRow {
  id: string;
  paper: string;
  value: number;
  unit: string | null;
  delta: string | null;
  sentence: string;
  year: number | null;
  metric: string;
  dataset: string | null;
  method: string | null;
}

/** What {@link resultRows} reads of a paper record of papers.jsonl (graph/snapshot.ts `PaperRecord`). */
export type StatedPaper = Pick<Paper, 'id' | 'title' | 'abstract' | 'year'> & {
  mentions: readonly Mention[];
  results?: readonly ReportedResult[];
};

/** The result rows of snapshot paper records (papers.jsonl): what {@link planMirror} writes as `:Result` nodes. */
export function resultRows(records: Iterable<StatedPaper>): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const record of records) {
    const text = `${record.title}\n${record.abstract}`;
    const keyOf = (i: number | undefined): string | null =>
      i === undefined ? null : (record.mentions[i]?.key ?? null);
    (record.results ?? []).forEach((r, n) => {
      const metric = keyOf(r.metric);
      if (metric === null) return;
      rows.push({
        id: `${record.id}#${n}`,
        paper: record.id,
        value: r.value,
        unit: r.unit ?? null,
        delta: r.delta ?? null,
        sentence: text.slice(r.sentence[0], r.sentence[1]),
        year: record.year ?? null,
        metric,
        dataset: keyOf(r.dataset),
        method: keyOf(r.method),
      });
    });
  }
  return rows;
}

/** One row of parameters. */
export type Row = Record<string, unknown>;

/** Rows that share one statement. */
export interface Step {
  name: string;
  rows: Row[];
  /** Statement for a group known to be empty in Neo4j. */
  create: string;
  /** Statement that updates in place (nodes only; relationship groups are emptied and created again). */
  merge?: string;
  params?: Record<string, unknown>;
  /**
   * Field whose consecutive equal values the writer folds into one `{key, items}` row (`$rows` then holds those), so the
   * shared end node is looked up once per run of rows instead of once per row.
   */
  nest?: string;
  /** False when every row locks the same few nodes, so that concurrent batches would only wait for each other. */
  concurrent?: boolean;
}

/** A label or relationship type the mirror owns: the unit that is skipped when unchanged or rewritten when not. */
export interface Group {
  name: string;
  kind: 'nodes' | 'relationships';
  steps: Step[];
  /** Count-store queries, each returning `n`, with the count each must give. */
  counts: { cypher: string; expected: number }[];
  /** Nodes: deletes up to 10,000 nodes whose token is not `$token`; relationships: deletes up to 50,000 of them. Returns `n`. */
  remove: string;
  /** SHA-256 of the format, the statements and every row. */
  digest: string;
}

const ALL_KIND_REMOVE = Object.values(KIND_LABELS)
  .map((l) => `e:${l}`)
  .join(' REMOVE ');

const PAPER_SET = `p.title = row.title, p.abstract = row.abstract, p.date = row.date, p.year = toInteger(row.year), p.dateText = row.dateText, p.url = row.url,
  p.venue = row.venue, p.organization = row.organization, p.authorCount = toInteger(row.authorCount), p.source = row.source,
  p.community = toInteger(row.community), p.mirror = $token`;
const entitySet = (
  label: string,
): string => `e:${label}, e.kind = $kind, e.label = row.label, e.aliases = row.aliases, e.aliasText = row.aliasText,
  e.paperCount = toInteger(row.paperCount), e.mentionCount = toInteger(row.mentionCount), e.firstSeen = row.firstSeen,
  e.lastSeen = row.lastSeen, e.community = toInteger(row.community), e.specificity = row.specificity, e.mirror = $token`;
const PAPER_CREATE = `CREATE (p:Paper {id: row.id, title: row.title, abstract: row.abstract, date: row.date, year: toInteger(row.year), dateText: row.dateText,
  url: row.url, venue: row.venue, organization: row.organization, authorCount: toInteger(row.authorCount), source: row.source,
  community: toInteger(row.community), mirror: $token})`;
const entityCreate = (
  label: string,
): string => `CREATE (e:Entity:${label} {key: row.key, kind: $kind, label: row.label, aliases: row.aliases, aliasText: row.aliasText,
  paperCount: toInteger(row.paperCount), mentionCount: toInteger(row.mentionCount), firstSeen: row.firstSeen,
  lastSeen: row.lastSeen, community: toInteger(row.community), specificity: row.specificity, mirror: $token})`;
const COMMUNITY_SET = 'c.label = row.label, c.size = toInteger(row.size), c.topTerms = row.topTerms, c.mirror = $token';

function digestOf(name: string, steps: Step[]): string {
  const hash = createHash('sha256').update(`${MIRROR_FORMAT}\n${name}\n`);
  for (const step of steps) {
    hash.update(`${step.name}\n${step.create}\n${step.merge ?? ''}\n${JSON.stringify(step.params ?? {})}\n`);
    for (const row of step.rows) hash.update(JSON.stringify(row)).update('\n');
  }
  return hash.digest('hex');
}

function nodeGroup(name: string, steps: Step[], counts: { cypher: string; expected: number }[]): Group {
  return {
    name,
    kind: 'nodes',
    steps,
    counts,
    remove: `MATCH (n:${name}) WHERE n.mirror IS NULL OR n.mirror <> $token WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n`,
    digest: digestOf(name, steps),
  };
}

/**
 * A relationship group: `pattern` is the count-store pattern with `r`; `outer` matches the node shared by a run of rows
 * (from `g.key`, the value of `nest`), `inner` the other node of each `row`, and `create` makes the relationship.
 */
function relationshipGroup(
  name: string,
  pattern: string,
  rows: Row[],
  nest: string | undefined,
  outer: string,
  inner: string,
  create: string,
): Group {
  const create_ = nest
    ? `UNWIND $rows AS g ${outer} UNWIND g.items AS row ${inner} ${create}`
    : `UNWIND $rows AS row ${outer} ${inner} ${create}`;
  // Serial: concurrent batches lock the same entity and community nodes and wait for each other (measured slower).
  const steps: Step[] = [{ name, rows, create: create_, nest, concurrent: false }];
  return {
    name,
    kind: 'relationships',
    steps,
    counts: [{ cypher: `MATCH ${pattern} RETURN count(r) AS n`, expected: rows.length }],
    remove: `MATCH ${pattern} WITH r LIMIT 50000 DELETE r RETURN count(*) AS n`,
    digest: digestOf(name, steps),
  };
}

const byField =
  (field: string) =>
  (x: Row, y: Row): number => {
    const [a, b] = [x[field] as string | number, y[field] as string | number];
    return a < b ? -1 : a > b ? 1 : 0;
  };

/** The groups of a graph, nodes first: Paper, Entity, Community, then each relationship type. */
export function planMirror(
  graph: KnowledgeGraph,
  abstracts?: ReadonlyMap<string, string>,
  results?: readonly ResultRow[],
): Group[] {
  const papers: Row[] = [];
  const entities = new Map<EntityKind, Row[]>();
  const inCommunity: Row[] = [];
  const paperCommunity: Row[] = [];
  graph.forEachNode((_node, a) => {
    if (a.kind === 'paper') {
      const p = a as PaperAttributes;
      papers.push({
        id: p.id,
        title: p.title,
        abstract: abstracts?.get(p.id) ?? null,
        date: p.date ?? null,
        year: p.year ?? null,
        dateText: p.dateText ?? null,
        url: p.url ?? null,
        venue: p.venue ?? null,
        organization: p.organization ?? null,
        authorCount: p.authorCount ?? null,
        source: p.source,
        community: p.community,
      });
      paperCommunity.push({ id: p.id, community: p.community });
    } else {
      const e = a as EntityAttributes;
      if (!Object.hasOwn(KIND_LABELS, e.kind))
        throw new InvalidInputError(`entity ${JSON.stringify(e.key)} has an unknown kind ${JSON.stringify(e.kind)}`, {
          code: 'KG_BAD_KIND',
        });
      let list = entities.get(e.kind);
      if (!list) entities.set(e.kind, (list = []));
      list.push({
        key: e.key,
        label: e.label,
        aliases: e.aliases,
        aliasText: e.aliases.join(' | '),
        paperCount: e.paperCount,
        mentionCount: e.mentionCount,
        firstSeen: e.firstSeen ?? null,
        lastSeen: e.lastSeen ?? null,
        community: e.community,
        specificity: e.specificity ?? null,
      });
      inCommunity.push({ key: e.key, community: e.community });
    }
  });
  const communities: Row[] = graph
    .getAttribute('communities')
    .map((c) => ({ id: c.id, label: c.label, size: c.size, topTerms: c.topTerms }));
  const mentions: Row[] = [];
  const coOccurs: Row[] = [];
  const relations = new Map<string, Row[]>(RELATION_TYPES.map((t) => [t, []]));
  const keyOf = (node: string): string => (graph.getNodeAttributes(node) as EntityAttributes).key;
  graph.forEachEdge((_edge, a, source, target) => {
    if (a.type === 'MENTIONS')
      mentions.push({
        paper: graph.getNodeAttribute(source, 'id' as never),
        entity: keyOf(target),
        count: a.count,
        spans: a.spans.flat(),
      });
    else if (a.type === 'CO_OCCURS') {
      const [x, y] = [keyOf(source), keyOf(target)].sort();
      coOccurs.push({ a: x, b: y, weight: a.weight });
    } else
      relations.get(a.type)?.push({ head: keyOf(source), tail: keyOf(target), weight: a.weight, papers: a.papers });
  });

  const kinds = Object.keys(KIND_LABELS) as EntityKind[];
  const entitySteps: Step[] = kinds.map((kind) => ({
    name: `${kind} entities`,
    rows: entities.get(kind) ?? [],
    params: { kind },
    create: `UNWIND $rows AS row ${entityCreate(KIND_LABELS[kind])}`,
    merge: `UNWIND $rows AS row MERGE (e:Entity {key: row.key}) REMOVE ${ALL_KIND_REMOVE} SET ${entitySet(KIND_LABELS[kind])}`,
  }));
  const entityCount = entitySteps.reduce((s, x) => s + x.rows.length, 0);
  const groups: Group[] = [
    nodeGroup(
      'Paper',
      [
        {
          name: 'papers',
          rows: papers,
          create: `UNWIND $rows AS row ${PAPER_CREATE}`,
          merge: `UNWIND $rows AS row MERGE (p:Paper {id: row.id}) SET ${PAPER_SET}`,
        },
      ],
      [{ cypher: 'MATCH (n:Paper) RETURN count(n) AS n', expected: papers.length }],
    ),
    nodeGroup('Entity', entitySteps, [
      { cypher: 'MATCH (n:Entity) RETURN count(n) AS n', expected: entityCount },
      ...kinds.map((kind) => ({
        cypher: `MATCH (n:${KIND_LABELS[kind]}) RETURN count(n) AS n`,
        expected: entities.get(kind)?.length ?? 0,
      })),
    ]),
    nodeGroup(
      'Community',
      [
        {
          name: 'communities',
          rows: communities,
          create: `UNWIND $rows AS row CREATE (c:Community {id: toInteger(row.id)}) SET ${COMMUNITY_SET}`,
          merge: `UNWIND $rows AS row MERGE (c:Community {id: toInteger(row.id)}) SET ${COMMUNITY_SET}`,
        },
      ],
      [{ cypher: 'MATCH (n:Community) RETURN count(n) AS n', expected: communities.length }],
    ),
    relationshipGroup(
      'MENTIONS',
      '()-[r:MENTIONS]->()',
      mentions.sort(byField('paper')),
      'paper',
      'MATCH (p:Paper {id: g.key})',
      'MATCH (e:Entity {key: row.entity})',
      'CREATE (p)-[:MENTIONS {count: toInteger(row.count), spans: [x IN row.spans | toInteger(x)]}]->(e)',
    ),
    relationshipGroup(
      'CO_OCCURS',
      '()-[r:CO_OCCURS]->()',
      coOccurs.sort(byField('a')),
      'a',
      'MATCH (a:Entity {key: g.key})',
      'MATCH (b:Entity {key: row.b})',
      'CREATE (a)-[:CO_OCCURS {weight: toInteger(row.weight)}]->(b)',
    ),
    ...RELATION_TYPES.map((type) =>
      relationshipGroup(
        type,
        `()-[r:${type}]->()`,
        relations.get(type)!,
        undefined,
        'MATCH (h:Entity {key: row.head})',
        'MATCH (t:Entity {key: row.tail})',
        `CREATE (h)-[:${type} {weight: toInteger(row.weight), papers: row.papers}]->(t)`,
      ),
    ),
    relationshipGroup(
      'IN_COMMUNITY (entities)',
      '(:Entity)-[r:IN_COMMUNITY]->()',
      inCommunity.sort(byField('community')),
      'community',
      'MATCH (c:Community {id: toInteger(g.key)})',
      'MATCH (e:Entity {key: row.key})',
      'CREATE (e)-[:IN_COMMUNITY]->(c)',
    ),
    relationshipGroup(
      'IN_COMMUNITY (papers)',
      '(:Paper)-[r:IN_COMMUNITY]->()',
      paperCommunity.sort(byField('community')),
      'community',
      'MATCH (c:Community {id: toInteger(g.key)})',
      'MATCH (p:Paper {id: row.id})',
      'CREATE (p)-[:IN_COMMUNITY]->(c)',
    ),
  ];
  if (results !== undefined)
    groups.push(
      ...resultGroups(
        new Set(papers.map((p) => p.id as string)),
        new Set([...entities.values()].flatMap((rows) => rows.map((e) => e.key as string))),
        results,
      ),
    );
  return groups;
}

const RESULT_SET =
  'r.value = toFloat(row.value), r.unit = row.unit, r.delta = row.delta, r.sentence = row.sentence, r.year = toInteger(row.year), r.mirror = $token';

/**
 * The `:Result` nodes and their REPORTS (from the paper), OF_METRIC, ON_DATASET and BY_METHOD edges (to the entities of
 * those mentions). A result of a paper not in the graph is left out; an end whose entity is not in the graph (fewer
 * papers than the build's threshold) is skipped, as MENTIONS skips it.
 */
function resultGroups(
  paperIds: ReadonlySet<string>,
  entityKeys: ReadonlySet<string>,
  results: readonly ResultRow[],
): Group[] {
  const kept = results.filter((r) => paperIds.has(r.paper)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inGraph = (key: string | null): key is string => key !== null && entityKeys.has(key);
  const ends = (field: 'metric' | 'dataset' | 'method'): Row[] =>
    kept.filter((r) => inGraph(r[field])).map((r) => ({ id: r.id, key: r[field] }));
  const nodes: Row[] = kept.map((r) => ({
    id: r.id,
    value: r.value,
    unit: r.unit,
    delta: r.delta,
    sentence: r.sentence,
    year: r.year,
  }));
  const edge = (type: string, field: 'metric' | 'dataset' | 'method'): Group =>
    relationshipGroup(
      type,
      `()-[r:${type}]->()`,
      ends(field).sort(byField('key')),
      'key',
      'MATCH (e:Entity {key: g.key})',
      'MATCH (x:Result {id: row.id})',
      `CREATE (x)-[:${type}]->(e)`,
    );
  return [
    nodeGroup(
      'Result',
      [
        {
          name: 'results',
          rows: nodes,
          create: `UNWIND $rows AS row CREATE (r:Result {id: row.id}) SET ${RESULT_SET}`,
          merge: `UNWIND $rows AS row MERGE (r:Result {id: row.id}) SET ${RESULT_SET}`,
        },
      ],
      [{ cypher: 'MATCH (n:Result) RETURN count(n) AS n', expected: nodes.length }],
    ),
    relationshipGroup(
      'REPORTS',
      '()-[r:REPORTS]->()',
      kept.map((r) => ({ id: r.id, paper: r.paper })).sort(byField('paper')),
      'paper',
      'MATCH (p:Paper {id: g.key})',
      'MATCH (x:Result {id: row.id})',
      'CREATE (p)-[:REPORTS]->(x)',
    ),
    edge('OF_METRIC', 'metric'),
    edge('ON_DATASET', 'dataset'),
    edge('BY_METHOD', 'method'),
  ];
}
