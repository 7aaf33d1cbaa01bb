/** `kg task`: for a task, the methods, datasets and metrics that serve it and the results its papers report. */
import type { Command } from 'commander';
import { loadSnapshot, readSnapshotPapers, snapshotTraceSource, type PaperRecord } from '../../graph/index.js';
import { neo4jConfig } from '../../graph/neo4j/settings.js';
import {
  DEFAULT_TASK_OPTIONS,
  snapshotTaskSource,
  taskPage,
  type TaskAnswer,
  type TaskOptions,
  type TaskRow,
} from '../../graph/task.js';
import { forTerminal, jsonForTerminal } from '../../pipeline/text/terminal.js';
import { DEFAULT_SNAPSHOT_DIR } from '../../run/defaults.js';
import { formatCsv, formatTable } from '../util/format.js';
import { parseChoice, parseInteger } from '../util/options.js';

interface TaskCliOptions {
  graph: string;
  neo4j?: string;
  since?: number;
  top: number;
  minPapers: number;
  results: number;
  format: 'table' | 'json' | 'csv';
}

const LISTS = [
  ['methods', 'Methods'],
  ['datasets', 'Datasets'],
  ['metrics', 'Metrics'],
] as const;

function listRows(rows: TaskRow[]): Record<string, unknown>[] {
  return rows.map((r, i) => ({
    '#': i + 1,
    label: r.label,
    papers: r.papers,
    related: r.related || '',
    years: r.firstYear === null ? '-' : r.firstYear === r.lastYear ? r.firstYear : `${r.firstYear}–${r.lastYear}`,
    trend: r.trend ?? '-',
    score: r.score.toFixed(1),
    key: r.key + (r.umbrella ? ' (umbrella)' : ''),
  }));
}

/** Variants the table header names; JSON lists them all. */
const VARIANTS_SHOWN = 8;

function asTables(answer: TaskAnswer, maxResults: number): string {
  const t = forTerminal;
  // The first variants name the family; NER has 60 ("Chinese NER", "medical NER", …), which would bury the tables.
  const named = answer.family.slice(0, VARIANTS_SHOWN).map((f) => t(f.label));
  const more = answer.family.length - named.length;
  const family = named.length
    ? `; with its ${answer.family.length} variant(s) ${named.join(', ')}${more > 0 ? ` and ${more} more (--format json lists them)` : ''}`
    : '';
  let out =
    `${t(answer.task.label)} (${t(answer.task.kind)}, key "${t(answer.task.key)}"): ${answer.papers} paper(s)` +
    `${answer.since === null ? '' : ` from ${answer.since}`}${family}\n` +
    'Ranked by papers shared with the task (a USED_FOR/EVALUATED_ON edge counts twice) against how common the term is\n' +
    'everywhere (local mutual information); umbrella terms last. related: papers with a typed edge to the task.\n\n';
  const cols = ['#', 'label', 'papers', 'related', 'years', 'trend', 'score', 'key'];
  for (const [list, title] of LISTS)
    out += `${title}\n${answer[list].length ? formatTable(cols, listRows(answer[list])) : '  none\n'}\n`;
  const shown = answer.results.slice(0, maxResults);
  out += `Results (${answer.results.length}${answer.results.length > shown.length ? `, newest ${shown.length} shown; --results N or --format json for all` : ''})\n`;
  out += answer.results.length
    ? formatTable(
        ['year', 'method', 'dataset', 'metric', 'value', 'paper', 'sentence'],
        shown.map((r) => ({
          year: r.year ?? '-',
          method: r.method ?? '-',
          dataset: r.dataset ?? '-',
          metric: r.metric ?? '-',
          value: `${r.delta ? (r.delta === 'relative' ? 'Δrel ' : 'Δ ') : ''}${r.value}${r.unit === '%' ? ' %' : r.unit === 'points' ? ' points' : ''}`,
          paper: r.paper,
          sentence: r.sentence,
        })),
        100,
      )
    : '  none: no paper of this task states a result the extractor read (snapshots made before results have none)\n';
  return `${out}\nThe papers behind a row: kg trace KEY\n`;
}

