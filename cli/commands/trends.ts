/** `kg trends`: entities rising, declining, bursting and new over a period, by their share of each year's papers. */
import type { Command } from 'commander';
import {
  computeTrends,
  DEFAULT_TREND_OPTIONS,
  loadSnapshot,
  snapshotTrendInput,
  type TrendsResult,
} from '../../graph/index.js';
import { neo4jConfig } from '../../graph/neo4j/settings.js';
import { UsageError } from '../../pipeline/core/errors.js';
import { ENTITY_KINDS, type EntityKind } from '../../pipeline/core/types.js';
import { forTerminal, jsonForTerminal } from '../../pipeline/text/terminal.js';
import { DEFAULT_SNAPSHOT_DIR } from '../../run/defaults.js';
import { formatCsv, formatTable } from '../util/format.js';
import { parseChoice, parseInteger } from '../util/options.js';

interface TrendsCliOptions {
  graph: string;
  neo4j?: string;
  kind?: EntityKind;
  since?: number;
  until?: number;
  top: number;
  minPapers: number;
  umbrella?: boolean;
  format: 'table' | 'json' | 'csv';
}

const pct = (share: number): string => `${(100 * share).toFixed(2)} %`;

/** The answer as tables, one per list, each under a line that says how it was ranked. */
function asTables(result: TrendsResult): string {
  const t = forTerminal;
  const few = result.years.filter((y) => y.few);
  const lines: string[] = [
    `period ${result.period[0]}–${result.period[1]}: ${result.years.map((y) => `${y.year}: ${y.papers}${y.few ? '*' : ''}`).join(', ')} papers`,
    result.undated > 0
      ? `${result.undated} of ${result.dated + result.undated} papers have no year and count nowhere${result.dated < 100 ? ': too few dated papers for trends to mean much' : ''}`
      : '',
    few.length > 0
      ? `* fewer papers than the minimum per year: shown, not used for the slopes (--min-year-papers)`
      : '',
    '',
  ].filter((l, i, all) => l !== '' || i === all.length - 1);
  const trendRows = (list: TrendsResult['rising']) =>
    list.map((e) => ({
      entity: t(e.label),
      kind: e.kind,
      papers: e.papers,
      'share at start': pct(e.shareStart),
      'share at end': pct(e.shareEnd),
      'points/year': (100 * e.slope).toFixed(3),
      'first year': e.firstYear,
    }));
  const cols = ['entity', 'kind', 'papers', 'share at start', 'share at end', 'points/year', 'first year'];
  const section = (title: string, body: string): string => `${title}\n${body || '  none\n'}\n`;
  return (
    lines.join('\n') +
    section(
      'Rising (slope of the yearly share, in percentage points per year)',
      result.rising.length ? formatTable(cols, trendRows(result.rising)) : '',
    ) +
    section('Declining', result.declining.length ? formatTable(cols, trendRows(result.declining)) : '') +
    section(
      "Bursts (Kleinberg's two-state automaton over yearly shares; strength in log-likelihood)",
      result.bursts.length
        ? formatTable(
            ['entity', 'kind', 'start', 'end', 'strength', 'papers in burst'],
            result.bursts.map((b) => ({
              entity: t(b.label),
              kind: b.kind,
              start: b.start,
              end: b.end,
              strength: b.strength.toFixed(1),
              'papers in burst': b.papers,
            })),
          )
        : '',
    ) +
    section(
      'Newcomers (first seen in the period, by papers)',
      result.newcomers.length ? formatTable(cols, trendRows(result.newcomers)) : '',
    ) +
    'The papers behind an entry: kg trace KEY\n'
  );
}

/** One CSV row per entry, its list in the first column. */
function asCsv(result: TrendsResult): string {
  const rows: Record<string, unknown>[] = [];
  for (const list of ['rising', 'declining', 'newcomers'] as const)
    for (const e of result[list]) rows.push({ list, ...e });
  for (const b of result.bursts) rows.push({ list: 'bursts', ...b });
  const columns = [
    'list',
    'key',
    'label',
    'kind',
    'papers',
    'firstYear',
    'shareStart',
    'shareEnd',
    'slope',
    'start',
    'end',
    'strength',
  ];
  return formatCsv(columns, rows, process.stdout.isTTY === true);
}

