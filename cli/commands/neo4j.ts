/** `kg mirror`, `kg query` and `kg trace`: the graph in Neo4j, Cypher over it, and methods followed across papers and years. */
import type { Command } from 'commander';
import {
  compareShares,
  DEFAULT_TREND_OPTIONS,
  indexedTraceSource,
  loadSnapshot,
  loadSnapshotPapers,
  snapshotTraceSource,
  trace,
  type TraceResult,
  type TraceSource,
  type YearTotals,
} from '../../graph/index.js';

// Not graph/neo4j's index: it loads neo4j-driver (0.14 s), which `kg trace --graph` does not need. See `neo4j()`.
import { DEFAULT_MIRROR_BATCH_SIZE } from '../../graph/neo4j/mirror.js';
import { resultRows } from '../../graph/neo4j/plan.js';
import { neo4jConfig } from '../../graph/neo4j/settings.js';
import { UsageError } from '../../pipeline/core/errors.js';
import { DEFAULT_SNAPSHOT_DIR } from '../../run/defaults.js';
import { forTerminal, jsonForTerminal } from '../../pipeline/text/terminal.js';
import { formatCsv, formatJson, formatTable } from '../util/format.js';
import { note, parseChoice, parseInteger } from '../util/options.js';

/** The Neo4j side of these commands, loaded by the actions that talk to Neo4j. */
async function neo4j() {
  const [graph, traces, cli] = await Promise.all([
    import('../../graph/neo4j/index.js'),
    import('../../graph/trace-neo4j.js'),
    import('../util/neo4j.js'),
  ]);
  return { ...graph, ...traces, ...cli };
}

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
    .description(
      'Mirror a snapshot into Neo4j: batched, idempotent, unchanged labels and types skipped; afterwards Neo4j holds exactly the snapshot.',
    )
    .option('-g, --graph <dir>', 'snapshot folder', DEFAULT_SNAPSHOT_DIR)
    .option('--neo4j <uri>', NEO4J_HELP)
    .option(
      '--batch-size <n>',
      'rows per transaction',
      parseInteger('--batch-size', 1, 100_000),
      DEFAULT_MIRROR_BATCH_SIZE,
    )
    .option(
      '--full',
      'rewrite every node label and relationship type, even those whose stored digest and counts match the snapshot',
    )
    .option('-q, --quiet', 'no progress bar')
    .action(async (options: { graph: string; neo4j?: string; batchSize: number; full?: boolean; quiet?: boolean }) => {
      const { requireNeo4jConfig, mirrorWithProgress } = await neo4j();
      const config = requireNeo4jConfig(options.neo4j);
      const { graph } = await loadSnapshot(options.graph);
      const papers = await loadSnapshotPapers(options.graph);
      const abstracts = new Map([...papers].map(([id, p]) => [id, p.abstract]));
      const results = resultRows(papers.values());
      papers.clear();
      await mirrorWithProgress(config, graph, {
        batchSize: options.batchSize,
        full: options.full,
        quiet: options.quiet,
        abstracts,
        results,
      });
    });

  program
    .command('query')
    .description('Run Cypher against the mirrored graph (read-only unless --write).')
    .argument('<cypher>', 'the query; pass values with --param, never by editing the query text')
    .option('-p, --param <name=value>', 'a query parameter (JSON or string), repeatable', collectParam, {})
    .option(
      '-f, --format <format>',
      'table, json or csv',
      parseChoice('--format', ['table', 'json', 'csv'] as const),
      'table',
    )
    .option('--neo4j <uri>', NEO4J_HELP)
    .option('--write', 'allow the query to write')
    .addHelpText(
      'after',
      '\nExample: kg query "MATCH (m:Method)-[u:USED_FOR]->(t:Task {key: $task}) RETURN m.label, u.weight ORDER BY u.weight DESC" --param task="machine translation"\nMore in docs/cypher.md.',
    )
    .action(
      async (
        cypher: string,
        options: { param: Record<string, unknown>; format: 'table' | 'json' | 'csv'; neo4j?: string; write?: boolean },
      ) => {
        const { requireNeo4jConfig, connectNeo4j, runQuery, redactNeo4jError, GRAPH_MODEL } = await neo4j();
        const config = requireNeo4jConfig(options.neo4j);
        const driver = await connectNeo4j(config);
        try {
          const { columns, rows, warnings } = await runQuery(driver, cypher, options.param, {
            write: options.write,
            database: config.database,
          });
          for (const warning of warnings) note(`kg query: warning: ${warning}`);
          if (warnings.length > 0) note(`kg query: the graph holds ${GRAPH_MODEL}; more in docs/cypher.md`);
          const out =
            options.format === 'json'
              ? formatJson(rows)
              : options.format === 'csv'
                ? formatCsv(columns, rows, process.stdout.isTTY === true)
                : formatTable(columns, rows);
          process.stdout.write(out);
        } catch (error) {
          throw redactNeo4jError(error, config);
        } finally {
          await driver.close();
        }
      },
    );

  program
    .command('trace')
    .description(
      "Follow a method (or any entity) across papers and years: each paper with the sentence that mentions it, papers per year with their share of that year's papers, the methods and tasks it appears with.",
    )
    .argument(
      '<terms...>',
      'label, alias, acronym or key, any case: "RL" and "reinforcement learning" reach the same entity; a term that names nothing gets suggestions (near spellings, names holding its words); several only with --compare',
    )
    .option(
      '-g, --graph <dir>',
      'read the snapshot in this folder (the default when no Neo4j is configured): its trace index, or all of it when an older kg made it without one',
      DEFAULT_SNAPSHOT_DIR,
    )
    .option('--neo4j <uri>', `read from Neo4j instead: ${NEO4J_HELP}`)
    .option(
      '--family',
      'take in its variants and versions too ("SQuAD 2.0" and "SQuAD 1.1" for SQuAD, "BERT-large" for BERT), and name them',
    )
    .option(
      '--compare',
      "several terms' shares of each year's papers side by side (from the first year any of them appears, or --since)",
    )
    .option('--since <year>', 'with --compare: first year shown', parseInteger('--since', 1000, 9999))
    .option('--until <year>', 'with --compare: last year shown', parseInteger('--until', 1000, 9999))
    .option('-f, --format <format>', 'table or json', parseChoice('--format', ['table', 'json'] as const), 'table')
    .addHelpText(
      'after',
      `
A name goes to the entity most papers mean by it: forms written exactly as given first, then most papers; the other
entities it names are listed under "also named". It is refused as ambiguous (exit 2) only when two of them are of
comparable size (the second with half the papers of the first or more); then trace one by its key.
Example: kg trace BERT ELMo word2vec --compare --since 2013`,
    )
    .action(async (terms: string[], options: TraceCliOptions) => {
      if (terms.length > 1 && !options.compare)
        throw new UsageError(`give one term to trace, or several with --compare (got ${terms.length})`);
      if (!options.compare && (options.since !== undefined || options.until !== undefined))
        throw new UsageError('--since and --until go with --compare');
      if (options.since !== undefined && options.until !== undefined && options.since > options.until)
        throw new UsageError(`--since ${options.since} is after --until ${options.until}: the period is empty`);
      const config = neo4jConfig(options.neo4j, process.env);
      let results: TraceResult[];
      let totals: YearTotals | undefined;
      const traceAll = async (source: TraceSource): Promise<TraceResult[]> => {
        const out: TraceResult[] = [];
        for (const term of terms) out.push(await trace(source, term, { family: options.family === true }));
        return out;
      };
      if (config) {
        const { connectNeo4j, neo4jTraceSource, redactNeo4jError } = await neo4j();
        const driver = await connectNeo4j(config);
        try {
          const source = neo4jTraceSource(driver, config.database);
          results = await traceAll(source);
          if (options.compare) totals = await source.yearTotals();
        } catch (error) {
          throw redactNeo4jError(error, config);
        } finally {
          await driver.close();
        }
      } else {
        let source = await indexedTraceSource(options.graph);
        if (!source) {
          note(
            `kg trace: ${options.graph} has no trace index (made by an older kg), so the whole snapshot is loaded; re-run "kg run" for fast traces`,
          );
          const { graph } = await loadSnapshot(options.graph);
          source = snapshotTraceSource(graph, await loadSnapshotPapers(options.graph));
        }
        results = await traceAll(source);
        if (options.compare) totals = await source.yearTotals();
      }
      if (options.compare) return printComparison(results, totals!.totals, options);
      printTrace(results[0]!, terms[0]!, options);
    });
}

