/** Colours: a colour-blind-aware palette for the listed communities and one colour per mention type. */
import type { MentionType } from '../../pipeline/core/types.js';

/**
 * Twenty community colours, each at least 3:1 against white (WCAG's contrast for graphics), given out by rank: the
 * largest listed community gets the first. Okabe–Ito's blue, vermillion and bluish green, then Paul Tol's "bright"
 * purple, "muted" olive (darkened to 3:1), Okabe–Ito's sky blue (darkened), Tol's wine and indigo; the rest from Tol's
 * sets, darkened where needed, chosen to stay apart from those before. In CIELAB ΔE, under normal vision and simulated
 * protanopia and deuteranopia (Machado 2009): the first 8 at least 11 apart, all 20 and the grey at least 6 (10 in
 * normal vision); test/viz/legend-plan.test.ts measures it.
 */
export const COMMUNITY_COLORS: readonly string[] = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#aa3377',
  '#959531',
  '#4899c6',
  '#882255',
  '#332288',
  '#225522',
  '#eb6575',
  '#e57231',
  '#6599b3',
  '#aa4499',
  '#8c564b',
  '#ee3377',
  '#666633',
  '#4a6fa5',
  '#9f9354',
  '#663333',
  '#225555',
];

/** The colour of the folded communities ("other") and of anything without a community: a neutral grey, 3.3:1 on white. */
export const OTHER_COLOR = '#868e96';

/** Colour of faded nodes (hover or focus elsewhere). */
export const DIM_COLOR = '#e3e5e8';

/** Colour of each mention type in an abstract (text highlight backgrounds use it with transparency). */
export const KIND_COLORS: Readonly<Record<MentionType | 'paper', string>> = {
  method: '#1f6feb',
  task: '#d9480f',
  dataset: '#2b8a3e',
  metric: '#8e44ad',
  concept: '#5c6f82',
  generic: '#adb5bd',
  paper: '#343a40',
};

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
