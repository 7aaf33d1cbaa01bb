/** Word-level normalisation behind canonical keys: singular head nouns and American spelling, driven by data files. */
import singular from '../lexicons/singular.json' with { type: 'json' };
import spelling from '../lexicons/spelling.json' with { type: 'json' };

const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries(singular.irregular));
const INVARIANT: ReadonlySet<string> = new Set(singular.invariant);
const SPELLING: ReadonlyMap<string, string> = new Map(Object.entries(spelling.map));
const KEEP_ISE: ReadonlySet<string> = new Set(spelling.keepIse);

/** Singular of a lower-case noun ("networks" → "network", "strategies" → "strategy"); "analysis", "loss", "bias" stay. */
export function singularize(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || INVARIANT.has(word) || !word.endsWith('s')) return word;
  // Only plain alphabetic words inflect this way; "gpt-4s" or "1990s" are left as written.
  if (!/^[a-z]+$/.test(word)) return word;
  if (/(?:ss|us|is|ous)$/.test(word)) return word;
  if (/[^aeiou]ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(?:ches|shes|xes|sses|zzes|[^aeiou]oes)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** American spelling of a lower-case word: listed pairs, then -isation → -ization and -ise… → -ize… outside the keep list. */
export function americanize(word: string): string {
  const mapped = SPELLING.get(word);
  if (mapped !== undefined) return mapped;
  if (word.length < 6 || !word.includes('is') || KEEP_ISE.has(word) || word.endsWith('wise')) return word;
  const m = /^([a-z]{3,})is(ation|ations|e|ed|es|ing|er|ers)$/.exec(word);
  if (m === null) return word;
  return `${m[1]}iz${m[2]}`;
}
