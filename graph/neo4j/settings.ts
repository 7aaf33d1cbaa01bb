/** Neo4j connection settings, from `--neo4j URI` or the variables Neo4j's own tools use; apart from the driver, which takes 0.14 s to load. */

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
