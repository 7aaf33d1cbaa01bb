/** `kg eval`: scores the extractor on a gold set (SciERC, ScienceIE), or entity resolution on an alias fixture (seeds extracted, or a built snapshot). */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  DEFAULT_SPECIFICITY_OPTIONS,
  duplicatePairs,
  listAliases,
  loadSnapshot,
  loadSnapshotPapers,
  readSnapshotPapers,
  snapshotTraceSource,
  topEntities,
  traceRecall,
  type TraceRecall,
} from '../../graph/index.js';
import { DOMAINS, EXTRACTOR_VERSION, createExtractor, loadModels, type Domain } from '../../pipeline/extract/index.js';
import { ingest } from '../../pipeline/ingest/index.js';
import {
  ACL_ALIAS_PAIRS,
  ALIAS_PAIRS,
  EVAL_SETS,
  TRACE_NAMES,
  JUDGED_TERMS,
  SCHEME_LABELS,
  aliasCategories,
  createAliasTally,
  defaultDataDir,
  evaluate,
  evaluateCorpusAliases,
  loadGoldSet,
  parseAliasFixture,
  type AliasMatch,
  type AliasPair,
  type AliasReport,
  type EvalReport,
  type Interval,
  type Prf,
} from '../../pipeline/eval/index.js';
import { UsageError } from '../../pipeline/core/errors.js';
import { parseChoice, parseInteger } from '../util/options.js';
import { readSources } from '../../run/sources.js';
import { formatTable } from '../util/format.js';
import { forTerminal, jsonForTerminal, linesForTerminal } from '../../pipeline/text/terminal.js';

interface EvalOptions {
  set: string;
  data?: string;
  json?: boolean;
  aliases?: boolean | string;
  graph?: string;
  fixture?: string;
  top: number;
  quiet?: boolean;
  domain: Domain | 'auto';
  bootstrap: number;
}

const SET_NAMES = Object.keys(EVAL_SETS);

