/** Shapes of the ingest stage: the bytes callers hand in, the records parsers return, the result of a run. */
import type { Paper, Rejection, SourceRef } from '../core/types.js';

/** One input file as the caller read it; `file` is the path as the user gave it and appears in messages. */
export interface SourceFile {
  file: string;
  content: Uint8Array;
}

/** One paper as a single source gave it, before deduplication: a Paper with an optional explicit id and one source. */
export interface RawRecord extends Omit<Paper, 'id' | 'sources'> {
  /** The source's own id (jsonl `id`) as written, trimmed at the ends (see `sourceId`); absent for text dumps. */
  id?: string;
  /** Where the record was read: the file and the 1-based line of the record (jsonl) or its title (txt). */
  source: SourceRef;
}

/** Why a file, line or record was not used; stable, so tests and callers never parse the reason text. */
export type RejectionCode =
  | 'unsupported-type'
  | 'empty-file'
  | 'binary-file'
  | 'nul-byte'
  | 'line-too-long'
  | 'id-too-long'
  | 'url-too-long'
  | 'venue-too-long'
  | 'unreadable'
  | 'link-loop'
  | 'dangling-link'
  | 'special-file'
  | 'too-deep'
  | 'file-too-large'
  | 'json-array'
  | 'invalid-utf8'
  | 'malformed-json'
  | 'not-an-object'
  | 'missing-field'
  | 'wrong-type'
  | 'abstract-too-long'
  | 'title-too-long'
  | 'multi-line-json'
  | 'title-without-abstract'
  | 'abstract-without-title'
  | 'unrecognised-line'
  | 'no-papers'
  | 'duplicate-id'
  | 'invalid-id'
  | 'year-out-of-range';

/** Why a record was kept but reported (its reason starts with "warning: "). */
export type WarningCode = 'control-characters' | 'invisible-characters' | 'not-english' | 'date';

/** A Rejection with its stable `code` and, for record problems, the `field` at fault. */
export interface IngestRejection extends Rejection {
  code: RejectionCode;
  field?: string;
}

/** A record kept with a remark (`FILE:LINE: warning: …`): cleaned text, or text the extractor is not built for. */
export interface IngestWarning extends Rejection {
  code: WarningCode;
  field?: string;
}

/** Parsed records and rejections of one file. */
export interface ParsedSource {
  records: RawRecord[];
  rejections: IngestRejection[];
  warnings?: IngestWarning[];
}

/** What `ingest` returns: `entries` records parsed, of which `duplicates` merged away (`entries - papers.length`). */
export interface IngestResult {
  papers: Paper[];
  rejections: IngestRejection[];
  /** Records kept with a remark, by file then line. */
  warnings: IngestWarning[];
  entries: number;
  duplicates: number;
}
