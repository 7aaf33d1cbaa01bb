/** Word units: tokens glued without whitespace ("GPT-4", "BERT-based") joined, each given the class the chunker reads. */
import { F, type Token, type Unit, type UnitClass } from './core/model.js';
import { DETERMINERS, DROPPED_MODIFIERS, HEAD_WORDS, NOT_NOUNS, PHRASES, PHRASE_STARTS } from './core/lexicon.js';
import { canonicalKey } from './core/canonical.js';
import { singularize } from './core/inflect.js';

/** Characters that glue two tokens into one word when nothing else sits between them. */
const GLUE = /^[-\u2010\u2011\u2012\u2013/_+*]*$/u;
/** Text between tokens that does not break a phrase: plain spaces and tabs (a newline ends the title). */
const SOFT_GAP = /^[ \t\u00A0]*$/u;
const NOUNISH = F.Noun | F.Acronym | F.Proper;

/** Groups tokens into units and classifies each one; `text` is the input the tokens index. */
export function buildUnits(tokens: Token[], text: string): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j] as Token;
      if (t.sentence !== first.sentence || !GLUE.test(t.gap) || (t.gap === '' && !glueEmpty(tokens[j - 1] as Token, t)))
        break;
      j++;
    }
    const lastTok = tokens[j - 1] as Token;
    const surface = text.slice(first.start, lastTok.end);
    const prev = units[units.length - 1];
    const broken = prev === undefined || prev.sentence !== first.sentence || !SOFT_GAP.test(first.gap);
    units.push({
      first: i,
      last: j,
      start: first.start,
      end: lastTok.end,
      text: surface,
      lower: surface.toLowerCase(),
      cls: 'other',
      flags: unitFlags(tokens, i, j),
      sentence: first.sentence,
      gap: first.gap,
      broken,
    });
    i = j;
  }
  for (let u = 0; u < units.length; u++) (units[u] as Unit).cls = classify(units, u);
  markPhrases(units);
  return units;
}

/** Longest listed phrase tried, in units. */
const MAX_PHRASE = 4;

/**
 * Listed multi-word phrases are nouns whatever compromise tagged their words ("to question answering" reads
 * "question" as a verb, "partial least squares" reads "least" as an adverb), so the chunker keeps them whole.
 */
function markPhrases(units: Unit[]): void {
  for (let u = 0; u < units.length; u++) {
    const first = units[u] as Unit;
    const firstWord = first.lower.replace(/-/g, ' ');
    if (!PHRASE_STARTS.has(firstWord.split(' ')[0] ?? '')) continue;
    let words = firstWord;
    let found = 0;
    for (let n = 2; n <= MAX_PHRASE && u + n <= units.length; n++) {
      const next = units[u + n - 1] as Unit;
      if (next.broken || next.sentence !== first.sentence) break;
      const key = `${words} ${canonicalKey(next.text)}`;
      if (PHRASES.has(key)) found = n;
      words = `${words} ${next.lower.replace(/-/g, ' ')}`;
    }
    for (let k = u; k < u + found; k++) (units[k] as Unit).cls = 'noun';
    if (found > 0) u += found - 1;
  }
}

/** compromise splits "95.2%" or "don't" without a gap; only letters/digits touching letters/digits glue. */
function glueEmpty(a: Token, b: Token): boolean {
  return /[\p{L}\p{N}]$/u.test(a.text) && /^[\p{L}\p{N}]/u.test(b.text);
}

function unitFlags(tokens: Token[], i: number, j: number): number {
  const last = (tokens[j - 1] as Token).flags;
  if (j - i === 1) return last;
  let any = 0;
  for (let k = i; k < j; k++) any |= (tokens[k] as Token).flags;
  // "GPT-4", "Llama-2": a name with a version number is a noun.
  if (last & F.Value && any & NOUNISH) return (last & ~F.Value) | F.Noun;
  return last;
}

function classify(units: Unit[], u: number): UnitClass {
  const unit = units[u] as Unit;
  const f = unit.flags;
  const lower = unit.lower;
  const multi = unit.text.length > 0 && unit.first + 1 < unit.last;
  if (NOT_NOUNS.has(lower)) return 'other';
  if (DROPPED_MODIFIERS.has(multi ? lower.replace(/-/g, ' ') : lower)) return 'mod';
  if (!multi && (f & F.Determiner || (f & F.Possessive && f & F.Pronoun) || DETERMINERS.has(lower))) return 'det';
  if (f & F.Pronoun) return 'other';
  if (!multi && f & F.Value) return 'num';
  const prev = units[u - 1];
  const afterNominal =
    prev !== undefined && !unit.broken && (prev.cls === 'noun' || prev.cls === 'mod' || prev.cls === 'det');
  // compromise reads "language models for", "question answering" as verbs; a listed head after a nominal is a noun.
  if (f & F.Verb && !(f & F.Noun) && afterNominal && HEAD_WORDS.has(singularize(lower))) return 'noun';
  if (multi) {
    if (f & (F.Adjective | F.PastTense | F.Participle)) return 'mod';
    if (f & (NOUNISH | F.Gerund)) return 'noun';
    return 'mod';
  }
  if (!multi && f & (F.Preposition | F.Conjunction | F.Copula | F.Modal | F.Auxiliary | F.QuestionWord)) return 'other';
  if (f & NOUNISH) return f & F.Adverb ? 'other' : 'noun';
  if (f & (F.Adjective | F.Ordinal)) return 'mod';
  if (f & F.Gerund) {
    // A listed head after a nominal is the head ("dependency parsing", "the learning"); any other gerund right
    // after a noun is a verb ("methods using X"); elsewhere it modifies ("training data").
    const listed = HEAD_WORDS.has(lower);
    if (afterNominal && listed) return 'noun';
    if (prev?.cls === 'noun' && !unit.broken) return 'other';
    // After a verb, a preposition or a comma, an unlisted gerund takes an object ("by modeling user proficiency").
    if (!listed && !(prev?.cls === 'det' || prev?.cls === 'mod')) return 'other';
    // A listed gerund heads its own phrase ("Parsing is hard") unless a noun follows ("parsing algorithm").
    const next = units[u + 1];
    const nounNext = next !== undefined && !next.broken && (next.flags & NOUNISH) !== 0 && !(next.flags & F.Pronoun);
    return nounNext || !listed ? 'mod' : 'noun';
  }
  if (f & (F.PastTense | F.Participle)) {
    // "the learned model" modifies; "the model learned X" is the verb.
    return prev === undefined || unit.broken || prev.cls === 'det' || prev.cls === 'mod' || prev.cls === 'other'
      ? 'mod'
      : 'other';
  }
  return 'other';
}
