/** Extraction stage barrel: abstracts in, typed mentions, relations and acronym definitions out. */
export { EXTRACTOR_VERSION, extract } from './extract.js';
export { canonicalKey } from './canonical.js';
export { resolveCorpusAcronyms, CORPUS_ACRONYM_AGREEMENT } from './corpus-acronyms.js';
