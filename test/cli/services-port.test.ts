// `kg services down --port N` (issue 28): the README lists --port for up, down and status, but down refused it. It
// stops the Neo4j `kg services up --port N` started, and leaves one on another port alone, naming it. A stand-in
// process plays the started Neo4j (its pid and port where `up` records them): starting a real one takes minutes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { neo4jPaths, neo4jUp } from '../../cli/util/services.js';
import { KG, tempDir } from '../utils/cli.js';
import { freePort } from '../utils/redis.js';

const tmp = tempDir('services-port');
afterAll(() => tmp.cleanup());
const standIns: ChildProcess[] = [];
afterEach(() => {
  for (const child of standIns.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A process recorded as the Neo4j `kg services up --port PORT` started, in CWD/.kg/neo4j; resolves once it runs. */
async function standIn(cwd: string, port: number): Promise<ChildProcess> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  standIns.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  const paths = neo4jPaths(path.join(cwd, '.kg', 'neo4j'));
  mkdirSync(paths.dir, { recursive: true });
  writeFileSync(paths.pid, String(child.pid));
  writeFileSync(path.join(paths.dir, 'neo4j.port'), String(port));
  return child;
}

/** `kg services ARGS` in CWD (the services keep their state under CWD/.kg). */
function services(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KG, 'services', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));

describe('kg services down --port', () => {
  it('stops the Neo4j started on that port', async () => {
    const cwd = path.join(tmp.dir, 'a');
    const neo = await standIn(cwd, 7699);
    const out = await services(cwd, ['down', '--port', '7699']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('neo4j: stopped on port 7699\n');
    await exited(neo);
    expect(neo.signalCode).toBe('SIGTERM');
    expect(existsSync(neo4jPaths(path.join(cwd, '.kg', 'neo4j')).pid)).toBe(false);
  });

  it('leaves the one on another port running and names its port', async () => {
    const cwd = path.join(tmp.dir, 'b');
    const neo = await standIn(cwd, 7699);
    const out = await services(cwd, ['down', '--port', '7700']);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      `neo4j: none started by kg services on port 7700; the one it started (pid ${neo.pid}) runs on port 7699: kg services down --port 7699\n`,
    );
    expect(neo.exitCode).toBe(null);
    expect(neo.signalCode).toBe(null);
    // Without --port, whatever kg services started is stopped, as before.
    expect((await services(cwd, ['down'])).stdout).toBe('neo4j: stopped on port 7699\n');
    await exited(neo);
  });

  it('kg services up on another port refuses while the started one runs, and keeps its pid file', async () => {
    const cwd = path.join(tmp.dir, 'c');
    const neo = await standIn(cwd, 7699);
    const base = path.join(cwd, '.kg', 'neo4j');
    writeFileSync(neo4jPaths(base).classpath, 'none'); // never resolve with Maven here
    await expect(neo4jUp({ port: await freePort(), base, timeoutMs: 20_000 })).rejects.toThrow(
      /already runs \(pid \d+, port 7699.*kg services down --port 7699 first/,
    );
    expect(readFileSync(neo4jPaths(base).pid, 'utf8')).toBe(String(neo.pid));
    expect((await services(cwd, ['down', '--port', '7699'])).stdout).toBe('neo4j: stopped on port 7699\n');
    await exited(neo);
  });
});
