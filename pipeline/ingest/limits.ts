/** Size limits and thresholds of the ingest stage, in one place so parsers and tests agree on them. */

/** Longest abstract accepted (characters); longer ones are rejected with their length, not truncated. */
export const MAX_ABSTRACT_CHARS = 100_000;

/** Longest title accepted in a JSON Lines record (characters; the ACL Anthology's longest is 512). */
export const MAX_RECORD_TITLE_CHARS = 2_000;

/** Longest paper id accepted (characters): DOIs and URLs fit; the viewer's links and Redis job keys stay short. */
export const MAX_ID_CHARS = 256;

/** Longest url accepted (characters; browsers and servers stop at a few thousand). */
export const MAX_URL_CHARS = 2_000;

/** Longest venue accepted (characters; the ACL Anthology's longest is about 250). */
export const MAX_VENUE_CHARS = 1_000;

/**
 * Longest line read (bytes, 16 MiB): a record of the longest title and abstract, every character escaped, is under
 * 1 MB; the rest leaves room for unknown fields. A longer line is rejected without being decoded or kept whole.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Largest file (characters) tried as one pretty-printed JSON document when its first line is not JSON alone. */
export const MAX_PRETTY_JSON_CHARS = 64 * 1024 * 1024;

/** Largest file read (bytes, 2 GiB); a bigger one is reported with its size instead of exhausting memory. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** Places a paper keeps in its `sources` list; more are counted (`sourceCount`), so a record repeated a million times costs one. */
export const MAX_SOURCES_KEPT = 20;

/** In a text dump, a line longer than this is never a title (the seeds' longest title is 159). */
export const MAX_TITLE_CHARS = 300;

/** In a text dump, a line shorter than this is never an abstract (the seeds' shortest abstract is 289). */
export const MIN_ABSTRACT_CHARS = 100;

/** In a text dump, a line this long is an abstract even without a final period (it may end in a URL). */
export const LONG_TEXT_CHARS = 250;

/** Bytes sampled to measure how much of a file is undecodable or control characters. */
export const BINARY_SAMPLE_BYTES = 65_536;

/** Share of replacement or control characters in the sample above which a file counts as binary. */
export const BINARY_MAX_GARBAGE = 0.3;
