/**
 * The Neo4j mirror: makes Neo4j equal to a snapshot, group by group (Paper, Entity, Community nodes; each relationship
 * type). A group whose content digest, stored on the one `:KgMirror` node, matches the snapshot and whose count-store
 * counts match is skipped. Otherwise: an empty node group is loaded with CREATE, a non-empty one with MERGE and this run's
 * token, and nodes left with another token are deleted; a relationship group is emptied and created again. Statements
 * are batched `UNWIND $rows` in managed write transactions (transient errors retry), nodes before relationships.
 */
import { randomUUID } from 'node:crypto';
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { KnowledgeGraph } from '../core/types.js';
import { planMirror, MIRROR_FORMAT, MIRROR_TYPES, type Group, type ResultRow, type Row, type Step } from './plan.js';
import { ensureSchema } from './schema.js';

export { KIND_LABELS, RELATION_TYPES } from './plan.js';

/** Options of {@link createNeo4jMirror}. */
export interface MirrorOptions {
  driver: Driver;
  database?: string;
  /** Rows per transaction. @defaultValue {@link DEFAULT_MIRROR_BATCH_SIZE} */
  batchSize?: number;
  /** Transactions in flight at once within one statement's batches. @defaultValue {@link DEFAULT_MIRROR_CONCURRENCY} */
  concurrency?: number;
  /** Rewrite every group even when its digest and counts match. @defaultValue false */
  full?: boolean;
}

/** Rows per transaction: large enough that commits are rare, small enough for a 1 GB Neo4j heap. */
export const DEFAULT_MIRROR_BATCH_SIZE = 20_000;

/** Concurrent write transactions per node statement (each batch creates distinct nodes; relationship batches run one at a time). */
export const DEFAULT_MIRROR_CONCURRENCY = 2;

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
  /**
   * Seconds of each phase: schema (constraints, indexes), plan (rows, digests, count checks), node rows, relationship
   * rows (creating only), and the sweep: stale nodes, relationships of rewritten types emptied first, foreign types.
   */
  timings: { schema: number; nodes: number; relationships: number; sweep: number; plan?: number };
  /** Rows written (nodes and relationships); the rest were skipped as unchanged. */
  written?: number;
  /** Rows of groups whose digest and counts in Neo4j matched the snapshot, so they were not written again. */
  skipped?: number;
  /** Groups skipped as unchanged. */
  skippedGroups?: string[];
  /** Seconds spent writing each rewritten group. */
  groupSeconds?: Record<string, number>;
}

const META = "MERGE (m:KgMirror {id: 'kg'})";

async function single(
  driver: Driver,
  database: string | undefined,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<number> {
  const result = await driver.executeQuery(cypher, params, { database, routing: 'READ' });
  return Number(result.records[0]?.get('n') ?? 0);
}

/** Consecutive rows with the same `field` folded into `{key, items}`. */
function nested(rows: Row[], field: string): Row[] {
  const out: { key: unknown; items: Row[] }[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && last.key === row[field]) last.items.push(row);
    else out.push({ key: row[field], items: [row] });
  }
  return out;
}

