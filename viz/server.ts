/** The viewer's HTTP server: the built app as static files and a small JSON API over one snapshot (plain node:http). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SNAPSHOT_DIR, loadSnapshot, loadSnapshotPapers } from '../graph/index.js';
import { InvalidInputError, UsageError } from '../pipeline/core/errors.js';
import { createBody, createBodyCache, type Body, type RawJson } from './bodies.js';
import { createVizIndex, type VizIndex, type VizIndexOptions } from './data.js';
import { DEFAULT_VIZ_HOST, DEFAULT_VIZ_LIMIT, DEFAULT_VIZ_PORT } from './defaults.js';
import { ApiRequestError, checkParams, compareKeys, flagParam, intParam, stringParam } from './params.js';
import { contentTypeOf, resolveStaticFile } from './static.js';
import type { ApiGraph } from './api/types.js';

/** Options of {@link startVizServer}. */
export interface VizServerOptions {
  /** Snapshot folder. @defaultValue {@link DEFAULT_SNAPSHOT_DIR} */
  dir: string;
  /** @defaultValue {@link DEFAULT_VIZ_HOST} */
  host: string;
  /** 0 picks a free port. @defaultValue {@link DEFAULT_VIZ_PORT} */
  port: number;
  /** The built app. @defaultValue dist/viz/app of this package */
  appDir: string;
  /** Entities the viewer opens with. @defaultValue {@link DEFAULT_VIZ_LIMIT} */
  limit: number;
}

/** Defaults of {@link VizServerOptions}. */
export const DEFAULT_VIZ_SERVER_OPTIONS: VizServerOptions = {
  dir: DEFAULT_SNAPSHOT_DIR,
  host: DEFAULT_VIZ_HOST,
  port: DEFAULT_VIZ_PORT,
  appDir: defaultAppDir(),
  limit: DEFAULT_VIZ_LIMIT,
};

/** dist/viz/app: next to this module once built, or under dist/ when this module runs from source (tests). */
export function defaultAppDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(path.dirname(here)) === 'dist') return path.join(here, 'app');
  return path.resolve(here, '..', 'dist', 'viz', 'app');
}

/** Header sent with every answer: the app loads only its own scripts, so data can never run as code. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True for a host name that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Loads a snapshot and indexes it for the API. */
export async function loadVizIndex(dir: string, options: Partial<VizIndexOptions> = {}): Promise<VizIndex> {
  const [{ graph }, papers] = await Promise.all([loadSnapshot(dir), loadSnapshotPapers(dir)]);
  return createVizIndex(graph, papers, options);
}

