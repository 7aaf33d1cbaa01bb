/**
 * Cues the relation rules read around a pair beyond its gap: a negation in the pair's clause ("X is not suitable
 * for Y" states no use), and an evaluation cue ("evaluate X on Y", "results of X on Y") that tells an evaluation on
 * a dataset from a training or a building on it ("train X on Y", "built on Y").
 */
import type { Context, Pair, PlacedMention } from '../core/model.js';
import { LANGUAGES } from '../core/lexicon.js';

/** Where the clause of a pair starts: after the last sentence or clause break before its first mention. */
const CLAUSE_BREAKS = /[.;:!?]|,\s+(?:but|while|whereas|although|though|yet)\b/g;
/** The same, to test a gap. */
const CLAUSE_BREAK = /[;:!?]|,\s+(?:but|while|whereas|although|though|yet)\b/;

/** The text of the pair's clause up to its first mention, lower case (at most `max` characters). */
export function leadOf(pair: Pair, ctx: Context, max = 80): string {
  const from = Math.max(0, pair.first.start - max);
  const lead = ctx.text.slice(from, pair.first.start).toLowerCase();
  let cut = 0;
  for (let m = CLAUSE_BREAKS.exec(lead); m !== null; m = CLAUSE_BREAKS.exec(lead)) cut = m.index + m[0].length;
  CLAUSE_BREAKS.lastIndex = 0;
  return lead.slice(cut);
}

/** A word that denies what the clause states: "not", "never", "cannot", "without", "unsuitable", "fail to". */
const NEGATION =
  /(?:\b(?:not(?! only\b)|never|cannot|no|none|neither|nor|without|unsuitable|inappropriate|inadequate|insufficient|fails? to|failed to|instead of|rather than|unable to|unlikely to)\b|n't\b)/;

/** Whether the clause of `pair` (its lead and its gap) holds a negation. */
export function negated(pair: Pair, ctx: Context): boolean {
  return NEGATION.test(leadOf(pair, ctx, 60)) || NEGATION.test(pair.gap);
}

/** Words that make "X on Y" an evaluation: evaluate, test, benchmark, results, accuracy, performance, outperform … */
export const EVALUATION_CUE =
  /\b(?:evaluat\w*|test(?:s|ed|ing)?|benchmark\w*|assess\w*|experiment\w*|results?|accuracy|accuracies|performance|performs?|performed|scores?|f1|f-scores?|outperform\w*|achiev\w*|obtain\w*|report\w*|competitive|state[- ]of[- ]the[- ]art|improv\w*|gains?|error rates?|bleu|rouge|precision|recall)\b/;

/** Words that make "X on Y" a training or building on Y, never an evaluation. */
export const NOT_EVALUATION =
  /\b(?:train\w*|pre-?train\w*|fine-?tun\w*|built|build\w*|based|learn\w*|induc\w*|appl(?:y|ies|ied|ying)|focus\w*|depend\w*|rel(?:y|ies|ied|ying)|work\w*|research|stud(?:y|ies|ied)|impact|effects?|influence)\b/;

/**
 * Words between two mentions that can state a use: "for", "to", "using", "via", "by", "with", "based on", "as", "from",
 * "employ", "apply", "take advantage of". The learnt USED_FOR classifier (relations/learned.ts) keeps a pair only with
 * one of them in its gap: on the judged ACL sample its pairs without one ("LSTMs learn features of natural
 * languages", "NLP of morphologically rich languages", "X, the Y") were nearly all wrong.
 */
export const USE_CUE =
  /\b(?:for|to|using|uses?|used|via|through|by|with|based|as|from|employ\w*|exploit\w*|leverag\w*|utili[sz]\w*|appl(?:y|ies|ied|ying)|adopt\w*|advantage|relies|rely|relying|combin\w*|integrat\w*|incorporat\w*|enhanc\w*|improv\w*)\b/;

/** A bare "in" ("deep neural networks in natural language processing"): SciERC train's most frequent USED-FOR gap without a use word. */
const IN = /^\s+in\s+(?:(?:the|a|an|their|its|our|this|these)\s+)?$/;

/** Words in a gap that state something else than a use: X learns, encodes or reflects Y, X outperforms Y. */
export const NOT_USE =
  /\b(?:learn(?:s|ed|t)?|encod\w*|reflect\w*|captur\w*|outperform\w*|than|versus|vs|compared|degrad\w*|hurt\w*|harm\w*|suffer\w*|tolerant|robust|sensitive|replac\w*|selected|affected|influenced)\b/;

/** Learnt pairs further apart than this (characters) were mostly wrong on the ACL sample: the use is a third thing's. */
const MAX_LEARNT_GAP = 60;

/** Whether the learnt classifier's pair has a use cue in its gap, none of the words that state something else, and no negation. */
export function statesUse(pair: Pair, ctx: Context, forward: boolean): boolean {
  const gap = ctx.text.slice(pair.first.end, pair.second.start).toLowerCase();
  return (
    gap.length <= MAX_LEARNT_GAP &&
    // "X in Y" is X used in Y; read backward ("the attention mechanism in the Transformer") it is a part or a setting.
    (USE_CUE.test(gap) || (forward && IN.test(gap))) &&
    !NOT_USE.test(gap) &&
    !CLAUSE_BREAK.test(gap) &&
    !negated({ ...pair, gap }, ctx) &&
    !isLanguage(pair.first, ctx) &&
    !isLanguage(pair.second, ctx)
  );
}

/** Words a language pair's name may hold beside the languages: "Chinese-to-English", "German and English". */
const PAIR_WORDS = new Set(['to', 'and', 'or', 'from', 'into', 'language', 'languages', 'pair', 'pairs', 'direction']);

/**
 * Whether a mention names only languages ("German", "Arabic and Turkish", "Chinese-to-English"): the setting of a
 * study, not a thing used or evaluated on. On the judged ACL samples such ends were wrong nearly always
 * ("translation into English from Finnish", "the Arabic and Turkish to English translation tasks" cut to "Turkish").
 */
export function isLanguage(m: PlacedMention, ctx: Context): boolean {
  return namesLanguages(ctx.text.slice(m.start, m.end));
}

/** A language pair written in codes: "En-De", "ro-en", "EN→FR". */
const CODE_PAIR = /^[a-z]{2}\s*(?:-|–|→|↔|2)\s*[a-z]{2}$/i;

/** Whether a text names only languages (see {@link isLanguage}). */
export function namesLanguages(text: string): boolean {
  if (CODE_PAIR.test(text.trim())) return true;
  const words = text
    .toLowerCase()
    .split(/[^a-z\u00c0-\u024f]+/u)
    .filter((w) => w !== '' && !PAIR_WORDS.has(w));
  return words.length > 0 && words.every((w) => LANGUAGES.has(w));
}
