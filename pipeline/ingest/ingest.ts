/** The ingest stage end to end: parse every file, deduplicate, and report what was read, merged and rejected. */
import type { Paper } from '../core/types.js';
import { dedupe } from './dedupe.js';
import { latestYear, yearProblem } from './dates.js';
import { compareSources, reject } from './rejection.js';
import { parseSource } from './source.js';
import type { IngestRejection, IngestResult, IngestWarning, RawRecord, SourceFile } from './types.js';

/** Options of {@link ingest}. */
export interface IngestOptions {
  /**
   * The latest year a paper may carry; later ones are rejected, as are years before MIN_YEAR.
   * @defaultValue next year, from the clock (`latestYear(new Date())`): the one clock read of ingest, at its entry
   */
  maxYear?: number;
}

/** Parse all files, deduplicate; papers sorted by id, rejections by file then line, whatever the input order. */
export function ingest(files: readonly SourceFile[], options: IngestOptions = {}): IngestResult {
  const maxYear = options.maxYear ?? latestYear(new Date());
  const records: RawRecord[] = [];
  const rejections: IngestRejection[] = [];
  const warnings: IngestWarning[] = [];
  for (const file of files) {
    const parsed = parseSource(file);
    for (const w of parsed.warnings ?? []) warnings.push(w);
    // Loops, not push(...xs): a corpus file can hold more records than a call's argument limit.
    for (const r of parsed.records) {
      // One rule for years whatever the format and however written ("0999", 999, "0000-01-01", a page's "Apr 30, 2099").
      const problem = r.year === undefined ? undefined : yearProblem(r.year, maxYear);
      if (problem === undefined) records.push(r);
      else
        rejections.push(
          reject(
            r.source.file,
            r.source.line,
            'year-out-of-range',
            r.dateText === undefined ? problem : `${problem}: date ${JSON.stringify(r.dateText)}`,
            'year',
          ),
        );
    }
    for (const r of parsed.rejections) rejections.push(r);
  }
  // A record rejected for its year takes its warnings with it: one line per place.
  const rejected = new Set(rejections.map((r) => `${r.line ?? ''}:${r.file}`));
  for (let i = warnings.length - 1; i >= 0; i--)
    if (rejected.has(`${warnings[i]!.line ?? ''}:${warnings[i]!.file}`)) warnings.splice(i, 1);
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
