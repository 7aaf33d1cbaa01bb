// The viewer's HTTP server over the fixture snapshot: every API route, parameter validation, and static files confined to the app folder.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import type {
  ApiEntity,
  ApiGraph,
  ApiMeta,
  ApiNeighbourhood,
  ApiPaper,
  ApiPath,
  ApiSearchHit,
  ApiTrace,
  ApiVenue,
} from '../../viz/api/types.js';
import { FIXTURE_SNAPSHOT } from './helpers.js';

let server: RunningVizServer;
let appDir: string;
let outside: string;

beforeAll(async () => {
  outside = mkdtempSync(path.join(os.tmpdir(), 'kg-viz-app-'));
  appDir = path.join(outside, 'app');
  mkdirSync(path.join(appDir, 'assets'), { recursive: true });
  writeFileSync(path.join(appDir, 'index.html'), '<!doctype html><title>kg</title>');
  writeFileSync(path.join(appDir, 'assets', 'main.js'), 'export {};');
  writeFileSync(path.join(appDir, '.env'), 'SECRET=1');
  writeFileSync(path.join(outside, 'secret.txt'), 'top secret');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(appDir, 'link.txt'));
  server = await startVizServer({ dir: FIXTURE_SNAPSHOT, port: 0, appDir, limit: 20 });
});

afterAll(async () => {
  await server?.close();
  rmSync(outside, { recursive: true, force: true });
});

async function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
  const response = await fetch(new URL(pathname, server.url), { headers });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, headers: response.headers, text };
}

