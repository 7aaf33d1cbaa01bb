/** Neo4j connection settings (settings.ts, without the driver) and the driver made from them; credentials are never printed. */
import neo4j, { type Driver } from 'neo4j-driver';
import { ServiceError } from '../../pipeline/core/errors.js';
import { redactNeo4jText, redactNeo4jUri, type Neo4jConfig } from './settings.js';

export { neo4jConfig, redactNeo4jText, redactNeo4jUri, type Neo4jConfig } from './settings.js';

/** A driver for the config; numbers come back as JavaScript numbers. */
export function createDriver(config: Neo4jConfig): Driver {
  const auth = config.username ? neo4j.auth.basic(config.username, config.password ?? '') : undefined;
  return neo4j.driver(config.uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: 5000,
    maxTransactionRetryTime: 15_000,
  });
}

/**
 * The error with no Neo4j credential in its message or its causes' (the CLI prints a cause whose message is not in
 * the error's). Every Neo4j command's failure passes through here before it is printed.
 */
export function redactNeo4jError<E>(error: E, config: Neo4jConfig): E {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++)
    e.message = redactNeo4jText(e.message, config);
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
    throw redactNeo4jError(
      new ServiceError(`Neo4j at ${redactNeo4jUri(config.uri)} is not reachable: ${(cause as Error).message}`, {
        code: 'KG_NEO4J_UNREACHABLE',
        cause,
      }),
      config,
    );
  }
}
