import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyser, createExtractor } from '../../pipeline/extract/extract.js';
import { Emissions, sequenceFeatures, shape } from '../../pipeline/extract/tagger/features.js';
import { loadModels } from '../../pipeline/extract/load-models.js';
import { LABELS } from '../../pipeline/extract/tagger/perceptron.js';
import { ROOT, seedPapers } from '../utils/papers.js';
import { loadGoldSet } from '../../pipeline/eval/gold.js';
import { SCIERC_TYPES, crossValidate, crossValidateJournal } from '../../pipeline/train/index.js';
import { RELATION_DEFAULTS, crossValidateRelations } from '../../pipeline/train/relations.js';

const evalData = (): string => process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
const models = loadModels();
const { extract, analyse, domainOf } = createExtractor({ models });
const { wordClasses, wordVectors } = models;

describe('the tagger', () => {
  it('reads word shapes of ASCII and of other scripts alike', () => {
    expect(['BERT', 'GPT-4', 'word2vec', 'Transformer', 'F1-score', "n't"].map(shape)).toEqual([
      'X',
      'X-d',
      'xdx',
      'Xx',
      'Xd-x',
      "x'x",
    ]);
    // Letters and digits outside ASCII by their Unicode class: "Å" upper, "ï" and Greek lower, Arabic-Indic digits.
    expect(['Ångström', 'naïve', 'αβγ', 'Ω', '٣٤', '—'].map(shape)).toEqual(['Xx', 'x', 'x', 'X', 'd', '—']);
  });

  it("reads where a token's sentence stands in the body, after a title line when there is one", () => {
    const places = (text: string): string[] => {
      const { ctx, ruleMentions } = analyse(text);
      return sequenceFeatures(ctx, ruleMentions, wordClasses).map(
        (f, i) => `${ctx.tokens[i]!.text}:${f.find((x) => x.startsWith('sp='))!.slice(3)}`,
      );
    };
    const body = 'We study parsing. It is hard. We propose a parser. It wins.';
    expect(places(body)).toEqual([
      ...['We', 'study', 'parsing'].map((w) => `${w}:first`),
      ...['It', 'is', 'hard'].map((w) => `${w}:second`),
      ...['We', 'propose', 'a', 'parser'].map((w) => `${w}:middle`),
      ...['It', 'wins'].map((w) => `${w}:last`),
    ]);
    // kg reads a paper as title + "\n" + abstract; SciERC's abstracts, which the tagger learnt from, have no title.
    expect(places(`Fast parsing\n${body}`)).toEqual(['Fast:title', 'parsing:title', ...places(body)]);
    // A first line of several sentences is no title: the body's first paragraph.
    expect(places(body.replace('hard. ', 'hard.\n'))).toEqual(places(body));
  });

  it.each(['abstracts', 'journal'] as const)(
    'sums the same %s weights through its caches as the feature strings training reads',
    (domain) => {
      const tagger = models.tagger!(domain);
      const emissions = new Emissions(LABELS.length, tagger.lookup, tagger.featureNames(), wordClasses);
      for (const paper of seedPapers().slice(0, 40)) {
        const { ctx, ruleMentions } = analyse(`${paper.title}\n${paper.abstract}`);
        const fast = emissions.compute(ctx, ruleMentions);
        const slow = sequenceFeatures(ctx, ruleMentions, wordClasses).map((feats) => {
          const s = new Float64Array(LABELS.length);
          for (const f of feats) tagger.lookup(f, s);
          return s;
        });
        const L = LABELS.length;
        expect(fast.length).toBe(slow.length * L);
        fast.forEach((x, k) => expect(x).toBeCloseTo(slow[Math.floor(k / L)]![k % L]!, 6));
      }
    },
  );

  it('kg train reproduces the shipped weights, window network, pair classifier, router, word classes and vectors byte for byte', () => {
    const data = evalData();
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, 'dist', 'cli', 'kg.js'), 'train', '--check', '--data', data],
      { encoding: 'utf8', stdio: 'pipe' },
    );
    for (const file of [
      'word-classes.json',
      'word-vectors.json',
      'model.json',
      'network.json',
      'model-journal.json',
      'relations.json',
      'domain.json',
    ])
      expect(out).toMatch(new RegExp(`${file}: identical to a fresh training run`));
  }, 900_000);

  it('cross-validates both taggers on slices of their train sets (the scores model choices are made by)', () => {
    const scierc = loadGoldSet('scierc-train', evalData()).docs.slice(0, 24);
    const scienceie = loadGoldSet('scienceie-train', evalData()).docs.slice(0, 12);
    const shipped = { analyser: createAnalyser(), wordClasses, wordVectors };
    const folds = crossValidate(scierc, 2, { epochs: 3, seed: 1, runs: 1 }, shipped);
    expect(folds).toHaveLength(2);
    // Even 12 abstracts and 3 epochs learn something, and nothing scores perfectly.
    for (const f1 of folds) {
      expect(f1).toBeGreaterThan(0.2);
      expect(f1).toBeLessThan(0.9);
    }
    const journal = crossValidateJournal(scierc, scienceie, 3, { epochs: 2, seed: 1, biases: [0, -40] }, shipped);
    expect([...journal.keys()]).toEqual([0, -40]);
    for (const f1s of journal.values()) {
      expect(f1s).toHaveLength(3);
      for (const f1 of f1s) {
        expect(f1).toBeGreaterThan(0.1);
        expect(f1).toBeLessThan(0.9);
      }
    }
    // The bias moves the scores: the folds are scored by two different decoders.
    expect(journal.get(-40)).not.toEqual(journal.get(0));
    // Deterministic: the same folds and seed give the same scores.
    expect(crossValidate(scierc, 2, { epochs: 3, seed: 1, runs: 1 }, shipped)).toEqual(folds);
    // The CRF learner (--learner crf) runs through the same folds and features.
    const crf = crossValidate(scierc, 2, { epochs: 3, seed: 1, runs: 1, learner: 'crf', crfEpochs: 3 }, shipped);
    expect(crf).toHaveLength(2);
    for (const f1 of crf) {
      expect(f1).toBeGreaterThan(0.2);
      expect(f1).toBeLessThan(0.9);
    }
    expect(crf).not.toEqual(folds);
  }, 300_000);
});

