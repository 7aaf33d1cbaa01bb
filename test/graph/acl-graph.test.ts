// The ACL graph as a researcher meets it (issue "one node per concept"): the whole ACL Anthology corpus built by kg run,
// then kg eval --graph, kg trace and kg trends on it. Slow (the corpus is extracted once, about two minutes on two cores).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../utils/papers.js';
import { runKg, tempDir } from '../utils/cli.js';

const DATA = process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
const CORPUS = path.join(DATA, 'corpus', 'acl-anthology.jsonl');
/** The names the acceptance traces. */
const FAMOUS = ['BERT', 'BLEU', 'ELMo', 'SQuAD', 'LSTM', 'CRF', 'SVM', 'word2vec', 'GloVe', 'BiLSTM'];

interface GraphReport {
  duplicates: { a: string; b: string; why: string }[];
  caseTwins: unknown[];
  listAliases: { key: string; alias: string }[];
  trace: { name: string; label?: string; error?: string; searched: number; traced: number; recall: number }[];
  aliases: { pairs: number; precision: number; recall: number };
  specificity: { shown: number; judged: number; specific: number };
}

const out = tempDir('acl');
let report: GraphReport;

beforeAll(async () => {
  if (!existsSync(CORPUS))
    throw new Error(`${CORPUS}: not found; put the eval-data folder beside the project or set KG_EVAL_DATA`);
  const run = await runKg(['run', CORPUS, '--inline', '--quiet', '--out', out.dir]);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  const evaluated = await runKg(['eval', '--graph', out.dir, '--json']);
  expect(evaluated.code, evaluated.stderr).toBe(0);
  report = JSON.parse(evaluated.stdout) as GraphReport;
  // A bound against a hang, not a speed target: the whole ACL build took over 15 min on a shared, loaded host.
}, 1_800_000);
afterAll(() => out.cleanup());

