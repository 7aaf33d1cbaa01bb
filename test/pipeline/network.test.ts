import { describe, expect, it } from 'vitest';
import {
  VECTOR_DEFAULTS,
  encodeVector,
  jacobiEigenvectors,
  ppmiVectors,
  serialiseVectors,
} from '../../pipeline/train/vectors.js';
import {
  NETWORK_DEFAULTS,
  joinNetworks,
  logSoftmax,
  serialiseNetwork,
  trainNetwork,
} from '../../pipeline/train/network.js';
import { QUANTUM, WordVectors } from '../../pipeline/extract/tagger/vectors.js';
import { OUTSIDE, WindowNetwork, activate, blockSize, wordBlock } from '../../pipeline/extract/tagger/network.js';
import { LABELS, Tagger, labelIndex } from '../../pipeline/extract/tagger/perceptron.js';
import { train, type TrainingSequence } from '../../pipeline/train/perceptron.js';
import { loadModels } from '../../pipeline/extract/load-models.js';
import { TOY_SENTENCES } from '../fixtures/sentences.js';

/** The word-class tests' sentences and two more, so that every noun follows both "the" and "a". */
const SENTENCES = [...TOY_SENTENCES, ['the', 'segmenter', 'checks', 'it'], ['a', 'parser', 'reads', 'them']];

const cosine = (a: Float64Array, b: Float64Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('word vectors (positive PMI, randomized SVD)', () => {
  const options = { ...VECTOR_DEFAULTS, dims: 3, oversample: 3, minCount: 1, window: 1 };

  it('puts words that share their neighbours closer than words that do not', () => {
    const v = new WordVectors(ppmiVectors(SENTENCES, options, {}));
    const at = (w: string): Float64Array => v.of(w) as Float64Array;
    expect(cosine(at('parser'), at('tagger'))).toBeGreaterThan(cosine(at('parser'), at('reads')));
    expect(cosine(at('reads'), at('writes'))).toBeGreaterThan(cosine(at('reads'), at('segmenter')));
    // Unit vectors, up to the 8-bit steps they are kept in.
    expect(cosine(at('parser'), at('parser'))).toBeCloseTo(1, 1);
    expect(v.of('unseen')).toBeUndefined();
  });

  it('is deterministic, and keeps components in 8-bit steps', () => {
    const a = serialiseVectors(ppmiVectors(SENTENCES, options, { data: 'test' }));
    expect(serialiseVectors(ppmiVectors(SENTENCES, options, { data: 'test' }))).toBe(a);
    const back = new WordVectors({
      format: 'kg-word-vectors/1',
      trainedOn: {},
      dims: 4,
      words: { x: encodeVector([0.25, -0.25, 1, -1]) },
    }).of('x');
    expect(Array.from(back as Float64Array)).toEqual([32 / QUANTUM, -32 / QUANTUM, 1, -1]);
  });

  it('diagonalises a symmetric matrix (Jacobi rotations)', () => {
    const C = Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]);
    const E = jacobiEigenvectors(C, 3);
    expect([C[0], C[4], C[8]].map((x) => Math.round((x as number) * 1e9) / 1e9).sort()).toEqual([1, 3, 5]);
    // The columns are orthonormal.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let dot = 0;
        for (let k = 0; k < 3; k++) dot += (E[k * 3 + i] as number) * (E[k * 3 + j] as number);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 9);
      }
    }
  });

  it('ships vectors for the words of AI abstracts, near their kind', () => {
    const v = loadModels().wordVectors;
    const at = (w: string): Float64Array => v.of(w) as Float64Array;
    for (const w of ['parsing', 'translation', 'bleu', 'corpus', 'lstm']) expect(at(w)).toBeDefined();
    expect(cosine(at('bleu'), at('rouge'))).toBeGreaterThan(cosine(at('bleu'), at('parsing')));
    expect(cosine(at('lstm'), at('cnn'))).toBeGreaterThan(cosine(at('lstm'), at('corpus')));
  });
});

/** Toy sequences: a noun after "the" is a method, after "a" a task; everything else is O. */
function toy(): TrainingSequence[] {
  return SENTENCES.map((words) => ({
    words,
    features: words.map((w) => [`w=${w}`]),
    gold: words.map((w, i) => (i === 1 ? labelIndex(words[0] === 'the' ? 'B-method' : 'B-task') : labelIndex('O'))),
  }));
}

