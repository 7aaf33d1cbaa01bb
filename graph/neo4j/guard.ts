/**
 * What `kg query` runs without `--write`: only what the server itself plans as a read of the graph. A read transaction
 * alone is not enough: Neo4j runs LOAD CSV (files, URLs), TERMINATE TRANSACTIONS and READ-mode procedures such as
 * db.stats.collect inside one. The check reads the server's EXPLAIN plan, not the query text, so comments, case,
 * subqueries and backticks change nothing.
 */
import type { Plan } from 'neo4j-driver';

/** Why a query is refused without `--write`: its kg error code and a reason to show. */
export interface Refusal {
  code: 'KG_CYPHER_WRITE_REFUSED' | 'KG_CYPHER_LOAD_REFUSED' | 'KG_CYPHER_ADMIN_REFUSED';
  reason: string;
}

/**
 * Procedures a read-only query may call: the schema, the graph's indexes and a ping. Anything else, including READ-mode
 * procedures that act (db.stats.collect records other sessions' queries, db.resampleIndex, db.prepareForReplanning)
 * and every plugin procedure (apoc.load.json fetches URLs), needs `--write`.
 */
export const READ_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels',
  'db.propertyKeys',
  'db.relationshipTypes',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.schema.visualization',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
  'db.index.fulltext.listAvailableAnalyzers',
  'db.index.vector.queryNodes',
  'db.index.vector.queryRelationships',
  'db.info',
  'db.ping',
]);

/** Catalog commands that only describe the schema; other SHOW commands list sessions' queries, settings or users. */
const READ_COMMANDS: ReadonlySet<string> = new Set([
  'ShowIndexes',
  'ShowConstraints',
  'ShowProcedures',
  'ShowFunctions',
]);

/** Every operator of a plan, without the `@database` suffix Neo4j 5 adds, with its details. */
function operators(plan: Plan): { name: string; details: string }[] {
  const name = plan.operatorType.replace(/@.*$/, '');
  const details = typeof plan.arguments?.Details === 'string' ? plan.arguments.Details : '';
  return [{ name, details }, ...plan.children.flatMap(operators)];
}

/**
 * Undefined when the plan only reads the graph, else why not. `queryType` is the summary's (`r`, `rw`, `w`, `s`);
 * a missing plan is refused, so a server that answers differently fails closed.
 */
export function readOnlyRefusal(queryType: string, plan: Plan | false): Refusal | undefined {
  if (!plan)
    return {
      code: 'KG_CYPHER_ADMIN_REFUSED',
      reason: 'the server gave no plan for the query, so kg query cannot tell that it only reads',
    };
  for (const op of operators(plan)) {
    if (/^Load/.test(op.name))
      return { code: 'KG_CYPHER_LOAD_REFUSED', reason: 'the query loads a file or URL (LOAD CSV)' };
    if (op.name === 'ProcedureCall') {
      const procedure = /^\s*([\w.`]+)\s*\(/.exec(op.details)?.[1]?.replace(/`/g, '');
      if (procedure === undefined || !READ_PROCEDURES.has(procedure))
        return { code: 'KG_CYPHER_ADMIN_REFUSED', reason: `the query calls procedure ${procedure ?? '(unnamed)'}` };
    } else if (
      /^(Show|Terminate|AdministrationCommand|SystemProcedureCall)/.test(op.name) &&
      !READ_COMMANDS.has(op.name)
    ) {
      return { code: 'KG_CYPHER_ADMIN_REFUSED', reason: `the query is an administration command (${op.name})` };
    }
  }
  if (queryType !== 'r')
    return {
      code: 'KG_CYPHER_WRITE_REFUSED',
      reason: queryType === 's' ? 'the query changes the schema or the server' : 'the query writes',
    };
  return undefined;
}
