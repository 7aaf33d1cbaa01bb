/** Internal shapes of the extractor: aligned tokens, word units, noun-phrase chunks, candidate mentions and rules. */
import type { MentionType, RelationType } from '../../core/types.js';

/** Part-of-speech bits read once from compromise's tag set, so rules test a number, not a Set. */
export const F = {
  Noun: 1 << 0,
  Plural: 1 << 1,
  Proper: 1 << 2,
  Pronoun: 1 << 3,
  Acronym: 1 << 4,
  Adjective: 1 << 5,
  Determiner: 1 << 6,
  Possessive: 1 << 7,
  Verb: 1 << 8,
  Gerund: 1 << 9,
  PastTense: 1 << 10,
  Participle: 1 << 11,
  Adverb: 1 << 12,
  Preposition: 1 << 13,
  Conjunction: 1 << 14,
  Value: 1 << 15,
  Infinitive: 1 << 16,
  Copula: 1 << 17,
  Modal: 1 << 18,
  Comparative: 1 << 19,
  Superlative: 1 << 20,
  Auxiliary: 1 << 21,
  QuestionWord: 1 << 22,
  Date: 1 << 23,
  Ordinal: 1 << 24,
} as const;

/** One compromise term, aligned to the input: `text === input.slice(start, end)`. */
export interface Token {
  text: string;
  /** Lower-cased `text`. */
  lower: string;
  start: number;
  end: number;
  /** Bits of {@link F}. */
  flags: number;
  /** Index of the sentence (compromise's phrase) the token belongs to. */
  sentence: number;
  /** The input between the previous token's end and this token's start ("" for the first). */
  gap: string;
}

/** Word classes the chunker works with, decided once per unit. */
export type UnitClass = 'det' | 'mod' | 'noun' | 'num' | 'other';

/** Tokens glued without whitespace ("GPT-4", "BERT-based", "state-of-the-art") acting as one word. */
export interface Unit {
  /** First and one-past-last token index. */
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  lower: string;
  cls: UnitClass;
  flags: number;
  sentence: number;
  /** The input between the previous unit and this one. */
  gap: string;
  /** True when punctuation (comma, bracket, colon…) separates this unit from the previous one. */
  broken: boolean;
}

/** A noun phrase as unit indices `[first, last)`, determiners and evaluative modifiers already dropped. */
export interface Chunk {
  first: number;
  last: number;
  sentence: number;
}

/** A proposed mention: a character span of the input, its type and (when the rule knows it) its key. */
export interface Candidate {
  start: number;
  end: number;
  type: MentionType;
  /** Key to use instead of `canonicalKey(text)` (acronym long forms, typed phrases). */
  key?: string;
  /** Name of the rule that proposed it (for debugging and tests). */
  rule: string;
}

/** A defined acronym: short form as written (singular) and the long form's canonical key and type. */
export interface AcronymDef {
  short: string;
  long: string;
  type: MentionType;
}

/** Everything the rules read: the input, its tokens and units, and the noun-phrase chunks. */
export interface Context {
  text: string;
  tokens: Token[];
  units: Unit[];
  chunks: Chunk[];
  /** Acronyms defined so far in this text, by upper-cased singular short form. */
  acronyms: Map<string, AcronymDef>;
}

/** A mention rule (STYLE 3): `find` proposes spans, `parse` turns one into typed candidates (or none). */
export interface MentionRule<S> {
  name: string;
  find(ctx: Context): S[];
  parse(span: S, ctx: Context): Candidate[];
}

/** A rule with its span type hidden, so rules of different span types share one ordered list. */
export interface RegisteredMentionRule {
  name: string;
  apply(ctx: Context): Candidate[];
}

/** Registers a mention rule: `apply` runs `find`, then `parse` on each span. */
export function mentionRule<S>(rule: MentionRule<S>): RegisteredMentionRule & MentionRule<S> {
  return {
    ...rule,
    apply(ctx) {
      const out: Candidate[] = [];
      for (const span of rule.find(ctx)) for (const c of rule.parse(span, ctx)) out.push(c);
      return out;
    },
  };
}

/** A mention as the relation rules see it: the public fields plus its sentence. */
export interface PlacedMention {
  index: number;
  start: number;
  end: number;
  type: MentionType;
  key: string;
  sentence: number;
}

/** Two mentions of one sentence, the first before the second, and the text around them (lower case). */
export interface Pair {
  first: PlacedMention;
  second: PlacedMention;
  /** The input between the two mentions, lower case ("  for the "). */
  gap: string;
  /** The word just before the first mention, lower case ("" at the start). */
  before: string;
}

/** A relation found by a rule, with head and tail as mention indices. */
export interface FoundRelation {
  type: RelationType;
  head: number;
  tail: number;
}

/**
 * A relation rule: `find` picks pairs among one sentence's non-generic mentions (given in order, with the pairs
 * of neighbours already built), `parse` names the relation and its direction, or drops the pair.
 */
export interface RelationRule {
  name: string;
  /**
   * Whether the rule reads the generic mentions ("this method") too. The patterns read only named ones; the learnt
   * USED_FOR classifier reads both, as SciERC annotates USED-FOR pairs with a generic end (a third of them).
   */
  generic?: boolean;
  find(mentions: PlacedMention[], neighbours: Pair[], ctx: Context): Pair[];
  parse(pair: Pair, ctx: Context): FoundRelation | null;
}
