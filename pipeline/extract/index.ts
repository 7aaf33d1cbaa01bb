/** Extraction stage barrel: abstracts in, typed mentions, relations and acronym definitions out. */
export { EXTRACTOR_VERSION, extract, domainOf } from './extract.js';
export { looksEnglish } from '../language.js';
export { DOMAINS, isDomain, type Domain } from './tagger/domain.js';
export { canonicalKey } from './canonical.js';
export { namedType, GENERIC_HEADS, LANGUAGES, FUNCTION_WORDS } from './lexicon.js';
export { resolveCorpusAcronyms, corpusAcronyms, corpusKey, longFormSignature, CORPUS_ACRONYM_AGREEMENT, type CorpusAcronyms } from './corpus-acronyms.js';
export { mergeMetricSuffixes, metricSuffixMerges } from './corpus-metrics.js';
