/** The one compromise parse per text, turned into tokens whose offsets are checked against the input string. */
import nlp from 'compromise';
import { F, type Token } from './core/model.js';
import { createPostTagger, type PostTagger } from './post-tagger.js';

const TAG_BITS: ReadonlyMap<string, number> = new Map([
  ['Noun', F.Noun],
  ['Plural', F.Plural],
  ['ProperNoun', F.Proper],
  ['Pronoun', F.Pronoun],
  ['Acronym', F.Acronym],
  ['Adjective', F.Adjective],
  ['Determiner', F.Determiner],
  ['Possessive', F.Possessive],
  ['Verb', F.Verb],
  ['Gerund', F.Gerund],
  ['PastTense', F.PastTense],
  ['Participle', F.Participle],
  ['Adverb', F.Adverb],
  ['Preposition', F.Preposition],
  ['Conjunction', F.Conjunction],
  ['Value', F.Value],
  ['Infinitive', F.Infinitive],
  ['Copula', F.Copula],
  ['Modal', F.Modal],
  ['Comparative', F.Comparative],
  ['Superlative', F.Superlative],
  ['Auxiliary', F.Auxiliary],
  ['QuestionWord', F.QuestionWord],
  ['Date', F.Date],
  ['Ordinal', F.Ordinal],
]);

/**
 * The compute steps of compromise's own `nlp(text)` minus the ones `nlp.tokenize` already ran (contractions,
 * alias, machine), the chunker, whose output the extractor does not read (it chunks on its own, chunks.ts), the
 * term ids (random per run, used only by match pointers into a changing document; about 6 % of a parse) and the
 * typeahead (no prefixes are registered). Same tags as `nlp(text)` (a test checks that), about 15 % less work; the
 * post-tagger among them runs through post-tagger.ts, about a fifth less again.
 */
export const TAG_HOOKS: readonly string[] = nlp
  .hooks()
  .filter((h) => !['contractions', 'alias', 'machine', 'chunks', 'id', 'typeahead'].includes(h));
/** TAG_HOOKS up to the post-tagger, which runs through post-tagger.ts (the same rules, chosen more cheaply). */
const PRE_POST_HOOKS: string[] = TAG_HOOKS.filter((h) => h !== 'postTagger');

/** compromise's parse of a text: its sentences of terms. */
export type Document = ReturnType<typeof nlp.tokenize>['document'];

/** The one compromise parse per text, with its own post-tagger (post-tagger.ts): an extractor owns one. */
export interface Parser {
  /** compromise's parse of `text`, tagged as `nlp(text)` tags it (a test checks that), with the steps above. */
  parse(text: string): Document;
  /** The tokens of `text`, aligned to it (see {@link tokenize}). */
  tokenize(text: string): Token[];
}

/** A parser with a post-tagger of its own. */
export function createParser(): Parser {
  const postTag = createPostTagger();
  const parse = (text: string): Document => parseWith(postTag, text);
  return { parse, tokenize: (text) => tokenize(text, parse) };
}

function parseWith(postTag: PostTagger, text: string): Document {
  const view = nlp.tokenize(text).compute(PRE_POST_HOOKS);
  postTag(view);
  return view.document;
}

/** How far past the expected position a term's text may be found before we call it unaligned. */
const SLACK = 16;

/** Inputs longer than this are parsed in pieces cut at a line or sentence end, so one parse stays small. */
export const SEGMENT_LENGTH = 20_000;

/**
 * Tokenises and tags `text` with one `parse` (per segment of a very long input), then aligns every term
 * to the input by searching for its text from the end of the previous token. compromise keeps `term.text` verbatim
 * in practice, but it may drop or rewrite characters (contractions, odd unicode), so a term that cannot be found
 * close to where it should be is skipped rather than trusted: `text.slice(start, end) === token.text` always.
 */
function tokenize(text: string, parse: (text: string) => Document): Token[] {
  const tokens: Token[] = [];
  let sentenceBase = 0;
  for (let from = 0; from < text.length;) {
    const to = segmentEnd(text, from);
    sentenceBase = tokenizeSegment(text, from, to, sentenceBase, tokens, parse);
    from = to;
  }
  return tokens;
}

/** Where the segment starting at `from` ends: the whole rest, or the last newline / ". " / space before the limit. */
function segmentEnd(text: string, from: number): number {
  if (text.length - from <= SEGMENT_LENGTH) return text.length;
  const limit = from + SEGMENT_LENGTH;
  for (const sep of ['\n', '. ', ' ']) {
    const at = text.lastIndexOf(sep, limit);
    if (at > from + SEGMENT_LENGTH / 2) return at + sep.length;
  }
  // No separator: cut anywhere but inside a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit + 1 : limit;
}

/** Parses `text[from, to)` and appends its aligned tokens; returns the next free sentence index. */
function tokenizeSegment(
  text: string,
  from: number,
  to: number,
  sentenceBase: number,
  tokens: Token[],
  parse: (text: string) => Document,
): number {
  const segment = from === 0 && to === text.length ? text : text.slice(from, to);
  if (segment.trim() === '') return sentenceBase;
  const document = parse(segment);
  let cursor = from;
  for (let s = 0; s < document.length; s++) {
    for (const term of document[s] ?? []) {
      const surface = term.text;
      if (surface === '') continue;
      const pre = term.pre?.length ?? 0;
      const expected = cursor + pre;
      const at = text.startsWith(surface, expected) ? expected : text.indexOf(surface, cursor);
      if (at < 0 || at + surface.length > to || at - expected > SLACK + pre) continue;
      let flags = 0;
      if (term.tags) for (const tag of term.tags) flags |= TAG_BITS.get(tag) ?? 0;
      const end = at + surface.length;
      tokens.push({
        text: surface,
        lower: surface.toLowerCase(),
        start: at,
        end,
        flags,
        sentence: sentenceBase + s,
        gap: text.slice(cursor, at),
      });
      cursor = end;
    }
  }
  return sentenceBase + document.length;
}
