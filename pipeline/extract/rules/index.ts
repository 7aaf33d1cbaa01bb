/** The mention rules, in the order they claim text: an earlier rule's mention wins over any later one it overlaps. */
import type { RegisteredMentionRule } from '../core/model.js';
import { acronymDefinition } from './acronym-definition.js';
import { basedSplit } from './based-split.js';
import { taskOf } from './task-of.js';
import { pronoun } from './pronoun.js';
import { nounPhrase } from './noun-phrase.js';

export { acronymDefinition, basedSplit, taskOf, pronoun, nounPhrase };

/**
 * Why this order: each rule is more specific than the ones after it. Acronym definitions go first because the
 * parentheses fix exact boundaries and record the long forms that later rules (and every bare use of the acronym)
 * need; "X-based Y" and "… of …" read two chunks and must claim them before noun-phrase reads each chunk alone;
 * pronouns never overlap a chunk; noun-phrase is the catch-all.
 */
export const MENTION_RULES: readonly RegisteredMentionRule[] = [
  acronymDefinition,
  basedSplit,
  taskOf,
  pronoun,
  nounPhrase,
];
