/** Page chrome of Hugging Face "daily papers" dumps: lines that are never a title or an abstract. */

/**
 * Whole lines of page chrome, compared case-insensitively after trimming. Source: the five seed dumps
 * (seeds/*.txt, copied from huggingface.co/papers pages); add new ones here when a dump shows them.
 */
export const CHROME_LINES: readonly string[] = [
  'new',
  'Subscribe',
  'Get trending papers in your email inbox once a day!',
  'Get trending papers in your email inbox!',
  'byAK and the research community',
  'Daily Papers',
];

const CHROME_SET = new Set(CHROME_LINES.map((l) => l.toLowerCase()));

/**
 * Chrome that the scraper sometimes glues to the next line (`SubscribeAccelerating RL for …`); short words such as
 * `new` are left out because real titles start with them.
 */
const GLUABLE = CHROME_LINES.filter((l) => l.length >= 6);

/** True for a chrome line, or a line of punctuation and symbols alone (`·`, `—`, `•`). */
export function isChrome(text: string): boolean {
  return CHROME_SET.has(text.toLowerCase()) || !/[\p{L}\p{N}]/u.test(text);
}

/**
 * The line without chrome glued to its start. The glue is only recognised when the title's first character is
 * upper case, a digit or an opening mark, so `Subscriber churn …` keeps its first word.
 */
export function stripGluedChrome(text: string): string {
  let rest = text;
  for (let changed = true; changed;) {
    changed = false;
    for (const phrase of GLUABLE) {
      const tail = rest.slice(phrase.length);
      if (rest.startsWith(phrase) && /^[\p{Lu}\p{N}"'“‘([]/u.test(tail)) {
        rest = tail.trim();
        changed = true;
      }
    }
  }
  return rest;
}