/** Adds `kg eval`. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'Score the extractor against a gold set (strict typed F1, per type, untyped, overlap; relations, all SciERC types and each), or its entity resolution on the alias pairs.',
    )
    .option('-s, --set <name>', `gold set: ${SET_NAMES.join(', ')}`, parseChoice('--set', SET_NAMES), 'scierc-dev')
    .option(
      '-d, --data <dir>',
      'the eval-data folder (SciERC and ScienceIE); default KG_EVAL_DATA, else ../shared/eval-data',
      defaultDataDir(),
    )
    .option(
      '--aliases [seeds]',
      'instead: pair precision/recall of canonical keys on the alias fixture, extracting the seed abstracts (default ./seeds)',
    )
    .option(
      '-g, --graph <dir>',
      'instead: what a researcher meets in a snapshot built by `kg run` (duplicates and list aliases among the top entities, trace recall of famous names, the alias fixture); with --aliases, the alias fixture alone',
    )
    .option(
      '--fixture <file>',
      `with --aliases or --graph: the alias fixture (default ${ACL_FIXTURE} with --graph, ${SEED_FIXTURE} otherwise)`,
    )
    .option(
      '--top <n>',
      'with --graph: how many entities with most papers to check for duplicates',
      parseInteger('--top', 1, 100000),
      300,
    )
    .option(
      '--domain <domain>',
      `which tagger: auto (each text routed), ${DOMAINS.join(', ')}`,
      parseChoice('--domain', ['auto', ...DOMAINS]),
      'auto',
    )
    .option(
      '--bootstrap <n>',
      'resamples of the documents for the 95 % intervals (0: none)',
      parseInteger('--bootstrap', 0, 100000),
      1000,
    )
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
Relations (SciERC): all seven types together and each, both spans and the type exact, the direction too but for
COMPARE and CONJUNCTION. kg's EVALUATED_ON is read as EVALUATE-FOR reversed; kg makes no FEATURE-OF and no PART-OF.
Published figures (PL-Marker 41.6, SciIE 39.3) are on SciERC's test split, held out here: dev is not test.
Domains: the abstracts tagger learnt SciERC's conventions, the journal tagger ScienceIE's; --domain auto routes
each text to one of them (kg does so on every input).
Interval: the 95 % percentile-bootstrap interval of each F1, the set's documents drawn with replacement
(seeded, so the same run prints the same interval). On 50 abstracts it is wide (Task about ±9 points):
two versions whose F1s differ by less than that are not told apart by this set alone.
The test splits are held out: report dev scores, tune on train only.
Graph (--graph DIR): duplicates are pairs among the --top entities with most papers whose labels differ only by
case, whose keys differ by an empty head ("BERT" / "BERT model") or only by plural, spacing or accents; a list
alias holds two defined terms ("Sentiment Analysis (SA), Named Entity Recognition (NER)"); trace recall is the
share of the papers a whole-word, any-case search of the abstracts finds that kg trace finds, per name of
pipeline/eval/trace-names.json.
Aliases with --graph: each form gets the most frequent key among the snapshot's mentions written exactly so, else
among those written so up to case, else its canonical key; generic mentions ("this method") are not counted.`,
    )
    .action(async (options: EvalOptions) => {
      if (options.aliases === undefined) {
        if (options.graph !== undefined) {
          await evalGraph(options.graph, options);
          return;
        }
        if (options.fixture !== undefined)
          throw new UsageError(`--fixture goes with --aliases or --graph, got --fixture "${options.fixture}"`);
      } else if (options.graph !== undefined) {
        if (typeof options.aliases === 'string')
          throw new UsageError(
            `--aliases takes no seeds folder with --graph (the keys come from the snapshot), got "${options.aliases}"`,
          );
        await evalGraphAliases(options.graph, options);
        return;
      } else {
        await evalAliases(typeof options.aliases === 'string' ? options.aliases : 'seeds', options);
        return;
      }
      const set = loadGoldSet(options.set, options.data);
      const progress =
        options.quiet || options.json || !process.stderr.isTTY
          ? undefined
          : (done: number, total: number) => process.stderr.write(`\rextracting ${done}/${total}`);
      const routed: Record<Domain, number> = { abstracts: 0, journal: 0 };
      const extractor = createExtractor({ models: loadModels(), domain: options.domain });
      const report = evaluate(
        set,
        (input) => {
          routed[extractor.domainOf(input.text)]++;
          return extractor.extract(input);
        },
        progress,
        { samples: options.bootstrap },
      );
      if (progress) process.stderr.write('\n');
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ extractor: EXTRACTOR_VERSION, domain: options.domain, routed, ...report }, null, 2)}\n`
          : formatReport(
              report,
              SCHEME_LABELS[set.scheme],
              `${options.domain === 'auto' ? 'routed' : `--domain ${options.domain}`}: ${routed.abstracts} to the abstracts tagger, ${routed.journal} to the journal tagger`,
            ),
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
  rows.push(
    row('strict, all types', s.strict, undefined, ci?.strict),
    row('untyped spans', s.untyped, undefined, ci?.untyped),
  );
  if (s.relation !== undefined) rows.push(row('USED-FOR relations', s.relation, undefined, ci?.relation));
  if (s.relationNamed !== undefined)
    rows.push(row('USED-FOR, named ends', s.relationNamed, undefined, ci?.relationNamed));
  const columns = [
    'type',
    'gold',
    'predicted',
    'correct',
    'P',
    'R',
    'F1',
    ...(ci === undefined ? [] : ['95% interval']),
    'overlap F1',
  ];
  return `${report.set}: ${report.docs} documents, extractor ${EXTRACTOR_VERSION}, ${report.rate.toFixed(0)} abstracts/s\n${domains === '' ? '' : `${domains}\n`}\n${formatTable(columns, rows)}\nstrict typed micro-F1: ${pct(s.strict.f1)}\n${formatRelations(report)}`;
}

/** Published end-to-end relation F1 on SciERC (all seven types, strict), on its test split: not dev, held out here. */
const PUBLISHED_RELATIONS = 'published, SciERC test (held out here): PL-Marker 41.6, SciIE 39.3 (all types)';

