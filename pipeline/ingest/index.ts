/** Ingest stage: source files (JSON Lines, daily-papers text dumps) in, deduplicated Paper records and rejections out. */
export type { IngestRejection, IngestResult, IngestWarning, ParsedSource, RawRecord, RejectionCode, SourceFile, WarningCode } from './types.js';
export { BINARY_SNIFF_BYTES, LONG_TEXT_CHARS, MAX_ABSTRACT_CHARS, MAX_ID_CHARS, MAX_RECORD_TITLE_CHARS, MAX_TITLE_CHARS, MIN_ABSTRACT_CHARS } from './limits.js';
export { parseSource, extensionOf, layoutsOf, SOURCE_FORMATS } from './source.js';
export { dedupe, type DedupeResult } from './dedupe.js';
export { ingest, paperText } from './ingest.js';
export { formatRejection } from './rejection.js';
export { titleKey, titleId, removeControls } from './normalize.js';
export { sourceId, rawNumber, type SourceId } from './ids.js';
export { looksEnglish } from '../language.js';
export type { Layout } from './detect.js';
export { CHROME_LINES } from './chrome.js';
