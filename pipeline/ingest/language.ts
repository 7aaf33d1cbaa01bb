/**
 * A cheap "is this English?" check for warnings only: the extractor's lexicons, rules and tagger are English, so other
 * languages give junk mentions. English prose is about a third function words; other Latin-script languages share few
 * of these, and other scripts have few Latin letters at all.
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

/** False when a text is clearly not English; true when it is, or too short to say. */
export function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return true;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if ((letters - latin) / letters > MAX_OTHER_SCRIPT_SHARE) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return true;
  const common = words.filter((w) => FUNCTION_WORDS.has(w)).length;
  return common / words.length >= MIN_FUNCTION_SHARE;
}
