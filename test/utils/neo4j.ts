/** Test helpers for the real Neo4j (`kg services up` or docker compose): a reachable driver or a clear failure, never a skip. */
import neo4j, { type Driver } from 'neo4j-driver';

/** The Neo4j the tests use: NEO4J_URI or the `kg services up` default. The database is dedicated to tests and emptied by them. */
export const TEST_NEO4J_URI = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';

/** A connected driver, or an error saying how to start Neo4j. */
export async function requireNeo4j(): Promise<Driver> {
  const auth = process.env.NEO4J_USERNAME ? neo4j.auth.basic(process.env.NEO4J_USERNAME, process.env.NEO4J_PASSWORD ?? '') : undefined;
  const driver = neo4j.driver(TEST_NEO4J_URI, auth, { disableLosslessIntegers: true, connectionTimeout: 3000 });
  try {
    await driver.verifyConnectivity();
    return driver;
  } catch (error) {
    await driver.close();
    throw new Error(`Neo4j is required for these tests and is not reachable at ${TEST_NEO4J_URI} (${(error as Error).message}). Start it with "npm run build && node dist/cli/kg.js services up" (bash .ci/run does), or set NEO4J_URI.`);
  }
}

/** Counts of nodes by label and relationships by type. */
export async function neo4jCounts(driver: Driver): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const nodes = await driver.executeQuery('MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n');
  for (const r of nodes.records) out[`:${r.get('l')}`] = r.get('n');
  const rels = await driver.executeQuery('MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n');
  for (const r of rels.records) out[r.get('t')] = r.get('n');
  return out;
}
