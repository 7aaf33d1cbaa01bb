/** The Neo4j schema kg relies on: uniqueness of paper ids, entity keys, community ids and result ids; full-text over names; paper dates; entity specificity. */
import type { Driver } from 'neo4j-driver';

/** Statements, each idempotent (`IF NOT EXISTS`). */
export const SCHEMA_STATEMENTS: readonly string[] = [
  'CREATE CONSTRAINT kg_paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT kg_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE',
  'CREATE CONSTRAINT kg_community_id IF NOT EXISTS FOR (c:Community) REQUIRE c.id IS UNIQUE',
  'CREATE CONSTRAINT kg_result_id IF NOT EXISTS FOR (r:Result) REQUIRE r.id IS UNIQUE',
  'CREATE FULLTEXT INDEX kg_entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.label, e.aliasText]',
  'CREATE INDEX kg_paper_date IF NOT EXISTS FOR (p:Paper) ON (p.date)',
  'CREATE INDEX kg_paper_year IF NOT EXISTS FOR (p:Paper) ON (p.year)',
  // Views filter umbrella terms out with `e.specificity >= 0.5` (docs/cypher.md), a range the index serves.
  'CREATE INDEX kg_entity_specificity IF NOT EXISTS FOR (e:Entity) ON (e.specificity)',
];

/** Creates the constraints and indexes (schema changes run one per transaction) and waits for them to come online. */
export async function ensureSchema(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const statement of SCHEMA_STATEMENTS) await session.executeWrite((tx) => tx.run(statement));
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}