function asCsv(answer: TaskAnswer): string {
  const rows: Record<string, unknown>[] = [];
  for (const [list] of LISTS) for (const r of answer[list]) rows.push({ list, ...r });
  for (const r of answer.results) rows.push({ list: 'results', ...r });
  const columns = [
    'list',
    'key',
    'label',
    'papers',
    'related',
    'firstYear',
    'lastYear',
    'trend',
    'score',
    'method',
    'dataset',
    'metric',
    'value',
    'unit',
    'delta',
    'paper',
    'year',
    'sentence',
  ];
  return formatCsv(columns, rows, process.stdout.isTTY === true);
}

/** Adds `kg task`. */
export function registerTask(program: Command): void {
  const d = DEFAULT_TASK_OPTIONS;
  program
    .command('task')
    .description(
      'For a task: the methods, datasets and metrics that serve it (ranked by shared papers and how tied to it they are, with first and last year and the trend) and the results its papers report, each with its sentence.',
    )
    .argument('<name>', 'the task: label, alias, acronym or key, any case ("NER" = named entity recognition)')
    .option('-g, --graph <dir>', 'read the snapshot in this folder', DEFAULT_SNAPSHOT_DIR)
    .option(
      '--neo4j <uri>',
      'read from Neo4j instead (default NEO4J_URI; NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE from the environment)',
    )
    .option('--since <year>', 'only papers from this year on', parseInteger('--since', 1000, 9999))
    .option('-n, --top <n>', 'rows per list', parseInteger('--top', 1, 1000), d.top)
    .option(
      '--min-papers <n>',
      'list only terms sharing at least this many papers with the task',
      parseInteger('--min-papers', 1, 1_000_000),
      d.minPapers,
    )
    .option('--results <n>', 'results rows shown in the table', parseInteger('--results', 0, 1_000_000), 30)
    .option(
      '-f, --format <format>',
      'table, json or csv',
      parseChoice('--format', ['table', 'json', 'csv'] as const),
      'table',
    )
    .addHelpText(
      'after',
      `
A term reaches the task as in kg trace (tasks preferred among the entities it names), with its variants (VARIANT_OF).
A method, dataset or metric counts the task's papers that mention it; a USED_FOR or EVALUATED_ON edge between them
counts its papers twice. Score: evidence × log2(evidence / expected), expected = the task's papers × its share of all
papers, so a term found everywhere ("accuracy", "model") sinks; umbrella terms come last. Trend: the slope of its
share of the task's papers per year (rising/declining: half its mean share or more over the period).
Results: from the task's papers, or on its listed datasets, newest first.
Example: kg task "machine translation" --since 2015 --top 5`,
    )
    .action(async (name: string, options: TaskCliOptions) => {
      const config = neo4jConfig(options.neo4j, process.env);
      const taskOptions: Partial<TaskOptions> = {
        since: options.since,
        top: options.top,
        minPapers: options.minPapers,
      };
      let answer: TaskAnswer;
      if (config) {
        const [{ connectNeo4j, redactNeo4jError }, { neo4jTaskSource }] = await Promise.all([
          import('../../graph/neo4j/index.js'),
          import('../../graph/task-neo4j.js'),
        ]);
        const driver = await connectNeo4j(config);
        try {
          answer = await taskPage(neo4jTaskSource(driver, config.database), name, taskOptions);
        } catch (error) {
          throw redactNeo4jError(error, config);
        } finally {
          await driver.close();
        }
      } else {
        // Only the papers that report results are kept: resolution and ranking read the graph alone.
        const withResults = async (): Promise<Map<string, PaperRecord>> => {
          const out = new Map<string, PaperRecord>();
          for await (const record of readSnapshotPapers(options.graph))
            if (record.results?.length) out.set(record.id, record);
          return out;
        };
        const [{ graph }, records] = await Promise.all([loadSnapshot(options.graph), withResults()]);
        answer = await taskPage(
          snapshotTaskSource(graph, records, snapshotTraceSource(graph, records)),
          name,
          taskOptions,
        );
      }
      if (options.format === 'json') return void process.stdout.write(`${jsonForTerminal(answer, 2)}\n`);
      process.stdout.write(options.format === 'csv' ? asCsv(answer) : asTables(answer, options.results));
    });
}
