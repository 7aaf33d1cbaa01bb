/** Reading dates as sources write them: ISO-ish strings in jsonl, `Apr 30, 2023` or `Feb 11` on daily-papers pages. */

/** A date as far as the source tells it: `date` is ISO (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and only set with a year. */
export interface DateInfo {
  dateText?: string;
  date?: string;
  year?: number;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

/** `Apr 30`, `Apr 30, 2023`, `Sep 30 2` (a trailing count: the page's upvotes), `Jun 22, 2024 1`. */
const DISPLAY_DATE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:(?:,\s*|\s+)((?:19|20)\d\d))?(?:\s+\d+)?$/;

const ISO_DATE = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T\s].*)?$/;

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

/** A jsonl `date` such as `2023-04-30`, `2023-04-30T12:00:00Z`, `2023/4/30`, `2023-04` or `2023`; unreadable → dateText only. */
export function parseIsoDate(text: string): DateInfo {
  const dateText = text.trim();
  const m = ISO_DATE.exec(dateText);
  if (!m) return { dateText };
  const [, yearText = '', monthText, dayText] = m;
  const year = Number(yearText);
  if (monthText === undefined) return { dateText, year, date: yearText };
  const month = Number(monthText);
  if (month < 1 || month > 12) return { dateText, year, date: yearText };
  if (dayText === undefined) return { dateText, year, date: `${yearText}-${pad(month)}` };
  const day = Number(dayText);
  if (!validDay(year, month, day)) return { dateText, year, date: `${yearText}-${pad(month)}` };
  return { dateText, year, date: `${yearText}-${pad(month)}-${pad(day)}` };
}
