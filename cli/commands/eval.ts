/** `kg eval`: scores the extractor on a gold set (SciERC, ScienceIE), or its entity resolution on the alias fixture. */
import type { Command } from 'commander';
import { DOMAINS, EXTRACTOR_VERSION, domainOf, extract, type Domain } from '../../pipeline/extract/index.js';
import { ingest } from '../../pipeline/ingest/index.js';
import { ALIAS_PAIRS, EVAL_SETS, SCHEME_LABELS, defaultDataDir, evaluate, evaluateCorpusAliases, loadGoldSet, type EvalReport, type Interval, type Prf } from '../../pipeline/eval/index.js';
import { UsageError } from '../../pipeline/errors.js';
import { parseChoice, parseInteger } from '../options.js';
import { readSources } from '../sources.js';
import { formatTable } from '../format.js';

interface EvalOptions {
  set: string;
  data?: string;
  json?: boolean;
  aliases?: boolean | string;
  quiet?: boolean;
  domain: Domain | 'auto';
  bootstrap: number;
}

const SET_NAMES = Object.keys(EVAL_SETS);

/** Adds `kg eval`. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description("Score the extractor against a gold set (strict typed F1, per type, untyped, overlap, USED-FOR), or its entity resolution on the alias pairs.")
    .option('-s, --set <name>', `gold set: ${SET_NAMES.join(', ')}`, parseChoice('--set', SET_NAMES), 'scierc-dev')
    .option('-d, --data <dir>', 'the eval-data folder (SciERC and ScienceIE)', defaultDataDir())
    .option('--aliases [seeds]', 'instead: pair precision/recall of canonical keys on the alias fixture, extracting the seed abstracts (default ./seeds)')
    .option('--domain <domain>', `which tagger: auto (each text routed), ${DOMAINS.join(', ')}`, parseChoice('--domain', ['auto', ...DOMAINS]), 'auto')
    .option('--bootstrap <n>', 'resamples of the documents for the 95 % intervals (0: none)', parseInteger('--bootstrap', 0, 100000), 1000)
    .option('--json', 'print the scores as JSON')
    .option('-q, --quiet', 'no progress line')
    .addHelpText(
      'after',
      `
Strict: a mention counts only if start, end and type all match (the published SciERC metric; Generic included).
Types: SciERC method→Method, task→Task, dataset→Material, metric→Metric, concept→OtherScientificTerm,
generic→Generic; ScienceIE method and concept→Process, task→Task, dataset→Material.
USED-FOR (SciERC): both ends exact and the direction right; "named ends" scores only the pairs whose two ends are
not Generic ("the method"), the ones kg's graph keeps.
Domains: the abstracts tagger learnt SciERC's conventions, the journal tagger ScienceIE's; --domain auto routes
each text to one of them (kg does so on every input).
Interval: the 95 % percentile-bootstrap interval of each F1, the set's documents drawn with replacement
(seeded, so the same run prints the same interval). On 50 abstracts it is wide (Task about ±9 points):
two versions whose F1s differ by less than that are not told apart by this set alone.
The test splits are held out: report dev scores, tune on train only.`,
    )
    .action(async (options: EvalOptions) => {
      if (options.aliases !== undefined) {
        await evalAliases(typeof options.aliases === 'string' ? options.aliases : 'seeds', options);
        return;
      }
      const set = loadGoldSet(options.set, options.data);
      const progress = options.quiet || options.json || !process.stderr.isTTY ? undefined : (done: number, total: number) => process.stderr.write(`\rextracting ${done}/${total}`);
      const routed: Record<Domain, number> = { abstracts: 0, journal: 0 };
      const report = evaluate(
        set,
        (input) => {
          const domain = domainOf(input.text, options.domain);
          routed[domain]++;
          return extract(input, { domain });
        },
        progress,
        { samples: options.bootstrap },
      );
      if (progress) process.stderr.write('\n');
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ extractor: EXTRACTOR_VERSION, domain: options.domain, routed, ...report }, null, 2)}\n`
          : formatReport(report, SCHEME_LABELS[set.scheme], `${options.domain === 'auto' ? 'routed' : `--domain ${options.domain}`}: ${routed.abstracts} to the abstracts tagger, ${routed.journal} to the journal tagger`),
      );
    });
}

const pct = (x: number): string => (100 * x).toFixed(1);

function row(name: string, p: Prf, overlap?: Prf, interval?: Interval): Record<string, unknown> {
  return {
    type: name,
    gold: p.gold,
    predicted: p.predicted,
    correct: p.correct,
    P: pct(p.precision),
    R: pct(p.recall),
    F1: pct(p.f1),
    '95% interval': interval === undefined ? '' : `${pct(interval.low)}–${pct(interval.high)}`,
    'overlap F1': overlap === undefined ? '' : pct(overlap.f1),
  };
}

/** The report as the table `kg eval` prints. */
export function formatReport(report: EvalReport, labels: readonly string[], domains = ''): string {
  const s = report.scores;
  const ci = report.intervals;
  const rows = labels.map((l) => row(l, s.byType[l] as Prf, s.overlapByType[l], ci?.byType[l]));
  rows.push(row('strict, all types', s.strict, undefined, ci?.strict), row('untyped spans', s.untyped, undefined, ci?.untyped));
  if (s.relation !== undefined) rows.push(row('USED-FOR relations', s.relation, undefined, ci?.relation));
  if (s.relationNamed !== undefined) rows.push(row('USED-FOR, named ends', s.relationNamed, undefined, ci?.relationNamed));
  const columns = ['type', 'gold', 'predicted', 'correct', 'P', 'R', 'F1', ...(ci === undefined ? [] : ['95% interval']), 'overlap F1'];
  return `${report.set}: ${report.docs} documents, extractor ${EXTRACTOR_VERSION}, ${report.rate.toFixed(0)} abstracts/s\n${domains === '' ? '' : `${domains}\n`}\n${formatTable(columns, rows)}\nstrict typed micro-F1: ${pct(s.strict.f1)}\n`;
}

async function evalAliases(seeds: string, options: EvalOptions): Promise<void> {
  const { files, rejections } = await readSources([seeds]);
  if (files.length === 0) throw new UsageError(`${seeds}: no files to read (${rejections[0]?.reason ?? 'empty'}); pass --aliases DIR with the seed abstracts`);
  const { papers } = ingest(files);
  const texts = new Map(papers.map((p) => [p.id, `${p.title}\n${p.abstract}`]));
  const report = evaluateCorpusAliases(
    ALIAS_PAIRS,
    papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract })),
    (id) => texts.get(id),
  );
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ extractor: EXTRACTOR_VERSION, papers: papers.length, ...report }, null, 2)}\n`);
    return;
  }
  const wrong = report.outcomes.filter((o) => o.merged !== o.same);
  const lines = [
    `alias pairs: ${report.pairs} (${report.outcomes.filter((o) => o.same).length} must share a key, ${report.outcomes.filter((o) => !o.same).length} must not), keys from ${papers.length} papers of ${seeds}`,
    `pair precision ${pct(report.precision)}  recall ${pct(report.recall)}  (${report.truePositives} merged rightly, ${report.falsePositives} wrongly, ${report.falseNegatives} missed)`,
  ];
  if (wrong.length > 0) {
    lines.push('', 'wrong:');
    for (const o of wrong) lines.push(`  ${o.same ? 'missed' : 'merged'}: "${o.a}" → ${o.keyA}   "${o.b}" → ${o.keyB}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
