/** JSON Lines parser: one record per line, validated with zod; each bad line gives one rejection with its line number. */
import { parseIsoDate } from './dates.js';
import type { DecodedText } from './decode.js';
import { JsonlRecordSchema, describeValue, fieldProblems, oversizeField, type JsonlRecord } from './jsonl-schema.js';
import { looksEnglish } from '../language.js';
import { MAX_ABSTRACT_CHARS, MAX_RECORD_TITLE_CHARS } from './limits.js';
import { sourceId } from './ids.js';
import { cleanAbstract, cleanTitle, removeControls, type ControlCleanup } from './normalize.js';
import { reject, thousands, tooLong, warn } from './rejection.js';
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
    // Control characters and lone surrogates are dropped (with a warning), not fatal: the rest of the text is good.
    const rawTitle = removeControls(parsed.data.title);
    const rawAbstract = removeControls(parsed.data.abstract);
    const title = cleanTitle(rawTitle.text);
    const abstract = cleanAbstract(rawAbstract.text);
    if (title === '' || abstract === '') {
      const field = title === '' ? 'title' : 'abstract';
      out.rejections.push(reject(file, line, 'missing-field', `${field} is empty once control characters are removed`, field));
      continue;
    }
    if (title.length > MAX_RECORD_TITLE_CHARS) {
      const reason = `title too long: ${thousands(title.length)} characters (max ${thousands(MAX_RECORD_TITLE_CHARS)})`;
      out.rejections.push(reject(file, line, 'title-too-long', reason, 'title'));
      continue;
    }
    if (abstract.length > MAX_ABSTRACT_CHARS) {
      out.rejections.push(tooLong(file, line, abstract.length));
      continue;
    }
    if (rawTitle.controls + rawTitle.surrogates + rawAbstract.controls + rawAbstract.surrogates > 0) warnings.push(...controlWarnings(file, line, rawTitle, rawAbstract));
    if (!looksEnglish(abstract)) {
      warnings.push(warn(file, line, 'not-english', 'the text does not look like English; kept, but the extractor is built for English', 'abstract'));
    }
    out.records.push(toRecord(parsed.data, id.id, title, abstract, { file, line }));
  }
  return out;
}

/** One warning per field that lost control characters or lone surrogates. */
function controlWarnings(file: string, line: number, title: ControlCleanup, abstract: ControlCleanup): IngestWarning[] {
  const out: IngestWarning[] = [];
  for (const [field, cleanup] of [['title', title], ['abstract', abstract]] as const) {
    const what = [
      cleanup.controls > 0 ? `removed ${cleanup.controls} control character(s)` : '',
      cleanup.surrogates > 0 ? `replaced ${cleanup.surrogates} unpaired surrogate(s) with U+FFFD` : '',
    ].filter(Boolean);
    if (what.length > 0) out.push(warn(file, line, 'control-characters', `${field}: ${what.join(', ')}`, field));
  }
  return out;
}

function toRecord(data: JsonlRecord, id: string | undefined, title: string, abstract: string, source: { file: string; line: number }): RawRecord {
  const record: RawRecord = { title, abstract, source };
  if (id !== undefined) record.id = id;
  const date = typeof data.date === 'string' && data.date.trim() !== '' ? parseIsoDate(data.date) : {};
  if (date.dateText !== undefined) record.dateText = date.dateText;
  const year = date.year ?? (data.year === undefined || data.year === null ? undefined : Number(data.year));
  if (year !== undefined) record.year = year;
  // With only a year, `date` is the year (Paper.date allows it), so every dated paper sorts on one field.
  const iso = date.date ?? (year === undefined ? undefined : String(year));
  if (iso !== undefined) record.date = iso;
  const url = data.url?.trim();
  if (url) record.url = url;
  const venue = data.venue ? cleanTitle(removeControls(data.venue).text) : '';
  if (venue) record.venue = venue;
  return record;
}
