// docker-compose.yml checked as far as possible without a Docker engine: services, persistence, ports, scaling.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './utils/papers.js';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  container_name?: string;
  depends_on?: Record<string, unknown>;
}
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const command = (s: Service | undefined): string => [s?.command ?? []].flat().join(' ');

describe('docker-compose.yml', () => {
  it('has Redis with append-only persistence, noeviction and a volume', () => {
    const redis = compose.services.redis;
    expect(redis?.image).toMatch(/^redis:/);
    expect(command(redis)).toMatch(/--appendonly yes/);
    expect(command(redis)).toMatch(/--maxmemory-policy noeviction/);
    expect(redis?.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('has Neo4j 5 with auth from the environment, ports 7474/7687 and a volume', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j?.image).toMatch(/^neo4j:5/);
    expect(neo4j?.environment?.NEO4J_AUTH).toMatch(/\$\{NEO4J_PASSWORD/);
    expect(neo4j?.ports?.join(' ')).toMatch(/7474:7474/);
    expect(neo4j?.ports?.join(' ')).toMatch(/7687:7687/);
    expect(neo4j?.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it("has Neo4j load no file and fetch no URL, as kg services' Neo4j does (issue 27, item 1)", () => {
    const env = compose.services.neo4j?.environment ?? {};
    expect(env.NEO4J_dbms_security_allow__csv__import__from__file__urls).toBe('false');
    expect(env.NEO4J_server_directories_import).toBe('/var/lib/neo4j/import');
    expect(env.NEO4J_internal_dbms_cypher__ip__blocklist?.split(',')).toEqual(['0.0.0.0/0', '::/0']);
    expect(env.NEO4J_server_bolt_connection__keep__alive).toBe('10s');
    const server = readFileSync(path.join(ROOT, 'graph', 'neo4j', 'server', 'Neo4jServer.java'), 'utf8');
    for (const setting of [
      'allow_file_urls, false',
      'load_csv_file_url_root',
      'cypher_ip_blocklist',
      'connection_keep_alive, java.time.Duration.ofSeconds(10)',
    ])
      expect(server).toContain(setting);
  });

  it('has a scalable kg worker (no fixed name or host port) and the main job, both pointed at the services', () => {
    const worker = compose.services.worker;
    expect(command(worker)).toMatch(/^worker\b/);
    expect(worker?.container_name).toBeUndefined();
    expect(worker?.ports).toBeUndefined();
    expect(worker?.environment?.REDIS_URL).toBe('redis://redis:6379');
    const job = compose.services.kg;
    expect(command(job)).toMatch(/^run\b/);
    expect(job?.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
    expect(Object.keys(job?.depends_on ?? {})).toEqual(expect.arrayContaining(['redis', 'neo4j']));
  });

  it('declares every named volume it uses', () => {
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(compose.volumes).toHaveProperty(source);
      }
    }
  });

  it('builds from a Dockerfile whose entry point is the kg CLI', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "dist\/cli\/kg\.js"\]/);
    for (const folder of [...dockerfile.matchAll(/^COPY (\w+) \1$/gm)].map((m) => m[1]!)) {
      expect(existsSync(path.join(ROOT, folder)), `Dockerfile copies ${folder}/`).toBe(true);
    }
  });
});
