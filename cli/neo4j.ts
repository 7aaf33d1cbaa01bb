/** Connecting the CLI to Neo4j: settings from `--neo4j` or the environment, a clear error when nothing answers, a mirror with a progress bar. */
import type { Driver } from 'neo4j-driver';
import type { KnowledgeGraph } from '../graph/index.js';
import { createDriver, createNeo4jMirror, neo4jConfig, redactNeo4jText, redactNeo4jUri, type MirrorProgress, type MirrorReport, type Neo4jConfig } from '../graph/neo4j/index.js';
import { ServiceError, UsageError } from '../pipeline/errors.js';
import { note } from './options.js';
import { createProgress } from './progress.js';

/** The settings, or a UsageError that says how to give them. */
export function requireNeo4jConfig(uri: string | undefined): Neo4jConfig {
  const config = neo4jConfig(uri, process.env);
  if (!config) throw new UsageError('no Neo4j configured: pass --neo4j URI or set NEO4J_URI (kg services up starts one at bolt://127.0.0.1:7687)', { code: 'KG_NEO4J_NOT_CONFIGURED' });
  return config;
}

/**
 * The error with no Neo4j credential in its message or its causes' (formatError prints a cause whose message is not in
 * the error's). Every Neo4j command's failure passes through here before it is printed.
 */
export function redactNeo4jError<E>(error: E, config: Neo4jConfig): E {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) e.message = redactNeo4jText(e.message, config);
  return error;
}

/** A driver that has answered once; ServiceError (exit 1) when Neo4j is not reachable. */
export async function connectNeo4j(config: Neo4jConfig): Promise<Driver> {
  const driver = createDriver(config);
  try {
    await driver.verifyConnectivity({ database: config.database });
    return driver;
  } catch (cause) {
    await driver.close();
    throw redactNeo4jError(new ServiceError(`Neo4j at ${redactNeo4jUri(config.uri)} is not reachable: ${(cause as Error).message}`, { code: 'KG_NEO4J_UNREACHABLE', cause }), config);
  }
}

/** Mirrors a graph with a progress bar (rows/s) and a summary line. */
export async function mirrorWithProgress(config: Neo4jConfig, graph: KnowledgeGraph, options: { batchSize?: number; full?: boolean; quiet?: boolean; abstracts?: ReadonlyMap<string, string>; onProgress?: (progress: MirrorProgress) => void } = {}): Promise<MirrorReport> {
  const driver = await connectNeo4j(config);
  // Stopped in the finally: a bar left running when the mirror fails keeps the process alive (its redraw timer).
  let bar: ReturnType<typeof createProgress> | undefined;
  try {
    const mirror = createNeo4jMirror({ driver, database: config.database, batchSize: options.batchSize, full: options.full });
    const report = await mirror.mirror(
      graph,
      (progress) => {
        bar ??= createProgress({ label: 'neo4j', total: progress.total, silent: options.quiet });
        bar.update(progress.done);
        options.onProgress?.(progress);
      },
      options.abstracts,
    );
    bar?.stop();
    note(
      `neo4j: mirrored ${report.nodes} nodes and ${report.relationships} relationships to ${redactNeo4jUri(config.uri)} in ${report.seconds.toFixed(1)} s` +
        ` (wrote ${report.written ?? 0} rows, ${Math.round((report.written ?? 0) / report.seconds)} rows/s; ${report.skipped ?? 0} rows of unchanged labels and types skipped;` +
        ` removed ${report.removedNodes} nodes, ${report.removedRelationships} relationships no longer in the snapshot)`,
    );
    return report;
  } catch (error) {
    if (error instanceof ServiceError || error instanceof UsageError) throw redactNeo4jError(error, config);
    throw redactNeo4jError(new ServiceError(`mirroring to Neo4j failed: ${(error as Error).message}; the snapshot is kept, run "kg mirror" again`, { code: 'KG_NEO4J_MIRROR', cause: error }), config);
  } finally {
    bar?.stop();
    await driver.close();
  }
}
