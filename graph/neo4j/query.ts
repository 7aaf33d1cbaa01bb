/** Running users' Cypher: read-only unless asked, values as parameters, results as plain JSON, errors made readable. */
import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type Notification, type Session } from 'neo4j-driver';
import { KgError, ServiceError } from '../../pipeline/core/errors.js';
import { readOnlyRefusal } from './guard.js';

/** One result row as plain JSON: nodes become their properties plus `_labels`, relationships plus `_type`. */
export type Row = Record<string, unknown>;

/** Converts driver values (nodes, relationships, paths, temporal values) to plain JSON. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (neo4j.isNode(value as never)) {
    const node = value as { labels: string[]; properties: Record<string, unknown> };
    return { _labels: node.labels, ...(toPlain(node.properties) as object) };
  }
  if (neo4j.isRelationship(value as never)) {
    const rel = value as { type: string; properties: Record<string, unknown> };
    return { _type: rel.type, ...(toPlain(rel.properties) as object) };
  }
  if (neo4j.isPath(value as never)) {
    const path = value as { start: unknown; segments: { relationship: unknown; end: unknown }[] };
    return [toPlain(path.start), ...path.segments.flatMap((s) => [toPlain(s.relationship), toPlain(s.end)])];
  }
  if (neo4j.isInt(value as never)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === 'object') {
    const ctor = (value as object).constructor?.name;
    if (ctor && ctor !== 'Object') return String(value);
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/** Maps a driver error to kg's classes: syntax and refused writes are the user's (exit 1 with the server's words). */
export function queryError(error: unknown): KgError {
  if (error instanceof Neo4jError) {
    if (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired')
      return new ServiceError(`Neo4j is not reachable: ${error.message}`, {
        code: 'KG_NEO4J_UNREACHABLE',
        cause: error,
      });
    if (error.code === 'Neo.ClientError.Statement.SyntaxError')
      return new KgError(`Cypher syntax error: ${error.message}`, { code: 'KG_CYPHER_SYNTAX', cause: error });
    if (/AccessMode|ForbiddenDueToTransactionType|Forbidden/.test(error.code)) {
      return new KgError('the query writes, and kg query is read-only: add --write to allow it', {
        code: 'KG_CYPHER_WRITE_REFUSED',
        cause: error,
      });
    }
    return new KgError(`Neo4j refused the query (${error.code}): ${error.message}`, {
      code: 'KG_CYPHER_ERROR',
      cause: error,
    });
  }
  return error instanceof KgError ? error : new KgError(String(error), { code: 'KG_CYPHER_ERROR', cause: error });
}

/** The server's notifications that name a likely typo, by code: what is unknown. */
const UNKNOWN: Readonly<Record<string, string>> = {
  'Neo.ClientNotification.Statement.UnknownLabelWarning': 'label',
  'Neo.ClientNotification.Statement.UnknownPropertyKeyWarning': 'property',
  'Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning': 'relationship type',
};

/**
 * The server's warnings that a query names a label, property or relationship type the graph does not have (most
 * often a typo, or `name` for `label`), one line each with its place: `unknown label "Methd" (line 1, column 10)`.
 * Such a query runs and returns nothing, or nulls, so without these a typo looks like an empty answer.
 */
export function queryWarnings(notifications: readonly Notification[]): string[] {
  return notifications.flatMap((n) => {
    const what = UNKNOWN[n.code];
    if (what === undefined) return [];
    const name = /is: (.+)\)\s*$/.exec(n.description)?.[1];
    const at =
      'line' in n.position && n.position.line !== undefined
        ? ` (line ${n.position.line}, column ${n.position.column})`
        : '';
    return [`unknown ${what}${name === undefined ? '' : ` "${name}"`}${at}`];
  });
}

/**
 * Refuses, before it runs, a query the server does not plan as a read of the graph (see guard.ts): a read transaction
 * still runs LOAD CSV and TERMINATE TRANSACTIONS. Same text and parameters as the run, so the same plan.
 */
async function refuseUnlessReadOnly(session: Session, cypher: string, params: Record<string, unknown>): Promise<void> {
  const summary = await session.executeRead((tx) => tx.run(`EXPLAIN ${cypher}`, params).summary());
  const refusal = readOnlyRefusal(summary.queryType, summary.plan);
  if (refusal)
    throw new KgError(`${refusal.reason}, and kg query is read-only: add --write to allow it`, { code: refusal.code });
}

/**
 * Runs one query in a read (or, with `write`, a write) transaction and returns its rows, its column names (also when
 * no row comes back) and the server's warnings about it (an unknown label or property, say: see {@link queryWarnings}).
 * Without `write`, the server's plan of the query is checked first and anything but a read of the graph is refused.
 */
export async function runQuery(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown>,
  options: { write?: boolean; database?: string } = {},
): Promise<{ columns: string[]; rows: Row[]; warnings: string[] }> {
  const session = driver.session({
    database: options.database,
    defaultAccessMode: options.write ? neo4j.session.WRITE : neo4j.session.READ,
  });
  try {
    if (!options.write) await refuseUnlessReadOnly(session, cypher, params);
    const work = async (tx: ManagedTransaction) => {
      const result = tx.run(cypher, params);
      const keys = await result.keys();
      return { keys, ...(await result) };
    };
    const result = options.write ? await session.executeWrite(work) : await session.executeRead(work);
    return {
      columns: result.keys.map(String),
      rows: result.records.map((r) => toPlain(r.toObject()) as Row),
      warnings: queryWarnings(result.summary.notifications),
    };
  } catch (error) {
    throw queryError(error);
  } finally {
    await session.close();
  }
}
