// kg query without --write only reads the graph: no file or URL loads, no admin command, whatever the query's spelling;
// and the Neo4j of `kg services up` refuses file and URL loads even with --write (issue 27, item 1 and 2).
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runQuery } from '../../graph/neo4j/index.js';
import { runKg, tempDir } from '../utils/cli.js';
import { requireNeo4j, TEST_NEO4J_URI } from '../utils/neo4j.js';

const env = { NEO4J_URI: TEST_NEO4J_URI };
const tmp = tempDir('query-guard');
const SECRET = 'kg-guard-secret-5b1e';
const secretFile = path.join(tmp.dir, 'only-mine.csv');
let driver: Driver;
let server: Server;
let requests = 0;
let url = '';

beforeAll(async () => {
  driver = await requireNeo4j();
  writeFileSync(secretFile, `${SECRET},line\n`);
  chmodSync(secretFile, 0o600);
  // A local page the attacks aim at: it must never be asked for.
  server = createServer((_req, res) => {
    requests += 1;
    res.end(`${SECRET},from-http\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page.csv`;
}, 60_000);
afterAll(async () => {
  // Undo what a failing guard might have let through.
  await driver
    ?.executeQuery('DROP USER kg_guard_intruder IF EXISTS', {}, { database: 'system' })
    .catch(() => undefined);
  await driver?.executeQuery('DROP INDEX kg_guard_intruder IF EXISTS').catch(() => undefined);
  await driver?.close();
  await new Promise((resolve) => server?.close(resolve));
  tmp.cleanup();
});

describe('kg query without --write', () => {
  it('cannot read a file: LOAD CSV of a file only its owner may read, of /etc/passwd, in any spelling', async () => {
    const attacks = [
      `LOAD CSV FROM 'file://${secretFile}' AS l RETURN l`,
      "LOAD CSV FROM 'file:///etc/passwd' AS l FIELDTERMINATOR ':' RETURN l[0] AS user",
      `/* only reads */ load csv from 'file://${secretFile}' as l return l`,
      `MATCH (n) WITH count(n) AS c CALL { LOAD CSV FROM 'file://${secretFile}' AS l RETURN l } RETURN l`,
    ];
    for (const cypher of attacks) {
      const out = await runKg(['query', cypher, '--format', 'json'], env);
      expect(out.code, cypher).toBe(1);
      expect(out.stdout, cypher).not.toMatch(new RegExp(`${SECRET}|root`));
      expect(out.stderr, cypher).toMatch(/--write/);
      await expect(runQuery(driver, cypher, {}), cypher).rejects.toMatchObject({ code: 'KG_CYPHER_LOAD_REFUSED' });
    }
    // The file as a parameter: the plan is the same.
    const param = await runKg(['query', 'LOAD CSV FROM $f AS l RETURN l', '--param', `f=file://${secretFile}`], env);
    expect(param.code).toBe(1);
    expect(param.stdout).not.toContain(SECRET);
  });

  it('cannot fetch a URL: the local page gets no request', async () => {
    for (const cypher of [
      `LOAD CSV FROM '${url}' AS l RETURN l`,
      `LoAd CsV WITH HEADERS FROM '${url}' AS l RETURN l`,
    ]) {
      const out = await runKg(['query', cypher], env);
      expect(out.code, cypher).toBe(1);
      expect(out.stdout).not.toContain(SECRET);
      expect(out.stderr).toMatch(/--write/);
    }
    await expect(runQuery(driver, 'LOAD CSV FROM $url AS l RETURN l', { url })).rejects.toMatchObject({
      code: 'KG_CYPHER_LOAD_REFUSED',
    });
    expect(requests).toBe(0);
  });

  it("cannot end another session's query with TERMINATE TRANSACTIONS: that query goes on", async () => {
    // A query that runs for minutes, in a session of its own.
    const other = driver.session();
    let ended: string | undefined;
    const running = other.run('UNWIND range(1, 100000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n').then(
      () => void (ended = 'finished'),
      (error: { code?: string }) => void (ended = error.code ?? 'failed'),
    );
    const txId = await vi.waitFor(
      async () => {
        const shown = await driver.executeQuery(
          "SHOW TRANSACTIONS YIELD transactionId, currentQuery WHERE currentQuery STARTS WITH 'UNWIND range(1, 100000000000)' RETURN transactionId",
        );
        const id = shown.records[0]?.get('transactionId') as string | undefined;
        if (!id) throw new Error('the long query is not running yet');
        return id;
      },
      { timeout: 20_000, interval: 200 },
    );
    try {
      for (const cypher of [`TERMINATE TRANSACTIONS '${txId}'`, `// harmless\nterminate transaction '${txId}'`]) {
        const out = await runKg(['query', cypher], env);
        expect(out.code, cypher).toBe(1);
        expect(out.stderr, cypher).toMatch(/--write/);
      }
      await expect(runQuery(driver, 'TERMINATE TRANSACTIONS $id', { id: txId })).rejects.toMatchObject({
        code: 'KG_CYPHER_ADMIN_REFUSED',
      });
      const still = await driver.executeQuery(
        'SHOW TRANSACTIONS YIELD transactionId WHERE transactionId = $id RETURN count(*) AS n',
        { id: txId },
      );
      expect(still.records[0]!.get('n')).toBe(1);
      expect(ended).toBeUndefined();
    } finally {
      await driver.executeQuery('TERMINATE TRANSACTIONS $id', { id: txId }).catch(() => undefined);
      await running;
      await other.close();
    }
  });

  it('cannot run admin, schema or system commands, nor procedures that act; reads, schema listings and full-text search still run', async () => {
    const refused = [
      'SHOW USERS',
      'CREATE USER kg_guard_intruder SET PASSWORD $p CHANGE NOT REQUIRED',
      'SHOW TRANSACTIONS',
      'SHOW SETTINGS',
      'STOP DATABASE neo4j',
      'CREATE INDEX kg_guard_intruder FOR (n:KgGuard) ON (n.x)',
      'CALL dbms.listConfig()',
      'CALL dbms.killConnections([])',
      "CALL db.stats.collect('QUERIES')",
      'CALL db.clearQueryCaches()',
      'CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS',
    ];
    for (const cypher of refused)
      await expect(runQuery(driver, cypher, { p: 'a-long-password' }), cypher).rejects.toMatchObject({
        name: 'KgError',
      });
    for (const cypher of ['SHOW USERS', 'CALL dbms.listConfig()']) {
      const out = await runKg(['query', cypher], env);
      expect(out.code, cypher).toBe(1);
      expect(out.stdout, cypher).toBe('');
      expect(out.stderr, cypher).toMatch(/--write/);
    }
    const users = await driver.executeQuery(
      "SHOW USERS YIELD user WHERE user = 'kg_guard_intruder' RETURN count(*) AS n",
      {},
      { database: 'system' },
    );
    expect(users.records[0]!.get('n')).toBe(0);
    const indexes = await driver.executeQuery(
      "SHOW INDEXES YIELD name WHERE name = 'kg_guard_intruder' RETURN count(*) AS n",
    );
    expect(indexes.records[0]!.get('n')).toBe(0);
    const online = await driver.executeQuery(
      "SHOW DATABASES YIELD name, currentStatus WHERE name = 'neo4j' RETURN currentStatus",
      {},
      { database: 'system' },
    );
    expect(online.records[0]!.get('currentStatus')).toBe('online');

    for (const cypher of [
      'RETURN 1 AS one',
      'CALL db.labels() YIELD label RETURN label',
      'SHOW INDEXES YIELD name RETURN name',
      'EXPLAIN MATCH (n) RETURN n',
    ]) {
      await expect(runQuery(driver, cypher, {}), cypher).resolves.toMatchObject({ columns: expect.any(Array) });
    }
  });
});

describe('the Neo4j of kg services up, even with --write', () => {
  it('refuses to load files (none are allowed) and URLs (every address is blocked)', async () => {
    const file = await runKg(['query', '--write', `LOAD CSV FROM 'file://${secretFile}' AS l RETURN l`], env);
    expect(file.code).toBe(1);
    expect(file.stdout).not.toContain(SECRET);
    const passwd = await runKg(['query', '--write', "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"], env);
    expect(passwd.code).toBe(1);
    expect(passwd.stdout).not.toContain('root');
    for (const target of [url, url.replace('127.0.0.1', 'localhost')]) {
      const http = await runKg(['query', '--write', `LOAD CSV FROM '${target}' AS l RETURN l`], env);
      expect(http.code, target).toBe(1);
      expect(http.stdout).not.toContain(SECRET);
    }
    expect(requests).toBe(0);
    // The session's own check is what --write turns off; a plain read through the driver is refused by the server too.
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      await expect(session.executeRead((tx) => tx.run(`LOAD CSV FROM '${url}' AS l RETURN l`))).rejects.toThrow();
    } finally {
      await session.close();
    }
    expect(requests).toBe(0);
  });
});
