import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../utils/papers.js';
import {
  LABELS,
  Tagger,
  labelIndex,
  mayFollow,
  spansOf,
  type TaggerFile,
} from '../../pipeline/extract/tagger/perceptron.js';
import { mixTaggers, train, type TrainingSequence } from '../../pipeline/train/perceptron.js';
import { CRF_DEFAULTS, trainCrf } from '../../pipeline/train/crf.js';

// A toy language: "model" after a word makes a two-token method ("neural model"), "parsing" alone is a task, the
// rest is outside. The word before "model" is never seen twice, so the CRF has to learn B from the next word's
// feature and I from the transition.
function toy(n: number): TrainingSequence[] {
  const out: TrainingSequence[] = [];
  for (let i = 0; i < n; i++) {
    const words = ['we', `w${i}`, 'model', 'for', 'parsing', '.'];
    const gold = ['O', 'B-method', 'I-method', 'O', 'B-task', 'O'];
    out.push({
      features: words.map((w, k) => [`w=${w}`, `w+1=${words[k + 1] ?? '</s>'}`, 'b']),
      gold: gold.map(labelIndex),
    });
  }
  return out;
}

describe('the CRF learner (kg train --learner crf)', () => {
  const file = trainCrf(toy(20), { ...CRF_DEFAULTS, epochs: 10, averageFrom: 4, seed: 1 }, { data: 'toy' });

  it('learns the toy language, an unseen word included, in the tagger file format', () => {
    const tagger = new Tagger(file);
    const unseen = ['we', 'novel', 'model', 'for', 'parsing', '.'];
    const path = tagger.decode(unseen.map((w, k) => [`w=${w}`, `w+1=${unseen[k + 1] ?? '</s>'}`, 'b']));
    expect(spansOf(path)).toEqual([
      { first: 1, last: 3, type: 'method' },
      { first: 4, last: 5, type: 'task' },
    ]);
    expect(file).toMatchObject({ format: 'kg-tagger/1', labels: [...LABELS], trainedOn: { data: 'toy' } });
  });

  it('reports a finite log loss, leaving out (and counting) a sentence whose gold labels break the BIO order', () => {
    const broken: TrainingSequence = { features: [['w=model'], ['w=for']], gold: ['I-method', 'O'].map(labelIndex) };
    const seen: [number, number][] = [];
    const withBroken = trainCrf(
      [...toy(5), broken],
      { ...CRF_DEFAULTS, epochs: 2, seed: 1, onEpoch: (_, loss, forbidden) => seen.push([loss, forbidden]) },
      {},
    );
    expect(seen).toHaveLength(2);
    for (const [loss, forbidden] of seen) {
      expect(Number.isFinite(loss) && loss > 0).toBe(true);
      expect(forbidden).toBe(1);
    }
    const clean: number[] = [];
    trainCrf(toy(5), { ...CRF_DEFAULTS, epochs: 1, seed: 1, onEpoch: (_, __, forbidden) => clean.push(forbidden) }, {});
    expect(clean).toEqual([0]);
    expect(withBroken.format).toBe('kg-tagger/1');
  });

  it('gives no weight to transitions Viterbi never takes, and the same bytes for the same seed', () => {
    file.transitions.forEach((row, p) => row.forEach((w, c) => (mayFollow(p, c) ? undefined : expect(w).toBe(0))));
    const again = trainCrf(toy(20), { ...CRF_DEFAULTS, epochs: 10, averageFrom: 4, seed: 1 }, { data: 'toy' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(file));
    const other = trainCrf(toy(20), { ...CRF_DEFAULTS, epochs: 10, averageFrom: 4, seed: 2 }, { data: 'toy' });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(file));
  });

  it('is chosen by name, and a wrong name or option is a usage error without a stack', () => {
    for (const args of [
      ['--learner', 'svm'],
      ['--bogus'],
      ['--network-weight', 'much'],
      ['--networks', '0'],
      ['--network-hidden', '2.5'],
    ]) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'kg.js'), 'train', '--cv', '2', ...args], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /(--learner must be one of perceptron, crf, mix, got "svm"|unknown option '--bogus'|--network-weight must be a number ≥ 0, got "much"|--networks must be a whole number from 1 to 100, got "0"|--network-hidden must be a whole number from 1 to 100000, got "2.5")[^]*--help/,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the mix of perceptron and CRF (kg train --learner mix)', () => {
  const crf = trainCrf(toy(20), { ...CRF_DEFAULTS, epochs: 10, averageFrom: 4, seed: 1 }, {});
  const perceptron = train(toy(20), { epochs: 5, seed: 1 }, {});
  const weight = (file: TaggerFile, feature: string, label: string): number => {
    const flat = file.features[feature] ?? [];
    for (let k = 0; k < flat.length; k += 2) if (flat[k] === labelIndex(label)) return flat[k + 1] as number;
    return 0;
  };

  it('is one table: share 0 is the first tagger, a tagger mixed with itself is itself', () => {
    expect(mixTaggers(perceptron, crf, 0, {}).features).toEqual(perceptron.features);
    expect(mixTaggers(perceptron, crf, 0, {}).transitions).toEqual(perceptron.transitions);
    const self = mixTaggers(crf, crf, 0.5, { data: 'toy' });
    expect(self.features).toEqual(crf.features);
    expect(self).toMatchObject({ format: 'kg-tagger/1', labels: [...LABELS], trainedOn: { data: 'toy' } });
  });

  it("puts the CRF on the perceptron's scale before summing, and tags the toy language", () => {
    // The CRF's weights are a few units, the perceptron's tens: unscaled, the perceptron would decide alone.
    const alone = mixTaggers(perceptron, crf, 1, {});
    const ratio = weight(alone, 'w=parsing', 'B-task') / weight(crf, 'w=parsing', 'B-task');
    expect(ratio).toBeGreaterThan(1);
    expect(weight(alone, 'w=model', 'I-method') / weight(crf, 'w=model', 'I-method')).toBeCloseTo(ratio, 2);
    const half = mixTaggers(perceptron, crf, 0.5, {});
    expect(weight(half, 'w=parsing', 'B-task')).toBeCloseTo(
      (weight(perceptron, 'w=parsing', 'B-task') + weight(alone, 'w=parsing', 'B-task')) / 2,
      2,
    );
    const words = ['we', 'novel', 'model', 'for', 'parsing', '.'];
    const path = new Tagger(half).decode(words.map((w, k) => [`w=${w}`, `w+1=${words[k + 1] ?? '</s>'}`, 'b']));
    expect(spansOf(path)).toEqual([
      { first: 1, last: 3, type: 'method' },
      { first: 4, last: 5, type: 'task' },
    ]);
  });
});
