/** The viewer stage: the HTTP server and API over a snapshot (the browser app itself lives in viz/app/ and is built by Vite). */
export {
  startVizServer,
  loadVizIndex,
  createVizHandler,
  defaultAppDir,
  isLoopback,
  DEFAULT_VIZ_SERVER_OPTIONS,
  type VizServerOptions,
  type VizHandlerOptions,
  type RunningVizServer,
} from './server.js';
export {
  createVizIndex,
  DEFAULT_VIZ_INDEX_OPTIONS,
  ENTITY_PREFIX,
  PAPER_PREFIX,
  type VizIndex,
  type VizIndexOptions,
} from './data.js';
export { ApiRequestError } from './params.js';
export {
  search,
  createSearchIndex,
  matchTier,
  normalizeSearchText,
  MATCH_TIER,
  type SearchEntry,
  type SearchIndex,
} from './search.js';
export { createFocusIndex, venueFamily, type FocusIndex } from './focus.js';
export { sentenceAround } from './text.js';
export { binTrace, parseDate } from './trace.js';
export { resolveStaticFile } from './static.js';
export type * from './api/types.js';