/** Adds `kg trends`. */
export function registerTrends(program: Command): void {
  const d = DEFAULT_TREND_OPTIONS;
  program
    .command('trends')
    .description(
      'Which entities rise, decline, burst or arrive over a period, measured on their share of each year’s papers (not raw counts, which copy the corpus’s own swings).',
    )
    .option('-g, --graph <dir>', 'read the snapshot in this folder', DEFAULT_SNAPSHOT_DIR)
    .option(
      '--neo4j <uri>',
      'read from Neo4j instead (default NEO4J_URI; NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE from the environment)',
    )
    .option(
      '-k, --kind <kind>',
      `only entities of this kind: ${ENTITY_KINDS.join(', ')}`,
      parseChoice('--kind', ENTITY_KINDS),
    )
    .option(
      '--since <year>',
      'first year of the period (default: the first year with enough papers)',
      parseInteger('--since', 1000, 9999),
    )
    .option(
      '--until <year>',
      'last year of the period (default: the last dated year)',
      parseInteger('--until', 1000, 9999),
    )
    .option('-n, --top <n>', 'entries per list', parseInteger('--top', 1, 10_000), d.top)
    .option(
      '--min-papers <n>',
      'rank only entities with at least this many papers in the period',
      parseInteger('--min-papers', 1, 1_000_000),
      d.minPapers,
    )
    .option(
      '--min-year-papers <n>',
      'years with fewer dated papers are marked and left out of the slopes',
      parseInteger('--min-year-papers', 1, 1_000_000),
      d.minYearPapers,
    )
    .option('--umbrella', 'rank umbrella terms too ("NLP", "features"); they are left out by default')
    .option(
      '-f, --format <format>',
      'table, json or csv',
      parseChoice('--format', ['table', 'json', 'csv'] as const),
      'table',
    )
    .addHelpText(
      'after',
      `
Rising and declining: the weighted least-squares slope of an entity's yearly share over the period (years weighted
by their papers), with its share pooled over the first and the last two years. Bursts: Kleinberg (2002), two states,
burst rate ${d.burstRatio}× the base rate over the period, entering a burst costs ${d.burstGamma}·ln(years). Newcomers: first seen
within the period, by papers. Example: kg trends --kind method --since 2015`,
    )
    .action(async (options: TrendsCliOptions & { minYearPapers: number }) => {
      if (options.since !== undefined && options.until !== undefined && options.since > options.until)
        throw new UsageError(`--since ${options.since} is after --until ${options.until}: the period is empty`);
      const config = neo4jConfig(options.neo4j, process.env);
      let input;
      if (config) {
        const [{ connectNeo4j, redactNeo4jError }, { neo4jTrendInput }] = await Promise.all([
          import('../../graph/neo4j/index.js'),
          import('../../graph/trends-neo4j.js'),
        ]);
        const driver = await connectNeo4j(config);
        try {
          input = await neo4jTrendInput(driver, {
            database: config.database,
            kind: options.kind,
            minPapers: options.minPapers,
          });
        } catch (error) {
          throw redactNeo4jError(error, config);
        } finally {
          await driver.close();
        }
      } else {
        input = snapshotTrendInput((await loadSnapshot(options.graph)).graph);
      }
      let result: TrendsResult;
      try {
        result = computeTrends(input, {
          since: options.since,
          until: options.until,
          kind: options.kind,
          top: options.top,
          minPapers: options.minPapers,
          minYearPapers: options.minYearPapers,
          umbrella: options.umbrella === true,
        });
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(error.message, { code: 'KG_TRENDS_PERIOD' });
        throw error;
      }
      if (options.format === 'json') return void process.stdout.write(`${jsonForTerminal(result, 2)}\n`);
      process.stdout.write(options.format === 'csv' ? asCsv(result) : asTables(result));
    });
}
