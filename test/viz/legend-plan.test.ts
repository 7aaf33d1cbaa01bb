// The legend's plan (viz/app/legend.ts): which communities are listed and folded into "other", the colour of each by
// rank, the group filters of "other" and their URL; and the palette: distinct, 3:1 on white, apart for colour-blind eyes.
import { describe, expect, it } from 'vitest';
import type { CommunityInfo } from '../../graph/core/types.js';
import {
  groupHidden,
  groupOnly,
  planColor,
  planLegend,
  toggleGroupHidden,
  toggleGroupOnly,
} from '../../viz/app/legend.js';
import { COMMUNITY_COLORS, OTHER_COLOR, contrastRatio } from '../../viz/app/palette.js';
import { DEFAULT_FILTERS, toggleFocus, type Filters } from '../../viz/app/state.js';
import { decodeViewState, encodeViewState } from '../../viz/app/url.js';

const community = (id: number, size: number, kind: CommunityInfo['kind'] = 'topic'): CommunityInfo => ({
  id,
  label: `c${id}`,
  kind,
  size,
  papers: Math.ceil(size / 10),
  topTerms: [`c${id}`],
});

/** Like the full ACL graph: 11 large topics, 29 small ones, and the snapshot's `other` community last. */
const ACL_LIKE: CommunityInfo[] = [
  ...Array.from({ length: 11 }, (_, i) => community(i, 20_000 - i * 1500)),
  ...Array.from({ length: 29 }, (_, i) => community(11 + i, 2 + i)),
  community(40, 900, 'other'),
];

