/** Acronym definitions: short forms, and where their long form starts (Schwartz & Hearst 2003, plus word initials). */

// Schwartz & Hearst (2003), "A Simple Algorithm for Identifying Abbreviation Definitions in Biomedical Text": the
// short form sits in parentheses after its long form ("Invariant Risk Minimization (IRM)") or the long form sits
// in parentheses after it ("IRM (Invariant Risk Minimization)"); the long form is the shortest run of preceding
// words whose letters, read right to left, contain the short form's letters in order, the first at a word start.

/** A short form as it may appear: 2–10 characters, starting with a letter or digit, with a capital, no spaces. */
const SHORT_FORM = /^(?=.*\p{Lu})[\p{L}\p{N}][\p{L}\p{N}\-/&.+*']{0,9}$/u;

/** Whether `s` can be a short form ("IRM", "GNNs", "A*-PO", "BiLSTM"); "e.g." and lower-case words cannot. */
export function isShortForm(s: string): boolean {
  return SHORT_FORM.test(s) && s.length >= 2 && /\p{L}/u.test(s);
}

/** The singular short form: "GNNs" → "GNN"; a trailing lower-case s after capitals is a plural. */
export function singularShort(s: string): string {
  return /^[^a-z]*[A-Z0-9][^a-z]*s$/.test(s) && s.length > 2 ? s.slice(0, -1) : s;
}

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Where in `lf` the long form of `sf` starts (Schwartz & Hearst's `findBestLongForm`), or -1 when the letters do
 * not match. The long form is `lf.slice(result)`.
 */
export function longFormStart(sf: string, lf: string): number {
  let s = sf.length - 1;
  let l = lf.length - 1;
  for (; s >= 0; s--) {
    const c = (sf[s] ?? '').toLowerCase();
    if (!isAlnum(c)) continue;
    while ((l >= 0 && (lf[l] ?? '').toLowerCase() !== c) || (s === 0 && l > 0 && isAlnum(lf[l - 1]))) l--;
    if (l < 0) return -1;
    l--;
  }
  return lf.lastIndexOf(' ', l) + 1;
}

/** Function words a long form may contain without a letter in the short form: "Mixture of Experts (MoE)". */
const SKIPPABLE: ReadonlySet<string> = new Set([
  'of',
  'and',
  'the',
  'for',
  'in',
  'to',
  'on',
  'with',
  'a',
  'an',
  'by',
  'via',
]);

/**
 * Where the long form starts when every letter of `sf` is the initial of one word of `lf`, read from the end
 * ("Proximal Policy Optimization" for PPO, where plain Schwartz & Hearst stops at "Policy Optimization" because
 * "Optimization" holds a p), or -1. Words split at spaces and hyphens; function words may be skipped.
 */
export function initialsStart(sf: string, lf: string): number {
  const letters: string[] = [];
  for (const c of sf) if (isAlnum(c)) letters.push(c.toLowerCase());
  const words = [...lf.matchAll(/[\p{L}\p{N}]+/gu)];
  let s = letters.length - 1;
  let w = words.length - 1;
  while (s >= 0 && w >= 0) {
    const word = words[w] as RegExpMatchArray;
    const text = word[0].toLowerCase();
    if (text[0] === letters[s]) {
      s--;
      w--;
    } else if (s < letters.length - 1 && SKIPPABLE.has(text)) w--;
    else return -1;
  }
  return s < 0 ? ((words[w + 1] as RegExpMatchArray).index ?? -1) : -1;
}

/** The long form's start: word initials when they spell the short form, else Schwartz & Hearst's match. */
export function bestLongFormStart(sf: string, lf: string): number {
  const initials = initialsStart(sf, lf);
  return initials >= 0 ? initials : longFormStart(sf, lf);
}

/** How many words before a short form the long form may span: min(|SF| + 5, 2·|SF|) (Schwartz & Hearst). */
export function longFormWindow(sf: string): number {
  return Math.min(sf.length + 5, sf.length * 2);
}

/** A long form is accepted when it is longer than the short form and does not contain it as a word. */
export function acceptLongForm(sf: string, lf: string): boolean {
  if (lf.length <= sf.length) return false;
  const words = lf.toLowerCase().split(/[\s-]+/);
  if (words.includes(sf.toLowerCase())) return false;
  return words.length >= 2 || lf.length >= sf.length + 3;
}
