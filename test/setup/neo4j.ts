/**
 * Global setup of the Neo4j tests: unless NEO4J_URI names one, a Neo4j of their own through `kg services up`'s code on
 * a free port (the tests empty its database, so never a user's), stopped afterwards. Java and Maven are installed with
 * apt-get when missing and we are root; otherwise the run stops naming the command.
 */
import path from 'node:path';
import { neo4jDown, neo4jUp } from '../../cli/util/services.js';
import { freePort } from '../utils/redis.js';
import { ensureCommand, ROOT } from './system.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.NEO4J_URI) return undefined;
  ensureCommand('java', ['default-jre-headless'], 'the Neo4j tests (Java 17+)');
  ensureCommand('mvn', ['maven'], 'resolving Neo4j for the Neo4j tests');
  const base = path.join(ROOT, '.kg', 'test-neo4j');
  await neo4jDown(base); // one left by an interrupted run would hold the store's lock
  const { uri } = await neo4jUp({ port: await freePort(), base, timeoutMs: 300_000 });
  process.env.NEO4J_URI = uri;
  return async () => {
    await neo4jDown(base);
  };
}
