/**
 * Local services for contributors and CI, started for real: Neo4j 5.26 community from Maven Central artifacts (the
 * project's graph/neo4j/server/pom.xml, launched with `java`), Bolt on 127.0.0.1; and Redis when one is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { ServiceError } from '../../pipeline/core/errors.js';
import { DEFAULT_REDIS_URL, probeRedis } from '../../workers/index.js';
import { DEFAULT_SERVICES_OPTIONS } from '../../run/defaults.js';
import { note } from './options.js';

/** Where `kg services` keeps Neo4j's data, log, pid and classpath. */
export const SERVICES_DIR = path.join('.kg', 'neo4j');
/** The local Redis `redisUp` starts: where kg looks for one when no URL is given. */
const LOCAL_REDIS = new URL(DEFAULT_REDIS_URL);

/** The project root: where package.json and graph/neo4j/server live (from the source or the built file). */
function projectRoot(): string {
  for (const up of ['../..', '../../..']) {
    const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), up);
    if (existsSync(path.join(dir, 'graph', 'neo4j', 'server', 'pom.xml'))) return dir;
  }
  throw new ServiceError('graph/neo4j/server/pom.xml not found next to this kg build', {
    code: 'KG_NEO4J_LAUNCHER',
    retriable: false,
  });
}

/** Paths of the local Neo4j. */
export function neo4jPaths(base = SERVICES_DIR): {
  dir: string;
  data: string;
  log: string;
  pid: string;
  port: string;
  classpath: string;
} {
  return {
    dir: base,
    data: path.join(base, 'data'),
    log: path.join(base, 'neo4j.log'),
    pid: path.join(base, 'neo4j.pid'),
    port: path.join(base, 'neo4j.port'),
    classpath: path.join(base, 'classpath.txt'),
  };
}

/** The Neo4j `neo4jUp` started and that still runs: its pid, and its Bolt port (undefined if an older kg started it). */
export function startedNeo4j(base?: string): { pid: number; port?: number } | undefined {
  const paths = neo4jPaths(base);
  const pid = readPid(paths.pid);
  if (pid === undefined) return undefined;
  const port = existsSync(paths.port) ? Number(readFileSync(paths.port, 'utf8').trim()) : NaN;
  return Number.isInteger(port) && port > 0 ? { pid, port } : { pid };
}

/** True when a Neo4j answers Bolt at the URI within `timeoutMs`. */
export async function boltAnswers(uri: string, timeoutMs = 2000): Promise<boolean> {
  const driver = neo4j.driver(uri, undefined, { connectionTimeout: timeoutMs, maxConnectionPoolSize: 1 });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : undefined;
}

/** The last lines of Maven's output with its colour codes removed, for an error message. */
export function mavenOutputTail(output: string, lines = 20): string {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .join('\n');
}

