/** `kg trace`: follow one entity (a method, usually) across papers and years in Neo4j, with the tasks it was used for. */
import type { Driver } from 'neo4j-driver';
import { InvalidInputError } from '../../pipeline/errors.js';
import { canonicalKey } from '../../pipeline/extract/index.js';
import { runQuery } from './query.js';

/** One paper in a trace. */
export interface TracePaper {
  id: string;
  title: string;
  date: string | null;
  year: number | null;
  mentions: number;
  usedFor: string[];
}

/** An entity's trace: what it resolved to, its papers in date order and how many per year. */
export interface Trace {
  entity: { key: string; label: string; kind: string; aliases: string[]; paperCount: number; community: number | null };
  papers: TracePaper[];
  byYear: { year: string; papers: number }[];
}

const RESOLVE = `MATCH (e:Entity) WHERE e.key = $key OR e.key = $name OR toLower(e.label) = toLower($name) OR $name IN e.aliases
RETURN e.key AS key ORDER BY (e.key = $key OR e.key = $name) DESC, e.paperCount DESC, e.key LIMIT 1`;
const FULLTEXT = `CALL db.index.fulltext.queryNodes('kg_entity_names', $query) YIELD node, score
RETURN node.key AS key ORDER BY score DESC, node.paperCount DESC LIMIT 1`;
const ENTITY = `MATCH (e:Entity {key: $key}) RETURN e.key AS key, e.label AS label, e.kind AS kind, e.aliases AS aliases, e.paperCount AS paperCount, e.community AS community`;
const PAPERS = `MATCH (p:Paper)-[m:MENTIONS]->(e:Entity {key: $key})
OPTIONAL MATCH (e)-[u:USED_FOR]->(t:Entity) WHERE p.id IN u.papers
WITH p, m, collect(DISTINCT t.label) AS usedFor
RETURN p.id AS id, p.title AS title, p.date AS date, p.year AS year, m.count AS mentions, usedFor
ORDER BY coalesce(p.date, toString(p.year), '9999'), p.id`;

/** Lucene query text for a name: every special character escaped, so user input is only ever a phrase. */
function luceneQuery(name: string): string {
  return `"${name.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`)}"`;
}

/** Resolves a name (key, label, alias or acronym; else full-text) and returns its trace. Unknown names are InvalidInputError. */
export async function traceEntity(driver: Driver, name: string, options: { database?: string } = {}): Promise<Trace> {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidInputError('give the name of a method, task or other entity to trace', { code: 'KG_TRACE_EMPTY' });
  let key = (await runQuery(driver, RESOLVE, { name: trimmed, key: canonicalKey(trimmed) }, options)).rows[0]?.key as string | undefined;
  key ??= (await runQuery(driver, FULLTEXT, { query: luceneQuery(trimmed) }, options)).rows[0]?.key as string | undefined;
  if (!key) throw new InvalidInputError(`no entity named "${trimmed}" in the graph`, { code: 'KG_TRACE_NOT_FOUND' });
  const entity = (await runQuery(driver, ENTITY, { key }, options)).rows[0] as Trace['entity'];
  const papers = (await runQuery(driver, PAPERS, { key }, options)).rows as unknown as TracePaper[];
  const years = new Map<string, number>();
  for (const p of papers) {
    const year = p.year !== null && p.year !== undefined ? String(p.year) : (p.date?.slice(0, 4) ?? 'undated');
    years.set(year, (years.get(year) ?? 0) + 1);
  }
  const byYear = [...years].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([year, n]) => ({ year, papers: n }));
  return { entity, papers, byYear };
}
