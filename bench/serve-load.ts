/**
 * `kg serve` under load: starts `kg serve` on a snapshot as a child process and sends `--requests` GETs of
 * `/api/graph?papers=1`, `--concurrency` at a time, over a keep-alive agent with `Accept-Encoding: gzip`, then prints
 * latency percentiles, statuses, resets and how many distinct bodies came back.
 * Usage: `node dist/bench/serve-load.js --graph DIR [--requests 400] [--concurrency 200] [--mode same|bust|distinct] [--kg dist/cli/kg.js]`
 * (`--kg`: another build's kg, to compare before and after in one session; `--identity`: no Accept-Encoding).
 * Modes: `same` asks the same URL each time; `bust` adds a different `limit` past the entity count to each (a
 * cache-busting query string with the same answer); `distinct` asks a different `limit` below the default each time
 * (a different answer each time).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SNAPSHOT_DIR } from '../graph/defaults.js';
import { flagValue, hasFlag } from './args.js';

const dir = flagValue('--graph', DEFAULT_SNAPSHOT_DIR);
const requests = Number(flagValue('--requests', '400'));
const concurrency = Number(flagValue('--concurrency', '200'));
const mode = flagValue('--mode', 'bust');
const headers: Record<string, string> = hasFlag('--identity') ? {} : { 'Accept-Encoding': 'gzip' };
if (!['same', 'bust', 'distinct'].includes(mode) || !Number.isInteger(requests) || !Number.isInteger(concurrency)) {
  console.error(
    'usage: node dist/bench/serve-load.js --graph DIR [--requests 400] [--concurrency 200] [--mode same|bust|distinct]',
  );
  process.exit(2);
}
const KG = flagValue('--kg', path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'kg.js'));

/** One answer as the client saw it. */
interface Outcome {
  status: number | string;
  ms: number;
  digest?: string;
}

/** Starts `kg serve --port 0` and resolves with its URL and the child. */
async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [KG, 'serve', '--graph', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/\S+\//.exec(out);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`kg serve exited ${code}: ${stderr.slice(-2000)}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** GET with the agent; the body is gunzipped by nobody: its digest is over the bytes sent. */
function get(agent: http.Agent, url: URL): Promise<Outcome> {
  const start = performance.now();
  return new Promise((resolve) => {
    const request = http.get(url, { agent, headers }, (response) => {
      const hash = createHash('sha256');
      response.on('data', (chunk: Buffer) => hash.update(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - start, digest: hash.digest('hex') }),
      );
      response.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ status: error.code ?? 'error', ms: performance.now() - start }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: error.code ?? 'error', ms: performance.now() - start }),
    );
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const server = await startServer();
try {
  const meta = (await (await fetch(new URL('/api/meta', server.url))).json()) as {
    counts: { entities: number };
    defaultLimit: number;
  };
  const target = (i: number): URL => {
    const url = new URL('/api/graph?papers=1', server.url);
    if (mode === 'bust') url.searchParams.set('limit', String(meta.counts.entities + 1 + i));
    if (mode === 'distinct')
      url.searchParams.set('limit', String(Math.max(1, Math.min(meta.counts.entities, meta.defaultLimit) - i)));
    return url;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) outcomes.push(await get(agent, target(next++)));
    }),
  );
  const wall = (performance.now() - started) / 1000;
  agent.destroy();
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const statuses = new Map<string, number>();
  for (const o of outcomes) statuses.set(String(o.status), (statuses.get(String(o.status)) ?? 0) + 1);
  const bodies = new Set(outcomes.filter((o) => o.status === 200).map((o) => o.digest));
  console.log(
    `kg serve ${dir}: ${requests} requests of /api/graph?papers=1 (${mode}), ${concurrency} at a time, keep-alive, ${headers['Accept-Encoding'] ?? 'identity'}`,
  );
  console.log(`| wall s | p50 ms | p90 ms | p99 ms | max ms | statuses | distinct bodies |`);
  console.log(`|---|---|---|---|---|---|---|`);
  console.log(
    `| ${wall.toFixed(2)} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 90).toFixed(0)} | ${percentile(ms, 99).toFixed(0)} | ${ms.at(-1)!.toFixed(0)} | ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')} | ${bodies.size} |`,
  );
} finally {
  server.stop();
}