/** The relation table: all SciERC types together and each, spans and label exact, direction kept but for the symmetric ones. */
function formatRelations(report: EvalReport): string {
  const s = report.scores;
  if (s.relations === undefined || s.relationByType === undefined) return '';
  const rows = Object.entries(s.relationByType).map(([l, p]) => ({
    ...row(l, p),
    'kg type': KG_RELATION[l] ?? 'none (kg cannot produce it)',
  }));
  rows.push({ ...row('all seven types', s.relations, undefined, report.intervals?.relations), 'kg type': '' });
  const columns = [
    'type',
    'gold',
    'predicted',
    'correct',
    'P',
    'R',
    'F1',
    ...(report.intervals === undefined ? [] : ['95% interval']),
    'kg type',
  ];
  return `\nrelations (both spans and the type exact; direction too but for COMPARE and CONJUNCTION):\n${formatTable(columns, rows)}\nrelation F1, all types: ${pct(s.relations.f1)} (${PUBLISHED_RELATIONS})\n`;
}

/** Which kg relation type `kg eval` reads as each SciERC label. */
const KG_RELATION: Record<string, string> = {
  'USED-FOR': 'USED_FOR',
  'HYPONYM-OF': 'HYPONYM_OF',
  'PART-OF': 'PART_OF (no rule makes it)',
  COMPARE: 'COMPARE',
  CONJUNCTION: 'CONJUNCTION',
  'EVALUATE-FOR': 'EVALUATED_ON, reversed',
};

const SEED_FIXTURE = 'pipeline/eval/aliases.json';
const ACL_FIXTURE = 'pipeline/eval/aliases-acl.json';

/** The fixture `--fixture` names, or the shipped one for the mode; a missing or malformed file is a usage error. */
async function loadFixture(
  file: string | undefined,
  graph: boolean,
): Promise<{ fixture: string; pairs: readonly AliasPair[] }> {
  if (file === undefined)
    return graph ? { fixture: ACL_FIXTURE, pairs: ACL_ALIAS_PAIRS } : { fixture: SEED_FIXTURE, pairs: ALIAS_PAIRS };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`${file}: not found; pass --fixture FILE with an alias fixture`, {
        code: 'KG_FIXTURE_MISSING',
        cause,
      });
    throw new UsageError(`cannot read ${file}: ${(cause as Error).message}`, { code: 'KG_FIXTURE_MISSING', cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`${file}: not valid JSON`, { code: 'KG_FIXTURE_INVALID', cause });
  }
  return { fixture: file, pairs: parseAliasFixture(data, file) };
}

