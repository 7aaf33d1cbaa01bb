/** Gap patterns the relation rules share: an optional determiner before the second mention. */

/** An optional determiner or possessive right before a mention, as it appears in a lower-cased gap. */
export const DET = String.raw`(?:(?:the|a|an|their|its|our|this|these|those)\s+)?`;

/** A gap of exactly `words` (a regex source), with the spacing and optional determiner around it. */
export function gapOf(words: string): RegExp {
  return new RegExp(String.raw`^\s+(?:${words})\s+${DET}$`);
}