describe('planLegend', () => {
  it('lists the large topics, largest first, and folds the small ones and `other`', () => {
    const plan = planLegend(ACL_LIKE);
    expect(plan.listed.map((c) => c.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(plan.folded).toHaveLength(30);
    expect(plan.folded.at(-1)?.id).toBe(40);
    // Every community is in exactly one of the two.
    expect(new Set([...plan.listed, ...plan.folded].map((c) => c.id)).size).toBe(ACL_LIKE.length);
  });

  it('lists at most 20, even when more are above the threshold', () => {
    const many = Array.from({ length: 30 }, (_, i) => community(i, 1000 + i));
    const plan = planLegend(many);
    expect(plan.listed).toHaveLength(20);
    expect(plan.listed[0]?.id).toBe(29);
    expect(Math.min(...plan.listed.map((c) => c.size))).toBeGreaterThan(Math.max(...plan.folded.map((c) => c.size)));
  });

  it('gives each listed community its own colour by rank, whatever its id; folded ones share the grey', () => {
    const shuffled = [community(7, 100), community(3, 500), community(12, 5000), community(0, 3, 'other')];
    const plan = planLegend(shuffled);
    expect(plan.listed.map((c) => c.id)).toEqual([12, 3, 7]);
    expect([12, 3, 7].map((id) => planColor(plan, id))).toEqual(COMMUNITY_COLORS.slice(0, 3));
    expect(planColor(plan, 0)).toBe(OTHER_COLOR);
    expect(planColor(plan, 99)).toBe(OTHER_COLOR);
    const listedColours = planLegend(ACL_LIKE).listed.map((c) => planLegend(ACL_LIKE).colors.get(c.id));
    expect(new Set(listedColours).size).toBe(listedColours.length);
    expect(listedColours).not.toContain(OTHER_COLOR);
  });

  it('is the same plan for the same communities in any order', () => {
    const reversed = [...ACL_LIKE].reverse();
    expect([...planLegend(reversed).colors].sort()).toEqual([...planLegend(ACL_LIKE).colors].sort());
  });

  it('folds nothing but `other` on a small graph whose topics are all above the threshold', () => {
    const plan = planLegend([community(0, 11), community(1, 10), community(2, 10), community(3, 6, 'other')]);
    expect(plan.listed.map((c) => c.id)).toEqual([0, 1, 2]);
    expect(plan.folded.map((c) => c.id)).toEqual([3]);
  });
});

describe('the filters of the "other" group', () => {
  const plan = planLegend(ACL_LIKE);
  const folded = plan.folded.map((c) => c.id);
  const listed = plan.listed.map((c) => c.id);
  const fresh: Filters = { ...DEFAULT_FILTERS, hidden: [] };

  it('hides all the folded communities at once, and shows them again', () => {
    const hidden = toggleGroupHidden(fresh, folded);
    expect(hidden.hidden).toEqual([...folded].sort((a, b) => a - b));
    expect(groupHidden(hidden, folded)).toBe('all');
    expect(groupHidden(hidden, listed)).toBe('none');
    expect(toggleGroupHidden(hidden, folded).hidden).toEqual([]);
  });

  it('a partly hidden group is hidden whole by its tick; other hidden communities stay hidden', () => {
    const some: Filters = { ...fresh, hidden: [listed[0]!, folded[0]!] };
    expect(groupHidden(some, folded)).toBe('some');
    const next = toggleGroupHidden(some, folded);
    expect(next.hidden).toContain(listed[0]);
    expect(groupHidden(next, folded)).toBe('all');
  });

  it('a focus on a folded community is cleared when the group is hidden', () => {
    const focused = toggleFocus(fresh, folded[2]!);
    expect(focused.focus).toBe(folded[2]);
    expect(toggleGroupHidden(focused, folded).focus).toBeUndefined();
  });

  it('"only other" hides every listed community, survives the URL, and toggles back to all', () => {
    const only = toggleGroupOnly(toggleFocus(fresh, listed[0]!), folded, listed);
    expect(only.focus).toBeUndefined();
    expect(only.hidden).toEqual(listed);
    expect(groupOnly(only, folded, listed)).toBe(true);
    const restored = decodeViewState(encodeViewState({ filters: only })).filters;
    expect(restored.hidden).toEqual(listed);
    expect(groupOnly(restored, folded, listed)).toBe(true);
    expect(toggleGroupOnly(restored, folded, listed).hidden).toEqual([]);
  });
});

// --- the palette ------------------------------------------------------------------------------------------------

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255)) as [number, number, number];
/** Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB. */
const SIMULATIONS: Record<string, number[][] | null> = {
  normal: null,
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
};
function lab([r, g, b]: number[]): [number, number, number] {
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047);
  const y = f(0.2126 * r! + 0.7152 * g! + 0.0722 * b!);
  const z = f((0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
/** CIE76 ΔE between two colours as seen with a given simulation. */
function deltaE(a: string, b: string, m: number[][] | null): number {
  const see = (hex: string): number[] => {
    const c = rgb(hex);
    return m ? m.map((row) => Math.min(1, Math.max(0, row[0]! * c[0] + row[1]! * c[1] + row[2]! * c[2]))) : c;
  };
  const [p, q] = [lab(see(a)), lab(see(b))];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
const minDelta = (colours: readonly string[], m: number[][] | null): number => {
  let min = Infinity;
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++) min = Math.min(min, deltaE(colours[i]!, colours[j]!, m));
  return min;
};

describe('the community palette', () => {
  it('has 20 distinct colours, each and the grey at least 3:1 on white', () => {
    expect(COMMUNITY_COLORS).toHaveLength(20);
    expect(new Set([...COMMUNITY_COLORS, OTHER_COLOR].map((c) => c.toLowerCase())).size).toBe(21);
    for (const colour of [...COMMUNITY_COLORS, OTHER_COLOR])
      expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
  });

  it('keeps the 8 largest communities apart in normal vision and with protanopia or deuteranopia', () => {
    for (const [name, m] of Object.entries(SIMULATIONS))
      expect(minDelta(COMMUNITY_COLORS.slice(0, 8), m), name).toBeGreaterThanOrEqual(11);
  });

  it('keeps all 20 and the grey apart: 10 ΔE in normal vision, 6 with protanopia or deuteranopia', () => {
    expect(minDelta([...COMMUNITY_COLORS, OTHER_COLOR], null)).toBeGreaterThanOrEqual(10);
    for (const [name, m] of Object.entries(SIMULATIONS))
      expect(minDelta([...COMMUNITY_COLORS, OTHER_COLOR], m), name).toBeGreaterThanOrEqual(6);
  });

  it('contrastRatio matches WCAG on known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
