/** Domain model of the knowledge graph: node, edge and graph attributes used as graphology generics. */
import type { AbstractGraph } from 'graphology-types';
import type { EntityKind, RelationType } from '../../pipeline/core/types.js';

/** Attributes every drawn node has. */
interface Positioned {
  x: number;
  y: number;
  /** Louvain community id (an entity's own, a paper's the majority of its entities'). */
  community: number;
}

/** `paper:<id>` */
export interface PaperAttributes extends Positioned {
  kind: 'paper';
  id: string;
  title: string;
  date?: string;
  year?: number;
  dateText?: string;
  url?: string;
  venue?: string;
  organization?: string;
  authorCount?: number;
  /** `FILE:LINE` of the places the paper was read from: the first 20. */
  source: string[];
  /** How many places in all, when more than `source` lists (a record repeated many times). */
  sourceCount?: number;
}

/** `entity:<canonical key>` */
export interface EntityAttributes extends Positioned {
  kind: EntityKind;
  /** The canonical key (the node key without its `entity:` prefix). */
  key: string;
  /** The most frequent surface form. */
  label: string;
  /** Every surface form and acronym seen, most frequent first. */
  aliases: string[];
  paperCount: number;
  mentionCount: number;
  /** Earliest and latest paper date (ISO or year) among papers that have one. */
  firstSeen?: string;
  lastSeen?: string;
  /**
   * How specific the term is, in [0, 1] rounded to 3 decimals: high for a named method, dataset, metric or a concrete
   * task ("BERT", "machine translation"), low for an umbrella word ("features", "NLP"); below the threshold
   * `DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow` it counts as umbrella. Set after communities (graph/specificity.ts);
   * absent on graphs built before it.
   */
  specificity?: number;
}

export type NodeAttributes = PaperAttributes | EntityAttributes;

export interface MentionsEdge {
  type: 'MENTIONS';
  count: number;
  /** `[start, end)` offsets into the paper's `title + "\n" + abstract`. */
  spans: [number, number][];
}

export interface CoOccursEdge {
  type: 'CO_OCCURS';
  /** Papers in which both entities occur. */
  weight: number;
}

/** Relation types of the graph: the extracted ones, and VARIANT_OF (a version or variant → its family, "SQuAD 2.0" → SQuAD). */
export type GraphRelationType = RelationType | 'VARIANT_OF';

export interface RelationEdge {
  type: GraphRelationType;
  /** Papers that show the relation. */
  weight: number;
  /** Ids of those papers (sorted). */
  papers: string[];
}

export type EdgeAttributes = MentionsEdge | CoOccursEdge | RelationEdge;

/** One topic community of entities. */
export interface CommunityInfo {
  id: number;
  /** Its most distinctive terms joined by " · ". */
  label: string;
  /** `other` gathers small topics and nodes with nothing to vote for; it is the last id. */
  kind: 'topic' | 'other';
  /** Number of entity nodes. */
  size: number;
  /** Number of paper nodes. */
  papers: number;
  /** Up to ten terms, most distinctive first. */
  topTerms: string[];
}

/** What `buildGraph` kept (see its `BuildOptions`): the entity threshold and how the CO_OCCURS projection was thinned. */
export interface BuildSettings {
  minEntityPapers: number;
  minCoOccurrencePapers: number;
  maxCoOccurrenceEntities: number;
  /** The weight the CO_OCCURS edge budget came to (1 keeps every pair). */
  minCoOccurrenceWeight: number;
}

export interface GraphAttributes {
  name: string;
  createdAt: string;
  /** Versions of kg and of the extractor that built it. */
  versions: { kg: string; extractor: string };
  sources: string[];
  papers: number;
  entities: number;
  communities: CommunityInfo[];
  modularity: number;
  seed: number;
  build: BuildSettings;
}

export type KnowledgeGraph = AbstractGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;
