/** The graph stage: build the graphology graph, find communities, score specificity, lay it out, save and load snapshots. */

export type * from './core/types.js';
export {
  buildGraph,
  createKnowledgeGraph,
  compareKeys,
  DEFAULT_BUILD_OPTIONS,
  resolveBuildOptions,
  paperNode,
  entityNode,
  type BuildOptions,
  type BuildInputs,
} from './build.js';
export {
  communities,
  relabelCommunities,
  DEFAULT_COMMUNITY_OPTIONS,
  resolveCommunityOptions,
  type CommunityOptions,
  type CommunityDetection,
} from './communities.js';
export {
  specificity,
  isUmbrella,
  resolveSpecificityOptions,
  scoreFeatures,
  DEFAULT_SPECIFICITY_OPTIONS,
  SPECIFICITY_FEATURES,
  FORM_FEATURES,
  type SpecificityOptions,
  type SpecificityOptionsInput,
  type SpecificityWeights,
  type SpecificityFeature,
} from './specificity.js';
export { specificityFeatures, concentration, isLanguageKey, type SpecificityFeatures } from './specificity-features.js';
export {
  coOccurrenceProjection,
  coOccurrencePairs,
  mentionIndex,
  type MentionIndex,
  type Projection,
  type ProjectionNode,
  type WeightedPair,
} from './projection.js';
export {
  layout,
  DEFAULT_LAYOUT_OPTIONS,
  resolveLayoutOptions,
  defaultIterations,
  type LayoutOptions,
  type Point,
} from './layout.js';
export { mapRadius, PAPER_RADIUS } from './map-size.js';
export { labelCommunities, KIND_WEIGHT, type LabelOptions } from './labels.js';
export {
  saveSnapshot,
  loadSnapshot,
  loadManifest,
  loadSnapshotPapers,
  readSnapshotPapers,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FILES,
  type PaperRecord,
  type SnapshotManifest,
} from './snapshot.js';
export { indexedTraceSource, TRACE_INDEX_FILES, TRACE_INDEX_FORMAT, TRACE_INDEX_RELATED } from './trace-index.js';
export { DEFAULT_SEED, DEFAULT_SNAPSHOT_DIR } from './defaults.js';
export { buildKnowledgeGraph, type KnowledgeGraphOptions, type GraphStage } from './knowledge.js';
export {
  buildCorpusGraph,
  resolvePapers,
  corpusRecords,
  type CorpusGraph,
  type CorpusGraphOptions,
  type CorpusGraphStage,
  type ResolvedCorpus,
} from './corpus-graph.js';
export {
  trace,
  snapshotTraceSource,
  traceCandidate,
  chooseCandidate,
  suggestions,
  editDistance,
  allowedEdits,
  sentenceAt,
  type TraceSource,
  type TraceResult,
  type TraceCandidate,
  type TraceMatch,
  type TraceOptions,
  type TraceRelated,
  type TracePaperInput,
  type YearTotals,
} from './trace.js';
export {
  duplicatePairs,
  listAliases,
  topEntities,
  traceRecall,
  LIST_ALIAS,
  type DuplicatePair,
  type TraceRecall,
} from './quality.js';
export { UMBRELLA_BELOW, isUmbrellaTerm } from './umbrella.js';
export {
  computeTrends,
  compareShares,
  kleinbergBursts,
  paperNodes,
  paperYear,
  snapshotTrendInput,
  yearTotals,
  trendPeriod,
  DEFAULT_TREND_OPTIONS,
  type TrendInput,
  type TrendEntity,
  type TrendOptions,
  type TrendsResult,
  type TrendEntry,
  type BurstEntry,
} from './trends.js';
