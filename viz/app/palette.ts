/** Colours: a palette of distinguishable community colours and one colour per mention type. */
import type { MentionType } from '../../pipeline/core/types.js';

/**
 * Twenty colours that stay apart on white, after Sasha Trubetskoy's "List of 20 simple, distinct colors"
 * (https://sashamaps.net/docs/resources/20-colors/), darkened a little so white labels halos stay legible.
 */
export const COMMUNITY_COLORS: readonly string[] = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42a5b5',
  '#d02fc4',
  '#8fb30c',
  '#c9508a',
  '#008080',
  '#9a6324',
  '#7b68ee',
  '#800000',
  '#2e8b57',
  '#808000',
  '#d4a017',
  '#000075',
  '#b8860b',
  '#5f9ea0',
  '#6b8e23',
];

/** The colour of the `other` community and of anything without one. */
export const OTHER_COLOR = '#9aa0a6';

/** Colour of faded nodes (hover or focus elsewhere). */
export const DIM_COLOR = '#e3e5e8';

/** Colour of a community by its id; `other` (or a negative id) is grey. */
export function communityColor(id: number, isOther = false): string {
  if (isOther || id < 0 || !Number.isInteger(id)) return OTHER_COLOR;
  return COMMUNITY_COLORS[id % COMMUNITY_COLORS.length] ?? OTHER_COLOR;
}

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