async function evalAliases(seeds: string, options: EvalOptions): Promise<void> {
  const { fixture, pairs } = await loadFixture(options.fixture, false);
  const { files, rejections } = await readSources([seeds]);
  if (files.length === 0)
    throw new UsageError(
      `${seeds}: no files to read (${rejections[0]?.reason ?? 'empty'}); pass --aliases DIR with the seed abstracts`,
    );
  const { papers } = ingest(files);
  const texts = new Map(papers.map((p) => [p.id, `${p.title}\n${p.abstract}`]));
  const extractor = createExtractor({ models: loadModels() });
  const report = evaluateCorpusAliases(
    pairs,
    papers.map((p) => extractor.extract({ id: p.id, title: p.title, abstract: p.abstract })),
    (id) => texts.get(id),
  );
  if (options.json) {
    process.stdout.write(
      `${jsonForTerminal({ extractor: EXTRACTOR_VERSION, fixture, papers: papers.length, ...report, categories: aliasCategories(report) }, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    linesForTerminal(formatAliasReport(report, `from ${fixture}, keys from ${papers.length} papers of ${seeds}`)),
  );
}

/** `kg eval --aliases --graph DIR`: the fixture scored on the keys a built snapshot gives its mentions, papers.jsonl streamed. */
async function evalGraphAliases(dir: string, options: EvalOptions): Promise<void> {
  const { fixture, pairs } = await loadFixture(options.fixture, true);
  const tally = createAliasTally(pairs);
  const progress = !options.quiet && !options.json && process.stderr.isTTY;
  let papers = 0;
  for await (const record of readSnapshotPapers(dir)) {
    tally.add(record.mentions);
    papers++;
    if (progress && papers % 1000 === 0) process.stderr.write(`\rreading ${forTerminal(dir)}: ${papers} papers`);
  }
  if (progress) process.stderr.write('\n');
  const report = tally.report();
  if (options.json) {
    process.stdout.write(
      `${jsonForTerminal({ fixture, graph: dir, papers, mentions: tally.mentions, ...report, categories: aliasCategories(report) }, 2)}\n`,
    );
    return;
  }
  process.stdout.write(
    linesForTerminal(
      formatAliasReport(
        report,
        `from ${fixture}, keys from ${papers} papers of the snapshot in ${dir} (${tally.mentions} mentions of the fixture's forms)`,
      ),
    ),
  );
}

/** `kg eval --graph DIR`: the graph as a researcher meets it (see the command's help). */
async function evalGraph(dir: string, options: EvalOptions): Promise<void> {
  const { fixture, pairs } = await loadFixture(options.fixture, true);
  const { graph } = await loadSnapshot(dir);
  const records = await loadSnapshotPapers(dir);
  const tally = createAliasTally(pairs);
  for (const r of records.values()) tally.add(r.mentions);
  const aliases = tally.report();
  const top = topEntities(graph, options.top);
  const duplicates = duplicatePairs(top);
  const twins = duplicatePairs(topEntities(graph, Number.MAX_SAFE_INTEGER, (e) => e.paperCount >= 2)).filter(
    (d) => d.why === 'case',
  );
  const lists = listAliases(topEntities(graph, Number.MAX_SAFE_INTEGER));
  const traces = await traceRecall(snapshotTraceSource(graph, records), records.values(), TRACE_NAMES);
  // The default ranking: umbrella terms hidden, most papers first; each judged by key, else by label.
  const shown = topEntities(
    graph,
    options.top,
    (e) => (e.specificity ?? 1) >= DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow,
  );
  const byKey = new Map(JUDGED_TERMS.map((j) => [j.key, j.judgement]));
  const byLabel = new Map(JUDGED_TERMS.map((j) => [j.label.toLowerCase(), j.judgement]));
  const verdicts = shown.map((e) => ({
    key: e.key,
    label: e.label,
    judgement: byKey.get(e.key) ?? byLabel.get(e.label.toLowerCase()),
  }));
  const judged = verdicts.filter((v) => v.judgement !== undefined);
  const specificShare = judged.filter((v) => v.judgement === 'specific').length / Math.max(1, judged.length);
  const mean = (xs: readonly TraceRecall[]): number => xs.reduce((a, t) => a + t.recall, 0) / Math.max(1, xs.length);
  const report = {
    graph: dir,
    papers: records.size,
    top: options.top,
    duplicates,
    caseTwins: twins,
    listAliases: lists,
    trace: traces,
    traceRecall: mean(traces),
    aliases: {
      fixture,
      pairs: aliases.pairs,
      precision: aliases.precision,
      recall: aliases.recall,
      wrong: aliases.outcomes.filter((o) => o.merged !== o.same),
    },
    specificity: {
      shown: shown.length,
      judged: judged.length,
      specific: specificShare,
      notSpecific: judged.filter((v) => v.judgement !== 'specific').map((v) => v.label),
      unjudged: verdicts.filter((v) => v.judgement === undefined).map((v) => ({ key: v.key, label: v.label })),
    },
  };
  if (options.json) return void process.stdout.write(`${jsonForTerminal(report, 2)}\n`);
  const label = (key: string): string => {
    const node = `entity:${key}`;
    const a = graph.hasNode(node) ? graph.getNodeAttributes(node) : undefined;
    return a !== undefined && a.kind !== 'paper' ? a.label : key;
  };
  const lines = [
    `${dir}: ${records.size} papers`,
    `duplicates among the ${options.top} entities with most papers: ${duplicates.length}${duplicates.map((d) => `\n  ${d.why}: "${label(d.a)}" / "${label(d.b)}"`).join('')}`,
    `labels that differ only by case (entities in 2+ papers): ${twins.length}`,
    `aliases that are lists of defined terms: ${lists.length}${lists
      .slice(0, 20)
      .map((l) => `\n  ${label(l.key)}: "${l.alias}"`)
      .join('')}`,
    `alias fixture (${fixture}): pair precision ${pct(aliases.precision)}, recall ${pct(aliases.recall)} (kg eval --aliases --graph ${dir} lists the pairs)`,
    `specific terms among the first ${shown.length} shown (umbrella terms hidden): ${pct(specificShare)} of the ${judged.length} judged (pipeline/eval/specificity-acl.json)${
      report.specificity.unjudged.length > 0
        ? `; not judged: ${report.specificity.unjudged.map((u) => u.label).join(', ')}`
        : ''
    }`,
    '',
    formatTable(
      ['name', 'entity', 'searched', 'traced', 'recall'],
      traces.map((t) => ({
        name: t.name,
        entity: t.error ?? t.label ?? '-',
        searched: String(t.searched),
        traced: String(t.traced),
        recall: pct(t.recall),
      })),
    ),
    `trace recall, mean over ${traces.length} names: ${pct(report.traceRecall)}`,
  ];
  // Labels and aliases come from the snapshot: controls in them are shown escaped.
  process.stdout.write(`${linesForTerminal(lines.join('\n'))}\n`);
}

