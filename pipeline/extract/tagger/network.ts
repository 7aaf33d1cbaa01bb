/**
 * The window network: a small feed-forward network (Collobert et al. 2011's window approach) that reads the word
 * vectors (vectors.ts) of a token and the two words either side, one hidden layer of hard tanh units, and gives a
 * probability for each BIO label. The abstracts tagger adds `weight × log p` of each label to its linear table's
 * score of the token before decoding, so the two kinds of evidence decide together: the table's sparse features (the
 * word itself, its affixes, the rules' labels) and the vectors, which carry what a word seen only in unlabelled text
 * has in common with words of SciERC train. `kg train` learns it (train/network.ts); 5-fold cross-validation on
 * SciERC train chose it (see README).
 */
import type { WordVectors } from './vectors.js';

/** The saved network: what `kg train` writes beside the taggers. */
export interface NetworkFile {
  format: 'kg-window-network/1';
  /** How the weights were made (data, epochs, seed), for the reader of the file. */
  trainedOn: Record<string, unknown>;
  labels: string[];
  /** The offsets of the words read, from the token. */
  window: number[];
  dims: number;
  hidden: number;
  /** The hidden units' function: tanh, or its piecewise-linear hard tanh (clipped to ±1; Collobert et al. 2011). */
  activation: Activation;
  /** The share of the network's log-probabilities in a token's label scores. */
  weight: number;
  /**
   * Hidden × inputs, row-major. The inputs are one block per window word: the word's vector, then two flags: the
   * word has no vector, the window runs past the sentence.
   */
  w1: number[];
  b1: number[];
  /** Labels × hidden, row-major. */
  w2: number[];
  b2: number[];
}

export type Activation = 'tanh' | 'hardtanh';

/** The hidden units' function applied in place to `h`. */
export function activate(activation: Activation, h: Float64Array): void {
  if (activation === 'tanh') for (let j = 0; j < h.length; j++) h[j] = Math.tanh(h[j] as number);
  else
    for (let j = 0; j < h.length; j++) {
      const x = h[j] as number;
      h[j] = x < -1 ? -1 : x > 1 ? 1 : x;
    }
}

/** Inputs per window word: the vector and the two flags. */
export const blockSize = (dims: number): number => dims + 2;

/** The word standing for positions beyond the sentence. */
export const OUTSIDE = '<s>';

/**
 * The input block of one window word: `vector` then the flags "no vector" and "outside the sentence". Training and
 * tagging build the same blocks.
 */
export function wordBlock(vectors: WordVectors, lower: string): Float64Array {
  const block = new Float64Array(blockSize(vectors.dims));
  if (lower === OUTSIDE) block[vectors.dims + 1] = 1;
  else {
    const v = vectors.of(lower);
    if (v === undefined) block[vectors.dims] = 1;
    else block.set(v);
  }
  return block;
}

/** The key of every word without a vector in the projection cache: they all have the same block. */
const UNKNOWN = '\u0000unknown';

export class WindowNetwork {
  readonly weight: number;
  private readonly file: NetworkFile;
  private readonly w1: Float64Array;
  private readonly w2: Float64Array;
  private readonly b1: Float64Array;
  private readonly b2: Float64Array;
  private readonly window: Int32Array;
  /**
   * Per word: its block times each window offset's columns of w1 (`window × hidden`), summed once per word. Words
   * without a vector share one entry, so the cache holds at most the vectors' words (19,342 shipped), in single
   * precision: 39 MB at most per thread, against 400 MB when every distinct word of the ACL abstracts had its own
   * entry in double precision. (The sums differ from double precision's by about 1e-7, which decides nothing.)
   */
  private readonly projections = new Map<string, Float32Array>();
  private readonly hidden: Float64Array;

  constructor(
    file: NetworkFile,
    private readonly vectors: WordVectors,
  ) {
    if (file.format !== 'kg-window-network/1') throw new Error(`unknown window network format ${String(file.format)}`);
    if (file.dims !== vectors.dims)
      throw new Error(
        `the window network reads ${file.dims}-dimensional vectors, the word vectors have ${vectors.dims}`,
      );
    this.file = file;
    this.weight = file.weight;
    this.w1 = Float64Array.from(file.w1);
    this.w2 = Float64Array.from(file.w2);
    this.b1 = Float64Array.from(file.b1);
    this.b2 = Float64Array.from(file.b2);
    this.window = Int32Array.from(file.window);
    this.hidden = new Float64Array(file.hidden);
  }

  get labels(): readonly string[] {
    return this.file.labels;
  }

  private projection(word: string): Float32Array {
    const lower = word === OUTSIDE || this.vectors.has(word) ? word : UNKNOWN;
    let p = this.projections.get(lower);
    if (p !== undefined) return p;
    const { window, hidden, dims } = this.file;
    const P = blockSize(dims);
    const inputs = window.length * P;
    const block = wordBlock(this.vectors, lower);
    p = new Float32Array(window.length * hidden);
    for (let o = 0; o < window.length; o++) {
      for (let j = 0; j < hidden; j++) {
        let s = 0;
        const row = j * inputs + o * P;
        for (let d = 0; d < P; d++) {
          const x = block[d] as number;
          if (x !== 0) s += (this.w1[row + d] as number) * x;
        }
        p[o * hidden + j] = s;
      }
    }
    this.projections.set(lower, p);
    return p;
  }

  /**
   * Adds `weight × log p(label)` for the tokens `from` … `to - 1` (one sentence; `words` lower-case) into `scores`,
   * one row of labels per token, indexed like `words`; up to a constant per token, which no choice of labels sees.
   */
  addScores(words: readonly string[], scores: Float64Array, from: number, to: number): void {
    const { b1, b2, w2, window, weight } = this;
    const H = b1.length;
    const L = b2.length;
    const W = window.length;
    const h = this.hidden;
    for (let i = from; i < to; i++) {
      h.set(b1);
      for (let o = 0; o < W; o++) {
        const k = i + (window[o] as number);
        const p = this.projection(k < from || k >= to ? OUTSIDE : (words[k] as string));
        const base = o * H;
        for (let j = 0; j < H; j++) h[j] = (h[j] as number) + (p[base + j] as number);
      }
      activate(this.file.activation, h);
      // The logits, not the log-probabilities: they differ by one constant per token (log Z), which every label
      // path through the sentence collects once, so Viterbi's choice is the same and the exp and log are saved.
      const row = i * L;
      for (let c = 0; c < L; c++) {
        let s = b2[c] as number;
        const w = c * H;
        for (let j = 0; j < H; j++) s += (w2[w + j] as number) * (h[j] as number);
        scores[row + c] = (scores[row + c] as number) + weight * s;
      }
    }
  }
}
