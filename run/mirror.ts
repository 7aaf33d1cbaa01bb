/** The mirror step of `kg run` and `kg mirror`: connect to Neo4j, mirror a graph with progress, say what was written; credentials never shown. */
import type { KnowledgeGraph } from '../graph/index.js';
import {
  connectNeo4j,
  createNeo4jMirror,
  redactNeo4jError,
  redactNeo4jUri,
  type MirrorProgress,
  type MirrorReport,
  type Neo4jConfig,
  type ResultRow,
} from '../graph/neo4j/index.js';
import { ServiceError, UsageError } from '../pipeline/core/errors.js';
import type { ExtractionHooks, ProgressDisplay } from '../workers/index.js';

/** Options of {@link mirrorToNeo4j}. */
export interface MirrorToNeo4jOptions {
  /** Rows per transaction. @defaultValue DEFAULT_MIRROR_BATCH_SIZE */
  batchSize?: number;
  /** Rewrite every label and type, even unchanged ones. */
  full?: boolean;
  /** Paper abstracts by id, stored on the paper nodes. */
  abstracts?: ReadonlyMap<string, string>;
  /** The results papers state (`resultRows` of the snapshot's paper records), written as `:Result` nodes. */
  results?: readonly ResultRow[];
  onProgress?: (progress: MirrorProgress) => void;
}

/**
 * Mirrors a graph into the Neo4j of `config`: a progress display (rows/s) and a summary line through `hooks`. A
 * failure is a ServiceError (`KG_NEO4J_MIRROR`, or `KG_NEO4J_UNREACHABLE`) with no credential in its message.
 */
export async function mirrorToNeo4j(
  config: Neo4jConfig,
  graph: KnowledgeGraph,
  options: MirrorToNeo4jOptions,
  hooks: ExtractionHooks,
): Promise<MirrorReport> {
  const driver = await connectNeo4j(config);
  // Stopped in the finally: a display left running when the mirror fails can keep the process alive (a bar's redraw timer).
  let bar: ProgressDisplay | undefined;
  try {
    const mirror = createNeo4jMirror({
      driver,
      database: config.database,
      batchSize: options.batchSize,
      full: options.full,
    });
    const report = await mirror.mirror(
      graph,
      (progress) => {
        bar ??= hooks.progress?.({ label: 'neo4j', total: progress.total });
        bar?.update(progress.done);
        options.onProgress?.(progress);
      },
      options.abstracts,
      options.results,
    );
    bar?.stop();
    hooks.note(
      `neo4j: mirrored ${report.nodes} nodes and ${report.relationships} relationships to ${redactNeo4jUri(config.uri)} in ${report.seconds.toFixed(1)} s` +
        ` (wrote ${report.written ?? 0} rows, ${Math.round((report.written ?? 0) / report.seconds)} rows/s; ${report.skipped ?? 0} rows of unchanged labels and types skipped;` +
        ` removed ${report.removedNodes} nodes, ${report.removedRelationships} relationships no longer in the snapshot)`,
    );
    return report;
  } catch (error) {
    if (error instanceof ServiceError || error instanceof UsageError) throw redactNeo4jError(error, config);
    throw redactNeo4jError(
      new ServiceError(
        `mirroring to Neo4j failed: ${(error as Error).message}; the snapshot is kept, run "kg mirror" again`,
        { code: 'KG_NEO4J_MIRROR', cause: error },
      ),
      config,
    );
  } finally {
    bar?.stop();
    await driver.close();
  }
}
