/** Building, ordering and printing rejections, so every parser reports problems the same way. */
import { fileForTerminal, forTerminal } from '../text/terminal.js';
import type { Rejection, SourceRef } from '../core/types.js';
import { MAX_ABSTRACT_CHARS } from './limits.js';
import type { IngestRejection, IngestWarning, RejectionCode, WarningCode } from './types.js';

/** A rejection of a whole file (`line` undefined) or of one 1-based line. */
export function reject(
  file: string,
  line: number | undefined,
  code: RejectionCode,
  reason: string,
  field?: string,
): IngestRejection {
  const r: IngestRejection = { file, reason, code };
  if (line !== undefined) r.line = line;
  if (field !== undefined) r.field = field;
  return r;
}

/** A kept record's warning at a 1-based line; the reason is printed after `warning: `. */
export function warn(file: string, line: number, code: WarningCode, reason: string, field?: string): IngestWarning {
  const w: IngestWarning = { file, line, code, reason: `warning: ${reason}` };
  if (field !== undefined) w.field = field;
  return w;
}

/**
 * `FILE:LINE: reason`, or `FILE: reason` for a whole file, safe for a terminal and always one line: an odd file name
 * is JSON-quoted and controls in the reason are escaped (pipeline/text/terminal.ts).
 */
export function formatRejection(r: Rejection): string {
  const file = fileForTerminal(r.file);
  return r.line === undefined ? `${file}: ${forTerminal(r.reason)}` : `${file}:${r.line}: ${forTerminal(r.reason)}`;
}

/** Order by file (code units, not locale, so it is the same everywhere), then line; a file-level entry first. */
export function compareSources(a: SourceRef, b: SourceRef): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}

/** A short quotation of some text for a message: the first `max` characters, with an ellipsis if cut. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** The rejection of an abstract over MAX_ABSTRACT_CHARS, giving its length. */
export function tooLong(file: string, line: number, length: number): IngestRejection {
  const reason = `abstract too long: ${thousands(length)} characters (max ${thousands(MAX_ABSTRACT_CHARS)})`;
  return reject(file, line, 'abstract-too-long', reason, 'abstract');
}

/** 123456 → "123,456", without Intl, whose data differs between Node builds. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
