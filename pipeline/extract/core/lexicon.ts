/** The word lists (lexicons/*.json) as lookup tables, and the head-noun typing every noun-phrase rule shares. */
import type { MentionType } from '../../core/types.js';
import methodHeads from '../lexicons/method-heads.json' with { type: 'json' };
import taskHeads from '../lexicons/task-heads.json' with { type: 'json' };
import datasetHeads from '../lexicons/dataset-heads.json' with { type: 'json' };
import metricHeads from '../lexicons/metric-heads.json' with { type: 'json' };
import genericHeads from '../lexicons/generic-heads.json' with { type: 'json' };
import stopHeads from '../lexicons/stop-heads.json' with { type: 'json' };
import dropped from '../lexicons/dropped-modifiers.json' with { type: 'json' };
import determiners from '../lexicons/determiners.json' with { type: 'json' };
import named from '../lexicons/named.json' with { type: 'json' };
import verbs from '../lexicons/verbs.json' with { type: 'json' };
import functionWords from '../lexicons/function-words.json' with { type: 'json' };
import conceptWords from '../lexicons/concept-words.json' with { type: 'json' };
import languages from '../lexicons/languages.json' with { type: 'json' };
import { canonicalKey } from './canonical.js';

type EntityType = Exclude<MentionType, 'generic' | 'concept'>;
type HeadType = Exclude<MentionType, 'generic'>;

/**
 * Head phrases (canonical, up to four words) → type. Earlier lists win for a phrase in two: task beats method for
 * "analysis", the task reading being the common one in abstracts. Multi-word concept phrases ("learning rate",
 * "hidden layer") come last and only as phrases, so they override their typed last word ("rate", "layer").
 */
export const HEAD_TYPES: ReadonlyMap<string, HeadType> = (() => {
  const map = new Map<string, HeadType>();
  const add = (words: string[], type: HeadType): void => {
    for (const w of words) {
      const key = canonicalKey(w);
      if (!map.has(key)) map.set(key, type);
    }
  };
  add(metricHeads.words, 'metric');
  add(datasetHeads.words, 'dataset');
  add(taskHeads.words, 'task');
  add(methodHeads.words, 'method');
  add(
    conceptWords.words.filter((w) => /[\s-]/.test(w)),
    'concept',
  );
  return map;
})();

/** Named systems, datasets and metrics by canonical key ("bert", "imagenet", "bleu"). */
export const NAMED: ReadonlyMap<string, EntityType> = (() => {
  const map = new Map<string, EntityType>();
  for (const w of named.method) map.set(canonicalKey(w), 'method');
  for (const w of named.dataset) map.set(canonicalKey(w), 'dataset');
  for (const w of named.metric) map.set(canonicalKey(w), 'metric');
  return map;
})();

/** Canonical heads that alone (no content modifier) make a phrase generic: "the method", "our approach". */
export const GENERIC_HEADS: ReadonlySet<string> = new Set(genericHeads.words.map(canonicalKey));
/** Canonical heads of phrases that are never nodes: "paper", "result", "experiment". */
export const STOP_HEADS: ReadonlySet<string> = new Set(stopHeads.words.map(canonicalKey));
/** Canonical technical nouns that are concept mentions even alone: "features", "constraints". */
export const CONCEPT_WORDS: ReadonlySet<string> = new Set(conceptWords.words.map(canonicalKey));
/** Lower-case words dropped from the start of a phrase: "novel", "proposed", "state of the art" (hyphens as spaces). */
export const DROPPED_MODIFIERS: ReadonlySet<string> = new Set(dropped.words);

/** Multi-word listed phrases ("question answering", "partial least squares regression") by canonical key. */
export const PHRASES: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const key of [...HEAD_TYPES.keys(), ...NAMED.keys(), ...CONCEPT_WORDS]) if (key.includes(' ')) set.add(key);
  return set;
})();

/** First words of {@link PHRASES}, to try a phrase only where one can start. */
export const PHRASE_STARTS: ReadonlySet<string> = new Set([...PHRASES].map((p) => p.slice(0, p.indexOf(' '))));
/** Lower-case language names (ISO 639-2), some of several words ("low german"). */
export const LANGUAGES: ReadonlySet<string> = new Set(languages.words);
/** Lower-case prepositions and conjunctions: no term's content. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(functionWords.words);
/** Lower-case determiners and possessives. */
export const DETERMINERS: ReadonlySet<string> = new Set(determiners.words);
/** Lower-case verb forms and closed-class words compromise may tag as nouns or adjectives. */
export const NOT_NOUNS: ReadonlySet<string> = new Set([...verbs.words, ...functionWords.words]);

/** Every single word that can head a typed phrase, lower case and singular, for fixing compromise's verb tags. */
export const HEAD_WORDS: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  for (const key of HEAD_TYPES.keys()) {
    const last = key.slice(key.lastIndexOf(' ') + 1);
    set.add(last);
  }
  for (const key of GENERIC_HEADS) set.add(key);
  return set;
})();

/** A version suffix after a name ("gpt 4", "llama 2 70b", "t5 xl"): dropped to look the name up. */
const VERSION_WORD = /^(?:v?\d[\w.]*|[a-z]?\d+[bmk]?|xl|xxl|large|base|small|mini|tiny|turbo|pro|ultra|instruct|chat)$/;

/** The type of a named entity key, allowing version words after the name ("gpt 4o" → "gpt"). */
export function namedType(key: string): EntityType | undefined {
  const direct = NAMED.get(key);
  if (direct !== undefined) return direct;
  const words = key.split(' ');
  while (words.length > 1 && VERSION_WORD.test(words[words.length - 1] ?? '')) {
    words.pop();
    const t = NAMED.get(words.join(' '));
    if (t !== undefined) return t;
  }
  return undefined;
}

/** Longest listed head phrase, in words. */
const MAX_HEAD_WORDS = 4;

/** The type given by the longest listed head at the end of a key ("graph neural network" → "neural network" → method). */
export function headType(key: string): HeadType | undefined {
  // Suffix starts, left to right: the whole key when short enough, then after each of the last few spaces.
  const starts = [0];
  for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) starts.push(i + 1);
  for (let s = Math.max(0, starts.length - MAX_HEAD_WORDS); s < starts.length; s++) {
    const type = HEAD_TYPES.get(key.slice(starts[s]));
    if (type !== undefined) return type;
  }
  return undefined;
}
