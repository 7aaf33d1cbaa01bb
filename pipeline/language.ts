/**
 * A cheap "is this English?" check: ingest warns with it (the record is kept) and the extractor gives a text that fails
 * it no mentions, as its lexicons, rules and tagger are English and other languages give junk mentions. English prose
 * is about a third function words; other Latin-script languages share few of these, and other scripts have few Latin
 * letters at all.
 */

/** English function words frequent in every abstract (a few common to other languages, "a", "on", "in", are left out). */
const FUNCTION_WORDS = new Set(
  'the of and to is are we this that for with by from be as an these our which can it its has have been at than both'.split(' '),
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

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length - 1)) n++;
  return n;
}