describe('the window network', () => {
  const vectors = new WordVectors(
    ppmiVectors(SENTENCES, { ...VECTOR_DEFAULTS, dims: 4, oversample: 3, minCount: 1 }, {}),
  );
  const sequences = toy();
  const file = trainNetwork(sequences, vectors, { ...NETWORK_DEFAULTS, hidden: 8, epochs: 60, rate: 0.1, seed: 3 }, {});

  it('learns labels from the window words, deterministically', () => {
    const net = new WindowNetwork(file, vectors);
    const scores = new Float64Array(4 * LABELS.length);
    net.addScores(['a', 'segmenter', 'reads', 'it'], scores, 0, 4);
    const best = (i: number): string =>
      LABELS[
        Array.from(scores.subarray(i * LABELS.length, (i + 1) * LABELS.length)).reduce(
          (b, x, c, row) => (x > (row[b] as number) ? c : b),
          0,
        )
      ] as string;
    expect([0, 1, 2, 3].map(best)).toEqual(['O', 'B-task', 'O', 'O']);
    expect(
      serialiseNetwork(
        trainNetwork(sequences, vectors, { ...NETWORK_DEFAULTS, hidden: 8, epochs: 60, rate: 0.1, seed: 3 }, {}),
      ),
    ).toBe(serialiseNetwork(file));
    expect(JSON.parse(serialiseNetwork(file))).toEqual(file);
  });

  it('scores a token as the whole input times the weights would (the per-word cache, its single precision and the logits change nothing that matters)', () => {
    const net = new WindowNetwork(file, vectors);
    const words = ['the', 'parser', 'unseen', 'it'];
    const scores = new Float64Array(words.length * LABELS.length);
    net.addScores(words, scores, 0, words.length);
    const P = blockSize(vectors.dims);
    const I = file.window.length * P;
    for (let i = 0; i < words.length; i++) {
      const x = new Float64Array(I);
      file.window.forEach((o, oi) =>
        x.set(wordBlock(vectors, i + o < 0 || i + o >= words.length ? OUTSIDE : (words[i + o] as string)), oi * P),
      );
      const h = new Float64Array(file.hidden).map((_, j) =>
        x.reduce((s, xi, k) => s + xi * (file.w1[j * I + k] as number), file.b1[j] as number),
      );
      activate(file.activation, h);
      const logp = new Float64Array(LABELS.length);
      logSoftmax(file.w2, file.b2, h, logp);
      // Up to one constant per token (log Z), which every label path collects alike, and the cache's single precision.
      const row = i * LABELS.length;
      for (let c = 0; c < LABELS.length; c++)
        expect((scores[row + c] as number) - (scores[row] as number)).toBeCloseTo(
          file.weight * ((logp[c] as number) - (logp[0] as number)),
          5,
        );
    }
  });

  it('joins networks into one whose scores are their mean', () => {
    const other = trainNetwork(
      sequences,
      vectors,
      { ...NETWORK_DEFAULTS, hidden: 5, epochs: 60, rate: 0.1, seed: 4 },
      {},
    );
    const joined = joinNetworks([file, other], {});
    expect(joined.hidden).toBe(13);
    const words = ['a', 'segmenter', 'reads', 'unseen'];
    const score = (f: typeof file): Float64Array => {
      const s = new Float64Array(words.length * LABELS.length);
      new WindowNetwork(f, vectors).addScores(words, s, 0, words.length);
      return s;
    };
    const [a, b, j] = [score(file), score(other), score(joined)];
    for (let k = 0; k < j.length; k++) expect(j[k]).toBeCloseTo(((a[k] as number) + (b[k] as number)) / 2, 3);
    expect(() => joinNetworks([file, { ...other, window: [0] }], {})).toThrow(/differ/);
  });

  it('has tanh or hard tanh units', () => {
    const h = Float64Array.from([-3, -0.5, 0, 0.5, 3]);
    activate('hardtanh', h);
    expect(Array.from(h)).toEqual([-1, -0.5, 0, 0.5, 1]);
    const t = Float64Array.from([-3, 0, 0.5]);
    activate('tanh', t);
    expect(Array.from(t)).toEqual([Math.tanh(-3), 0, Math.tanh(0.5)]);
  });

  it('joins the perceptron in a tagger: its scores change what is decoded', () => {
    // A perceptron that knows only the O bias, and the network that knows the slots.
    const perceptron = train(
      sequences.map((s) => ({ ...s, features: s.words?.map(() => ['b']) ?? [] })),
      { epochs: 2, seed: 1 },
      {},
    );
    const words = ['the', 'segmenter', 'checks', 'them'];
    const features = words.map(() => ['b']);
    // The perceptron alone cannot tell "the" from "a": it gives the slot one label whatever comes before.
    expect(new Tagger(perceptron).decode(features, words).map((l) => LABELS[l])).toEqual(['O', 'B-task', 'O', 'O']);
    const joined = new Tagger(perceptron, new WindowNetwork({ ...file, weight: 20 }, vectors));
    expect(joined.decode(features, words).map((l) => LABELS[l])).toEqual(['O', 'B-method', 'O', 'O']);
  });

  it('is part of the shipped abstracts tagger, not of the journal tagger', () => {
    const models = loadModels();
    expect(models.tagger?.('abstracts').network?.weight).toBe(NETWORK_DEFAULTS.weight);
    expect(models.tagger?.('journal').network).toBeUndefined();
  });
});
