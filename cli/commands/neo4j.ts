/** `kg mirror`, `kg query` and `kg trace`: the graph in Neo4j, Cypher over it, and one method followed across papers and years. */
import type { Command } from 'commander';
import { loadSnapshot } from '../../graph/index.js';
import { runQuery, traceEntity } from '../../graph/neo4j/index.js';
import { UsageError } from '../../pipeline/errors.js';
import { formatCsv, formatJson, formatTable } from '../format.js';
import { connectNeo4j, mirrorWithProgress, requireNeo4jConfig } from '../neo4j.js';
import { parseChoice, parseInteger } from '../options.js';

const NEO4J_HELP = 'Neo4j URI (default NEO4J_URI; NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE from the environment)';

/** `--param name=value`, repeatable: the value is JSON when it parses as JSON, else a string. */
function collectParam(value: string, previous: Record<string, unknown>): Record<string, unknown> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new UsageError(`--param must look like name=value, got "${value}"`);
  const name = value.slice(0, eq);
  const raw = value.slice(eq + 1);
  let parsed: unknown = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // a plain string
  }
  return { ...previous, [name]: parsed };
}

/** Adds `kg mirror`, `kg query` and `kg trace`. */
export function registerNeo4j(program: Command): void {
  program
    .command('mirror')
    .description('Mirror a snapshot into Neo4j: batched, idempotent; afterwards Neo4j holds exactly the snapshot.')
    .option('-g, --graph <dir>', 'snapshot folder', 'data')
    .option('--neo4j <uri>', NEO4J_HELP)
    .option('--batch-size <n>', 'rows per transaction', parseInteger('--batch-size', 1, 100_000), 2000)
    .option('-q, --quiet', 'no progress bar')
    .action(async (options: { graph: string; neo4j?: string; batchSize: number; quiet?: boolean }) => {
      const config = requireNeo4jConfig(options.neo4j);
      const { graph } = await loadSnapshot(options.graph);
      await mirrorWithProgress(config, graph, { batchSize: options.batchSize, quiet: options.quiet });
    });

  program
    .command('query')
    .description('Run Cypher against the mirrored graph (read-only unless --write).')
    .argument('<cypher>', 'the query; pass values with --param, never by editing the query text')
    .option('-p, --param <name=value>', 'a query parameter (JSON or string), repeatable', collectParam, {})
    .option('-f, --format <format>', 'table, json or csv', parseChoice('--format', ['table', 'json', 'csv'] as const), 'table')
    .option('--neo4j <uri>', NEO4J_HELP)
    .option('--write', 'allow the query to write')
    .addHelpText('after', '\nExample: kg query "MATCH (m:Method)-[u:USED_FOR]->(t:Task {key: $task}) RETURN m.label, u.weight ORDER BY u.weight DESC" --param task="machine translation"\nMore in docs/cypher.md.')
    .action(async (cypher: string, options: { param: Record<string, unknown>; format: 'table' | 'json' | 'csv'; neo4j?: string; write?: boolean }) => {
      const config = requireNeo4jConfig(options.neo4j);
      const driver = await connectNeo4j(config);
      try {
        const { columns, rows } = await runQuery(driver, cypher, options.param, { write: options.write, database: config.database });
        const out = options.format === 'json' ? formatJson(rows) : options.format === 'csv' ? formatCsv(columns, rows) : formatTable(columns, rows);
        process.stdout.write(out);
      } finally {
        await driver.close();
      }
    });

  program
    .command('trace')
    .description('Follow a method (or any entity) across papers and years: its papers in date order, per-year counts, the tasks it was used for.')
    .argument('<name>', 'label, alias, acronym or canonical key, e.g. "BERT" or "graph neural network"')
    .option('-f, --format <format>', 'table or json', parseChoice('--format', ['table', 'json'] as const), 'table')
    .option('--neo4j <uri>', NEO4J_HELP)
    .action(async (name: string, options: { format: 'table' | 'json'; neo4j?: string }) => {
      const config = requireNeo4jConfig(options.neo4j);
      const driver = await connectNeo4j(config);
      try {
        const trace = await traceEntity(driver, name, { database: config.database });
        if (options.format === 'json') return void process.stdout.write(formatJson([trace as unknown as Record<string, unknown>]).replace(/^\[\n|\n\]\n$/g, '') + '\n');
        const e = trace.entity;
        const lines = [
          `${e.label} (${e.kind}, key "${e.key}", ${e.paperCount} paper(s), community ${e.community ?? '-'})`,
          e.aliases.length > 1 ? `aliases: ${e.aliases.join(', ')}` : '',
          `by year: ${trace.byYear.map((y) => `${y.year}: ${y.papers}`).join(', ')}`,
          '',
        ].filter((l, i) => l !== '' || i === 3);
        process.stdout.write(lines.join('\n') + '\n');
        process.stdout.write(
          formatTable(
            ['date', 'title', 'usedFor'],
            trace.papers.map((p) => ({ date: p.date ?? (p.year === null ? '' : String(p.year)), title: p.title, usedFor: p.usedFor.join(', ') })),
            70,
          ),
        );
      } finally {
        await driver.close();
      }
    });
}
