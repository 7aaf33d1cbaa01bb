/** Reading dates as sources write them: ISO-ish strings in jsonl, `Apr 30, 2023` or `Feb 11` on daily-papers pages. */

/** A date as far as the source tells it: `date` is ISO (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and only set with a year. */
export interface DateInfo {
  dateText?: string;
  date?: string;
  year?: number;
  /** Why the date was read less precisely than written, or not at all (a warning; the record is kept). */
  problem?: string;
}

/** The earliest year a paper may carry; earlier ones are typing slips ("0999", "0000-01-01"). */
export const MIN_YEAR = 1000;

/** The latest year a paper may carry, from the year it is now: next year, as a proceedings volume may be dated ahead. */
export function latestYear(now: Date): number {
  return now.getUTCFullYear() + 1;
}

/** The one rule for years, whether a number, a string or a date's year: why `year` is none, or undefined if it is fine. */
export function yearProblem(year: number, maxYear: number): string | undefined {
  if (Number.isSafeInteger(year) && year >= MIN_YEAR && year <= maxYear) return undefined;
  return `year ${year} is out of range (a year from ${MIN_YEAR} to ${maxYear})`;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `Apr 30`, `Apr 30, 2023`, `Sep 30 2` (a trailing count: the page's upvotes), `Jun 22, 2024 1`. */
const DISPLAY_DATE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:(?:,\s*|\s+)((?:19|20)\d\d))?(?:\s+\d+)?$/;

const ISO_DATE = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T\s].*)?$/;
/** `20230430`. */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
/** `Dec 2023`, `December 2023`, `Dec. 2023`. */
const MONTH_YEAR = /^([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;
/** `30 Dec 2023`, `30 December, 2023`. */
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;
/** `Dec 30, 2023`. */
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A month name or its abbreviation (`Sep`, `Sept`, `September`) to 1..12, else undefined. */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i === -1 ? undefined : i + 1;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= max;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A daily-papers date line, or undefined if the line is not one. `dateText` keeps the date as written without the
 * upvote count; `date` and `year` only when the page gives the year (we never guess it from the file).
 */
export function parseDisplayDate(line: string): (DateInfo & { dateText: string }) | undefined {
  const m = DISPLAY_DATE.exec(line.trim());
  if (!m) return undefined;
  const [, monthWord = '', dayText = '', yearText] = m;
  const month = monthNumber(monthWord);
  const day = Number(dayText);
  if (month === undefined || day < 1 || day > 31) return undefined;
  const dateText = yearText === undefined ? `${monthWord} ${dayText}` : `${monthWord} ${dayText}, ${yearText}`;
  if (yearText === undefined) return { dateText };
  const year = Number(yearText);
  if (!validDay(year, month, day)) return { dateText };
  return { dateText, year, date: `${yearText}-${pad(month)}-${pad(day)}` };
}

/**
 * A jsonl `date`: `2023-04-30`, `2023-04-30T12:00:00Z`, `2023/4/30`, `2023-04`, `2023`, `20230430`, `Dec 2023`,
 * `30 Dec 2023` or `Dec 30, 2023`. A day or month that does not exist keeps the coarser date with a `problem`; an
 * unreadable date keeps only `dateText`, with a `problem`. The year's range is checked by {@link yearProblem}.
 */
export function parseIsoDate(text: string): DateInfo {
  const dateText = text.trim();
  const parts = dateParts(dateText);
  if (!parts)
    return {
      dateText,
      problem: `date ${JSON.stringify(dateText)} is not a date kg reads (such as 2023-04-30, 2023-04, 2023 or Apr 2023); kept as written, undated`,
    };
  const { yearText, month, day } = parts;
  const year = Number(yearText);
  if (month === undefined) return { dateText, year, date: yearText };
  if (month < 1 || month > 12) {
    return {
      dateText,
      year,
      date: yearText,
      problem: `date ${JSON.stringify(dateText)} has no month ${month}; read as ${yearText}`,
    };
  }
  if (day === undefined) return { dateText, year, date: `${yearText}-${pad(month)}` };
  if (!validDay(year, month, day)) {
    const coarse = `${yearText}-${pad(month)}`;
    return {
      dateText,
      year,
      date: coarse,
      problem: `date ${JSON.stringify(dateText)} has no day ${day} in ${MONTH_NAMES[month - 1]} ${yearText}; read as ${coarse}`,
    };
  }
  return { dateText, year, date: `${yearText}-${pad(month)}-${pad(day)}` };
}

/** The year (as written, four digits), month and day of a date in any form parseIsoDate reads. */
function dateParts(text: string): { yearText: string; month?: number; day?: number } | undefined {
  const iso = ISO_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (iso) {
    const [, yearText = '', m, d] = iso;
    return { yearText, month: m === undefined ? undefined : Number(m), day: d === undefined ? undefined : Number(d) };
  }
  const my = MONTH_YEAR.exec(text);
  const monthOf = (word: string | undefined): number | undefined =>
    word === undefined || word.length < 3 ? undefined : monthNumber(word);
  if (my && monthOf(my[1]) !== undefined) return { yearText: my[2]!, month: monthOf(my[1]) };
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy && monthOf(dmy[2]) !== undefined) return { yearText: dmy[3]!, month: monthOf(dmy[2]), day: Number(dmy[1]) };
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy && monthOf(mdy[1]) !== undefined) return { yearText: mdy[3]!, month: monthOf(mdy[1]), day: Number(mdy[2]) };
  return undefined;
}
