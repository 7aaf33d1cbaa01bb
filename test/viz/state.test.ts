// Filter logic of the viewer: visibility per kind, paper count, umbrella terms, community, dates and papers; default minimum; toggles.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  defaultMinPapers,
  hiddenNodes,
  isInvertedRange,
  isUmbrellaNode,
  isVisible,
  meanYear,
  papersInRange,
  toggleFocus,
  toggleHidden,
  widenDate,
  type FilterableNode,
  type Filters,
} from '../../viz/app/state.js';

const method: FilterableNode = {
  kind: 'method',
  community: 0,
  paperCount: 5,
  firstSeen: '2022-06-15',
  lastSeen: '2023-11-20',
};
const concept: FilterableNode = { kind: 'concept', community: 1, paperCount: 1 };
// Seen in 2001 and 2019 (by year only) and twice in March 2019 (by month): nothing in between.
const spread: FilterableNode = {
  kind: 'method',
  community: 0,
  paperCount: 5,
  firstSeen: '2001',
  lastSeen: '2019-03-20',
  periods: { '2001': 2, '2019': 1, '2019-03': 2 },
};
const paper: FilterableNode = {
  kind: 'paper',
  community: 0,
  paperCount: 1,
  firstSeen: '2023-04-02',
  lastSeen: '2023-04-02',
};
// Specificity as graph/specificity.ts writes it; the threshold as /api/meta sends it (DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow).
const UMBRELLA_BELOW = 0.5;
const umbrella: FilterableNode = { kind: 'concept', community: 0, paperCount: 40, specificity: 0.12 };
const specific: FilterableNode = { kind: 'method', community: 0, paperCount: 3, specificity: 0.91 };
const atThreshold: FilterableNode = { ...umbrella, specificity: UMBRELLA_BELOW };
const filters = (patch: Partial<Filters> = {}): Filters => ({
  ...DEFAULT_FILTERS,
  kinds: [...DEFAULT_FILTERS.kinds],
  hidden: [],
  ...patch,
});

describe('isVisible', () => {
  it.each<[string, FilterableNode, Partial<Filters>, boolean]>([
    ['defaults show every entity', concept, {}, true],
    ['defaults hide papers', paper, {}, false],
    ['the papers switch shows papers', paper, { papers: true }, true],
    ['an unticked kind hides', method, { kinds: ['task'] }, false],
    ['min papers hides fewer', concept, { minPapers: 2 }, false],
    ['min papers keeps equal', method, { minPapers: 5 }, true],
    ['min papers never hides papers', paper, { papers: true, minPapers: 9 }, true],
    ['a hidden community hides', method, { hidden: [0] }, false],
    ['focus hides other communities', concept, { focus: 0 }, false],
    ['focus keeps its own', method, { focus: 0 }, true],
    ['a range that overlaps keeps', method, { from: '2023-01-01', to: '2023-12-31' }, true],
    ['a range after the last date hides', method, { from: '2024-01-01' }, false],
    ['a range before the first date hides', method, { to: '2021' }, false],
    ['a year range covers the whole year', method, { from: '2023', to: '2023' }, true],
    ['undated entities fail a date range', concept, { from: '2000' }, false],
    [
      'an entity with no paper within the range hides, though its span covers it',
      spread,
      { from: '2005', to: '2005' },
      false,
    ],
    ['an entity with papers within the range keeps', spread, { from: '2019-01-01', to: '2019-01-31' }, true],
    ['a range ending before its first paper hides', spread, { to: '2000-12-31' }, false],
    ['defaults hide umbrella entities, however many papers', umbrella, {}, false],
    ['the umbrella switch shows them', umbrella, { umbrella: true }, true],
    ['the switch does not lift the other filters', umbrella, { umbrella: true, kinds: ['method'] }, false],
    ['defaults show specific entities', specific, {}, true],
    ['a score at the threshold is specific', atThreshold, {}, true],
    ['no score (an older snapshot) counts as specific', concept, { umbrella: false }, true],
  ])('%s', (_label, node, patch, expected) => {
    expect(isVisible(node, filters(patch), UMBRELLA_BELOW)).toBe(expected);
  });
});

