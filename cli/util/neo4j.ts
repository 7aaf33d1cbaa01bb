/** Connecting the CLI to Neo4j: settings from `--neo4j` or the environment, and the mirror with a progress bar. */
import type { KnowledgeGraph } from '../../graph/index.js';
import { neo4jConfig, type MirrorReport, type Neo4jConfig } from '../../graph/neo4j/index.js';
import { UsageError } from '../../pipeline/core/errors.js';
import { DEFAULT_SERVICES_OPTIONS } from '../../run/defaults.js';
import { mirrorToNeo4j, type MirrorToNeo4jOptions } from '../../run/mirror.js';
import { cliHooks } from './progress.js';

/** The settings, or a UsageError that says how to give them. */
export function requireNeo4jConfig(uri: string | undefined): Neo4jConfig {
  const config = neo4jConfig(uri, process.env);
  if (!config)
    throw new UsageError(
      `no Neo4j configured: pass --neo4j URI or set NEO4J_URI (kg services up starts one at bolt://127.0.0.1:${DEFAULT_SERVICES_OPTIONS.port})`,
      { code: 'KG_NEO4J_NOT_CONFIGURED' },
    );
  return config;
}

/** Mirrors a graph with a progress bar (rows/s, none with `quiet`) and a summary line on stderr. */
export async function mirrorWithProgress(
  config: Neo4jConfig,
  graph: KnowledgeGraph,
  options: MirrorToNeo4jOptions & { quiet?: boolean } = {},
): Promise<MirrorReport> {
  return mirrorToNeo4j(config, graph, options, cliHooks(options.quiet));
}
