/** The API's answers over one loaded snapshot: graph slices, papers, entities, search and traces. Pure: data in, data out. */
import {
  DEFAULT_SPECIFICITY_OPTIONS,
  isUmbrella,
  type EntityAttributes,
  type KnowledgeGraph,
  type PaperAttributes,
  type PaperRecord,
} from '../graph/index.js';
import { ENTITY_KINDS, type EntityKind } from '../pipeline/core/types.js';
import { DEFAULT_VIZ_LIMIT } from './defaults.js';
import { createFocusIndex, type FocusIndex } from './focus.js';
import { ApiRequestError } from './params.js';
import { createSearchIndex, search, type SearchEntry, type SearchIndex } from './search.js';
import { sentenceAround } from './text.js';
import { binTrace, compareTraces, periodTotals } from './trace.js';
import type {
  ApiEdge,
  ApiEntity,
  ApiEntityPaper,
  ApiGraph,
  ApiMeta,
  ApiNode,
  ApiPaper,
  ApiRelated,
  ApiSearchHit,
  ApiCompare,
  ApiTrace,
} from './api/types.js';
import type { TaskOptions } from '../graph/task.js';
import type { ApiTask } from './api/task.js';
import { apiTask } from './task.js';

/** Options of {@link createVizIndex}. */
export interface VizIndexOptions {
  /** Entities `/api/graph` sends when the request names no limit. @defaultValue {@link DEFAULT_VIZ_LIMIT} */
  defaultLimit: number;
  /** Most edges one graph payload carries; the weakest go first. @defaultValue 60000 */
  maxEdges: number;
  /**
   * Entities whose specificity is below this are umbrella terms: hidden by the explorer by default, ranked after specific
   * terms in search and in an entity's neighbours. @defaultValue DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow (0.5)
   */
  umbrellaBelow: number;
}

/** Defaults of {@link VizIndexOptions}. */
export const DEFAULT_VIZ_INDEX_OPTIONS: VizIndexOptions = {
  defaultLimit: DEFAULT_VIZ_LIMIT,
  maxEdges: 60_000,
  umbrellaBelow: DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow,
};

/** Prefixes of node keys. */
export const PAPER_PREFIX = 'paper:';
export const ENTITY_PREFIX = 'entity:';

const notFound = (what: string, id: string): ApiRequestError =>
  new ApiRequestError(404, 'KG_NOT_FOUND', `no ${what} "${id.slice(0, 80)}" in this snapshot`);

/** The answers the server serves; built once per snapshot. */
export interface VizIndex {
  readonly options: VizIndexOptions;
  meta(): ApiMeta;
  graph(request: { limit?: number; papers?: boolean }): ApiGraph;
  paper(id: string): ApiPaper;
  entity(key: string, limit?: number): ApiEntity;
  search(query: string, limit?: number): ApiSearchHit[];
  trace(key: string): ApiTrace;
  /** Several entities' traces by year on one axis (`kg trace A B --compare`). */
  compare(keys: readonly string[]): ApiCompare;
  /** Neighbourhoods, paths and venue families (viz/focus.ts). */
  focus: FocusIndex;
  /** A task's page, as `kg task` gives it (viz/task.ts). */
  task(key: string, options: Partial<TaskOptions>): ApiTask;
}

const isEntity = (attributes: { kind: string }): attributes is EntityAttributes => attributes.kind !== 'paper';
const compareDateDesc = (a?: string, b?: string): number =>
  a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? 1 : -1;