/** One trace as text or JSON. */
function printTrace(result: TraceResult, term: string, options: TraceCliOptions): void {
  if (options.format === 'json') return void process.stdout.write(`${jsonForTerminal(result, 2)}\n`);
  const e = result.entity;
  // Labels, keys, aliases, titles and sentences come from the corpus: each is escaped for the terminal (t).
  const t = forTerminal;
  // Count, then the share of that year's papers: the corpus itself grows and shrinks from year to year.
  const years = Object.entries(result.perYear)
    .map(([y, n]) => {
      const share = result.perYearShare[y];
      return `${t(y)}: ${n}${share === undefined ? '' : ` (${(100 * share).toFixed(share < 0.001 ? 2 : 1)} %)`}`;
    })
    .join(', ');
  process.stdout.write(
    `${t(e.label)} (${t(e.kind)}, key "${t(e.key)}", community ${e.community ?? '-'}, ${result.papers.length} paper(s), first seen ${t(String(e.firstSeen ?? '-'))}, last seen ${t(String(e.lastSeen ?? '-'))})\n` +
      `aliases: ${e.aliases.slice(0, 12).map(t).join(', ')}${e.aliases.length > 12 ? `, and ${e.aliases.length - 12} more` : ''}\nper year: ${years}\n` +
      `appears with: ${result.related.map((r) => `${t(r.label)} (${t(r.kind)}, ${r.papers})`).join(', ') || '-'}\n` +
      (options.family
        ? `family taken in: ${result.family.map((f) => `${t(f.label)} (${f.papers})`).join(', ') || 'none'}\n`
        : '') +
      (result.others.length > 0
        ? `also named "${t(term.trim())}": ${result.others.map((o) => `${t(o.label)} (${t(o.kind)}, key "${t(o.key)}", ${o.papers})`).join('; ')}\n`
        : '') +
      '\n',
  );
  process.stdout.write(
    formatTable(
      ['date', 'title', 'sentence'],
      result.papers.map((p) => ({ date: p.date ?? 'undated', title: p.title, sentence: p.sentence })),
      90,
    ),
  );
}

