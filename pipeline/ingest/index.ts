/** Ingest stage: source files (JSON Lines, daily-papers text dumps) in, deduplicated Paper records and rejections out. */
export type {
  IngestRejection,
  IngestResult,
  IngestWarning,
  ParsedSource,
  RawRecord,
  RejectionCode,
  SourceFile,
  WarningCode,
} from './types.js';
export {
  LONG_TEXT_CHARS,
  MAX_ABSTRACT_CHARS,
  MAX_FILE_BYTES,
  MAX_ID_CHARS,
  MAX_LINE_BYTES,
  MAX_RECORD_TITLE_CHARS,
  MAX_SOURCES_KEPT,
  MAX_URL_CHARS,
  MAX_VENUE_CHARS,
  MAX_TITLE_CHARS,
  MIN_ABSTRACT_CHARS,
} from './limits.js';
export { parseSource, extensionOf, layoutsOf, SOURCE_FORMATS } from './source.js';
export { dedupe, type DedupeResult } from './dedupe.js';
export { ingest, paperText } from './ingest.js';
export { formatRejection, thousands } from './rejection.js';
export { titleKey, titleId, removeControls } from './normalize.js';
export { sourceId, rawNumber, type SourceId } from './ids.js';
export { looksEnglish } from '../text/language.js';
export type { Layout } from './detect.js';
export { CHROME_LINES } from './chrome.js';
export { LineBounder } from './bound.js';
export {
  decodeSource,
  sniffEncoding,
  type Decoded,
  type DecodedText,
  type Encoding,
  type LineFault,
} from './decode.js';
