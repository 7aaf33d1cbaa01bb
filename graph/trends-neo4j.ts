/** `kg trends` and `kg trace --compare` over Neo4j: the same {@link TrendInput} as a snapshot gives, read with Cypher. */
import type { Driver } from 'neo4j-driver';
import type { EntityKind } from '../pipeline/core/types.js';
import { runQuery } from './neo4j/query.js';
import type { TrendInput } from './trends.js';

const YEAR = 'coalesce(p.year, toInteger(substring(p.date, 0, 4)))';

/** Papers per year (a null year: undated). */
const TOTALS = `MATCH (p:Paper) WITH ${YEAR} AS year RETURN year, count(*) AS papers ORDER BY year`;

// Entities in fewer papers than the ranking's minimum cannot reach it within any period: left out early.
const ENTITIES = `MATCH (p:Paper)-[:MENTIONS]->(e:Entity)
WHERE e.paperCount >= $minPapers AND ($kind IS NULL OR e.kind = $kind)
WITH e, ${YEAR} AS year WHERE year IS NOT NULL
WITH e, year, count(*) AS n
RETURN e.key AS key, e.label AS label, e.kind AS kind, e.specificity AS specificity, collect([year, n]) AS years`;

/** Dated papers per year in the mirrored graph, and how many have no year. */
export async function neo4jYearTotals(
  driver: Driver,
  database?: string,
): Promise<{ totals: Map<number, number>; undated: number }> {
  const rows = (await runQuery(driver, TOTALS, {}, { database })).rows as { year: number | null; papers: number }[];
  const dated = rows.filter((r) => r.year !== null);
  return {
    totals: new Map(dated.map((r) => [Number(r.year), Number(r.papers)])),
    undated: Number(rows.find((r) => r.year === null)?.papers ?? 0),
  };
}

/** The trend input of the mirrored graph: entities with at least `minPapers` papers (of `kind` when given). */
export async function neo4jTrendInput(
  driver: Driver,
  options: { database?: string; kind?: EntityKind; minPapers: number },
): Promise<TrendInput> {
  const { totals, undated } = await neo4jYearTotals(driver, options.database);
  const rows = (
    await runQuery(
      driver,
      ENTITIES,
      { kind: options.kind ?? null, minPapers: options.minPapers },
      { database: options.database },
    )
  ).rows as { key: string; label: string; kind: EntityKind; specificity: number | null; years: [number, number][] }[];
  return {
    totals,
    undated,
    entities: rows.map((r) => ({
      key: r.key,
      label: r.label,
      kind: r.kind,
      ...(r.specificity === null || r.specificity === undefined ? {} : { specificity: Number(r.specificity) }),
      years: new Map(r.years.map(([y, n]) => [Number(y), Number(n)])),
    })),
  };
}
