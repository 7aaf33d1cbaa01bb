/** Where a specificity score marks an umbrella word: one small module, so that `kg trace` need not load the score's features. */

/** The specificity under which a term is an umbrella word (the default `umbrellaBelow` of graph/specificity.ts). */
export const UMBRELLA_BELOW = 0.5;

/** Whether a score marks an umbrella word; a snapshot made before scores existed has none, and its terms count as specific. */
export const isUmbrellaTerm = (
  specificity: number | null | undefined,
  umbrellaBelow: number = UMBRELLA_BELOW,
): boolean => specificity !== undefined && specificity !== null && specificity < umbrellaBelow;

/** The order of "appears with" in a trace: specific terms before umbrella words, then most papers in common, then key. */
export const byRelated = (
  a: { umbrella: boolean; papers: number; key: string },
  b: { umbrella: boolean; papers: number; key: string },
): number =>
  Number(a.umbrella) - Number(b.umbrella) || b.papers - a.papers || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
