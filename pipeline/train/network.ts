/**
 * Trains the window network (tagger/network.ts) on labelled sequences: stochastic gradient descent on each token's
 * log loss (softmax over the BIO labels), tokens in a seeded order each epoch, the rate falling as
 * `rate / (1 + epoch / 2)`, weights started uniform in ±√(6 / (fan-in + fan-out)) (Glorot & Bengio 2010). The word
 * vectors stay fixed. Deterministic (seeded, plain arithmetic): the same sequences and options give the same file.
 */
import { LABELS } from '../extract/tagger/perceptron.js';
import {
  OUTSIDE,
  activate,
  blockSize,
  wordBlock,
  type Activation,
  type NetworkFile,
} from '../extract/tagger/network.js';
import type { TrainingSequence } from './perceptron.js';
import { mulberry32, shuffle } from './random.js';
import type { WordVectors } from '../extract/tagger/vectors.js';

export interface NetworkOptions {
  hidden: number;
  activation: Activation;
  /** The offsets of the words read, from the token (default NETWORK_WINDOW). */
  window?: readonly number[];
  epochs: number;
  rate: number;
  /** The network's share in the tagger's scores (kept in the file; see NETWORK_DEFAULTS). */
  weight: number;
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Chosen by 5-fold cross-validation of the abstracts tagger on SciERC train (see README): the share 5 against 0, 2,
 * 3, 7, 10 and 20 (seeds 1-3); hard tanh scored as tanh (seeds 1-2: strict 0.5713 and 0.5765 against 0.5718 and
 * 0.5766) and costs nothing beside Math.tanh's 40-odd nanoseconds a unit, which had made the network a fifth of the
 * extractor's time; words three away as well scored within noise (seed 1: 0.5734).
 */
export const NETWORK_DEFAULTS: Omit<NetworkOptions, 'onEpoch' | 'seed'> = {
  hidden: 100,
  activation: 'hardtanh',
  epochs: 10,
  rate: 0.02,
  weight: 5,
};

/** The words a window network reads, from the token: two either side. */
export const NETWORK_WINDOW = [-2, -1, 0, 1, 2] as const;

/** A weight as the file keeps it: five decimals, 0 rather than -0. */
const round = (x: number): number => Math.round(x * 1e5) / 1e5 + 0;

export function trainNetwork(
  sequences: readonly TrainingSequence[],
  vectors: WordVectors,
  options: NetworkOptions,
  trainedOn: Record<string, unknown>,
): NetworkFile {
  const window = [...(options.window ?? NETWORK_WINDOW)];
  const P = blockSize(vectors.dims);
  const I = window.length * P;
  const H = options.hidden;
  const L = LABELS.length;
  const rng = mulberry32(options.seed);
  const w1 = new Float64Array(H * I);
  const b1 = new Float64Array(H);
  const w2 = new Float64Array(L * H);
  const b2 = new Float64Array(L);
  const r1 = Math.sqrt(6 / (I + H));
  const r2 = Math.sqrt(6 / (H + L));
  for (let i = 0; i < w1.length; i++) w1[i] = (rng() * 2 - 1) * r1;
  for (let i = 0; i < w2.length; i++) w2[i] = (rng() * 2 - 1) * r2;
  // Each token's input, built once: the window words' blocks side by side.
  const blocks = new Map<string, Float64Array>();
  const blockOf = (w: string): Float64Array => {
    let b = blocks.get(w);
    if (b === undefined) blocks.set(w, (b = wordBlock(vectors, w)));
    return b;
  };
  const items: { x: Float64Array; y: number }[] = [];
  for (const s of sequences) {
    const words = s.words;
    if (words === undefined) throw new Error('the window network needs the words of each training sequence');
    for (let i = 0; i < words.length; i++) {
      const x = new Float64Array(I);
      window.forEach((o, oi) => {
        const k = i + o;
        x.set(blockOf(k < 0 || k >= words.length ? OUTSIDE : (words[k] as string)), oi * P);
      });
      items.push({ x, y: s.gold[i] as number });
    }
  }
  const h = new Float64Array(H);
  const p = new Float64Array(L);
  const dh = new Float64Array(H);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(items, rng);
    const rate = options.rate / (1 + epoch / 2);
    let loss = 0;
    for (const { x, y } of items) {
      for (let j = 0; j < H; j++) {
        let s = b1[j] as number;
        const row = j * I;
        for (let i = 0; i < I; i++) {
          const xi = x[i] as number;
          if (xi !== 0) s += (w1[row + i] as number) * xi;
        }
        h[j] = s;
      }
      activate(options.activation, h);
      logSoftmax(w2, b2, h, p);
      loss -= p[y] as number;
      dh.fill(0);
      for (let c = 0; c < L; c++) {
        const g = Math.exp(p[c] as number) - (c === y ? 1 : 0);
        const row = c * H;
        for (let j = 0; j < H; j++) {
          dh[j] = (dh[j] as number) + g * (w2[row + j] as number);
          w2[row + j] = (w2[row + j] as number) - rate * g * (h[j] as number);
        }
        b2[c] = (b2[c] as number) - rate * g;
      }
      for (let j = 0; j < H; j++) {
        const hj = h[j] as number;
        // The derivative: 1 - tanh², or 1 inside hard tanh's ±1 and 0 where it clips.
        const g = (dh[j] as number) * (options.activation === 'tanh' ? 1 - hj * hj : hj > -1 && hj < 1 ? 1 : 0);
        if (g === 0) continue;
        const row = j * I;
        for (let i = 0; i < I; i++) {
          const xi = x[i] as number;
          if (xi !== 0) w1[row + i] = (w1[row + i] as number) - rate * g * xi;
        }
        b1[j] = (b1[j] as number) - rate * g;
      }
    }
    options.onEpoch?.(epoch + 1, loss / Math.max(1, items.length));
  }
  return {
    format: 'kg-window-network/1',
    trainedOn: { ...trainedOn, hidden: H, epochs: options.epochs, rate: options.rate, seed: options.seed },
    labels: [...LABELS],
    window,
    dims: vectors.dims,
    hidden: H,
    activation: options.activation,
    weight: options.weight,
    w1: Array.from(w1, round),
    b1: Array.from(b1, round),
    w2: Array.from(w2, round),
    b2: Array.from(b2, round),
  };
}