describe('kg serve API', () => {
  it('binds 127.0.0.1 by default and reports its URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('/api/meta describes the snapshot', async () => {
    const { status, body } = await get('/api/meta');
    const meta = body as ApiMeta;
    expect(status).toBe(200);
    expect(meta.counts.papers).toBe(8);
    expect(meta.communities.length).toBe(meta.counts.communities);
    expect(Object.values(meta.kinds).reduce((a, b) => a + b, 0)).toBe(meta.counts.entities);
    expect(meta.dates.dated).toBe(7); // six dates and one bare year
    expect(meta.defaultLimit).toBe(20);
  });

  it('/api/graph sends the top entities by paper count and only edges among them', async () => {
    const { body } = await get('/api/graph?limit=5');
    const graph = body as ApiGraph;
    expect(graph.nodes).toHaveLength(5);
    expect(graph.entities.shown).toBe(5);
    const counts = graph.nodes.map((n) => n.paperCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const keys = new Set(graph.nodes.map((n) => n.key));
    for (const edge of graph.edges) {
      expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
      expect(edge.type).not.toBe('MENTIONS');
    }
    expect(graph.nodes.every((n) => n.kind !== 'paper')).toBe(true);
  });

  it('/api/graph?papers=1 adds papers and MENTIONS edges; the default limit applies', async () => {
    const { body } = await get('/api/graph?papers=1');
    const graph = body as ApiGraph;
    expect(graph.entities.shown).toBe(20);
    expect(graph.papers.shown).toBe(8);
    expect(graph.edges.some((e) => e.type === 'MENTIONS')).toBe(true);
  });

  it('/api/paper gives the text and mention spans that index it', async () => {
    const { status, body } = await get('/api/paper?id=xss-1');
    const paper = body as ApiPaper;
    expect(status).toBe(200);
    expect(paper.title).toBe('<img src=x onerror=alert(1)>');
    expect(paper.text.startsWith(`${paper.title}\n`)).toBe(true);
    expect(paper.mentions.length).toBeGreaterThan(0);
    for (const m of paper.mentions) expect(m.end).toBeLessThanOrEqual(paper.text.length);
    expect(paper.mentions.some((m) => m.node === 'entity:reinforcement learning')).toBe(true);
    expect((await get('/api/paper?id=paper:xss-1')).status).toBe(200);
  });

  it('/api/entity lists papers with the sentence and the mention', async () => {
    const { body } = await get(`/api/entity?key=${encodeURIComponent('entity:reinforcement learning')}`);
    const entity = body as ApiEntity;
    expect(entity.kind).toBe('method');
    expect(entity.aliases).toContain('RL');
    expect(entity.totalPapers).toBe(4);
    expect(entity.papers.map((p) => p.date)).toEqual([...entity.papers.map((p) => p.date)].sort().reverse());
    for (const p of entity.papers) {
      const s = p.snippet!;
      expect(s.text.slice(...s.highlight).toLowerCase()).toMatch(/^(rl|reinforcement learning)$/);
    }
  });

  it('/api/search ranks an acronym hit first and finds paper titles', async () => {
    const hits = (await get('/api/search?q=GNN')).body as ApiSearchHit[];
    expect(hits[0]?.key).toBe('entity:graph neural network');
    const papers = (await get('/api/search?q=onerror')).body as ApiSearchHit[];
    expect(papers[0]).toMatchObject({ key: 'paper:xss-1', kind: 'paper' });
  });

  // The fixture's hand-set scores (test/fixtures/viz/README.md): 17 entities scored, 8 of them below 0.5, 20 unscored.
  it('/api/meta counts scored and umbrella entities and gives the threshold', async () => {
    const meta = (await get('/api/meta')).body as ApiMeta;
    expect(meta.specificity).toEqual({ umbrellaBelow: 0.5, scored: 17, umbrella: 8 });
  });

  it('/api/graph carries specificity on the entities that have one', async () => {
    const graph = (await get('/api/graph?papers=1&limit=100')).body as ApiGraph;
    const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    expect(byKey.get('entity:human feedback')?.specificity).toBe(0.42);
    expect(byKey.get('entity:bert')?.specificity).toBe(0.97);
    expect(byKey.get('entity:win rate')).not.toHaveProperty('specificity');
    expect(graph.nodes.filter((n) => n.kind === 'paper').every((n) => n.specificity === undefined)).toBe(true);
  });

  it('/api/entity says whether a term is umbrella and lists umbrella neighbours after specific ones', async () => {
    const umbrella = (await get(`/api/entity?key=${encodeURIComponent('entity:human feedback')}`)).body as ApiEntity;
    expect(umbrella).toMatchObject({ specificity: 0.42, umbrella: true });
    const rl = (await get(`/api/entity?key=${encodeURIComponent('entity:reinforcement learning')}`)).body as ApiEntity;
    expect(rl).toMatchObject({ specificity: 0.74, umbrella: false });
    // "human feedback" shares 2 papers with RL, LLMs and transformers 1, yet it comes last.
    expect(rl.coOccurring.map((r) => [r.label, r.weight, r.umbrella])).toEqual([
      ['BERT', 2, false],
      ['proximal policy optimization', 2, false],
      ['LLMs', 1, false],
      ['transformers', 1, false],
      ['human feedback', 2, true],
    ]);
    const unscored = (await get(`/api/entity?key=${encodeURIComponent('entity:win rate')}`)).body as ApiEntity;
    expect(unscored.umbrella).toBe(false);
    expect(unscored).not.toHaveProperty('specificity');
  });

  it('/api/search puts an exact umbrella match first, then specific terms before umbrella ones', async () => {
    const hits = (await get('/api/search?q=accuracy')).body as ApiSearchHit[];
    expect(hits.map((h) => h.key)).toEqual([
      'entity:accuracy',
      'entity:node classification accuracy',
      'entity:high accuracy',
    ]);
  });

  it('/api/trace counts papers per period', async () => {
    const trace = (await get(`/api/trace?key=${encodeURIComponent('entity:reinforcement learning')}`)).body as ApiTrace;
    expect(trace.total).toBe(4);
    expect(trace.bins.reduce((a, b) => a + b.papers, 0) + trace.undated).toBe(4);
    // Each bin says of how many of the graph's dated papers it is: never fewer than its own.
    expect(trace.bins.length).toBeGreaterThan(0);
    for (const bin of trace.bins) {
      expect(bin.of).toBeGreaterThanOrEqual(bin.papers);
      expect(Number.isInteger(bin.of)).toBe(true);
    }
    expect(trace.bins.some((b) => b.papers > 0 && b.of > 0)).toBe(true);
  });

  it('/api/graph gives each dated entity its papers per period, matching its trace; /api/meta its years', async () => {
    const meta = (await get('/api/meta')).body as ApiMeta;
    expect(Object.values(meta.years).reduce((a, b) => a + b, 0)).toBe(meta.dates.dated);
    const graph = (await get('/api/graph?limit=1000')).body as ApiGraph;
    const entities = graph.nodes.filter((n) => n.kind !== 'paper');
    expect(entities.some((n) => n.periods)).toBe(true);
    for (const node of entities.filter((n) => n.periods).slice(0, 10)) {
      const trace = (await get(`/api/trace?key=${encodeURIComponent(node.key)}`)).body as ApiTrace;
      const periods = node.periods ?? {};
      // Every dated paper of the trace is in one period, each keyed YYYY or YYYY-MM.
      expect(Object.values(periods).reduce((a, b) => a + b, 0)).toBe(trace.total - trace.undated);
      for (const key of Object.keys(periods)) expect(key).toMatch(/^\d{4}(-\d{2})?$/);
      for (const [period, count] of Object.entries(periods))
        expect(meta.years[period.slice(0, 4)]).toBeGreaterThanOrEqual(count);
    }
  });

  it.each([
    ['/api/graph?limit=0', 400],
    ['/api/graph?limit=abc', 400],
    ['/api/graph?papers=yes', 400],
    ['/api/graph?limit=5&limit=6', 400],
    ['/api/graph?evil=1', 400],
    ['/api/paper', 400],
    [`/api/paper?id=${'x'.repeat(600)}`, 400],
    ['/api/paper?id=%00', 400],
    ['/api/paper?id=nope', 404],
    ['/api/entity?key=paper:p2', 404],
    ['/api/entity?key=entity:nothing', 404],
    ['/api/search?q=', 400],
    ['/api/search?q=a&limit=500', 400],
    ['/api/trace?key=', 400],
    ['/api/unknown', 404],
  ])('%s answers %i with a JSON error code', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect((response.body as { error: { code: string } }).error.code).toMatch(/^KG_/);
  });

  it('serves the app with a content security policy', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await get('/assets/main.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%5c..%5csecret.txt',
    '/.env',
    '/link.txt',
    '/index.html%00.js',
    '/assets',
  ])('does not serve %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('secret');
  });

  it('refuses other methods and foreign Host headers', async () => {
    expect((await fetch(new URL('/api/meta', server.url), { method: 'POST' })).status).toBe(405);
    // fetch cannot set Host; a DNS-rebinding page would send its own name.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL('/api/meta', server.url);
      http
        .get(
          { host: url.hostname, port: url.port, path: url.pathname, headers: { Host: 'attacker.example' } },
          (response) => {
            response.resume();
            resolve(response.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('answers 400 concurrent keep-alive /api/graph?papers=1 requests, 200 at a time with cache-busting limits, all 200 OK with one body', async () => {
    const meta = (await get('/api/meta')).body as ApiMeta;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
    // Every limit from the entity count up asks the same thing; the agent queues the 200 beyond its sockets.
    const one = (i: number): Promise<{ status: number | undefined; body: string; etag: string | undefined }> =>
      new Promise((resolve, reject) => {
        const url = new URL(`/api/graph?papers=1&limit=${meta.counts.entities + i}`, server.url);
        http
          .get(url, { agent, headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const bytes = Buffer.concat(chunks);
              const body =
                response.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes).toString() : bytes.toString();
              resolve({ status: response.statusCode, body, etag: response.headers.etag });
            });
            response.on('error', reject);
          })
          .on('error', reject);
      });
    try {
      const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => one(i)));
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      expect(new Set(answers.map((a) => a.etag)).size).toBe(1);
      expect((JSON.parse(answers[0]!.body) as ApiGraph).limit).toBe(meta.counts.entities);
    } finally {
      agent.destroy();
    }
  });

  it('/api/graph sends exactly the JSON of the index answer, for limits asked before and not', async () => {
    for (const [limit, papers] of [
      [7, true],
      [3, false],
      [7, true],
      [20, false],
      [6, true],
    ] as const) {
      const { text } = await get(`/api/graph?limit=${limit}&papers=${papers ? 1 : 0}`);
      expect(text).toBe(JSON.stringify(server.index.graph({ limit, papers })));
    }
  });

  it('tags API answers with an ETag and answers 304 to a client that holds it', async () => {
    const first = await fetch(new URL('/api/graph?papers=1', server.url), { headers: { 'Accept-Encoding': 'gzip' } });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('vary')).toBe('Accept-Encoding');
    await first.arrayBuffer();
    const again = await fetch(new URL('/api/graph?papers=true', server.url), { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(new URL('/api/graph?papers=0', server.url), { headers: { 'If-None-Match': etag! } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('compresses large answers for clients that accept gzip', async () => {
    const response = await fetch(new URL('/api/graph?papers=1', server.url), {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as ApiGraph).nodes.length).toBeGreaterThan(0);
  });
});

const q = encodeURIComponent;

describe('kg serve focus API (issue 29 item 4)', () => {
  it('/api/neighbours gives the strongest neighbours by weight, bounded by top, umbrella terms only when asked', async () => {
    const one = (await get(`/api/neighbours?key=${q('entity:reinforcement learning')}&top=3`)).body as ApiNeighbourhood;
    expect(one.nodes.map((n) => [n.key, n.hop])).toEqual([
      ['entity:reinforcement learning', 0],
      ['entity:bert', 1],
      ['entity:proximal policy optimization', 1],
      ['entity:large language model', 1],
    ]);
    const keys = new Set(one.nodes.map((n) => n.key));
    expect(one.edges.length).toBeGreaterThan(0);
    for (const e of one.edges) expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
    // "human feedback" (umbrella, 0.42) shares 2 papers with RL, more than LLMs: it comes only with umbrella=1.
    const all = (await get(`/api/neighbours?key=${q('entity:reinforcement learning')}&top=50&umbrella=1`))
      .body as ApiNeighbourhood;
    expect(all.nodes.map((n) => n.key)).toContain('entity:human feedback');
    expect(one.nodes.map((n) => n.key)).not.toContain('entity:human feedback');
    const two = (await get(`/api/neighbours?key=${q('entity:reinforcement learning')}&top=3&hops=2`))
      .body as ApiNeighbourhood;
    expect(two.nodes.filter((n) => n.hop === 1).map((n) => n.key)).toEqual(
      one.nodes.filter((n) => n.hop === 1).map((n) => n.key),
    );
    const second = two.nodes.filter((n) => n.hop === 2);
    expect(second.length).toBeGreaterThan(0);
    expect(second.length).toBeLessThanOrEqual(3);
  });

  it('/api/path finds the cheapest path by 1/weight and lists the papers behind each edge', async () => {
    const path = (
      await get(`/api/path?from=${q('entity:reinforcement learning')}&to=${q('entity:machine translation')}`)
    ).body as ApiPath;
    expect(path.found).toBe(true);
    expect(path.nodes.map((n) => n.key)).toEqual([
      'entity:reinforcement learning',
      'entity:transformer',
      'entity:machine translation',
    ]);
    expect(path.cost).toBe(2);
    expect(path.edges.map((e) => [e.source, e.target])).toEqual([
      ['entity:reinforcement learning', 'entity:transformer'],
      ['entity:transformer', 'entity:machine translation'],
    ]);
    for (const edge of path.edges) {
      expect(edge.totalPapers).toBeGreaterThan(0);
      expect(edge.papers[0]).toMatchObject({ id: 'p2', year: 2022 });
    }
    // Entities in different components: answered, not found.
    const none = (await get(`/api/path?from=${q('entity:bert')}&to=${q('entity:graph neural network')}`))
      .body as ApiPath;
    expect(none).toMatchObject({ found: false, nodes: [], edges: [] });
  });

  it('/api/venues is empty on a graph whose papers have no venue', async () => {
    expect((await get('/api/venues')).body as ApiVenue[]).toEqual([]);
  });

  it.each([
    ['/api/neighbours', 400],
    ['/api/neighbours?key=entity:bert&hops=3', 400],
    ['/api/neighbours?key=entity:bert&top=0', 400],
    ['/api/neighbours?key=entity:bert&top=101', 400],
    ['/api/neighbours?key=entity:bert&umbrella=maybe', 400],
    ['/api/neighbours?key=entity:bert&depth=1', 400],
    ['/api/neighbours?key=entity:nothing', 404],
    ['/api/neighbours?key=paper:p2', 404],
    ['/api/path?from=entity:bert', 400],
    ['/api/path?to=entity:bert', 400],
    ['/api/path?from=entity:bert&to=entity:bert&to=entity:bert', 400],
    ['/api/path?from=entity:bert&to=entity:nothing', 404],
    ['/api/path?from=paper:p2&to=entity:bert', 404],
    ['/api/venues?x=1', 400],
    ['/api/venue-entities', 400],
    ['/api/venue-entities?venue=Not%20A%20Key', 400],
    ['/api/venue-entities?venue=a,,b', 400],
    ['/api/venue-entities?venue=no-such-venue', 404],
  ])('%s answers %i with a JSON error code', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect((response.body as { error: { code: string } }).error.code).toMatch(/^KG_/);
  });
});

describe('startVizServer errors', () => {
  it('a missing snapshot is KG_SNAPSHOT_MISSING', async () => {
    await expect(
      startVizServer({ dir: path.join(os.tmpdir(), 'kg-no-such-snapshot'), port: 0, appDir }),
    ).rejects.toMatchObject({ name: 'InvalidInputError', code: 'KG_SNAPSHOT_MISSING' });
  });

  it('an unbuilt app is KG_VIEWER_NOT_BUILT', async () => {
    await expect(
      startVizServer({ dir: FIXTURE_SNAPSHOT, port: 0, appDir: path.join(outside, 'nothing') }),
    ).rejects.toMatchObject({ code: 'KG_VIEWER_NOT_BUILT' });
  });

  it('a busy port is a UsageError KG_PORT_IN_USE', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startVizServer({ dir: FIXTURE_SNAPSHOT, port, appDir })).rejects.toMatchObject({
      name: 'UsageError',
      code: 'KG_PORT_IN_USE',
    });
  });
});
