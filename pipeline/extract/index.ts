/** Extraction stage barrel: abstracts in, typed mentions, relations and acronym definitions out. */
export {
  EXTRACTOR_VERSION,
  DEFAULT_EXTRACTOR_OPTIONS,
  createExtractor,
  createAnalyser,
  inputText,
  type Extractor,
  type ExtractorOptions,
  type Analyser,
  type Analysis,
} from './extract.js';
export type { Models } from './models.js';
export { loadModels, shippedModelsDir } from './load-models.js';
export { looksEnglish } from '../text/language.js';
export { DOMAINS, isDomain, type Domain } from './tagger/domain.js';
export { canonicalKey } from './core/canonical.js';
export { namedType, GENERIC_HEADS, LANGUAGES, FUNCTION_WORDS } from './core/lexicon.js';
export {
  resolveCorpusAcronyms,
  corpusAcronyms,
  corpusKey,
  longFormSignature,
  CORPUS_ACRONYM_AGREEMENT,
  type CorpusAcronyms,
} from './corpus-acronyms.js';
export { mergeMetricSuffixes, metricSuffixMerges } from './corpus-metrics.js';
export { resolveCorpus, type CorpusResolution } from './corpus.js';
export { splitListMentions, splitList, listCuts } from './corpus-lists.js';
export {
  entityMerges,
  applyEntityMerges,
  spellingFold,
  DEFAULT_ENTITY_MERGE_OPTIONS,
  type EntityMergeOptions,
  type EntityResolution,
} from './corpus-entities.js';
export { nameMentions, DEFAULT_NAME_MENTION_OPTIONS, type NameMentionOptions } from './corpus-names.js';
export { overruledDefinitions, applyOverruled, OVERRULED_BELOW } from './corpus-senses.js';