/** Builds the index: entities ranked by paper count, the search index, and the meta answer. */
export function createVizIndex(
  graph: KnowledgeGraph,
  papers: ReadonlyMap<string, PaperRecord>,
  options: Partial<VizIndexOptions> = {},
): VizIndex {
  const settings: VizIndexOptions = { ...DEFAULT_VIZ_INDEX_OPTIONS, ...options };
  const entities: string[] = [];
  const paperNodes: string[] = [];
  const kinds = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
  const entries: SearchEntry[] = [];
  let minDate: string | undefined;
  let maxDate: string | undefined;
  let dated = 0;
  const years: Record<string, number> = {};
  let maxPaperCount = 0;
  let scored = 0;
  let umbrella = 0;
  graph.forEachNode((node, attributes) => {
    if (isEntity(attributes)) {
      entities.push(node);
      kinds[attributes.kind] = (kinds[attributes.kind] ?? 0) + 1;
      maxPaperCount = Math.max(maxPaperCount, attributes.paperCount);
      const entry: SearchEntry = {
        key: node,
        kind: attributes.kind,
        label: attributes.label,
        terms: [attributes.label, ...attributes.aliases, attributes.key],
        paperCount: attributes.paperCount,
      };
      if (attributes.specificity !== undefined) {
        entry.specificity = attributes.specificity;
        scored += 1;
        if (isUmbrella(attributes.specificity, settings.umbrellaBelow)) umbrella += 1;
      }
      entries.push(entry);
    } else {
      paperNodes.push(node);
      entries.push({
        key: node,
        kind: 'paper',
        label: attributes.title,
        terms: [attributes.title, attributes.id],
        paperCount: 0,
      });
      if (attributes.date) {
        dated += 1;
        const year = attributes.date.slice(0, 4);
        years[year] = (years[year] ?? 0) + 1;
        if (minDate === undefined || attributes.date < minDate) minDate = attributes.date;
        if (maxDate === undefined || attributes.date > maxDate) maxDate = attributes.date;
      }
    }
  });
  const entityAttributes = (node: string): EntityAttributes => graph.getNodeAttributes(node) as EntityAttributes;
  // A node without a score (a paper, or an entity of an older snapshot) counts as specific.
  const umbrellaNode = (a: EntityAttributes | PaperAttributes): boolean =>
    isEntity(a) && a.specificity !== undefined && isUmbrella(a.specificity, settings.umbrellaBelow);
  entities.sort((a, b) => {
    const x = entityAttributes(a);
    const y = entityAttributes(b);
    return y.paperCount - x.paperCount || y.mentionCount - x.mentionCount || (a < b ? -1 : a > b ? 1 : 0);
  });
  let searchIndex: SearchIndex | undefined;
  let paperTotals: Map<string, number> | undefined;
  const attributes = graph.getAttributes();

  const meta: ApiMeta = {
    name: attributes.name ?? 'kg',
    createdAt: attributes.createdAt ?? '',
    versions: attributes.versions ?? { kg: 'unknown', extractor: 'unknown' },
    counts: {
      papers: paperNodes.length,
      entities: entities.length,
      edges: graph.size,
      communities: attributes.communities?.length ?? 0,
    },
    communities: attributes.communities ?? [],
    kinds,
    dates: { min: minDate, max: maxDate, dated },
    years,
    maxPaperCount,
    defaultLimit: settings.defaultLimit,
    specificity: { umbrellaBelow: settings.umbrellaBelow, scored, umbrella },
  };

  // Each node's and edge's answer is made once and the same object given every time: the server keeps their JSON
  // by object, so a graph answer for a new limit joins strings instead of serialising every node again.
  const apiNodes = new Map<string, ApiNode>();
  const apiEdges = new Map<string, ApiEdge>();
  function toApiNode(node: string): ApiNode {
    let out = apiNodes.get(node);
    if (!out) apiNodes.set(node, (out = makeApiNode(node)));
    return out;
  }

  function makeApiNode(node: string): ApiNode {
    const a = graph.getNodeAttributes(node);
    if (isEntity(a)) {
      const out: ApiNode = {
        key: node,
        kind: a.kind,
        label: a.label,
        community: a.community,
        x: a.x,
        y: a.y,
        paperCount: a.paperCount,
      };
      if (a.firstSeen) out.firstSeen = a.firstSeen;
      if (a.lastSeen) out.lastSeen = a.lastSeen;
      if (a.specificity !== undefined) out.specificity = a.specificity;
      const periods = periodsOf(node);
      if (periods) out.periods = periods;
      return out;
    }
    const out: ApiNode = {
      key: node,
      kind: 'paper',
      label: a.title,
      community: a.community,
      x: a.x,
      y: a.y,
      paperCount: 1,
    };
    if (a.date) {
      out.firstSeen = a.date;
      out.lastSeen = a.date;
    }
    return out;
  }

  /** An entity's dated papers per month, or per year for papers dated by year only (ApiNode.periods). */
  function periodsOf(node: string): Record<string, number> | undefined {
    let out: Record<string, number> | undefined;
    graph.forEachEdge(node, (_edge, e, source, target) => {
      if (e.type !== 'MENTIONS') return;
      const o = graph.getNodeAttributes(source === node ? target : source);
      if (isEntity(o) || !o.date) return;
      const period = o.date.slice(0, 7);
      out ??= {};
      out[period] = (out[period] ?? 0) + 1;
    });
    return out;
  }

  function requireNode(key: string, kind: 'paper' | 'entity'): string {
    const node = kind === 'paper' ? (key.startsWith(PAPER_PREFIX) ? key : PAPER_PREFIX + key) : key;
    if (!node.startsWith(kind === 'paper' ? PAPER_PREFIX : ENTITY_PREFIX) || !graph.hasNode(node))
      throw notFound(kind, key);
    return node;
  }

  /** The dates (or years) of the papers mentioning an entity. */
  function mentionDates(node: string): (string | undefined)[] {
    const dates: (string | undefined)[] = [];
    graph.forEachEdge(node, (_edge, e, source, target) => {
      if (e.type !== 'MENTIONS') return;
      const o = graph.getNodeAttributes(source === node ? target : source);
      if (!isEntity(o)) dates.push(o.date ?? (o.year === undefined ? undefined : String(o.year)));
    });
    return dates;
  }

  /** The graph's dated papers per period, counted once: a trace's bars are shares of them. */
  function totals(): Map<string, number> {
    return (paperTotals ??= periodTotals(
      graph.mapNodes((_n, a) =>
        isEntity(a) ? undefined : (a.date ?? (a.year === undefined ? undefined : String(a.year))),
      ),
    ));
  }

  const focus = createFocusIndex({ graph, toApiNode, umbrellaBelow: settings.umbrellaBelow });

  return {
    options: settings,
    meta: () => meta,
    focus,

    graph({ limit = settings.defaultLimit, papers = false }) {
      const chosen = entities.slice(0, limit);
      const keep = new Set(chosen);
      const nodes = chosen.map(toApiNode);
      if (papers) {
        for (const node of paperNodes) {
          keep.add(node);
          nodes.push(toApiNode(node));
        }
      }
      const edges: ApiEdge[] = [];
      graph.forEachEdge((edge, a, source, target) => {
        if (a.type === 'MENTIONS' && !papers) return;
        if (!keep.has(source) || !keep.has(target)) return;
        let out = apiEdges.get(edge);
        if (!out)
          apiEdges.set(
            edge,
            (out = { source, target, type: a.type, weight: a.type === 'MENTIONS' ? a.count : a.weight }),
          );
        edges.push(out);
      });
      let droppedEdges = 0;
      if (edges.length > settings.maxEdges) {
        edges.sort((x, y) => y.weight - x.weight);
        droppedEdges = edges.length - settings.maxEdges;
        edges.length = settings.maxEdges;
      }
      return {
        nodes,
        edges,
        entities: { total: entities.length, shown: chosen.length },
        papers: { total: paperNodes.length, shown: papers ? paperNodes.length : 0 },
        droppedEdges,
        limit,
      };
    },

    paper(id) {
      const node = requireNode(id, 'paper');
      const a = graph.getNodeAttributes(node) as PaperAttributes;
      const record = papers.get(a.id);
      if (!record) throw notFound('paper', id);
      const text = `${record.title}\n${record.abstract}`;
      const out: ApiPaper = {
        key: node,
        id: a.id,
        title: record.title,
        source: a.source ?? [],
        community: a.community,
        text,
        titleLength: record.title.length,
        mentions: record.mentions
          .filter(
            (m) =>
              Number.isInteger(m.start) &&
              Number.isInteger(m.end) &&
              m.start >= 0 &&
              m.end <= text.length &&
              m.start < m.end,
          )
          .map((m) => {
            const mention: ApiPaper['mentions'][number] = { start: m.start, end: m.end, type: m.type };
            const target = ENTITY_PREFIX + m.key;
            if (m.type !== 'generic' && graph.hasNode(target)) mention.node = target;
            return mention;
          }),
      };
      for (const field of ['date', 'dateText', 'year', 'url', 'venue', 'organization', 'authorCount'] as const) {
        if (a[field] !== undefined) (out as unknown as Record<string, unknown>)[field] = a[field];
      }
      return out;
    },

    entity(key, limit = 100) {
      const node = requireNode(key, 'entity');
      const a = entityAttributes(node);
      const found: ApiEntityPaper[] = [];
      const relations: ApiRelated[] = [];
      const coOccurring: ApiRelated[] = [];
      graph.forEachEdge(node, (_edge, e, source, target) => {
        const other = source === node ? target : source;
        const o = graph.getNodeAttributes(other);
        if (e.type === 'MENTIONS') {
          if (isEntity(o)) return;
          const paper: ApiEntityPaper = { id: o.id, title: o.title };
          if (o.date) paper.date = o.date;
          if (o.dateText) paper.dateText = o.dateText;
          const record = papers.get(o.id);
          // The first mention in the abstract: one in the title would only repeat the title shown above it.
          const span = record && e.spans.find((s) => s[0] > record.title.length);
          if (record && span) paper.snippet = sentenceAround(`${record.title}\n${record.abstract}`, span[0], span[1]);
          found.push(paper);
          return;
        }
        const related: ApiRelated = {
          key: other,
          label: isEntity(o) ? o.label : o.title,
          kind: o.kind,
          type: e.type,
          direction: e.type === 'CO_OCCURS' ? 'both' : source === node ? 'out' : 'in',
          weight: e.weight,
          umbrella: umbrellaNode(o),
        };
        if (isEntity(o) && o.specificity !== undefined) related.specificity = o.specificity;
        (e.type === 'CO_OCCURS' ? coOccurring : relations).push(related);
      });
      found.sort((x, y) => compareDateDesc(x.date, y.date) || x.title.localeCompare(y.title));
      // Specific neighbours first: "BERT" and "GLUE" say more about a term than "features" or "English" do, however often they meet.
      const byWeight = (x: ApiRelated, y: ApiRelated): number =>
        Number(x.umbrella) - Number(y.umbrella) || y.weight - x.weight || x.label.localeCompare(y.label);
      const out: ApiEntity = {
        key: node,
        kind: a.kind,
        label: a.label,
        aliases: a.aliases,
        paperCount: a.paperCount,
        mentionCount: a.mentionCount,
        community: a.community,
        umbrella: umbrellaNode(a),
        papers: found.slice(0, limit),
        totalPapers: found.length,
        relations: relations.sort(byWeight).slice(0, 30),
        coOccurring: coOccurring.sort(byWeight).slice(0, 12),
      };
      if (a.firstSeen) out.firstSeen = a.firstSeen;
      if (a.lastSeen) out.lastSeen = a.lastSeen;
      if (a.specificity !== undefined) out.specificity = a.specificity;
      return out;
    },

    search(query, limit = 10) {
      searchIndex ??= createSearchIndex(entries, { umbrellaBelow: settings.umbrellaBelow });
      return search(searchIndex, query, limit);
    },

    trace(key) {
      const node = requireNode(key, 'entity');
      return binTrace(node, entityAttributes(node).label, mentionDates(node), totals());
    },

    task(key, options) {
      return apiTask(graph, papers, entityAttributes(requireNode(key, 'entity')).key, options)!;
    },

    compare(keys) {
      const nodes = keys.map((key) => requireNode(key, 'entity'));
      const series = nodes.map((node) => ({
        key: node,
        label: entityAttributes(node).label,
        dates: mentionDates(node),
      }));
      return compareTraces(series, totals());
    },
  };
}
