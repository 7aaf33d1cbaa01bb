/** `kg trace` over Neo4j: the trace source answered with Cypher (values as parameters), the same answer as from the snapshot. */
import type { Driver } from 'neo4j-driver';
import type { TraceCandidate, TracePaperInput, TraceRelated, TraceSource } from './trace.js';
import { neo4jYearTotals } from './trends-neo4j.js';
import { UMBRELLA_BELOW } from './umbrella.js';
import { runQuery } from './neo4j/query.js';

const CANDIDATES = `MATCH (e:Entity)
WHERE e.key IN [$key, $lower] OR toLower(e.label) = $lower OR any(a IN e.aliases WHERE toLower(a) = $lower)
RETURN e.key AS key, e.label AS label, e.kind AS kind, e.aliases AS aliases, e.community AS community,
       e.paperCount AS paperCount, e.firstSeen AS firstSeen, e.lastSeen AS lastSeen, e.specificity AS specificity`;
const PAPERS = `MATCH (p:Paper)-[m:MENTIONS]->(:Entity {key: $key})
RETURN p.id AS id, p.title AS title, p.date AS date, coalesce(p.title + '\\n' + p.abstract, p.title) AS text, m.spans AS spans`;
// An entity's family: the variants pointing to it (variant -VARIANT_OF-> family), in TraceSource.family's order.
const FAMILY = `MATCH (v:Entity)-[:VARIANT_OF]->(:Entity {key: $key})
RETURN v.key AS key, v.label AS label, v.kind AS kind, v.aliases AS aliases, v.community AS community,
       v.paperCount AS paperCount, v.firstSeen AS firstSeen, v.lastSeen AS lastSeen, v.specificity AS specificity
ORDER BY paperCount DESC, key`;
const RELATED = `MATCH (:Entity {key: $key})-[c:CO_OCCURS]-(o:Entity) WHERE o:Method OR o:Task
RETURN o.key AS key, o.label AS label, o.kind AS kind, c.weight AS papers
ORDER BY coalesce(o.specificity, 1.0) < $umbrellaBelow, papers DESC, key LIMIT toInteger($limit)`;

// The full-text index's fuzzy hits (typos) holding every word of the term and any of them (a common word such as
// "learning" alone matches hundreds), and the entities whose key holds every word of the term's key, most papers
// first (the index ranks those by its own relevance, so they are asked for apart).
const NEARBY = `CALL {
  CALL db.index.fulltext.queryNodes('kg_entity_names', $all, {limit: 100}) YIELD node
  RETURN node AS e
  UNION
  CALL db.index.fulltext.queryNodes('kg_entity_names', $any, {limit: 100}) YIELD node
  RETURN node AS e
  UNION
  MATCH (e:Entity) WHERE all(w IN $words WHERE e.key CONTAINS w)
  RETURN e ORDER BY e.paperCount DESC, e.key LIMIT 100
}
RETURN e.key AS key, e.label AS label, e.kind AS kind, e.aliases AS aliases, e.community AS community,
       e.paperCount AS paperCount, e.firstSeen AS firstSeen, e.lastSeen AS lastSeen, e.specificity AS specificity`;

/**
 * A Lucene query for the names near a term: each word fuzzy (up to two edits) from four characters, exact below;
 * every word must match (`all`) or any (`any`); the full-text index ranks the hits. Only the term's letters and digits
 * are kept, so it holds none of Lucene's operators.
 */
export function fuzzySearch(term: string, join: 'all' | 'any' = 'any'): string {
  const words = term
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  return words.map((w) => (w.length >= 4 ? `${w}~` : w)).join(join === 'all' ? ' AND ' : ' OR ');
}

/** A trace source reading the mirrored graph. */
export function neo4jTraceSource(driver: Driver, database?: string): TraceSource {
  const options = { database };
  return {
    async candidates(term, key) {
      return (await runQuery(driver, CANDIDATES, { key, lower: term.toLowerCase() }, options))
        .rows as unknown as TraceCandidate[];
    },
    async papers(key) {
      const rows = (await runQuery(driver, PAPERS, { key }, options)).rows as {
        id: string;
        title: string;
        date: string | null;
        text: string;
        spans: number[];
      }[];
      return rows.map((r): TracePaperInput => {
        const spans: [number, number][] = [];
        for (let i = 0; i + 1 < r.spans.length; i += 2) spans.push([r.spans[i]!, r.spans[i + 1]!]);
        return { id: r.id, title: r.title, date: r.date, text: r.text, spans };
      });
    },
    async nearby(term, key) {
      const any = fuzzySearch(term);
      if (any === '' || key === '') return [];
      return (await runQuery(driver, NEARBY, { all: fuzzySearch(term, 'all'), any, words: key.split(' ') }, options))
        .rows as unknown as TraceCandidate[];
    },
    async related(key, limit) {
      return (await runQuery(driver, RELATED, { key, limit, umbrellaBelow: UMBRELLA_BELOW }, options))
        .rows as unknown as TraceRelated[];
    },
    async family(key) {
      return (await runQuery(driver, FAMILY, { key }, options)).rows as unknown as TraceCandidate[];
    },
    yearTotals: () => neo4jYearTotals(driver, database),
  };
}
