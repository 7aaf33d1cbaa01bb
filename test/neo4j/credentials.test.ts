// Neo4j credentials are never printed: in a URI (any character, encoded or not) or in NEO4J_PASSWORD, through every
// Neo4j command's errors (issue 27, item 3). Needs no Neo4j: nothing answers on port 1.
import { Graph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { KnowledgeGraph } from '../../graph/index.js';
import { neo4jConfig, redactNeo4jText, redactNeo4jUri } from '../../graph/neo4j/settings.js';
import { connectNeo4j } from '../../graph/neo4j/index.js';
import { mirrorWithProgress } from '../../cli/util/neo4j.js';
import { runKg } from '../utils/cli.js';

// Each password's tail, "Tail9", must never be printed; nor its head, "Pw".
// In a URI a space must be encoded (%20); in NEO4J_PASSWORD it is written as is.
const PASSWORDS = ['Pw/x/Tail9', 'Pw@x@Tail9', 'Pw:x:Tail9', 'Pw%x%Tail9', 'Pw%2Fx%20Tail9'];
const leaks = (text: string, password: string): boolean =>
  text.includes('Tail9') || text.includes(password) || text.includes(encodeURIComponent(password));

describe('Neo4j credentials', () => {
  it.each(PASSWORDS)('a password %j in the URI is taken out of it, decoded, and never shown', (password) => {
    const uri = `bolt://kguser:${password}@127.0.0.1:7687`;
    const config = neo4jConfig(uri, { NEO4J_PASSWORD: 'from-env' })!;
    expect(config.uri).toBe('bolt://127.0.0.1:7687');
    expect(config.username).toBe('kguser');
    // As written when it is not valid percent-encoding, decoded when it is.
    expect(config.password).toBe(/%[0-9A-F]{2}/i.test(password) ? decodeURIComponent(password) : password);
    expect(redactNeo4jUri(uri)).toBe('bolt://***@127.0.0.1:7687');
    const message = `Neo4j at ${uri} is not reachable: ${config.password} and ${encodeURIComponent(config.password!)}`;
    expect(leaks(redactNeo4jText(message, config), config.password!)).toBe(false);
    expect(leaks(redactNeo4jText(`Neo4j at ${uri} is not reachable`), password)).toBe(false);
  });

  it('takes the user and password from the environment when the URI has none', () => {
    expect(neo4jConfig('neo4j://db.example:7687?policy=x', { NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p/w@x' })).toEqual({
      uri: 'neo4j://db.example:7687?policy=x',
      username: 'u',
      password: 'p/w@x',
      database: undefined,
    });
  });

  it.each(PASSWORDS)('connecting and mirroring with password %j fail without showing it', async (password) => {
    const config = neo4jConfig(`bolt://kguser:${password}@127.0.0.1:1`, {})!;
    const failure = (await connectNeo4j(config).catch((e: unknown) => e)) as Error;
    expect(failure).toMatchObject({ name: 'ServiceError', code: 'KG_NEO4J_UNREACHABLE' });
    expect(leaks(`${failure.message} ${(failure.cause as Error).message}`, password)).toBe(false);
    const mirror = (await mirrorWithProgress(config, new Graph() as unknown as KnowledgeGraph, { quiet: true }).catch(
      (e: unknown) => e,
    )) as Error;
    expect(mirror).toMatchObject({ name: 'ServiceError' });
    expect(leaks(mirror.message, password)).toBe(false);
  });

  it('kg query and kg trace print no part of a password from --neo4j, NEO4J_URI or NEO4J_PASSWORD', async () => {
    // The two the tester found (a `/` printed the password whole, an `@` its tail); the rest are covered above.
    for (const password of PASSWORDS.slice(0, 2)) {
      const uri = `bolt://kguser:${password}@127.0.0.1:1`;
      for (const [args, env] of [
        [['query', 'RETURN 1', '--neo4j', uri], {}],
        [['query', 'RETURN 1'], { NEO4J_URI: uri }],
        [['trace', 'RL', '--neo4j', uri], {}],
        [
          ['query', 'RETURN 1'],
          { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_USERNAME: 'kguser', NEO4J_PASSWORD: `${password} Tail9` },
        ],
      ] as [string[], Record<string, string>][]) {
        const out = await runKg(args, env);
        expect(out.code, `${args.join(' ')} ${JSON.stringify(env)}`).toBe(1);
        expect(out.stderr).toMatch(/not reachable/);
        expect(leaks(out.stderr + out.stdout, password), out.stderr).toBe(false);
      }
    }
  }, 180_000);
});
