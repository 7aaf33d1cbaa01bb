/** Neo4j connection settings (settings.ts, without the driver) and the driver made from them; credentials are never printed. */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from './settings.js';

export { neo4jConfig, redactNeo4jText, redactNeo4jUri, type Neo4jConfig } from './settings.js';

/** A driver for the config; numbers come back as JavaScript numbers. */
export function createDriver(config: Neo4jConfig): Driver {
  const auth = config.username ? neo4j.auth.basic(config.username, config.password ?? '') : undefined;
  return neo4j.driver(config.uri, auth, { disableLosslessIntegers: true, connectionTimeout: 5000, maxTransactionRetryTime: 15_000 });
}
