/** Size limits and thresholds of the ingest stage, in one place so parsers and tests agree on them. */

/** Longest abstract accepted (characters); longer ones are rejected with their length, not truncated. */
export const MAX_ABSTRACT_CHARS = 100_000;

/** Longest title accepted in a JSON Lines record (characters; the ACL Anthology's longest is 512). */
export const MAX_RECORD_TITLE_CHARS = 2_000;

/** Longest paper id accepted (characters): DOIs and URLs fit; the viewer's links and Redis job keys stay short. */
export const MAX_ID_CHARS = 256;

/** In a text dump, a line longer than this is never a title (the seeds' longest title is 159). */
export const MAX_TITLE_CHARS = 300;

/** In a text dump, a line shorter than this is never an abstract (the seeds' shortest abstract is 289). */
export const MIN_ABSTRACT_CHARS = 100;

/** In a text dump, a line this long is an abstract even without a final period (it may end in a URL). */
export const LONG_TEXT_CHARS = 250;

/** Bytes at the start of a file searched for NUL, the surest sign of a binary file. */
export const BINARY_SNIFF_BYTES = 8192;

/** Bytes sampled to measure how much of a file is undecodable or control characters. */
export const BINARY_SAMPLE_BYTES = 65_536;

/** Share of replacement or control characters in the sample above which a file counts as binary. */
export const BINARY_MAX_GARBAGE = 0.3;
