/**
 * The Neo4j mirror: the snapshot's graph written with batched `UNWIND $rows … MERGE` in managed write transactions
 * (transient errors retry), nodes before relationships. Every node and relationship written gets this mirror's token;
 * whatever carries another token afterwards is no longer in the snapshot and is deleted, so Neo4j equals the snapshot.
 * Labels and relationship types come from fixed lists, never from data: every value travels as a parameter.
 */
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import type { EntityKind, RelationType } from '../../pipeline/types.js';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from '../types.js';
import { ensureSchema } from './schema.js';
import { InvalidInputError } from '../../pipeline/errors.js';

/** Neo4j label of each entity kind. */
export const KIND_LABELS: Readonly<Record<EntityKind, string>> = { method: 'Method', task: 'Task', dataset: 'Dataset', metric: 'Metric', concept: 'Concept' };
/** Relation types the mirror writes between entities. */
export const RELATION_TYPES: readonly RelationType[] = ['USED_FOR', 'HYPONYM_OF', 'EVALUATED_ON', 'COMPARE', 'PART_OF', 'CONJUNCTION'];

/** Options of {@link createNeo4jMirror}. */
export interface MirrorOptions {
  driver: Driver;
  database?: string;
  /** Rows per transaction. @defaultValue 2000 */
  batchSize?: number;
}

/** Progress of a mirror: rows written of the total, and the current step. */
export interface MirrorProgress {
  step: string;
  done: number;
  total: number;
}

/** What a mirror wrote and removed. */
export interface MirrorReport {
  nodes: number;
  relationships: number;
  removedNodes: number;
  removedRelationships: number;
  seconds: number;
  /** Seconds of each phase: schema (constraints, indexes), node rows, relationship rows, and the sweep of what is gone. */
  timings: { schema: number; nodes: number; relationships: number; sweep: number; plan?: number };
  /** Rows written (nodes and relationships); the rest were skipped as unchanged. */
  written?: number;
  /** Rows of groups whose digest and counts in Neo4j matched the snapshot, so they were not written again. */
  skipped?: number;
}

type Row = Record<string, unknown>;
interface Step {
  name: string;
  params?: Record<string, unknown>;
  cypher: string;
  rows: Row[];
}

const ALL_KIND_LABELS = Object.values(KIND_LABELS).map((l) => `e:${l}`).join(', ');

function steps(graph: KnowledgeGraph, abstracts?: ReadonlyMap<string, string>): { nodes: Step[]; relationships: Step[] } {
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
      if (!Object.hasOwn(KIND_LABELS, e.kind)) throw new InvalidInputError(`entity ${JSON.stringify(e.key)} has an unknown kind ${JSON.stringify(e.kind)}`, { code: 'KG_BAD_KIND' });
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
      });
      inCommunity.push({ key: e.key, community: e.community });
    }
  });
  const communities: Row[] = graph.getAttribute('communities').map((c) => ({ id: c.id, label: c.label, size: c.size, topTerms: c.topTerms }));
  const mentions: Row[] = [];
  const coOccurs: Row[] = [];
  const relations = new Map<string, Row[]>();
  graph.forEachEdge((_edge, a, source, target) => {
    if (a.type === 'MENTIONS') mentions.push({ paper: graph.getNodeAttribute(source, 'id' as never), entity: (graph.getNodeAttributes(target) as EntityAttributes).key, count: a.count, spans: a.spans.flat() });
    else if (a.type === 'CO_OCCURS') {
      const [x, y] = [(graph.getNodeAttributes(source) as EntityAttributes).key, (graph.getNodeAttributes(target) as EntityAttributes).key].sort();
      coOccurs.push({ a: x, b: y, weight: a.weight });
    } else if ((RELATION_TYPES as readonly string[]).includes(a.type)) {
      let list = relations.get(a.type);
      if (!list) relations.set(a.type, (list = []));
      list.push({ head: (graph.getNodeAttributes(source) as EntityAttributes).key, tail: (graph.getNodeAttributes(target) as EntityAttributes).key, weight: a.weight, papers: a.papers });
    }
  });
  const nodeSteps: Step[] = [
    {
      name: 'papers',
      rows: papers,
      cypher: `UNWIND $rows AS row MERGE (p:Paper {id: row.id})
        SET p.title = row.title, p.abstract = row.abstract, p.date = row.date, p.year = toInteger(row.year), p.dateText = row.dateText, p.url = row.url,
            p.venue = row.venue, p.organization = row.organization, p.authorCount = toInteger(row.authorCount), p.source = row.source,
            p.community = toInteger(row.community), p.mirror = $token`,
    },
    ...[...entities].map(([kind, rows]) => ({
      name: `${kind} entities`,
      rows,
      params: { kind },
      cypher: `UNWIND $rows AS row MERGE (e:Entity {key: row.key})
        REMOVE ${ALL_KIND_LABELS.replace(/, /g, ' REMOVE ')}
        SET e:${KIND_LABELS[kind]}, e.kind = $kind, e.label = row.label, e.aliases = row.aliases, e.aliasText = row.aliasText,
            e.paperCount = toInteger(row.paperCount), e.mentionCount = toInteger(row.mentionCount), e.firstSeen = row.firstSeen,
            e.lastSeen = row.lastSeen, e.community = toInteger(row.community), e.mirror = $token`,
    })),
    {
      name: 'communities',
      rows: communities,
      cypher: `UNWIND $rows AS row MERGE (c:Community {id: toInteger(row.id)})
        SET c.label = row.label, c.size = toInteger(row.size), c.topTerms = row.topTerms, c.mirror = $token`,
    },
  ];
  const relationshipSteps: Step[] = [
    {
      name: 'MENTIONS',
      rows: mentions,
      cypher: `UNWIND $rows AS row MATCH (p:Paper {id: row.paper}) MATCH (e:Entity {key: row.entity})
        MERGE (p)-[r:MENTIONS]->(e) SET r.count = toInteger(row.count), r.spans = [x IN row.spans | toInteger(x)], r.mirror = $token`,
    },
    {
      name: 'CO_OCCURS',
      rows: coOccurs,
      cypher: `UNWIND $rows AS row MATCH (a:Entity {key: row.a}) MATCH (b:Entity {key: row.b})
        MERGE (a)-[r:CO_OCCURS]->(b) SET r.weight = toInteger(row.weight), r.mirror = $token`,
    },
    ...[...relations].map(([type, rows]) => ({
      name: type,
      rows,
      cypher: `UNWIND $rows AS row MATCH (h:Entity {key: row.head}) MATCH (t:Entity {key: row.tail})
        MERGE (h)-[r:${type}]->(t) SET r.weight = toInteger(row.weight), r.papers = row.papers, r.mirror = $token`,
    })),
    {
      name: 'IN_COMMUNITY (entities)',
      rows: inCommunity,
      cypher: `UNWIND $rows AS row MATCH (e:Entity {key: row.key}) MATCH (c:Community {id: toInteger(row.community)})
        MERGE (e)-[r:IN_COMMUNITY]->(c) SET r.mirror = $token`,
    },
    {
      name: 'IN_COMMUNITY (papers)',
      rows: paperCommunity,
      cypher: `UNWIND $rows AS row MATCH (p:Paper {id: row.id}) MATCH (c:Community {id: toInteger(row.community)})
        MERGE (p)-[r:IN_COMMUNITY]->(c) SET r.mirror = $token`,
    },
  ];
  return { nodes: nodeSteps, relationships: relationshipSteps };
}

