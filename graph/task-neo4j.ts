/** `kg task` over Neo4j: the task source answered with Cypher (values as parameters), the same answer as from the snapshot. */
import type { Driver } from 'neo4j-driver';
import { STRONG_RELATIONS, TASK_LIST_KINDS, type TaskEvidence, type TaskResultInput, type TaskSource } from './task.js';
import { neo4jTraceSource } from './trace-neo4j.js';
import { runQuery } from './neo4j/query.js';

const YEAR = 'coalesce(p.year, toInteger(substring(p.date, 0, 4)))';

const PAPERS = `MATCH (p:Paper)-[:MENTIONS]->(e:Entity) WHERE e.key IN $keys
RETURN DISTINCT p.id AS id, ${YEAR} AS year`;

// Entities of the listed kinds in the task's papers; those in fewer than $minPapers of them cannot be listed.
const CANDIDATES = `MATCH (p:Paper)-[:MENTIONS]->(e:Entity) WHERE e.key IN $keys
WITH DISTINCT p
MATCH (p)-[:MENTIONS]->(c:Entity) WHERE c.kind IN $kinds AND NOT c.key IN $keys
WITH c, collect(DISTINCT p.id) AS papers WHERE size(papers) >= $minPapers
RETURN c.key AS key, c.label AS label, c.kind AS kind, c.specificity AS specificity, c.paperCount AS paperCount, papers`;

const RELATIONS = `MATCH (t:Entity)-[r]-(c:Entity)
WHERE t.key IN $keys AND type(r) IN $types AND c.kind IN $kinds AND NOT c.key IN $keys
RETURN c.key AS key, type(r) AS type, r.papers AS papers`;

const TOTAL = 'MATCH (p:Paper) RETURN count(p) AS n';

// The results model (docs/cypher.md): (:Paper)-[:REPORTS]->(:Result)-[:OF_METRIC|ON_DATASET|BY_METHOD]->(:Entity).
const RESULTS = `MATCH (p:Paper)-[:REPORTS]->(r:Result)
WHERE p.id IN $papers OR EXISTS { MATCH (r)-[:ON_DATASET]->(d:Entity) WHERE d.key IN $datasets }
OPTIONAL MATCH (r)-[:OF_METRIC]->(m:Entity)
OPTIONAL MATCH (r)-[:ON_DATASET]->(d:Entity)
OPTIONAL MATCH (r)-[:BY_METHOD]->(x:Entity)
RETURN p.id AS paper, p.title AS title, coalesce(r.year, ${YEAR}) AS year, r.value AS value, r.unit AS unit,
       r.delta AS delta, r.sentence AS sentence, m.key AS metricKey, m.label AS metricLabel,
       d.key AS datasetKey, d.label AS datasetLabel, x.key AS methodKey, x.label AS methodLabel`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A task source reading the mirrored graph (resolution as `kg trace --neo4j`). */
export function neo4jTaskSource(driver: Driver, database?: string): TaskSource {
  const options = { database };
  const trace = neo4jTraceSource(driver, database);
  const kinds = [...TASK_LIST_KINDS];
  return {
    candidates: (term, key) => trace.candidates(term, key),
    nearby: (term, key) => trace.nearby(term, key),
    family: (key) => trace.family(key),
    async evidence(keys, minPapers): Promise<TaskEvidence> {
      const [papers, candidates, relations, total] = await Promise.all([
        runQuery(driver, PAPERS, { keys }, options),
        runQuery(driver, CANDIDATES, { keys, kinds, minPapers }, options),
        runQuery(driver, RELATIONS, { keys, kinds, types: [...STRONG_RELATIONS] }, options),
        runQuery(driver, TOTAL, {}, options),
      ]);
      return {
        papers: (papers.rows as { id: string; year: unknown }[]).map((r) => ({ id: r.id, year: num(r.year) })),
        totalPapers: Number((total.rows[0] as { n: unknown } | undefined)?.n ?? 0),
        candidates: (candidates.rows as TaskEvidence['candidates']).map((c) => ({
          ...c,
          specificity: num(c.specificity),
          paperCount: Number(c.paperCount),
        })),
        relations: (relations.rows as { key: string; type: string; papers: string[] | null }[]).map((r) => ({
          key: r.key,
          type: r.type,
          papers: r.papers ?? [],
        })),
      };
    },
    async results(papers, datasets): Promise<TaskResultInput[]> {
      const rows = (await runQuery(driver, RESULTS, { papers: [...papers], datasets: [...datasets] }, options))
        .rows as Record<string, unknown>[];
      const entity = (key: unknown, label: unknown): { key: string; label: string } | null =>
        typeof key === 'string' ? { key, label: String(label ?? key) } : null;
      return rows.map((r) => ({
        paper: String(r.paper),
        title: String(r.title ?? ''),
        year: num(r.year),
        value: Number(r.value),
        unit: (r.unit as string | null | undefined) ?? null,
        delta: (r.delta as string | null | undefined) ?? null,
        sentence: String(r.sentence ?? ''),
        metric: entity(r.metricKey, r.metricLabel),
        dataset: entity(r.datasetKey, r.datasetLabel),
        method: entity(r.methodKey, r.methodLabel),
      }));
    },
  };
}
