/** The view state in the URL's query string, so a view can be shared by link; decoding ignores values it cannot trust. */
import type { EntityKind } from '../../pipeline/core/types.js';
import {
  DEFAULT_FILTERS,
  FILTER_KINDS,
  isInvertedRange,
  type CameraView,
  type Filters,
  type ViewState,
} from './state.js';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** A node key a link may name. */
export const NODE_KEY = /^(entity|paper):.{1,300}$/s;

/** Writes the parts of the state that differ from a fresh page. `minPapers` is written when `explicitMin` says the user set it. */
export function encodeViewState(state: ViewState, options: { explicitMin?: boolean } = {}): string {
  const params = new URLSearchParams();
  const f = state.filters;
  if (state.selected) params.set('node', state.selected);
  if (f.kinds.length !== FILTER_KINDS.length || FILTER_KINDS.some((k) => !f.kinds.includes(k)))
    params.set('kinds', FILTER_KINDS.filter((k) => f.kinds.includes(k)).join(','));
  if (options.explicitMin) params.set('min', String(f.minPapers));
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.papers) params.set('papers', '1');
  if (f.umbrella) params.set('umbrella', '1');
  if (f.hidden.length) params.set('hide', f.hidden.join(','));
  if (f.focus !== undefined) params.set('focus', String(f.focus));
  if (f.colorBy) params.set('color', f.colorBy);
  if (state.limit !== undefined) params.set('limit', String(state.limit));
  if (state.camera)
    params.set('cam', [state.camera.x, state.camera.y, state.camera.ratio].map((n) => Number(n.toFixed(4))).join(','));
  return params.toString();
}

const wholeNumber = (value: string | null, min: number, max: number): number | undefined => {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
};

/** Reads a query string back into a state; whatever is missing or malformed keeps its default. `min` is set when the link gave one. */
export function decodeViewState(query: string): ViewState & { explicitMin: boolean } {
  const params = new URLSearchParams(query);
  const filters: Filters = { ...DEFAULT_FILTERS, kinds: [...DEFAULT_FILTERS.kinds], hidden: [] };
  const kinds = params.get('kinds');
  if (kinds !== null) filters.kinds = FILTER_KINDS.filter((k) => kinds.split(',').includes(k)) as EntityKind[];
  const min = wholeNumber(params.get('min'), 1, 1_000_000);
  if (min !== undefined) filters.minPapers = min;
  const from = params.get('from');
  if (from && DATE.test(from)) filters.from = from;
  const to = params.get('to');
  if (to && DATE.test(to)) filters.to = to;
  // A range that ends before it starts would show nothing: a link with one keeps no range.
  if (isInvertedRange(filters.from, filters.to)) {
    delete filters.from;
    delete filters.to;
  }
  filters.papers = params.get('papers') === '1';
  filters.umbrella = params.get('umbrella') === '1';
  const hide = params.get('hide');
  if (hide)
    filters.hidden = [
      ...new Set(
        hide
          .split(',')
          .map((c) => wholeNumber(c, 0, 100_000))
          .filter((c): c is number => c !== undefined),
      ),
    ].sort((a, b) => a - b);
  const focus = wholeNumber(params.get('focus'), 0, 100_000);
  if (focus !== undefined) filters.focus = focus;
  if (params.get('color') === 'year') filters.colorBy = 'year';
  const state: ViewState & { explicitMin: boolean } = { filters, explicitMin: min !== undefined };
  const node = params.get('node');
  if (node && NODE_KEY.test(node)) state.selected = node;
  const limit = wholeNumber(params.get('limit'), 1, 10_000_000);
  if (limit !== undefined) state.limit = limit;
  const cam = params.get('cam')?.split(',').map(Number);
  if (cam && cam.length === 3 && cam.every(Number.isFinite) && (cam[2] ?? 0) > 0) {
    const [x, y, ratio] = cam as [number, number, number];
    state.camera = { x, y, ratio } satisfies CameraView;
  }
  return state;
}