/** Starts Neo4j (unless one answers on the port) and waits until Bolt answers. */
export async function neo4jUp(options: {
  port: number;
  base?: string;
  timeoutMs?: number;
  heap?: string;
}): Promise<{ uri: string; pid?: number; started: boolean }> {
  const uri = `bolt://127.0.0.1:${options.port}`;
  const paths = neo4jPaths(options.base);
  if (await boltAnswers(uri)) {
    note(`neo4j: already answering at ${uri}`);
    return { uri, pid: readPid(paths.pid), started: false };
  }
  // One data folder, one server: a second on another port would fail on the store's lock and take over the pid file.
  const running = startedNeo4j(options.base);
  if (running !== undefined) {
    throw new ServiceError(
      `a Neo4j started by kg services already runs (pid ${running.pid}${running.port === undefined ? '' : `, port ${running.port}`}, data ${paths.data}); stop it with kg services down${running.port === undefined ? '' : ` --port ${running.port}`} first`,
      { code: 'KG_NEO4J_RUNNING', retriable: false },
    );
  }
  mkdirSync(paths.data, { recursive: true });
  const root = projectRoot();
  const pom = path.join(root, 'graph', 'neo4j', 'server', 'pom.xml');
  if (!existsSync(paths.classpath)) {
    note('neo4j: resolving Neo4j 5.26 from Maven Central with mvn (the first time downloads about 150 MB into ~/.m2)');
    // Maven's output is kept and shown only if it fails: even quiet and in batch mode, Maven 3.8 writes colour resets
    // ("\x1b[0m") that would litter a log.
    const mvn = spawnSync(
      'mvn',
      [
        '-q',
        '-B',
        '-Dstyle.color=never',
        '-f',
        pom,
        'dependency:build-classpath',
        `-Dmdep.outputFile=${path.resolve(paths.classpath)}`,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    if (mvn.error || mvn.status !== 0) {
      rmSync(paths.classpath, { force: true });
      const output = mavenOutputTail(`${mvn.stdout ?? ''}${mvn.stderr ?? ''}`);
      if (output !== '') process.stderr.write(`${output}\n`);
      throw new ServiceError(
        `mvn could not resolve Neo4j (${mvn.error?.message ?? `exit ${mvn.status}`}); Maven and Java 17 are needed for kg services`,
        {
          code: 'KG_NEO4J_RESOLVE',
          retriable: false,
        },
      );
    }
  }
  const classpath = readFileSync(paths.classpath, 'utf8').trim();
  const log = openSync(paths.log, 'a');
  note(`neo4j: starting on ${uri} (data ${paths.data}, log ${paths.log})`);
  const child = spawn(
    'java',
    [
      `-Xms${options.heap ?? DEFAULT_SERVICES_OPTIONS.heap}`,
      `-Xmx${options.heap ?? DEFAULT_SERVICES_OPTIONS.heap}`,
      '-XX:+UseSerialGC',
      '-cp',
      classpath,
      path.join(root, 'graph', 'neo4j', 'server', 'Neo4jServer.java'),
      paths.data,
      String(options.port),
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
  child.on('error', (error) => (exited = error.message));
  writeFileSync(paths.pid, String(child.pid));
  writeFileSync(paths.port, String(options.port));
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (exited)
      throw new ServiceError(`Neo4j stopped while starting (${exited}); see ${paths.log}`, {
        code: 'KG_NEO4J_START',
        retriable: false,
      });
    if (await boltAnswers(uri, 1000)) {
      note(`neo4j: ready at ${uri} (pid ${child.pid})`);
      return { uri, pid: child.pid, started: true };
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new ServiceError(
    `Neo4j did not answer at ${uri} within ${Math.round((options.timeoutMs ?? 180_000) / 1000)} s; see ${paths.log}`,
    { code: 'KG_NEO4J_START' },
  );
}

/**
 * Stops the Neo4j that `neo4jUp` started (SIGTERM, then SIGKILL after 30 s); with `port`, only if it listens there
 * (`kg services down --port N`, the port `up --port N` took). Says what it stopped, or what runs instead.
 */
export async function neo4jDown(
  base?: string,
  options: { port?: number } = {},
): Promise<{ stopped: boolean; running?: { pid: number; port?: number } }> {
  const paths = neo4jPaths(base);
  const running = startedNeo4j(base);
  if (running === undefined) return { stopped: false };
  if (options.port !== undefined && running.port !== options.port) return { stopped: false, running };
  const pid = running.pid;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  if (pidAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(paths.pid, { force: true });
  rmSync(paths.port, { force: true });
  return { stopped: true, running };
}

/**
 * Starts a local Redis (no persistence) when none answers and redis-server is installed; `install`, when given, is
 * called first when one must be started (the test setup installs redis-server there).
 */
export async function redisUp(install?: () => void): Promise<'running' | 'started' | 'not-installed'> {
  try {
    await probeRedis(DEFAULT_REDIS_URL, 1000);
    return 'running';
  } catch {
    // none answers: start one below
  }
  install?.();
  const started = spawnSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      LOCAL_REDIS.hostname,
      '--port',
      LOCAL_REDIS.port,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  if (started.error) return 'not-installed';
  for (let i = 0; i < 50; i++) {
    try {
      await probeRedis(DEFAULT_REDIS_URL, 500);
      return 'started';
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new ServiceError(`redis-server was started but does not answer on ${LOCAL_REDIS.host}`, {
    code: 'KG_REDIS_START',
  });
}