/** What {@link createVizHandler} needs besides the index. */
export interface VizHandlerOptions {
  appDir: string;
  /** Answer only requests whose Host is a loopback name (against DNS rebinding when bound to 127.0.0.1). */
  loopbackOnly: boolean;
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** The request handler: `/api/*` answers JSON, anything else is a file of the app folder or 404. */
export function createVizHandler(index: VizIndex, options: VizHandlerOptions): Handler {
  // Whole-graph answers are large (tens of MB with papers on ACL): each is serialised and gzipped once per normalised
  // request, not once per request, which at 200 concurrent requests blocked the event loop for seconds.
  const cache = createBodyCache();
  // The JSON of each node and edge object (the index gives the same object every time): a graph answer for a limit
  // not asked before joins these instead of serialising 5,000-200,000 nodes again.
  const fragments = new WeakMap<object, string>();
  const fragment = (value: object): string => {
    let text = fragments.get(value);
    if (text === undefined) fragments.set(value, (text = JSON.stringify(value)));
    return text;
  };
  /** `JSON.stringify(answer)`, byte for byte, from the fragments. */
  const graphJson = ({ nodes, edges, ...rest }: ApiGraph): RawJson => ({
    raw: `{"nodes":[${nodes.map(fragment).join(',')}],"edges":[${edges.map(fragment).join(',')}],${JSON.stringify(rest).slice(1)}`,
  });
  const json = (value: unknown): Body => createBody(Buffer.from(JSON.stringify(value)));
  const entities = index.meta().counts.entities;

  function api(route: string, params: URLSearchParams): Body {
    switch (route) {
      case '/api/meta':
        checkParams(params, []);
        return cache.get('meta', () => index.meta());
      case '/api/graph': {
        checkParams(params, ['limit', 'papers']);
        // Every limit past the entity count asks the same thing: one cache entry for all of them.
        const limit = Math.min(
          intParam(params, 'limit', 1, 10_000_000, index.options.defaultLimit),
          Math.max(1, entities),
        );
        const papers = flagParam(params, 'papers', false);
        return cache.get(`graph:${limit}:${papers}`, () => graphJson(index.graph({ limit, papers })));
      }
      case '/api/paper':
        checkParams(params, ['id']);
        return json(index.paper(stringParam(params, 'id', { required: true })));
      case '/api/entity': {
        checkParams(params, ['key', 'limit']);
        const key = stringParam(params, 'key', { required: true });
        return json(index.entity(key, intParam(params, 'limit', 1, 1000, 100)));
      }
      case '/api/search': {
        checkParams(params, ['q', 'limit']);
        const q = stringParam(params, 'q', { required: true, maxLength: 200 });
        return json(index.search(q, intParam(params, 'limit', 1, 50, 10)));
      }
      case '/api/trace':
        checkParams(params, ['key']);
        return json(index.trace(stringParam(params, 'key', { required: true })));
      case '/api/task': {
        checkParams(params, ['key', 'since', 'top']);
        const key = stringParam(params, 'key', { required: true });
        const since = params.has('since') ? intParam(params, 'since', 1000, 9999, 0) : undefined;
        const top = intParam(params, 'top', 1, 100, 10);
        return json(index.task(key, { since, top }));
      }
      case '/api/compare':
        return json(index.compare(compareKeys(params)));
      case '/api/neighbours': {
        checkParams(params, ['key', 'hops', 'top', 'umbrella']);
        const key = stringParam(params, 'key', { required: true });
        const hops = intParam(params, 'hops', 1, 2, 1) as 1 | 2;
        const top = intParam(params, 'top', 1, 100, 20);
        return json(index.focus.neighbours(key, { hops, top, umbrella: flagParam(params, 'umbrella', false) }));
      }
      case '/api/path': {
        checkParams(params, ['from', 'to', 'umbrella']);
        const from = stringParam(params, 'from', { required: true });
        const to = stringParam(params, 'to', { required: true });
        return json(index.focus.path(from, to, { umbrella: flagParam(params, 'umbrella', false) }));
      }
      case '/api/venues':
        checkParams(params, []);
        return cache.get('venues', () => index.focus.venues());
      case '/api/venue-entities': {
        checkParams(params, ['venue']);
        const venues = stringParam(params, 'venue', { required: true, maxLength: 2000 }).split(',');
        if (venues.length > 50 || venues.some((v) => !/^[a-z0-9-]{1,120}$/.test(v)))
          throw new ApiRequestError(
            400,
            'KG_BAD_PARAMETER',
            'parameter "venue" must be up to 50 venue keys (a-z, 0-9, -) separated by commas',
          );
        const unique = [...new Set(venues)].sort();
        return cache.get(`venue:${unique.join(',')}`, () => index.focus.venueEntities(unique));
      }
      default:
        throw new ApiRequestError(404, 'KG_NOT_FOUND', `no API route ${route.slice(0, 80)}`);
    }
  }

  /** Sends a body: 304 when the client holds it already (If-None-Match), gzipped when accepted and worth it. */
  async function send(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    status: number,
    type: string,
    body: Body,
    cacheControl: string,
  ): Promise<void> {
    const headers: http.OutgoingHttpHeaders = {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Cache-Control': cacheControl,
    };
    if (status === 200) {
      headers.ETag = body.etag;
      const held = String(request.headers['if-none-match'] ?? '')
        .split(',')
        .map((tag) => tag.trim().replace(/^W\//, ''));
      if (held.includes(body.etag.replace(/^W\//, '')) || held.includes('*')) {
        response.writeHead(304, headers);
        return void response.end();
      }
    }
    let payload = body.bytes;
    if (body.bytes.length > 1024 && !type.startsWith('image/')) {
      headers.Vary = 'Accept-Encoding';
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        payload = await body.gzipped();
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = payload.length;
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : payload);
  }

  const sendError = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    status: number,
    code: string,
    message: string,
  ): Promise<void> =>
    send(request, response, status, 'application/json; charset=utf-8', json({ error: { code, message } }), 'no-store');

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendError(
        request,
        response,
        405,
        'KG_METHOD_NOT_ALLOWED',
        `${request.method ?? '?'} is not allowed; use GET`,
      );
    }
    if (options.loopbackOnly) {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!isLoopback(host))
        return sendError(
          request,
          response,
          403,
          'KG_FORBIDDEN_HOST',
          'this server answers only requests for a loopback host',
        );
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return sendError(request, response, 400, 'KG_BAD_REQUEST', 'malformed request URL');
    }
    if (url.pathname.startsWith('/api/')) {
      try {
        return send(
          request,
          response,
          200,
          'application/json; charset=utf-8',
          api(url.pathname, url.searchParams),
          'no-cache',
        );
      } catch (error) {
        if (error instanceof ApiRequestError)
          return sendError(request, response, error.status, error.code, error.message);
        throw error;
      }
    }
    const file = await resolveStaticFile(options.appDir, url.pathname);
    if (!file) return sendError(request, response, 404, 'KG_NOT_FOUND', 'not found');
    const body = createBody(await readFile(file));
    // Vite names assets by content hash, so they never change; index.html must be revalidated.
    const immutable = url.pathname.startsWith('/assets/');
    return send(
      request,
      response,
      200,
      contentTypeOf(file),
      body,
      immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      sendError(
        request,
        response,
        500,
        'KG_INTERNAL',
        `internal error: ${(error as Error)?.message ?? String(error)}`,
      ).catch(() => response.destroy());
    });
  };
}

