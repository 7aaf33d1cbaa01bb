/**
 * The explorer's focus answers over one snapshot (issue 29 item 4): a node's strongest neighbourhood (1 or 2 hops), the
 * shortest path between two entities by weight with the papers behind each edge, and venue families. Pure: data in, data out.
 */
import { isUmbrella, type EntityAttributes, type KnowledgeGraph, type PaperAttributes } from '../graph/index.js';
import { ApiRequestError } from './params.js';
import type {
  ApiEdge,
  ApiNeighbourhood,
  ApiNode,
  ApiPath,
  ApiPathEdge,
  ApiPathPaper,
  ApiVenue,
  ApiVenueEntities,
} from './api/types.js';

const ENTITY = 'entity:';
const PAPER = 'paper:';

/** A link between two entities: the strongest of the CO_OCCURS and relation edges between them. */
interface Link {
  other: string;
  weight: number;
}

/** What {@link createFocusIndex} needs from the viz index. */
export interface FocusContext {
  graph: KnowledgeGraph;
  toApiNode(node: string): ApiNode;
  umbrellaBelow: number;
}

/** The focus answers. */
export interface FocusIndex {
  neighbours(key: string, options: { hops: 1 | 2; top: number; umbrella: boolean }): ApiNeighbourhood;
  path(from: string, to: string, options: { umbrella: boolean }): ApiPath;
  venues(): ApiVenue[];
  venueEntities(keys: readonly string[]): ApiVenueEntities;
}

const notFound = (key: string): ApiRequestError =>
  new ApiRequestError(404, 'KG_NOT_FOUND', `no entity "${key.slice(0, 80)}" in this snapshot`);

// --- venue families --------------------------------------------------------------------------------------------

const ORDINAL_WORDS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-\\w+|thirtieth|thirty-\\w+|fortieth|forty-\\w+|fiftieth|fifty-\\w+|sixtieth|sixty-\\w+';

/**
 * The family of a raw venue string: "Proceedings of the 58th Annual Meeting of the ACL: System Demonstrations" and
 * "Proceedings of the 57th Annual Meeting of the ACL" are both "Annual Meeting of the ACL". Drops what comes after the
 * first ":" or ". " (tracks, volumes), a leading "Proceedings of (the)" / "Actes de (la)", ordinals (58th, Third, 18e,
 * 12ème), years, roman numerals and volume numbers; case is ignored when grouping. `undefined` for an empty venue.
 */
export function venueFamily(venue: string): { key: string; label: string } | undefined {
  let s = venue.normalize('NFC').replace(/\s+/g, ' ').trim();
  s = s.split(/\s*:\s|\.\s/)[0] ?? s;
  s = s
    .replace(/^(proceedings|actes)\s+(of|de|des|du)\s+(the\s+|la\s+|l'|les\s+)?/i, '')
    .replace(new RegExp(`\\b(${ORDINAL_WORDS})\\b`, 'gi'), '')
    .replace(/\b\d+\s?(st|nd|rd|th|e|ème|eme|er|re)\b/gi, '')
    .replace(/\b(19|20)\d{2}\b/g, '')
    .replace(/\b(volume|vol\.?)\s*\w+\b/gi, '')
    .replace(/\s\b[IVXLC]{1,6}\b(?=\s|$)/g, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.;–-]+|[\s,.;–-]+$/g, '')
    .replace(/^(the|la|le|les)\s+/i, '');
  if (!s) return undefined;
  const key = s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
  if (!key) return undefined;
  return { key, label: s.charAt(0).toUpperCase() + s.slice(1) };
}

/** A binary min-heap of [cost, node]: Dijkstra's frontier. */
class Heap {
  private items: [number, string][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, string]): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, string] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** Builds the focus answers; the entity adjacency and the venue families are made on first use. */
