/** Payloads of the viewer's JSON API (`kg serve`), shared by the server and the browser app. */
import type { CommunityInfo, GraphAttributes, GraphRelationType } from '../../graph/core/types.js';
import type { EntityKind, MentionType } from '../../pipeline/core/types.js';

/** A node kind as the viewer sees it: an entity kind, or `paper`. */
export type VizNodeKind = EntityKind | 'paper';

/** `GET /api/meta`: what the snapshot holds, for the legend and the filters. */
export interface ApiMeta {
  name: string;
  createdAt: string;
  versions: GraphAttributes['versions'];
  counts: { papers: number; entities: number; edges: number; communities: number };
  communities: CommunityInfo[];
  /** Entity count per kind. */
  kinds: Record<EntityKind, number>;
  /** Earliest and latest paper date, and how many papers have one. */
  dates: { min?: string; max?: string; dated: number };
  /** Dated papers per year (`"2019": 159`): the denominators of the explorer's yearly shares. */
  years: Record<string, number>;
  /** Largest paper count of an entity (the top of the min-papers slider). */
  maxPaperCount: number;
  /** How many entities `/api/graph` sends when no `limit` is given. */
  defaultLimit: number;
  /**
   * Specificity (graph/specificity.ts): entities scored, those below `umbrellaBelow` (umbrella terms, hidden by default),
   * and the threshold itself. `scored` is 0 for a snapshot made before the score: every entity then counts as specific.
   */
  specificity: { umbrellaBelow: number; scored: number; umbrella: number };
}

/** One node of `/api/graph`. */
export interface ApiNode {
  key: string;
  kind: VizNodeKind;
  label: string;
  community: number;
  x: number;
  y: number;
  /** Papers mentioning an entity (1 for a paper node). */
  paperCount: number;
  /** Entity: earliest and latest dated paper. Paper: its date twice. */
  firstSeen?: string;
  lastSeen?: string;
  /**
   * Entity: its dated papers per month (`YYYY-MM`) or, for papers dated by year only, per year (`YYYY`), so the
   * explorer can count its papers within a date range and take their mean year. Absent on papers and undated entities.
   */
  periods?: Record<string, number>;
  /** Entity: how specific the term is, in [0, 1]; below `ApiMeta.specificity.umbrellaBelow` an umbrella term. Absent on papers and on snapshots made before the score. */
  specificity?: number;
}

/** One edge of `/api/graph`: CO_OCCURS or a relation between entities, or (with `papers=1`) MENTIONS. */
export interface ApiEdge {
  source: string;
  target: string;
  type: 'CO_OCCURS' | 'MENTIONS' | GraphRelationType;
  weight: number;
}

/** `GET /api/graph?limit=N&papers=0|1`: the entities with most papers first, and the edges among them. */
export interface ApiGraph {
  nodes: ApiNode[];
  edges: ApiEdge[];
  /** Entities in the snapshot, and how many of them this payload holds. */
  entities: { total: number; shown: number };
  papers: { total: number; shown: number };
  /** Edges left out to keep the payload small (the weakest first). */
  droppedEdges: number;
  /** The limit applied: the one asked for, at most the number of entities (every larger one gives this same answer). */
  limit: number;
}

/** A mention in a paper's text: offsets into `title + "\n" + abstract`, and the node it links to when there is one. */
export interface ApiMention {
  start: number;
  end: number;
  type: MentionType;
  /** `entity:<key>` when the mention became a node; absent for generic mentions. */
  node?: string;
}

/** `GET /api/paper?id=ID`. */
export interface ApiPaper {
  key: string;
  id: string;
  title: string;
  date?: string;
  dateText?: string;
  year?: number;
  url?: string;
  venue?: string;
  organization?: string;
  authorCount?: number;
  source: string[];
  community: number;
  /** `title + "\n" + abstract`: the text the mention offsets index. */
  text: string;
  titleLength: number;
  mentions: ApiMention[];
}

/** A sentence with one mention in it: `highlight` indexes `text`. */
export interface Snippet {
  text: string;
  highlight: [number, number];
}

/** A paper in an entity's panel. */
export interface ApiEntityPaper {
  id: string;
  title: string;
  date?: string;
  dateText?: string;
  snippet?: Snippet;
}