const MATCH_NOTE: Record<AliasMatch, string> = {
  exact: '',
  case: ' (by case)',
  canonical: ' (not a mention: as its canonical form)',
  unseen: ' (not a mention: canonical key)',
};

/** The alias report as `kg eval --aliases` prints it: scores, per-category counts when the fixture has categories, the wrong pairs. */
export function formatAliasReport(report: AliasReport, where: string): string {
  const must = report.outcomes.filter((o) => o.same).length;
  const lines = [
    `alias pairs: ${report.pairs} (${must} must share a key, ${report.pairs - must} must not) ${where}`,
    `pair precision ${pct(report.precision)}  recall ${pct(report.recall)}  (${report.truePositives} merged rightly, ${report.falsePositives} wrongly, ${report.falseNegatives} missed)`,
  ];
  const categories = aliasCategories(report);
  if (categories.some((c) => c.category !== '-')) {
    const rows = categories.map((c) => ({
      category: c.category,
      same: c.same === undefined ? 'mixed' : String(c.same),
      pairs: c.pairs,
      right: c.right,
      'merged wrongly': c.wronglyMerged,
      missed: c.missed,
    }));
    lines.push('', formatTable(['category', 'same', 'pairs', 'right', 'merged wrongly', 'missed'], rows).trimEnd());
  }
  const wrong = report.outcomes.filter((o) => o.merged !== o.same);
  if (wrong.length > 0) {
    lines.push('', 'wrong:');
    for (const o of wrong) {
      const kind = `${o.same ? 'missed' : 'merged'}${o.category === undefined ? '' : ` [${o.category}]`}`;
      lines.push(
        `  ${kind}: "${o.a}" → ${o.keyA}${MATCH_NOTE[o.matchA]}   "${o.b}" → ${o.keyB}${MATCH_NOTE[o.matchB]}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