export function createFocusIndex({ graph, toApiNode, umbrellaBelow }: FocusContext): FocusIndex {
  const isEntityNode = (node: string): boolean => node.startsWith(ENTITY);
  const umbrellaNode = (node: string): boolean => {
    const s = (graph.getNodeAttributes(node) as EntityAttributes).specificity;
    return s !== undefined && isUmbrella(s, umbrellaBelow);
  };
  const requireEntity = (key: string): string => {
    if (!key.startsWith(ENTITY) || !graph.hasNode(key)) throw notFound(key);
    return key;
  };

  let adjacency: Map<string, Link[]> | undefined;
  /** Each entity's links to other entities, strongest first (ties by key, so answers are stable). */
  function links(node: string): Link[] {
    adjacency ??= new Map();
    let out = adjacency.get(node);
    if (out) return out;
    const best = new Map<string, number>();
    graph.forEachEdge(node, (_edge, e, source, target) => {
      if (e.type === 'MENTIONS') return;
      const other = source === node ? target : source;
      if (other === node || !isEntityNode(other)) return;
      best.set(other, Math.max(best.get(other) ?? 0, e.weight));
    });
    out = [...best]
      .map(([other, weight]) => ({ other, weight }))
      .sort((a, b) => b.weight - a.weight || (a.other < b.other ? -1 : 1));
    adjacency.set(node, out);
    return out;
  }

  /** The edges of the snapshot among `nodes` (entity–entity only), as /api/graph sends them. */
  function edgesAmong(nodes: ReadonlySet<string>): ApiEdge[] {
    const edges: ApiEdge[] = [];
    for (const node of nodes) {
      graph.forEachEdge(node, (_edge, e, source, target) => {
        if (e.type === 'MENTIONS' || source !== node || !nodes.has(target)) return;
        edges.push({ source, target, type: e.type, weight: e.weight });
      });
    }
    return edges;
  }

  /** Papers mentioning an entity. */
  function papersOf(node: string): Set<string> {
    const out = new Set<string>();
    graph.forEachEdge(node, (_edge, e, source, target) => {
      if (e.type !== 'MENTIONS') return;
      const other = source === node ? target : source;
      if (other.startsWith(PAPER)) out.add(other);
    });
    return out;
  }

  let families: { list: ApiVenue[]; papers: Map<string, string[]>; entities: Map<string, number> } | undefined;
  function venueIndex(): NonNullable<typeof families> {
    if (families) return families;
    const byKey = new Map<string, { labels: Map<string, number>; papers: string[]; raw: Set<string> }>();
    graph.forEachNode((node, a) => {
      if (a.kind !== 'paper') return;
      const venue = (a as PaperAttributes).venue;
      const family = venue ? venueFamily(venue) : undefined;
      if (!family || !venue) return;
      let f = byKey.get(family.key);
      if (!f) byKey.set(family.key, (f = { labels: new Map(), papers: [], raw: new Set() }));
      f.labels.set(family.label, (f.labels.get(family.label) ?? 0) + 1);
      f.papers.push(node);
      f.raw.add(venue);
    });
    const list: ApiVenue[] = [];
    const papers = new Map<string, string[]>();
    const entities = new Map<string, number>();
    for (const [key, f] of byKey) {
      const mentioned = new Set<string>();
      for (const paper of f.papers)
        graph.forEachEdge(paper, (_edge, e, source, target) => {
          if (e.type === 'MENTIONS') mentioned.add(source === paper ? target : source);
        });
      // The most frequent spelling names the family.
      const label = [...f.labels].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0];
      list.push({ key, label, papers: f.papers.length, entities: mentioned.size, venues: f.raw.size });
      papers.set(key, f.papers);
      entities.set(key, mentioned.size);
    }
    list.sort((x, y) => y.papers - x.papers || (x.key < y.key ? -1 : 1));
    return (families = { list, papers, entities });
  }

  return {
    neighbours(key, { hops, top, umbrella }) {
      const center = requireEntity(key);
      const keep = (n: string): boolean => umbrella || !umbrellaNode(n);
      const first = links(center)
        .filter((l) => keep(l.other))
        .slice(0, top);
      const hop = new Map<string, number>([[center, 0]]);
      for (const l of first) hop.set(l.other, 1);
      if (hops === 2) {
        // Second-hop candidates scored by their strongest link into the first hop; the `top` strongest are kept.
        const score = new Map<string, number>();
        for (const l of first)
          for (const m of links(l.other)) {
            if (hop.has(m.other) || !keep(m.other)) continue;
            score.set(m.other, Math.max(score.get(m.other) ?? 0, m.weight));
          }
        const second = [...score].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
        for (const [n] of second) hop.set(n, 2);
      }
      const nodes = [...hop].map(([n, h]) => ({ ...toApiNode(n), hop: h }));
      return { key: center, hops, top, nodes, edges: edgesAmong(new Set(hop.keys())) };
    },

    path(fromKey, toKey, { umbrella }) {
      const from = requireEntity(fromKey);
      const to = requireEntity(toKey);
      // Cost 1/weight: a link seen in many papers is short, every hop costs something (see docs/ARCHITECTURE.md).
      const dist = new Map<string, number>([[from, 0]]);
      const previous = new Map<string, string>();
      const done = new Set<string>();
      const heap = new Heap();
      heap.push([0, from]);
      let visited = 0;
      while (heap.size > 0) {
        const [d, node] = heap.pop()!;
        if (done.has(node)) continue;
        done.add(node);
        visited += 1;
        if (node === to) break;
        // Umbrella terms ("model", "accuracy") join almost everything: by default a path may end on one, not pass through.
        if (node !== from && !umbrella && umbrellaNode(node)) continue;
        for (const { other, weight } of links(node)) {
          if (done.has(other)) continue;
          const next = d + 1 / weight;
          if (next < (dist.get(other) ?? Infinity)) {
            dist.set(other, next);
            previous.set(other, node);
            heap.push([next, other]);
          }
        }
      }
      if (!done.has(to)) return { from, to, found: false, cost: null, nodes: [], edges: [], visited };
      const chain = [to];
      while (chain[0] !== from) chain.unshift(previous.get(chain[0]!)!);
      const edges: ApiPathEdge[] = [];
      for (let i = 0; i + 1 < chain.length; i += 1) {
        const a = chain[i]!;
        const b = chain[i + 1]!;
        const types = new Set<ApiEdge['type']>();
        let weight = 0;
        const supporting = new Set<string>();
        graph.forEachEdge(a, (_edge, e, source, target) => {
          if (e.type === 'MENTIONS' || (source === a ? target : source) !== b) return;
          types.add(e.type);
          weight = Math.max(weight, e.weight);
          if ('papers' in e) for (const id of e.papers) supporting.add(PAPER + id);
        });
        // CO_OCCURS keeps no paper list: the papers mentioning both ends are its evidence.
        const ofB = papersOf(b);
        for (const p of papersOf(a)) if (ofB.has(p)) supporting.add(p);
        const papers: ApiPathPaper[] = [...supporting]
          .filter((p) => graph.hasNode(p))
          .map((p) => {
            const attributes = graph.getNodeAttributes(p) as PaperAttributes;
            const paper: ApiPathPaper = { id: attributes.id, title: attributes.title };
            if (attributes.year !== undefined) paper.year = attributes.year;
            if (attributes.date) paper.date = attributes.date;
            if (attributes.url) paper.url = attributes.url;
            if (attributes.venue) paper.venue = attributes.venue;
            return paper;
          })
          .sort(
            (x, y) =>
              (y.date ?? String(y.year ?? '')).localeCompare(x.date ?? String(x.year ?? '')) ||
              x.title.localeCompare(y.title),
          );
        edges.push({
          source: a,
          target: b,
          types: [...types].sort(),
          weight,
          papers: papers.slice(0, 20),
          totalPapers: papers.length,
        });
      }
      return {
        from,
        to,
        found: true,
        cost: Number((dist.get(to) ?? 0).toFixed(6)),
        nodes: chain.map(toApiNode),
        edges,
        visited,
      };
    },

    venues: () => venueIndex().list,

    venueEntities(keys) {
      const index = venueIndex();
      const entities = new Set<string>();
      for (const key of keys) {
        const papers = index.papers.get(key);
        if (!papers)
          throw new ApiRequestError(404, 'KG_NOT_FOUND', `no venue family "${key.slice(0, 80)}" in this snapshot`);
        for (const paper of papers)
          graph.forEachEdge(paper, (_edge, e, source, target) => {
            if (e.type === 'MENTIONS') entities.add(source === paper ? target : source);
          });
      }
      return { venues: [...keys], entities: [...entities].sort() };
    },
  };
}