interface TraceCliOptions {
  graph: string;
  format: 'table' | 'json';
  neo4j?: string;
  family?: boolean;
  compare?: boolean;
  since?: number;
  until?: number;
}

/** `kg trace A B --compare`: each year's papers and each entity's share of them. */
function printComparison(results: TraceResult[], totals: Map<number, number>, options: TraceCliOptions): void {
  const firstYears = results.flatMap((r) =>
    Object.keys(r.perYear)
      .map(Number)
      .filter((y) => Number.isInteger(y)),
  );
  const years = [...totals.keys()];
  if (years.length === 0) throw new UsageError('no paper in this graph has a year: there is nothing to compare');
  const since = options.since ?? (firstYears.length > 0 ? Math.min(...firstYears) : Math.min(...years));
  const until = options.until ?? Math.max(...years);
  const rows = compareShares(
    totals,
    results.map((r) => ({ label: r.entity.label, perYear: r.perYear })),
    [since, until],
  );
  if (options.format === 'json') {
    const out = {
      period: [since, until],
      entities: results.map((r) => ({
        key: r.entity.key,
        label: r.entity.label,
        kind: r.entity.kind,
        papers: r.papers.length,
      })),
      years: rows.map((r) => ({ ...r, few: r.papers < DEFAULT_TREND_OPTIONS.minYearPapers })),
    };
    return void process.stdout.write(`${jsonForTerminal(out, 2)}\n`);
  }
  const labels = results.map((r) => forTerminal(r.entity.label));
  const table = rows.map((r) => {
    const row: Record<string, unknown> = {
      year: r.year,
      papers: `${r.papers}${r.papers < DEFAULT_TREND_OPTIONS.minYearPapers ? '*' : ''}`,
    };
    labels.forEach(
      (label, i) => (row[label] = r.papers > 0 ? `${(100 * r.shares[i]!).toFixed(2)} % (${r.counts[i]})` : '-'),
    );
    return row;
  });
  process.stdout.write(
    `Share of each year's papers that mention it (papers in brackets)\n` +
      formatTable(['year', 'papers', ...labels], table) +
      (rows.some((r) => r.papers < DEFAULT_TREND_OPTIONS.minYearPapers)
        ? `* fewer than ${DEFAULT_TREND_OPTIONS.minYearPapers} papers that year: its shares are noisy\n`
        : '') +
      (results.some((r) => (r.perYear.undated ?? 0) > 0)
        ? `undated papers, not counted above: ${results.map((r, i) => `${labels[i]} ${r.perYear.undated ?? 0}`).join(', ')}\n`
        : ''),
  );
}
