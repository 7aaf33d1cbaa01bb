// Extraction quality on the gold sets in ../shared/eval-data (issue #6). These need the eval-data folder beside the
// project (see README, Development); without it they fail with the path they looked for.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIAS_PAIRS, evaluate, evaluateCorpusAliases, loadGoldSet } from '../../pipeline/eval/index.js';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import { ROOT, seedPapers } from '../utils/papers.js';

const DATA = process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
const models = loadModels();
const { extract, domainOf } = createExtractor({ models });

describe('kg eval on SciERC dev', () => {
  const report = evaluate(loadGoldSet('scierc-dev', DATA), extract);
  const s = report.scores;

  it('meets the strict typed micro-F1 target (0.55) and the Method and Task targets (0.55)', () => {
    expect(report.docs).toBe(50);
    expect(s.strict.gold).toBe(811);
    expect(s.strict.f1).toBeGreaterThanOrEqual(0.55);
    expect(s.byType.Method!.f1).toBeGreaterThanOrEqual(0.55);
    // Narrowly (55.5; other training seeds give 52.2-55.6 on dev, see docs/experiments.md): a change that lowers it must say so.
    expect(s.byType.Task!.f1).toBeGreaterThanOrEqual(0.55);
  });

  it('gives each F1 a bootstrap interval around it (wide on 50 abstracts: Task about ±9 points)', () => {
    const ci = report.intervals!;
    for (const [f1, interval] of [
      [s.strict.f1, ci.strict],
      [s.byType.Task!.f1, ci.byType.Task!],
      [s.untyped.f1, ci.untyped],
      [s.relation!.f1, ci.relation!],
      [s.relationNamed!.f1, ci.relationNamed!],
    ] as const) {
      expect(interval.low).toBeLessThan(f1);
      expect(interval.high).toBeGreaterThan(f1);
    }
    expect(ci.byType.Task!.high - ci.byType.Task!.low).toBeGreaterThan(ci.strict.high - ci.strict.low);
  });

  it('scores USED-FOR (25.5 F1 with the pair classifier reading generic mentions, 8.3 with the patterns alone), and apart the pairs of named mentions the graph keeps', () => {
    expect(s.relation!.gold).toBe(214);
    expect(s.relation!.f1).toBeGreaterThanOrEqual(0.23);
    expect(s.relation!.precision).toBeGreaterThanOrEqual(0.28);
    // 138 of the 214 gold pairs have no Generic end; kg's named pairs score 24.2 F1.
    expect(s.relationNamed!.gold).toBe(138);
    expect(s.relationNamed!.f1).toBeGreaterThanOrEqual(0.22);
  });

  it('scores exactly what the extractor emits: every correct prediction is a gold span', () => {
    const set = loadGoldSet('scierc-dev', DATA);
    const doc = set.docs[0]!;
    const mentions = extract({ id: doc.id, text: doc.text }).mentions;
    for (const m of mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('kg eval on ScienceIE dev (out of domain)', () => {
  it('meets the untyped span F1 target (0.50) with the journal tagger', () => {
    const s = evaluate(loadGoldSet('scienceie-dev', DATA), extract).scores;
    expect(s.untyped.gold).toBe(1057);
    expect(s.untyped.f1).toBeGreaterThanOrEqual(0.5);
    expect(s.relation).toBeUndefined();
  });

  it('routes most journal paragraphs to the journal tagger, which beats the abstracts tagger there', () => {
    const set = loadGoldSet('scienceie-dev', DATA);
    const journal = set.docs.filter((d) => domainOf(d.text) === 'journal').length;
    expect(journal / set.docs.length).toBeGreaterThan(0.8);
    const forced = evaluate(set, createExtractor({ models, domain: 'abstracts' }).extract).scores;
    expect(forced.untyped.f1).toBeLessThan(evaluate(set, extract).scores.untyped.f1 - 0.05);
  });
});

describe('entity resolution on the alias fixture', () => {
  it('has at least 60 pairs and meets pair precision >= 0.95 and recall >= 0.85 on the seeds', () => {
    expect(ALIAS_PAIRS.length).toBeGreaterThanOrEqual(60);
    const papers = seedPapers();
    const texts = new Map(papers.map((p) => [p.id, `${p.title}\n${p.abstract}`]));
    const report = evaluateCorpusAliases(
      ALIAS_PAIRS,
      papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract })),
      (id) => texts.get(id),
    );
    expect(report.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('kg eval (CLI)', () => {
  const kg = path.join(ROOT, 'dist', 'cli', 'kg.js');
  it('prints JSON scores with --json, and names the missing file for a wrong --data', () => {
    const out = JSON.parse(
      execFileSync(process.execPath, [kg, 'eval', '--set', 'scierc-dev', '--data', DATA, '--json'], {
        encoding: 'utf8',
      }),
    );
    expect(out.scores.strict.f1).toBeGreaterThanOrEqual(0.55);
    expect(Object.keys(out.scores.byType)).toEqual([
      'Method',
      'Task',
      'Material',
      'Metric',
      'OtherScientificTerm',
      'Generic',
    ]);
    let stderr = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [kg, 'eval', '--data', '/nonexistent/eval-data'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      stderr = String((error as { stderr: string }).stderr);
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
    expect(stderr).toContain('/nonexistent/eval-data/scierc/derived/dev.text.jsonl: not found');
  });
});