/** A mirror bound to a driver: `mirror(graph)` makes Neo4j equal to the graph. */
export function createNeo4jMirror(options: MirrorOptions) {
  const batchSize = options.batchSize ?? DEFAULT_MIRROR_BATCH_SIZE;
  const concurrency = options.concurrency ?? DEFAULT_MIRROR_CONCURRENCY;
  const { driver, database } = options;

  async function write(step: Step, cypher: string, token: string, onBatch: (n: number) => void): Promise<void> {
    // Batches are contiguous slices of rows grouped by their first node, so concurrent transactions rarely lock the same
    // start node; a deadlock that still happens is a transient error and executeWrite retries the batch.
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      const session = driver.session({ database });
      try {
        while (next < step.rows.length && !failure) {
          const rows: Row[] = step.rows.slice(next, (next += batchSize));
          const params = step.nest ? nested(rows, step.nest) : rows;
          await session.executeWrite((tx: ManagedTransaction) =>
            tx.run(cypher, { rows: params, token, ...step.params }),
          );
          onBatch(rows.length);
        }
      } catch (error) {
        failure ??= { error };
      } finally {
        await session.close();
      }
    };
    const lanes = Math.max(
      1,
      Math.min(step.concurrent === false ? 1 : concurrency, Math.ceil(step.rows.length / batchSize)),
    );
    // Every lane has stopped before the mirror fails: a lane still retrying must not write with this token after a
    // later mirror has started (its sweep would then delete what the late lane wrote).
    await Promise.all(Array.from({ length: lanes }, worker));
    if (failure) throw failure.error;
  }

  async function sweep(cypher: string, params: Record<string, unknown>): Promise<number> {
    const session = driver.session({ database });
    let removed = 0;
    try {
      for (;;) {
        const result = await session.executeWrite((tx) => tx.run(cypher, params));
        const n = Number(result.records[0]?.get('n') ?? 0);
        removed += n;
        if (n === 0) return removed;
      }
    } finally {
      await session.close();
    }
  }

  /** Digests stored by the last complete mirror, by group name. */
  async function storedDigests(): Promise<Map<string, string>> {
    const result = await driver.executeQuery(
      'MATCH (m:KgMirror {id: $id}) RETURN m.groups AS groups, m.digests AS digests',
      { id: 'kg' },
      { database, routing: 'READ' },
    );
    const record = result.records[0];
    const groups = (record?.get('groups') as string[] | null) ?? [];
    const digests = (record?.get('digests') as string[] | null) ?? [];
    return new Map(groups.map((g, i) => [g, digests[i] ?? '']));
  }

  async function storeDigests(digests: Map<string, string>): Promise<void> {
    const groups = [...digests.keys()];
    await driver.executeQuery(
      `${META} SET m.groups = $groups, m.digests = $digests, m.format = $format`,
      { groups, digests: groups.map((g) => digests.get(g)!), format: MIRROR_FORMAT },
      { database },
    );
  }

  /** True when every count-store count of the group is what the snapshot says. */
  async function countsMatch(group: Group): Promise<boolean> {
    for (const { cypher, expected } of group.counts)
      if ((await single(driver, database, cypher)) !== expected) return false;
    return true;
  }

  return {
    /**
     * Writes the graph (and paper abstracts, for provenance in traces; and the results papers state, `resultRows` of
     * papers.jsonl, when given) and removes what is no longer in it.
     */
    async mirror(
      graph: KnowledgeGraph,
      onProgress?: (progress: MirrorProgress) => void,
      abstracts?: ReadonlyMap<string, string>,
      results?: readonly ResultRow[],
    ): Promise<MirrorReport> {
      const started = performance.now();
      await ensureSchema(driver, database);
      const schemaDone = performance.now();
      const token = randomUUID();
      const groups = planMirror(graph, abstracts, results);
      const rowsOf = (g: Group): number => g.steps.reduce((s, x) => s + x.rows.length, 0);
      const stored = options.full ? new Map<string, string>() : await storedDigests();
      const changed: Group[] = [];
      const skippedGroups: string[] = [];
      for (const group of groups) {
        if (stored.get(group.name) === group.digest && (await countsMatch(group))) skippedGroups.push(group.name);
        else changed.push(group);
      }
      // Until this mirror completes, the groups it rewrites carry no digest: an interrupted mirror is redone next time.
      const digests = new Map(
        groups.map((g) => [g.name, stored.get(g.name) === g.digest && skippedGroups.includes(g.name) ? g.digest : '']),
      );
      if (changed.length > 0) await storeDigests(digests);
      const planDone = performance.now();

      const total = changed.reduce((s, g) => s + rowsOf(g), 0);
      let done = 0;
      const groupSeconds: Record<string, number> = {};
      const progress = (step: string) => (n: number) => {
        done += n;
        onProgress?.({ step, done, total });
      };
      const swept: Group[] = [];
      let removedRelationships = 0;
      const nodesStart = performance.now();
      for (const group of changed.filter((g) => g.kind === 'nodes')) {
        // CREATE needs no index lookup per row and no lock on an existing node; it is only safe on an empty label.
        const empty = (await single(driver, database, group.counts[0]!.cypher)) === 0;
        const t = performance.now();
        for (const step of group.steps)
          await write(step, empty ? step.create : step.merge!, token, progress(step.name));
        groupSeconds[group.name] = (performance.now() - t) / 1000;
        if (!empty) swept.push(group);
      }
      const relationshipsStart = performance.now();
      let relationshipSeconds = 0;
      let emptySeconds = 0;
      for (const group of changed.filter((g) => g.kind === 'relationships')) {
        // Emptying a type and creating it again is faster than MERGE and leaves no stale relationship behind.
        const emptyStart = performance.now();
        const before = await single(driver, database, group.counts[0]!.cypher);
        if (before > 0) await sweep(group.remove, {});
        emptySeconds += performance.now() - emptyStart;
        removedRelationships += Math.max(0, before - rowsOf(group));
        const writeStart = performance.now();
        for (const step of group.steps) await write(step, step.create, token, progress(step.name));
        relationshipSeconds += performance.now() - writeStart;
        groupSeconds[group.name] = (performance.now() - writeStart) / 1000;
      }
      const sweepStart = performance.now();
      let removedNodes = 0;
      for (const group of swept) removedNodes += await sweep(group.remove, { token });
      // Relationships of types the mirror does not own, between its nodes, are not part of the snapshot.
      const expectedTotal = groups.filter((g) => g.kind === 'relationships').reduce((s, g) => s + rowsOf(g), 0);
      if ((await single(driver, database, 'MATCH ()-[r]->() RETURN count(r) AS n')) !== expectedTotal) {
        removedRelationships += await sweep(
          'MATCH (:Paper|Entity|Community|Result)-[r]-() WHERE NOT type(r) IN $types WITH DISTINCT r LIMIT 10000 DELETE r RETURN count(*) AS n',
          { types: MIRROR_TYPES },
        );
      }
      if (changed.length > 0) await storeDigests(new Map(groups.map((g) => [g.name, g.digest])));
      const end = performance.now();
      const rowsWritten = changed.reduce((s, g) => s + rowsOf(g), 0);
      const all = groups.reduce((s, g) => s + rowsOf(g), 0);
      return {
        nodes: groups.filter((g) => g.kind === 'nodes').reduce((s, g) => s + rowsOf(g), 0),
        relationships: expectedTotal,
        removedNodes,
        removedRelationships,
        seconds: (end - started) / 1000,
        timings: {
          schema: (schemaDone - started) / 1000,
          plan: (planDone - schemaDone) / 1000,
          nodes: (relationshipsStart - nodesStart) / 1000,
          relationships: relationshipSeconds / 1000,
          sweep: (end - sweepStart + emptySeconds) / 1000,
        },
        written: rowsWritten,
        skipped: all - rowsWritten,
        skippedGroups,
        groupSeconds,
      };
    },
  };
}
