/** The zod schema of one JSON Lines record, and how its issues become one plain-worded problem per field. */
import { z } from 'zod';
import { MAX_ID_CHARS, MAX_URL_CHARS, MAX_VENUE_CHARS } from './limits.js';
import { thousands } from './rejection.js';
import type { RejectionCode } from './types.js';

const EMPTY = 'empty';
const required = z.string().refine((s) => s.trim() !== '', { message: EMPTY });

/** One jsonl record; unknown fields are ignored, `null` counts as absent for the optional ones. */
export const JsonlRecordSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  title: required,
  abstract: required,
  date: z.string().nullish(),
  // Any whole number or digits: its range is the one year rule's (dates.ts yearProblem), for numbers and strings alike.
  year: z.union([z.number().int(), z.string().regex(/^\s*-?\d{1,9}\s*$/)]).nullish(),
  url: z.string().nullish(),
  venue: z.string().nullish(),
});

/** A record that passed the schema. */
export type JsonlRecord = z.infer<typeof JsonlRecordSchema>;

/** The fields in the order problems are reported: the two that matter first. */
const FIELDS = ['title', 'abstract', 'id', 'date', 'year', 'url', 'venue'] as const;

const EXPECTED: Record<(typeof FIELDS)[number], string> = {
  title: 'a string',
  abstract: 'a string',
  id: 'a string or a number',
  date: 'a string',
  year: 'a 4-digit year (number or numeric string)',
  url: 'a string',
  venue: 'a string',
};

/** What was wrong with one field. */
export interface FieldProblem {
  code: RejectionCode;
  field: string;
  reason: string;
}

/** What a JSON value is, for messages: `number 42`, `string "abc"`, `array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** One problem per field at fault, in FIELDS order, read from zod's issues and the raw value itself. */
export function fieldProblems(
  raw: Record<string, unknown>,
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
): FieldProblem[] {
  const bad = new Map<string, { code: string; message: string }>();
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!bad.has(field)) bad.set(field, issue);
  }
  const problems: FieldProblem[] = [];
  for (const field of FIELDS) {
    const issue = bad.get(field);
    if (!issue) continue;
    const value = raw[field];
    if (value === undefined || value === null) {
      problems.push({ code: 'missing-field', field, reason: `missing ${field}` });
    } else if (issue.code === 'custom' && issue.message === EMPTY) {
      // The brief counts a whitespace-only title or abstract as missing.
      problems.push({ code: 'missing-field', field, reason: `${field} is empty` });
    } else {
      problems.push({
        code: 'wrong-type',
        field,
        reason: `${field} must be ${EXPECTED[field]}, got ${describeValue(value)}`,
      });
    }
  }
  return problems;
}

/** Fields with a length limit: each becomes a node attribute (the id also a job id and a key), so a megabyte of one would bloat every snapshot. */
const LENGTH_LIMITS = [
  ['id', MAX_ID_CHARS, 'id-too-long'],
  ['url', MAX_URL_CHARS, 'url-too-long'],
  ['venue', MAX_VENUE_CHARS, 'venue-too-long'],
] as const;

/** The first field of a valid record that is over its length limit, as a problem; undefined when none is. */
export function oversizeField(data: JsonlRecord): FieldProblem | undefined {
  for (const [field, max, code] of LENGTH_LIMITS) {
    const value = data[field];
    const length = typeof value === 'string' ? value.trim().length : 0;
    if (length > max)
      return { code, field, reason: `${field} too long: ${thousands(length)} characters (max ${thousands(max)})` };
  }
  return undefined;
}
