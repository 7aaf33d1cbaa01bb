/** Neo4j connection settings, from `--neo4j URI` or the variables Neo4j's own tools use; credentials are never printed. */
import neo4j, { type Driver } from 'neo4j-driver';

/** Where and as whom to connect. */
export interface Neo4jConfig {
  uri: string;
  username?: string;
  password?: string;
  database?: string;
}

/** `--neo4j` wins over NEO4J_URI; NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE come from the environment. Undefined when no URI is set. */
export function neo4jConfig(uri: string | undefined, env: Record<string, string | undefined>): Neo4jConfig | undefined {
  const chosen = uri ?? env.NEO4J_URI;
  if (!chosen) return undefined;
  return { uri: chosen, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE || undefined };
}

/** The URI without any user or password in it, for messages. */
export function redactNeo4jUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/** A driver for the config; numbers come back as JavaScript numbers. */
export function createDriver(config: Neo4jConfig): Driver {
  const auth = config.username ? neo4j.auth.basic(config.username, config.password ?? '') : undefined;
  return neo4j.driver(config.uri, auth, { disableLosslessIntegers: true, connectionTimeout: 5000, maxTransactionRetryTime: 15_000 });
}
