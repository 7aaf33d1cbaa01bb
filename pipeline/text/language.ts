/**
 * A cheap "is this English?" check: ingest warns with it (the record is kept) and the extractor gives a text that fails
 * it no mentions, as its lexicons, rules and tagger are English and other languages give junk mentions. English prose
 * is about a third function words; other Latin-script languages share few of these, and other scripts have few Latin
 * letters at all.
 */

/** English function words frequent in every abstract (a few common to other languages, "a", "on", "in", are left out). */
const FUNCTION_WORDS = new Set(
  'the of and to is are we this that for with by from be as an these our which can it its has have been at than both'.split(
    ' ',
  ),
);

/** Below this many words, a text is too short to judge. */
const MIN_WORDS = 20;
/** Share of function words under which a Latin-script text does not read as English (seed abstracts: 0.2 and above). */
const MIN_FUNCTION_SHARE = 0.08;
/** Share of letters outside Latin script over which a text is not English. */
const MAX_OTHER_SCRIPT_SHARE = 0.3;

/** Characters read from the start of a text: enough to judge, and it keeps ingest fast on large corpora. */
const SAMPLE_CHARS = 600;

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** False when a text is clearly not English; true when it is, or too short to say. */
export function looksEnglish(text: string): boolean {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  // Fast path for the usual case (nearly every abstract): " the " and " of " more than twice is English enough.
  if (occurrences(sample, ' the ') + occurrences(sample, ' of ') >= 3) return true;
  let letters = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    else if (c > 127) {
      const ch = sample[i]!;
      if (LETTER.test(ch)) {
        letters++;
        if (!LATIN.test(ch)) other++;
      }
    }
  }
  if (letters === 0) return true;
  if (other / letters > MAX_OTHER_SCRIPT_SHARE) return false;
  // ASCII words are enough: the function words are ASCII, and accented words only add to the count of others.
  const words = sample.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length < MIN_WORDS) return true;
  let common = 0;
  for (const w of words) if (FUNCTION_WORDS.has(w)) common++;
  return common / words.length >= MIN_FUNCTION_SHARE;
}

/**
 * Function words of French, German, Spanish, Portuguese, Italian and Dutch that English titles do not use (words
 * English shares, "die", "con", "per", "van", "y", "dos", are left out).
 */
const FOREIGN_FUNCTION_WORDS = new Set(
  'le la les des du une et pour avec dans sur aux par est une der das und für mit von zur zum dem ein eine einer el los las del para con una em uma il della delle gli het een voor'.split(
    ' ',
  ),
);

/**
 * A title is too short for the function-word share, so it is judged by its script (as `looksEnglish`) and by foreign
 * function words: two or more, and more than English ones ("Traduction automatique neuronale pour les langues …").
 */
export function titleLooksEnglish(title: string): boolean {
  let letters = 0;
  let other = 0;
  for (const ch of title) {
    if (!LETTER.test(ch)) continue;
    letters++;
    if (!LATIN.test(ch)) other++;
  }
  if (letters > 0 && other / letters > MAX_OTHER_SCRIPT_SHARE) return false;
  const words = title.toLowerCase().match(/\p{L}+/gu) ?? [];
  let foreign = 0;
  let english = 0;
  for (const w of words) {
    if (FOREIGN_FUNCTION_WORDS.has(w)) foreign++;
    else if (FUNCTION_WORDS.has(w)) english++;
  }
  return !(foreign >= 2 && foreign > english);
}

/**
 * How much of a paper the English-only extractor may read: all of it, its abstract alone (a title in another
 * language, as JEP-TALN papers have over an English abstract), or nothing. Ingest warns with the same answer.
 */
export function englishParts(paper: { title: string; abstract: string }): 'all' | 'abstract' | 'none' {
  if (!looksEnglish(`${paper.title}\n${paper.abstract}`)) return 'none';
  return titleLooksEnglish(paper.title) ? 'all' : 'abstract';
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length - 1)) n++;
  return n;
}
