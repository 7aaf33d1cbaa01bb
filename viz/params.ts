/** Query-string validation of the API: each parameter is checked once and a bad one says what was expected and what came. */
import { KgError } from '../pipeline/core/errors.js';
import { MAX_COMPARED } from './api/types.js';

/** An API request that cannot be answered: carries the HTTP status (400 bad parameter, 404 unknown id). */
export class ApiRequestError extends KgError {
  override name = 'ApiRequestError';
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message, { code, retriable: false });
    this.status = status;
  }
}

const bad = (message: string): ApiRequestError => new ApiRequestError(400, 'KG_BAD_PARAMETER', message);

/** Longest string parameter accepted (ids, keys, queries). */
export const MAX_PARAM_LENGTH = 500;

/** Rejects parameters the route does not know and parameters given twice. */
export function checkParams(params: URLSearchParams, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!allowed.includes(name))
      throw bad(
        `unknown parameter "${name.slice(0, 40)}" (this route takes ${allowed.length ? allowed.join(', ') : 'none'})`,
      );
    if (seen.has(name)) throw bad(`parameter "${name}" given more than once`);
    seen.add(name);
  }
}

/** A required or optional string of 1 to `maxLength` characters without control characters. */
export function stringParam(
  params: URLSearchParams,
  name: string,
  options: { required: true; maxLength?: number },
): string;
export function stringParam(
  params: URLSearchParams,
  name: string,
  options?: { required?: false; maxLength?: number },
): string | undefined;
export function stringParam(
  params: URLSearchParams,
  name: string,
  options: { required?: boolean; maxLength?: number } = {},
): string | undefined {
  const value = params.get(name);
  const maxLength = options.maxLength ?? MAX_PARAM_LENGTH;
  if (value === null || value === '') {
    if (options.required) throw bad(`parameter "${name}" is required`);
    return undefined;
  }
  if (value.length > maxLength)
    throw bad(`parameter "${name}" must be at most ${maxLength} characters, got ${value.length}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw bad(`parameter "${name}" must not contain control characters`);
  return value;
}

/** A whole number in [min, max], or `fallback` when absent. */
export function intParam(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!/^\d{1,9}$/.test(value) || n < min || n > max)
    throw bad(`parameter "${name}" must be a whole number from ${min} to ${max}, got "${value.slice(0, 40)}"`);
  return n;
}

/** `0`/`1` (or `false`/`true`), or `fallback` when absent. */
export function flagParam(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw bad(`parameter "${name}" must be 0 or 1, got "${value.slice(0, 40)}"`);
}

/**
 * The entity keys of `/api/compare`: `key1` (required) to `key4`, without gaps or repeats (keys may hold commas, so
 * each has its own parameter).
 */
export function compareKeys(params: URLSearchParams): string[] {
  const names = Array.from({ length: MAX_COMPARED }, (_, i) => `key${i + 1}`);
  checkParams(params, names);
  const keys: string[] = [];
  for (const name of names) {
    const key = stringParam(params, name);
    if (key === undefined) {
      if (name === 'key1') throw bad('parameter "key1" is required');
      continue;
    }
    if (keys.length < names.indexOf(name)) throw bad(`parameter "${name}" given without key${keys.length + 1}`);
    if (keys.includes(key)) throw bad(`parameter "${name}" repeats key${keys.indexOf(key) + 1}`);
    keys.push(key);
  }
  return keys;
}
