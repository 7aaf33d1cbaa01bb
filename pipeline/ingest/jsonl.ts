/** JSON Lines parser: one record per line, validated with zod; each bad line gives one rejection with its line number. */
import { parseIsoDate, type DateInfo } from './dates.js';
import type { DecodedText } from './decode.js';
import { JsonlRecordSchema, describeValue, fieldProblems, oversizeField, type JsonlRecord } from './jsonl-schema.js';
import { sourceId } from './ids.js';
import { cleanText } from './normalize.js';
import { recordProblem, recordWarnings } from './record.js';
import { reject, warn } from './rejection.js';
import type { IngestWarning, ParsedSource, RawRecord } from './types.js';

/** Parse decoded JSON Lines; blank lines are skipped, unknown fields ignored. */
export function parseJsonl(file: string, text: DecodedText): ParsedSource {
  const warnings: IngestWarning[] = [];
  const out: ParsedSource = { records: [], rejections: [], warnings };
  const { lines, invalid } = text;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const fault = invalid.get(i);
    if (fault) {
      out.rejections.push(reject(file, line, fault.code, fault.reason));
      continue;
    }
    const source = lines[i] ?? '';
    if (source.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (err) {
      const complaint = err instanceof Error ? err.message : String(err);
      out.rejections.push(reject(file, line, 'malformed-json', `malformed JSON: ${complaint.slice(0, 120)}`));
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.rejections.push(reject(file, line, 'not-an-object', `not a JSON object: got ${describeValue(value)}`));
      continue;
    }
    const parsed = JsonlRecordSchema.safeParse(value);
    if (!parsed.success) {
      const problems = fieldProblems(value as Record<string, unknown>, parsed.error.issues);
      const first = problems[0];
      const reason = problems.map((p) => p.reason).join('; ') || parsed.error.message;
      out.rejections.push(reject(file, line, first?.code ?? 'wrong-type', reason, first?.field));
      continue;
    }
    const oversize = oversizeField(parsed.data);
    if (oversize) {
      out.rejections.push(reject(file, line, oversize.code, oversize.reason, oversize.field));
      continue;
    }
    const id = sourceId(parsed.data.id, source);
    if ('problem' in id) {
      out.rejections.push(reject(file, line, 'invalid-id', id.problem, 'id'));
      continue;
    }
    // Markup, controls and invisible characters are cleaned away (with a warning), not fatal: the rest of the text is good.
    const title = cleanText(parsed.data.title, 'title');
    const abstract = cleanText(parsed.data.abstract, 'abstract');
    const problem = recordProblem(file, line, title, abstract);
    if (problem) {
      out.rejections.push(problem);
      continue;
    }
    warnings.push(...recordWarnings(file, line, title, abstract));
    const date =
      typeof parsed.data.date === 'string' && parsed.data.date.trim() !== '' ? parseIsoDate(parsed.data.date) : {};
    if (date.problem !== undefined) warnings.push(warn(file, line, 'date', date.problem, 'date'));
    out.records.push(toRecord(parsed.data, id.id, date, title.text, abstract.text, { file, line }));
  }
  return out;
}

function toRecord(
  data: JsonlRecord,
  id: string | undefined,
  date: DateInfo,
  title: string,
  abstract: string,
  source: { file: string; line: number },
): RawRecord {
  const record: RawRecord = { title, abstract, source };
  if (id !== undefined) record.id = id;
  if (date.dateText !== undefined) record.dateText = date.dateText;
  const year = date.year ?? (data.year === undefined || data.year === null ? undefined : Number(data.year));
  if (year !== undefined) record.year = year;
  // With only a year, `date` is the year (Paper.date allows it), so every dated paper sorts on one field.
  const iso = date.date ?? (year === undefined ? undefined : String(year));
  if (iso !== undefined) record.date = iso;
  const url = data.url?.trim();
  if (url) record.url = url;
  const venue = data.venue ? cleanText(data.venue, 'title').text : '';
  if (venue) record.venue = venue;
  return record;
}