/** A neighbour in an entity's panel: a typed relation or a co-occurring entity. */
export interface ApiRelated {
  key: string;
  label: string;
  kind: VizNodeKind;
  /** `CO_OCCURS`, or the relation type read from this entity (`out`) or towards it (`in`). */
  type: ApiEdge['type'];
  direction: 'out' | 'in' | 'both';
  weight: number;
  /** The neighbour's specificity, when it has one. */
  specificity?: number;
  /** True when the neighbour is an umbrella term (listed after the specific ones). */
  umbrella: boolean;
}

/** `GET /api/entity?key=entity:…`. */
export interface ApiEntity {
  key: string;
  kind: EntityKind;
  label: string;
  aliases: string[];
  paperCount: number;
  mentionCount: number;
  community: number;
  firstSeen?: string;
  lastSeen?: string;
  /** How specific the term is, in [0, 1]; absent on snapshots made before the score. */
  specificity?: number;
  /** True when `specificity` is below the umbrella threshold: an umbrella term, hidden on the map by default. */
  umbrella: boolean;
  /** Newest first, undated last; at most `limit`. */
  papers: ApiEntityPaper[];
  totalPapers: number;
  /** Specific neighbours before umbrella ones, then by weight. */
  relations: ApiRelated[];
  coOccurring: ApiRelated[];
}

/** One result of `GET /api/search?q=…`. */
export interface ApiSearchHit {
  key: string;
  kind: VizNodeKind;
  label: string;
  /** The alias or title that matched, when it is not the label. */
  matched?: string;
  paperCount: number;
}

/** `GET /api/trace?key=entity:…`: the papers mentioning an entity, counted per period. */
export interface ApiTrace {
  key: string;
  label: string;
  granularity: 'year' | 'month';
  /** `papers` mentioning it in the period, of `of` dated papers in the whole graph then. */
  bins: { period: string; papers: number; of: number }[];
  /** Papers mentioning it that have no date. */
  undated: number;
  total: number;
}

/** `GET /api/compare?key1=…&key2=…` (up to 4): entities' traces by year on one axis, `span` (absent: no dated paper). */
/** Most entities one comparison takes (the API's `key1` to `key4`, the explorer's chart). */
export const MAX_COMPARED = 4;

export interface ApiCompare {
  span?: [number, number];
  series: ApiTrace[];
}

/** A node of a neighbourhood: 0 the entity asked about, 1 or 2 the hop it was reached at. */
export interface ApiNeighbourNode extends ApiNode {
  hop: number;
}

/**
 * `GET /api/neighbours?key=entity:…&hops=1|2&top=N&umbrella=0|1`: the entity, its `top` strongest neighbours by edge
 * weight, and with 2 hops the `top` strongest links out of those; umbrella terms left out unless `umbrella=1`. Edges among them.
 */
export interface ApiNeighbourhood {
  key: string;
  hops: 1 | 2;
  top: number;
  nodes: ApiNeighbourNode[];
  edges: ApiEdge[];
}

/** A paper supporting an edge of a path. */
export interface ApiPathPaper {
  id: string;
  title: string;
  year?: number;
  date?: string;
  url?: string;
  venue?: string;
}

/** One step of a path: the edge types between the two entities, the strongest weight, and the papers showing it (newest first, at most 20). */
export interface ApiPathEdge {
  source: string;
  target: string;
  types: ApiEdge['type'][];
  weight: number;
  papers: ApiPathPaper[];
  totalPapers: number;
}

/**
 * `GET /api/path?from=entity:…&to=entity:…&umbrella=0|1`: the shortest path between two entities with cost 1/weight per
 * edge (Dijkstra); umbrella terms are not passed through unless `umbrella=1`. `found: false` when they are not connected.
 */
export interface ApiPath {
  from: string;
  to: string;
  found: boolean;
  /** Sum of 1/weight along the path. */
  cost: number | null;
  /** From `from` to `to`. */
  nodes: ApiNode[];
  edges: ApiPathEdge[];
  /** Entities Dijkstra settled: how far it had to look. */
  visited: number;
}

/** A venue family (`GET /api/venues`): raw venue strings grouped by a normalisation (viz/focus.ts `venueFamily`). */
export interface ApiVenue {
  /** Stable slug, used in URLs (`venue=…`). */
  key: string;
  label: string;
  papers: number;
  /** Entities mentioned in at least one of its papers. */
  entities: number;
  /** Raw venue strings grouped into it. */
  venues: number;
}

/** `GET /api/venue-entities?venue=KEY[,KEY]`: the entities with at least one paper in one of the venue families. */
export interface ApiVenueEntities {
  venues: string[];
  entities: string[];
}

/** The body of every 4xx/5xx answer. */
export interface ApiError {
  error: { code: string; message: string };
}
