/** The ingest stage end to end: parse every file, deduplicate, and report what was read, merged and rejected. */
import type { Paper } from '../types.js';
import { dedupe } from './dedupe.js';
import { compareSources } from './rejection.js';
import { parseSource } from './source.js';
import type { IngestRejection, IngestResult, IngestWarning, RawRecord, SourceFile } from './types.js';

/** Parse all files, deduplicate; papers sorted by id, rejections by file then line, whatever the input order. */
export function ingest(files: readonly SourceFile[]): IngestResult {
  const records: RawRecord[] = [];
  const rejections: IngestRejection[] = [];
  const warnings: IngestWarning[] = [];
  for (const file of files) {
    const parsed = parseSource(file);
    for (const w of parsed.warnings ?? []) warnings.push(w);
    // Loops, not push(...xs): a corpus file can hold more records than a call's argument limit.
    for (const r of parsed.records) records.push(r);
    for (const r of parsed.rejections) rejections.push(r);
  }
  const deduped = dedupe(records);
  rejections.push(...deduped.rejections);
  rejections.sort(compareSources);
  warnings.sort(compareSources);
  return {
    papers: deduped.papers,
    rejections,
    warnings,
    entries: records.length - deduped.rejections.length,
    duplicates: deduped.duplicates,
  };
}

/** The text extraction offsets index: title, a newline, abstract. */
export function paperText(paper: Pick<Paper, 'title' | 'abstract'>): string {
  return `${paper.title}\n${paper.abstract}`;
}