/** The file's bytes: the settings on the first line, then each weight matrix on a line of its own. */
export function serialiseNetwork(file: NetworkFile): string {
  const { w1, b1, w2, b2, ...rest } = file;
  const head = JSON.stringify(rest);
  const lines = Object.entries({ w1, b1, w2, b2 }).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `${head.slice(0, -1)},\n${lines.join(',\n')}\n}\n`;
}

/**
 * Several networks of the same window, vectors and activation as one: their hidden layers side by side, each output
 * row's weights divided by their number, so its logits are the mean of theirs (the decoder's scores are the mean of
 * the networks' scores) and the runtime reads it like any network.
 */
export function joinNetworks(files: readonly NetworkFile[], trainedOn: Record<string, unknown>): NetworkFile {
  const first = files[0];
  if (first === undefined) throw new Error('joinNetworks needs at least one network');
  for (const f of files) {
    if (
      f.window.join() !== first.window.join() ||
      f.dims !== first.dims ||
      f.activation !== first.activation ||
      f.labels.join() !== first.labels.join() ||
      f.weight !== first.weight
    )
      throw new Error('joinNetworks: the networks differ in window, vectors, activation, labels or share');
  }
  const n = files.length;
  const L = first.labels.length;
  const hidden = files.reduce((s, f) => s + f.hidden, 0);
  const w2: number[] = [];
  for (let c = 0; c < L; c++)
    for (const f of files) for (let j = 0; j < f.hidden; j++) w2.push(round((f.w2[c * f.hidden + j] as number) / n));
  const b2 = first.b2.map((_, c) => round(files.reduce((s, f) => s + (f.b2[c] as number), 0) / n));
  return {
    ...first,
    trainedOn: { ...trainedOn, networks: files.map((f) => f.trainedOn) },
    hidden,
    w1: files.flatMap((f) => f.w1),
    b1: files.flatMap((f) => f.b1),
    w2,
    b2,
  };
}

/** `out` = log-softmax of `w2 h + b2`. */
export function logSoftmax(
  w2: ArrayLike<number>,
  b2: ArrayLike<number>,
  h: ArrayLike<number>,
  out: Float64Array,
): void {
  const L = b2.length;
  const H = h.length;
  let max = -Infinity;
  for (let c = 0; c < L; c++) {
    let s = b2[c] as number;
    for (let j = 0; j < H; j++) s += (w2[c * H + j] as number) * (h[j] as number);
    out[c] = s;
    if (s > max) max = s;
  }
  let z = 0;
  for (let c = 0; c < L; c++) z += Math.exp((out[c] as number) - max);
  const log = max + Math.log(z);
  for (let c = 0; c < L; c++) out[c] = (out[c] as number) - log;
}