/** A mirror bound to a driver: `mirror(graph)` makes Neo4j equal to the graph. */
export function createNeo4jMirror(options: MirrorOptions) {
  const batchSize = options.batchSize ?? 2000;
  const { driver, database } = options;

  async function write(step: Step, token: string, onBatch: (n: number) => void): Promise<void> {
    const session = driver.session({ database });
    try {
      for (let i = 0; i < step.rows.length; i += batchSize) {
        const rows = step.rows.slice(i, i + batchSize);
        await session.executeWrite((tx) => tx.run(step.cypher, { rows, token, ...step.params }));
        onBatch(rows.length);
      }
    } finally {
      await session.close();
    }
  }

  async function sweep(cypher: string, token: string): Promise<number> {
    const session = driver.session({ database });
    let removed = 0;
    try {
      for (;;) {
        const result = await session.executeWrite((tx) => tx.run(cypher, { token }));
        const n = Number(result.records[0]?.get('n') ?? 0);
        removed += n;
        if (n === 0) return removed;
      }
    } finally {
      await session.close();
    }
  }

  return {
    /** Writes the graph (and paper abstracts, for provenance in traces) and removes what is no longer in it. */
    async mirror(graph: KnowledgeGraph, onProgress?: (progress: MirrorProgress) => void, abstracts?: ReadonlyMap<string, string>): Promise<MirrorReport> {
      const started = performance.now();
      await ensureSchema(driver, database);
      const schemaDone = performance.now();
      const token = randomUUID();
      const plan = steps(graph, abstracts);
      const total = [...plan.nodes, ...plan.relationships].reduce((sum, s) => sum + s.rows.length, 0);
      let done = 0;
      const phase = async (list: Step[]): Promise<number> => {
        const start = performance.now();
        for (const step of list) {
          await write(step, token, (n) => {
            done += n;
            onProgress?.({ step: step.name, done, total });
          });
        }
        return (performance.now() - start) / 1000;
      };
      const nodeSeconds = await phase(plan.nodes);
      const relationshipSeconds = await phase(plan.relationships);
      const sweepStart = performance.now();
      const removedRelationships = await sweep(
        'MATCH (:Paper|Entity|Community)-[r]->() WHERE r.mirror IS NULL OR r.mirror <> $token WITH r LIMIT 10000 DELETE r RETURN count(*) AS n',
        token,
      );
      const removedNodes = await sweep(
        'MATCH (n:Paper|Entity|Community) WHERE n.mirror IS NULL OR n.mirror <> $token WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n',
        token,
      );
      return {
        nodes: plan.nodes.reduce((s, x) => s + x.rows.length, 0),
        relationships: plan.relationships.reduce((s, x) => s + x.rows.length, 0),
        removedNodes,
        removedRelationships,
        seconds: (performance.now() - started) / 1000,
        timings: { schema: (schemaDone - started) / 1000, nodes: nodeSeconds, relationships: relationshipSeconds, sweep: (performance.now() - sweepStart) / 1000 },
      };
    },
  };
}