/** A running viewer server. */
export interface RunningVizServer {
  url: string;
  server: http.Server;
  index: VizIndex;
  close(): Promise<void>;
}

/** Loads the snapshot, checks the app is built, listens, and resolves with the URL once it accepts connections. */
export async function startVizServer(options: Partial<VizServerOptions> = {}): Promise<RunningVizServer> {
  const settings: VizServerOptions = { ...DEFAULT_VIZ_SERVER_OPTIONS, ...options };
  if (!existsSync(path.join(settings.appDir, 'index.html'))) {
    throw new InvalidInputError(
      `the viewer is not built: ${path.join(settings.appDir, 'index.html')} is missing (run "npm run build")`,
      { code: 'KG_VIEWER_NOT_BUILT' },
    );
  }
  const index = await loadVizIndex(settings.dir, { defaultLimit: settings.limit });
  const server = http.createServer(
    createVizHandler(index, { appDir: settings.appDir, loopbackOnly: isLoopback(settings.host) }),
  );
  // Idle keep-alive connections stay open longer than clients keep theirs (Node's agent, browsers: under a minute), so
  // the server is not the one closing a socket just as a client sends on it (a reset); headers must time out later.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => {
      if (cause.code === 'EADDRINUSE')
        reject(
          new UsageError(`port ${settings.port} on ${settings.host} is in use; pass another --port`, {
            code: 'KG_PORT_IN_USE',
            cause,
          }),
        );
      else if (cause.code === 'EADDRNOTAVAIL' || cause.code === 'ENOTFOUND')
        reject(new UsageError(`cannot listen on host "${settings.host}"`, { code: 'KG_BAD_HOST', cause }));
      else if (cause.code === 'EACCES')
        reject(
          new UsageError(`not allowed to listen on port ${settings.port}; pick one above 1023`, {
            code: 'KG_PORT_DENIED',
            cause,
          }),
        );
      else reject(cause);
    });
    server.listen(settings.port, settings.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const shownHost = settings.host.includes(':')
    ? `[${settings.host}]`
    : settings.host === '0.0.0.0'
      ? '127.0.0.1'
      : settings.host;
  return {
    url: `http://${shownHost}:${port}/`,
    server,
    index,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