describe('the ACL graph: one node per concept', () => {
  it('has no two entities in 2+ papers whose labels differ only by case', () => {
    expect(report.caseTwins).toEqual([]);
  });

  it('has no alias that is a list of two or more defined terms', () => {
    expect(report.listAliases).toEqual([]);
  });

  it('merges what the ACL alias fixture says is one thing, and nothing else (pair precision >= 0.97, recall >= 0.90)', () => {
    expect(report.aliases.pairs).toBeGreaterThanOrEqual(200);
    expect(report.aliases.precision).toBeGreaterThanOrEqual(0.97);
    expect(report.aliases.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('traces each famous name to its main node, finding >= 85 % of the papers a whole-word search finds (none under 70 %)', () => {
    const rows = report.trace.filter((t) => FAMOUS.includes(t.name));
    expect(rows.map((t) => t.name)).toEqual(FAMOUS);
    for (const t of rows) {
      expect(t.error, t.name).toBeUndefined();
      expect(t.recall, t.name).toBeGreaterThanOrEqual(0.7);
    }
    expect(rows.reduce((a, t) => a + t.recall, 0) / rows.length).toBeGreaterThanOrEqual(0.85);
  });

  it('shows at least 85 % specific terms among the first 300 of the default ranking (umbrella terms hidden), judged by hand', () => {
    expect(report.specificity.shown).toBe(300);
    expect(report.specificity.judged).toBeGreaterThanOrEqual(280);
    expect(report.specificity.specific).toBeGreaterThanOrEqual(0.85);
  });

  it('answers kg trace BERT with the node of BERT (exit 0), listing other matches beneath', async () => {
    const t = await runKg(['trace', 'BERT', '--graph', out.dir, '--format', 'json']);
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse(t.stdout) as { entity: { label: string; aliases: string[] }; papers: unknown[] };
    expect(json.entity.label).toBe('BERT');
    expect(json.papers.length).toBeGreaterThan(1500);
  });
});

describe('the ACL graph: trends (issue 30)', () => {
  it('kg trends --kind method --since 2015: BERT and Transformer rise, SMT fades, BERT bursts from 2019 or 2020', async () => {
    const t = await runKg(['trends', '--graph', out.dir, '--kind', 'method', '--since', '2015', '--format', 'json']);
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse(t.stdout) as {
      period: [number, number];
      rising: { label: string }[];
      declining: { label: string }[];
      bursts: { label: string; start: number; end: number }[];
    };
    expect(json.period).toEqual([2015, 2021]);
    const rising = json.rising.map((e) => e.label);
    expect(rising).toEqual(expect.arrayContaining(['BERT', 'Transformer']));
    expect(
      json.declining.map((e) => e.label).some((l) => /\bSMT\b|statistical machine translation|phrase-based/i.test(l)),
    ).toBe(true);
    const bert = json.bursts.find((b) => b.label === 'BERT');
    expect(bert?.start).toBeGreaterThanOrEqual(2018);
    expect(bert?.start).toBeLessThanOrEqual(2021);
  });

  it('kg trace BERT ELMo word2vec --compare gives the three shares for 2013-2021', async () => {
    const t = await runKg([
      'trace',
      'BERT',
      'ELMo',
      'word2vec',
      '--compare',
      '--since',
      '2013',
      '--graph',
      out.dir,
      '--format',
      'json',
    ]);
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse(t.stdout) as { years: { year: number; shares: number[] }[] };
    expect(json.years.map((y) => y.year)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021]);
    const y2020 = json.years.find((y) => y.year === 2020)!;
    // In 2020 BERT is in far more of the papers than ELMo or word2vec.
    expect(y2020.shares[0]).toBeGreaterThan(5 * Math.max(y2020.shares[1]!, y2020.shares[2]!));
  });
});

describe('the ACL graph: task pages (issue 31)', () => {
  interface Row {
    label: string;
  }
  interface TaskJson {
    task: { key: string; label: string };
    methods: Row[];
    datasets: Row[];
    metrics: Row[];
    results: { metric: string; value: number; sentence: string }[];
  }
  const task = async (name: string): Promise<TaskJson> => {
    const t = await runKg(['task', name, '--graph', out.dir, '--top', '10', '--format', 'json']);
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse(t.stdout) as TaskJson;
    // Each page has at least 10 results rows, each with the sentence it was read from.
    expect(json.results.length, name).toBeGreaterThanOrEqual(10);
    for (const r of json.results) expect(r.sentence.length, name).toBeGreaterThan(10);
    return json;
  };
  const labels = (rows: Row[], n: number): string[] => rows.slice(0, n).map((r) => r.label);

  it('named entity recognition: CoNLL-2003 and OntoNotes among its top 10 datasets, F1 among its top 3 metrics', async () => {
    const ner = await task('named entity recognition');
    expect(
      labels(ner.datasets, 10).some((l) => /conll[- ]?2003/i.test(l)),
      labels(ner.datasets, 10).join(', '),
    ).toBe(true);
    expect(
      labels(ner.datasets, 10).some((l) => /ontonotes/i.test(l)),
      labels(ner.datasets, 10).join(', '),
    ).toBe(true);
    expect(
      labels(ner.metrics, 3).some((l) => /\bF1\b/i.test(l)),
      labels(ner.metrics, 3).join(', '),
    ).toBe(true);
  });

  it('machine translation: BLEU first among metrics, WMT data among the top 10 datasets', async () => {
    const mt = await task('machine translation');
    expect(mt.metrics[0]?.label).toMatch(/^BLEU$/i);
    expect(
      labels(mt.datasets, 10).some((l) => /\bWMT/i.test(l)),
      labels(mt.datasets, 10).join(', '),
    ).toBe(true);
  });

  it('question answering: SQuAD among the top 5 datasets', async () => {
    const qa = await task('question answering');
    expect(
      labels(qa.datasets, 5).some((l) => /squad/i.test(l)),
      labels(qa.datasets, 5).join(', '),
    ).toBe(true);
  });

  it('dependency parsing: UAS or LAS among the top 3 metrics', async () => {
    const dp = await task('dependency parsing');
    expect(
      labels(dp.metrics, 3).some((l) => /^(UAS|LAS)$/i.test(l)),
      labels(dp.metrics, 3).join(', '),
    ).toBe(true);
  });
});
