// URL state: a view survives a round trip through the query string, and a tampered link falls back to defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, type ViewState } from '../../viz/app/state.js';
import { decodeViewState, encodeViewState } from '../../viz/app/url.js';

describe('URL state', () => {
  it('a fresh view encodes to an empty query', () => {
    expect(encodeViewState({ filters: { ...DEFAULT_FILTERS } })).toBe('');
  });

  it('round-trips selection, filters, camera and limit', () => {
    const state: ViewState = {
      filters: {
        kinds: ['method', 'task'],
        minPapers: 3,
        from: '2022-01-01',
        to: '2023',
        papers: true,
        umbrella: true,
        hidden: [2, 5],
        focus: 1,
      },
      selected: 'entity:large language model',
      camera: { x: 0.4321, y: 0.55, ratio: 0.25 },
      limit: 10000,
    };
    const query = encodeViewState(state, { explicitMin: true });
    const back = decodeViewState(query);
    expect(back.explicitMin).toBe(true);
    expect(back.filters).toEqual(state.filters);
    expect(back.selected).toBe(state.selected);
    expect(back.camera).toEqual(state.camera);
    expect(back.limit).toBe(10000);
  });

  it('writes umbrella=1 only when umbrella terms are shown, and reads it back', () => {
    const shown = encodeViewState({ filters: { ...DEFAULT_FILTERS, umbrella: true } });
    expect(shown).toBe('umbrella=1');
    expect(decodeViewState(shown).filters.umbrella).toBe(true);
    expect(decodeViewState('').filters.umbrella).toBe(false);
  });

  it('leaves minPapers out unless the user set it', () => {
    const query = encodeViewState({ filters: { ...DEFAULT_FILTERS, minPapers: 4 } });
    expect(query).toBe('');
    expect(decodeViewState(query).explicitMin).toBe(false);
  });

  it.each([
    ['kinds=method,evil', { kinds: ['method'] }],
    ['min=-3&min=abc', { minPapers: 1 }],
    ['from=yesterday&to=2023-13-99x', { from: undefined, to: undefined }],
    ['hide=1,x,1,-2', { hidden: [1] }],
    ['focus=1e9', { focus: undefined }],
    ['umbrella=yes', { umbrella: false }],
    ['umbrella=0', { umbrella: false }],
  ])('ignores what it cannot trust: %s', (query, expected) => {
    const { filters } = decodeViewState(query);
    for (const [key, value] of Object.entries(expected)) expect(filters[key as keyof typeof filters]).toEqual(value);
  });

  it('keeps no date range from a link whose range ends before it starts (it would show nothing)', () => {
    expect(decodeViewState('?from=2021&to=2019').filters).not.toHaveProperty('from');
    expect(decodeViewState('?from=2021&to=2019').filters).not.toHaveProperty('to');
    expect(decodeViewState('?from=2020&to=2020-03').filters).toMatchObject({ from: '2020', to: '2020-03' });
    expect(decodeViewState('?from=2020-05-02&to=2020-05').filters).toMatchObject({ from: '2020-05-02', to: '2020-05' });
  });

  it('rejects malformed nodes and cameras', () => {
    const state = decodeViewState('node=javascript:alert(1)&cam=1,2,-1');
    expect(state.selected).toBeUndefined();
    expect(state.camera).toBeUndefined();
    expect(decodeViewState('cam=NaN,1,1').camera).toBeUndefined();
  });
});
