/** Neo4j for kg: connection settings, schema, the idempotent mirror, read-only queries (traces over Neo4j: graph/trace-neo4j.ts). */
export {
  neo4jConfig,
  createDriver,
  connectNeo4j,
  redactNeo4jError,
  redactNeo4jText,
  redactNeo4jUri,
  type Neo4jConfig,
} from './config.js';
export { ensureSchema, SCHEMA_STATEMENTS } from './schema.js';
export {
  createNeo4jMirror,
  DEFAULT_MIRROR_BATCH_SIZE,
  KIND_LABELS,
  RELATION_TYPES,
  type MirrorOptions,
  type MirrorProgress,
  type MirrorReport,
} from './mirror.js';
export {
  planMirror,
  resultRows,
  GRAPH_MODEL,
  MIRROR_FORMAT,
  MIRROR_TYPES,
  RESULT_TYPES,
  type Group as MirrorGroup,
  type ResultRow,
} from './plan.js';
export { runQuery, toPlain, queryError, type Row } from './query.js';
export { readOnlyRefusal, READ_PROCEDURES, type Refusal } from './guard.js';
