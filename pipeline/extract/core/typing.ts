/** Types a phrase of units by its head: named entity, listed head, generic head, stop head, acronym, else concept. */
import type { MentionType } from '../../core/types.js';
import type { Unit } from './model.js';
import { canonicalKey } from './canonical.js';
import { CONCEPT_WORDS, GENERIC_HEADS, STOP_HEADS, headType, namedType } from './lexicon.js';

/** Upper-case-led words with at least two capitals or a digit and no lower case but a plural s: "IRM", "GNNs", "F1". */
export const ACRONYM_SHAPE = /^(?=[^a-z]*[A-Z][^a-z]*[A-Z0-9])[A-Z0-9][A-Z0-9&.\-/+*]*s?$/;

/** Characters of markup or formulas: `<b>`, `$\\theta$`, `{x}`, `&amp;`, `a=b`. */
const MARKUP = /[<>{}$\\|^~=]|&[a-z]+;/;

/** A typed phrase: its type and canonical key. */
export interface Typed {
  type: MentionType;
  key: string;
}

/**
 * Types the phrase `text` whose units are `units[first..last)`, or returns null when it is no mention (a stop head
 * like "paper", a lone letter, a number). The order of the checks is the precedence: a name or a listed head says
 * what the phrase is before its modifiers are consulted.
 */
export function typePhrase(text: string, units: Unit[], first: number, last: number): Typed | null {
  // Markup and formulas (HTML tags, TeX, entities) are not phrases.
  if (MARKUP.test(text)) return null;
  const key = canonicalKey(text);
  if (key.length < 2 || !/\p{L}/u.test(key)) return null;
  const hasCapsOrDigit = /[A-Z0-9]/.test(text);
  const named = hasCapsOrDigit ? namedType(key) : undefined;
  if (named !== undefined) return { type: named, key };
  if (last - first === 1 && GENERIC_HEADS.has(key)) return { type: 'generic', key };
  const head = headType(key);
  if (head !== undefined) return { type: head, key };
  const lastWord = key.slice(key.lastIndexOf(' ') + 1);
  if (STOP_HEADS.has(lastWord) || STOP_HEADS.has(key)) return null;
  for (let u = first; u < last; u++) {
    const unit = units[u] as Unit;
    if (!/[A-Z0-9]/.test(unit.text)) continue;
    const t = namedType(canonicalKey(unit.text));
    if (t !== undefined) return { type: t, key };
  }
  // An unlisted acronym ("IRM", "GNNs") is most often a method in AI abstracts.
  if (last - first === 1 && ACRONYM_SHAPE.test(text)) return { type: 'method', key };
  if (key.length < 3 && !hasCapsOrDigit) return null;
  // A lone everyday noun ("context", "effectiveness") is rarely a term worth a node; compounds and names are.
  // (A capital that only starts a sentence does not make a name.)
  const inner = /[A-Z0-9]/.test(text.slice(1));
  if (last - first === 1 && !inner && !text.includes('-') && !CONCEPT_WORDS.has(key)) return null;
  return { type: 'concept', key };
}
