/** Where `kg serve` listens and what it shows first when not told: constants only, so the CLI's help and the dev server's proxy read them without loading the server. */

/** Address the explorer binds: this machine only. */
export const DEFAULT_VIZ_HOST = '127.0.0.1';

/** Port of the explorer and its API. */
export const DEFAULT_VIZ_PORT = 8765;

/** Entities the viewer opens with, and `/api/graph` sends when the request names no limit. */
export const DEFAULT_VIZ_LIMIT = 5000;