describe('papers within a date range', () => {
  it.each<[string, Partial<Filters>, number]>([
    ['no range: all its papers', {}, 5],
    ['a year: papers of that year, by year or month', { from: '2019', to: '2019' }, 3],
    ['a month: the papers of that month and those dated by its year only', { from: '2019-03', to: '2019-03' }, 3],
    ['another month: only those dated by year', { from: '2019-05-01', to: '2019-05-31' }, 1],
    ['a year with none', { from: '2005', to: '2005' }, 0],
    ['open-ended', { from: '2002' }, 3],
    ['open start', { to: '2010-06-30' }, 2],
  ])('%s', (_label, range, expected) => {
    expect(papersInRange(spread, range)).toBe(expected);
  });

  it('meanYear weighs each period by its papers; none without dated papers', () => {
    expect(meanYear(spread)).toBeCloseTo((2001 * 2 + 2019 * 3) / 5, 9);
    expect(meanYear(concept)).toBeUndefined();
  });
});

describe('filters', () => {
  it('hiddenNodes lists exactly the nodes that fail', () => {
    const hidden = hiddenNodes(
      [
        ['a', method],
        ['b', concept],
        ['p', paper],
      ],
      filters({ minPapers: 2 }),
      UMBRELLA_BELOW,
    );
    expect([...hidden].sort()).toEqual(['b', 'p']);
  });

  it('hiddenNodes hides umbrella entities until the switch is on, at the threshold it is given', () => {
    const nodes: [string, FilterableNode][] = [
      ['u', umbrella],
      ['s', specific],
      ['c', concept],
    ];
    expect([...hiddenNodes(nodes, filters(), UMBRELLA_BELOW)]).toEqual(['u']);
    expect([...hiddenNodes(nodes, filters({ umbrella: true }), UMBRELLA_BELOW)]).toEqual([]);
    expect([...hiddenNodes(nodes, filters(), 0.95)].sort()).toEqual(['s', 'u']);
  });

  it('isUmbrellaNode: below the threshold, never a paper, never without a score', () => {
    expect(isUmbrellaNode(umbrella, UMBRELLA_BELOW)).toBe(true);
    expect(isUmbrellaNode(atThreshold, UMBRELLA_BELOW)).toBe(false);
    expect(isUmbrellaNode(concept, 1)).toBe(false);
    expect(isUmbrellaNode({ ...paper, specificity: 0 }, UMBRELLA_BELOW)).toBe(false);
  });

  it('umbrella terms are hidden on a fresh page', () => {
    expect(DEFAULT_FILTERS.umbrella).toBe(false);
  });

  it('widenDate turns years and months into comparable days', () => {
    expect(widenDate('2023', 'start')).toBe('2023-01-01');
    expect(widenDate('2023', 'end')).toBe('2023-12-31');
    expect(widenDate('2023-04', 'end')).toBe('2023-04-31');
    expect(widenDate('2023-04-02T10:00', 'start')).toBe('2023-04-02');
  });

  it('toggleHidden flips one community and keeps the list sorted', () => {
    const once = toggleHidden(filters(), 3);
    expect(toggleHidden(once, 1).hidden).toEqual([1, 3]);
    expect(toggleHidden(once, 3).hidden).toEqual([]);
  });

  it('toggleFocus sets, clears, and unhides the focused community', () => {
    const focused = toggleFocus(filters({ hidden: [2] }), 2);
    expect(focused.focus).toBe(2);
    expect(focused.hidden).toEqual([]);
    expect(toggleFocus(focused, 2).focus).toBeUndefined();
  });

  it('defaultMinPapers keeps at most the target count', () => {
    const counts = [60, 30, 9, 5, 2, 2, 2, 1, 1, 1, 1];
    expect(defaultMinPapers(counts, 20)).toBe(1);
    const min = defaultMinPapers(counts, 5);
    expect(counts.filter((c) => c >= min).length).toBeLessThanOrEqual(5);
    expect(min).toBe(3);
    expect(defaultMinPapers([1, 1, 1, 1], 2)).toBe(1); // cannot cut inside a tie at the top: show them
  });
});

describe('isInvertedRange', () => {
  it('is true only when the range ends before it starts, each date widened to what it covers', () => {
    expect(isInvertedRange('2021', '2019')).toBe(true);
    expect(isInvertedRange('2020-06-02', '2020-06-01')).toBe(true);
    expect(isInvertedRange('2020', '2020-03')).toBe(false);
    expect(isInvertedRange('2020-03-31', '2020-03')).toBe(false);
    expect(isInvertedRange(undefined, '2019')).toBe(false);
    expect(isInvertedRange('2021', undefined)).toBe(false);
  });
});