describe('the USED_FOR pair classifier', () => {
  it("finds more of SciERC train's USED-FOR pairs than the patterns alone in cross-validation on gold mentions", () => {
    const docs = loadGoldSet('scierc-train', evalData()).docs.slice(0, 120);
    const analyser = createAnalyser();
    const r = crossValidateRelations(docs, SCIERC_TYPES, 3, RELATION_DEFAULTS, analyser);
    expect(r.patterns.gold).toBe(r.learnt.gold);
    expect(r.patterns.gold).toBeGreaterThan(300);
    // The patterns are precise and rare; the classifier, trained on the other folds, recalls far more at a
    // precision still above one half.
    expect(r.learnt.recall).toBeGreaterThan(2 * r.patterns.recall);
    expect(r.learnt.f1).toBeGreaterThan(r.patterns.f1 + 0.1);
    expect(r.learnt.precision).toBeGreaterThan(0.45);
    // Of those, the pairs of two named mentions (the graph's): fewer gold pairs, scored about as well.
    const named = r['learnt, named ends'];
    expect(named.gold).toBeGreaterThan(0.5 * r.learnt.gold);
    expect(named.gold).toBeLessThan(r.learnt.gold);
    expect(named.f1).toBeGreaterThan(r.patterns.f1 + 0.1);
    expect(crossValidateRelations(docs, SCIERC_TYPES, 3, RELATION_DEFAULTS, analyser)).toEqual(r);
  }, 120_000);
});

describe('the domain router', () => {
  it('sends ACL-style abstracts to the abstracts tagger and journal paragraphs in physics and materials to the journal tagger', () => {
    const router = models.router;
    const abstracts = seedPapers().map((p) => `${p.title}\n${p.abstract}`);
    const routed = abstracts.filter((t) => router.route(t) === 'abstracts').length;
    expect(routed / abstracts.length).toBeGreaterThan(0.9);
    // Written for this test, in the style of ScienceIE's journal paragraphs (not taken from any gold file).
    const physics =
      'The samples were annealed at 900 K in an argon atmosphere and the oxide layer was characterised by X-ray diffraction. ' +
      'Grain boundaries in the steel act as sinks for vacancies, and the hydrogen concentration near the surface increases with the applied stress.';
    expect(router.route(physics)).toBe('journal');
    expect(router.route('')).toBe('abstracts');
    expect(domainOf(physics)).toBe('journal');
    expect(createExtractor({ models, domain: 'abstracts' }).domainOf(physics)).toBe('abstracts');
  });

  it('extracts with the tagger of the routed domain, and with the one asked for', () => {
    const physics =
      'The alloy was quenched in water and the precipitates were observed by transmission electron microscopy.';
    const auto = extract({ id: 'p', text: physics });
    expect(auto).toEqual(createExtractor({ models, domain: 'journal' }).extract({ id: 'p', text: physics }));
    // Models whose tagger source gives the journal tagger for every domain.
    const journalOnly = createExtractor({ models: { ...models, tagger: () => models.tagger!('journal') } });
    expect(auto).toEqual(journalOnly.extract({ id: 'p', text: physics }));
  });
});
