/** The focus part of the view state (working set, path, venues) and its URL parameters; pure, so it can be unit-tested. */
import { NODE_KEY } from './url.js';

/** What a link restores of the focus features. */
export interface FocusState {
  /** Entities whose neighbourhood was expanded into the working set (`ws`, repeated: keys may hold commas). */
  seeds: string[];
  /** Hops of every expansion (`hops`). */
  hops: 1 | 2;
  /** The working set stays lit while the pointer hovers other nodes (`pin=1`). */
  pinned: boolean;
  /** The two ends of the path shown (`path`, given twice: from, then to). */
  path?: [string, string];
  /** Venue family keys the entities must have a paper in (`venue=a,b`). */
  venues: string[];
}

/** A fresh page's focus state. */
export const EMPTY_FOCUS: FocusState = { seeds: [], hops: 1, pinned: false, venues: [] };

/** Most seeds a link may name: each costs a request. */
export const MAX_SEEDS = 20;
const VENUE_KEY = /^[a-z0-9-]{1,120}$/;

/** Appends the focus parameters that differ from a fresh page. */
export function encodeFocusState(state: FocusState, params = new URLSearchParams()): URLSearchParams {
  for (const seed of state.seeds) params.append('ws', seed);
  if (state.seeds.length && state.hops !== 1) params.set('hops', String(state.hops));
  if (state.seeds.length && state.pinned) params.set('pin', '1');
  if (state.path) for (const end of state.path) params.append('path', end);
  if (state.venues.length) params.set('venue', state.venues.join(','));
  return params;
}

/** Reads the focus parameters of a query string; keys that are not node keys and malformed values are dropped. */
export function decodeFocusState(query: string): FocusState {
  const params = new URLSearchParams(query);
  const entity = (key: string): boolean => NODE_KEY.test(key) && key.startsWith('entity:');
  const seeds = [...new Set(params.getAll('ws').filter(entity))].slice(0, MAX_SEEDS);
  const state: FocusState = {
    seeds,
    hops: params.get('hops') === '2' ? 2 : 1,
    pinned: seeds.length > 0 && params.get('pin') === '1',
    venues: [
      ...new Set(
        (params.get('venue') ?? '')
          .split(',')
          .filter((v) => VENUE_KEY.test(v))
          .slice(0, 50),
      ),
    ],
  };
  const path = params.getAll('path');
  if (path.length === 2 && path.every(entity) && path[0] !== path[1]) state.path = [path[0]!, path[1]!];
  return state;
}
