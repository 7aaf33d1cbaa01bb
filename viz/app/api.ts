/** Typed calls to the `kg serve` API. */
import type {
  ApiCompare,
  ApiEntity,
  ApiError,
  ApiGraph,
  ApiMeta,
  ApiNeighbourhood,
  ApiPaper,
  ApiPath,
  ApiSearchHit,
  ApiTrace,
  ApiVenue,
  ApiVenueEntities,
} from '../api/types.js';
import type { ApiTask } from '../api/task.js';

/** An API answer that was not 200: carries the server's error code. */
export class ApiCallError extends Error {
  override name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function get<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
  signal?: AbortSignal,
): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ApiError | undefined;
    throw new ApiCallError(
      response.status,
      body?.error.code ?? 'KG_HTTP',
      body?.error.message ?? `${path}: HTTP ${response.status}`,
    );
  }
  return (await response.json()) as T;
}

/** The API client the app uses (one place to stub in tests). */
export const api = {
  meta: () => get<ApiMeta>('/api/meta'),
  graph: (limit: number, papers: boolean) => get<ApiGraph>('/api/graph', { limit, papers: papers ? 1 : 0 }),
  paper: (id: string) => get<ApiPaper>('/api/paper', { id }),
  entity: (key: string) => get<ApiEntity>('/api/entity', { key }),
  search: (q: string, signal?: AbortSignal) => get<ApiSearchHit[]>('/api/search', { q, limit: 12 }, signal),
  trace: (key: string) => get<ApiTrace>('/api/trace', { key }),
  task: (key: string) => get<ApiTask>('/api/task', { key }),
  compare: (keys: readonly string[]) =>
    get<ApiCompare>('/api/compare', Object.fromEntries(keys.map((key, i) => [`key${i + 1}`, key]))),
  neighbours: (key: string, hops: 1 | 2, top: number, umbrella: boolean) =>
    get<ApiNeighbourhood>('/api/neighbours', { key, hops, top, umbrella: umbrella ? 1 : 0 }),
  path: (from: string, to: string, umbrella: boolean) =>
    get<ApiPath>('/api/path', { from, to, umbrella: umbrella ? 1 : 0 }),
  venues: () => get<ApiVenue[]>('/api/venues'),
  venueEntities: (keys: readonly string[]) => get<ApiVenueEntities>('/api/venue-entities', { venue: keys.join(',') }),
};
