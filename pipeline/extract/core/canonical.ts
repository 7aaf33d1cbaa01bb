/** Canonical keys: the one spelling under which variants of a phrase ("Graph Neural Networks", "graph-neural network") meet. */
import determiners from '../lexicons/determiners.json' with { type: 'json' };
import prefixes from '../lexicons/bound-prefixes.json' with { type: 'json' };
import { americanize, singularize } from './inflect.js';

const DETERMINERS: ReadonlySet<string> = new Set(determiners.words);
const BOUND_PREFIXES: ReadonlySet<string> = new Set(prefixes.words);
/** Prepositions after which a phrase's head has ended ("tracking of motions": head "tracking"). */
const HEAD_ENDERS: ReadonlySet<string> = new Set([
  'of',
  'for',
  'in',
  'on',
  'with',
  'from',
  'by',
  'to',
  'via',
  'over',
  'under',
  'using',
]);

/** Separators folded to one space: whitespace, hyphens and dashes of every width, underscores, slashes. */
const SEPARATORS = /[\s\-\u00AD\u2010-\u2015\u2212_/]+/u;
/** Punctuation trimmed from either end of a word (quotes, brackets, sentence punctuation). */
const EDGE_PUNCT = /^[\p{Ps}\p{Pi}\p{Pf}"'`]+|[\p{Pe}\p{Pi}\p{Pf}"'`,;:!?.]+$/gu;
/** A plural acronym as written: "GNNs", "LLMs", "CNNs" (upper case, then one lower-case s). */
const ACRONYM_PLURAL = /^[A-Z][A-Z0-9]*[A-Z0-9]s$/;
/** A parenthesised acronym at the end of a phrase: "Graph Neural Networks (GNNs)". */
const TRAILING_PAREN = /\s*\([^()]{1,20}\)\s*$/u;
/** A parenthesised acronym inside a phrase, defined where it stands: "long short-term memory (LSTM) unit". */
const INNER_ACRONYM = /(?<=\S)\s+\([A-Z][A-Za-z0-9.-]*[A-Z0-9]s?\)(?=[\s,;:]+\S)/gu;

// The one module-level cache in the extractor, kept on purpose: a memo of a pure function, cleared at CACHE_LIMIT
// entries, so no caller can tell it is there (extractors share it and see the same keys either way).
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/**
 * The canonical key of a surface form: NFKC, lower case, hyphens/underscores/slashes as spaces, bound prefixes
 * joined ("pre-training" = "pre training" = "pretraining"), leading determiners and possessives dropped, American
 * spelling, the head word singular (the last word, or the word before the first "of/for/in…"), plural acronyms
 * singular ("GNNs" → "gnn"), and a trailing "(ACRONYM)" dropped, as is one inside the phrase ("Kullback-Leibler (KL)
 * divergence" = "Kullback-Leibler divergence"). Pure; memoised.
 */
export function canonicalKey(surface: string): string {
  const hit = cache.get(surface);
  if (hit !== undefined) return hit;
  const key = computeKey(surface);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(surface, key);
  return key;
}

function computeKey(surface: string): string {
  let s = surface.normalize('NFKC').replace(INNER_ACRONYM, '');
  const withoutParen = s.replace(TRAILING_PAREN, '');
  if (withoutParen.trim() !== '') s = withoutParen;
  // Leading determiners are whole words: "the few-shot setting" drops "the", but "few-shot learning" keeps "few".
  const spaced = s.trim().split(/\s+/u);
  while (spaced.length > 1 && DETERMINERS.has((spaced[0] ?? '').toLowerCase().replace(EDGE_PUNCT, ''))) spaced.shift();
  s = spaced.join(' ');
  const words: string[] = [];
  for (const raw of s.split(SEPARATORS)) {
    let w = raw.replace(EDGE_PUNCT, '');
    if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
    if (w === '') continue;
    if (ACRONYM_PLURAL.test(w)) w = w.slice(0, -1);
    words.push(americanize(w.toLowerCase()));
  }
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    if (BOUND_PREFIXES.has(w) && next !== undefined && /^[a-z]/.test(next)) {
      joined.push(w + next);
      i++;
    } else joined.push(w);
  }
  let head = joined.length - 1;
  for (let i = 1; i < joined.length; i++) {
    if (HEAD_ENDERS.has(joined[i] ?? '')) {
      head = i - 1;
      break;
    }
  }
  const headWord = joined[head];
  if (headWord !== undefined) joined[head] = singularize(headWord);
  const key = joined.join(' ');
  return key === '' ? surface.normalize('NFKC').toLowerCase().trim() : key;
}
