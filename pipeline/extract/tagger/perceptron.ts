/**
 * A structured averaged perceptron (Collins 2002) over BIO labels with first-order Viterbi decoding: the sequence
 * labeller of the extractor. Training is deterministic (seeded order, plain arithmetic), so the same data and
 * options give byte-identical weights.
 */
import { MENTION_TYPES, type MentionType } from '../../types.js';
import type { WindowNetwork } from './network.js';

/** "O", then "B-method", "I-method", "B-task", … in MENTION_TYPES order. */
export const LABELS: readonly string[] = ['O', ...MENTION_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
const L = LABELS.length;
const LABEL_INDEX: ReadonlyMap<string, number> = new Map(LABELS.map((l, i) => [l, i]));

/** A weight as the files keep it: three decimals, and 0 rather than -0 (so files compare byte for byte). */
export const roundWeight = (x: number): number => Math.round(x * 1000) / 1000 + 0;

/** An I- label may only follow the B- or I- label of its type. */
const ALLOWED: boolean[][] = (() => {
  const allowed: boolean[][] = [];
  for (let prev = 0; prev <= L; prev++) {
    const row: boolean[] = [];
    for (let cur = 0; cur < L; cur++) {
      const c = LABELS[cur] as string;
      if (!c.startsWith('I-')) row.push(true);
      else {
        const p = prev === L ? 'O' : (LABELS[prev] as string);
        row.push(p.slice(2) === c.slice(2) && p !== 'O');
      }
    }
    allowed.push(row);
  }
  return allowed;
})();

/** Whether label `cur` may follow label `prev` (`prev` = LABELS.length: the start of a sentence). */
export function mayFollow(prev: number, cur: number): boolean {
  return ALLOWED[prev]?.[cur] === true;
}

/** For each label `c`, the labels that may precede it, ascending (the start of a sentence is ALLOWED's row L). */
const PREDECESSORS: readonly Int32Array[] = Array.from({ length: L }, (_, c) => Int32Array.from(Array.from({ length: L }, (_, p) => p).filter((p) => ALLOWED[p]?.[c])));

export function labelIndex(label: string): number {
  const i = LABEL_INDEX.get(label);
  if (i === undefined) throw new Error(`unknown label ${label}`);
  return i;
}

/** Sparse weights of one feature: label indices and their weights. */
interface SparseWeights {
  labels: Uint8Array;
  weights: Float32Array;
}

/** The saved model: what `npm run train` writes and the extractor loads. */
export interface TaggerFile {
  format: 'kg-tagger/1';
  /** How the weights were made (data, epochs, seed), for the reader of the file. */
  trainedOn: Record<string, unknown>;
  labels: string[];
  /** `(L + 1) × L`: row `prev` (row L is the start), column the label. */
  transitions: number[][];
  /** Feature → flat `[label, weight, label, weight, …]`. */
  features: Record<string, number[]>;
}

/** A trained tagger: scores tokens and decodes the best label sequence. */
export class Tagger {
  private readonly features: Map<string, SparseWeights>;
  private readonly transitions: Float64Array;

  /**
   * @param network a window network whose scores join the perceptron's (network.ts): the abstracts tagger has one,
   * the journal tagger none.
   */
  constructor(
    file: TaggerFile,
    readonly network?: WindowNetwork,
  ) {
    if (file.format !== 'kg-tagger/1') throw new Error(`unknown tagger format ${String(file.format)}`);
    if (file.labels.join() !== LABELS.join()) throw new Error('tagger labels differ from this version of kg');
    if (network !== undefined && network.labels.join() !== LABELS.join()) throw new Error('window network labels differ from this version of kg');
    this.features = new Map();
    for (const [name, flat] of Object.entries(file.features)) {
      const n = flat.length / 2;
      const labels = new Uint8Array(n);
      const weights = new Float32Array(n);
      for (let k = 0; k < n; k++) {
        labels[k] = flat[2 * k] as number;
        weights[k] = flat[2 * k + 1] as number;
      }
      this.features.set(name, { labels, weights });
    }
    this.transitions = new Float64Array((L + 1) * L);
    file.transitions.forEach((row, p) => row.forEach((w, c) => (this.transitions[p * L + c] = w)));
  }

  /** Every feature with weights. */
  featureNames(): IterableIterator<string> {
    return this.features.keys();
  }

  /** Adds the weights of `feature` into `into` (one entry per label). */
  readonly lookup = (feature: string, into: Float64Array): void => {
    const w = this.features.get(feature);
    if (w === undefined) return;
    for (let k = 0; k < w.labels.length; k++) {
      const l = w.labels[k] as number;
      into[l] = (into[l] as number) + (w.weights[k] as number);
    }
  };

  /**
   * Label indices of the best sequence for tokens with these features; `words` (lower-case, one sentence) for the
   * window network's scores, when the tagger has one.
   */
  decode(sequence: readonly (readonly string[])[], words?: readonly string[]): number[] {
    const emissions = new Float64Array(sequence.length * L);
    sequence.forEach((feats, i) => {
      const s = emissions.subarray(i * L, (i + 1) * L);
      for (const f of feats) this.lookup(f, s);
    });
    if (this.network !== undefined && words !== undefined) this.network.addScores(words, emissions, 0, sequence.length);
    return this.best(emissions);
  }

  /**
   * Label indices of the best sequence for the tokens `from` … `to - 1` of `emissions`, one row of L scores per
   * token (default: all of them).
   */
  best(emissions: Float64Array, from = 0, to = emissions.length / L): number[] {
    return viterbi(emissions, this.transitions, from, to);
  }
}

/** Best path under emissions (rows of L, tokens `from` … `to - 1`) and transitions, honouring ALLOWED. */
export function viterbi(emissions: Float64Array, transitions: Float64Array, from = 0, to = emissions.length / L): number[] {
  const n = to - from;
  if (n <= 0) return [];
  const score = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  const base = from * L;
  for (let c = 0; c < L; c++) {
    score[c] = ALLOWED[L]?.[c] ? emissions[base + c]! + transitions[L * L + c]! : -Infinity;
  }
  for (let i = 1; i < n; i++) {
    const e = base + i * L;
    for (let c = 0; c < L; c++) {
      let best = -Infinity;
      let arg = 0;
      const allowed = PREDECESSORS[c] as Int32Array;
      for (let k = 0; k < allowed.length; k++) {
        const p = allowed[k] as number;
        const s = score[(i - 1) * L + p]! + transitions[p * L + c]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + c] = best + emissions[e + c]!;
      back[i * L + c] = arg;
    }
  }
  let last = 0;
  for (let c = 1; c < L; c++) if (score[(n - 1) * L + c]! > score[(n - 1) * L + last]!) last = c;
  const path = new Array<number>(n);
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + (path[i] as number)] as number;
  return path;
}

/** One training sequence: features per token and gold label indices. */
export interface TrainingSequence {
  features: string[][];
  gold: number[];
  /** The tokens' words, lower-case (the window network reads them; the perceptron reads the features). */
  words?: string[];
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Called after each epoch (for progress lines). */
  onEpoch?: (epoch: number, errors: number) => void;
}

/** Trains an averaged perceptron; returns the file to save. Deterministic for the same sequences and options. */
export function train(sequences: readonly TrainingSequence[], options: TrainOptions, trainedOn: Record<string, unknown>): TaggerFile {
  const w = new Map<string, Float64Array>();
  const u = new Map<string, Float64Array>();
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  let c = 1;
  const rng = mulberry32(options.seed);
  const order = sequences.map((_, i) => i);
  const emissionsOf = (feats: readonly string[][]): Float64Array => {
    const s = new Float64Array(feats.length * L);
    feats.forEach((fs, i) => {
      const row = i * L;
      for (const f of fs) {
        const v = w.get(f);
        if (v !== undefined) for (let k = 0; k < L; k++) s[row + k] = (s[row + k] as number) + (v[k] as number);
      }
    });
    return s;
  };
  const bump = (f: string, label: number, d: number): void => {
    let v = w.get(f);
    let a = u.get(f);
    if (v === undefined || a === undefined) {
      v = new Float64Array(L);
      a = new Float64Array(L);
      w.set(f, v);
      u.set(f, a);
    }
    v[label] = (v[label] as number) + d;
    a[label] = (a[label] as number) + c * d;
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(order, rng);
    let errors = 0;
    for (const idx of order) {
      const seq = sequences[idx] as TrainingSequence;
      const pred = viterbi(emissionsOf(seq.features), tw);
      let prevGold = L;
      let prevPred = L;
      for (let i = 0; i < seq.gold.length; i++) {
        const g = seq.gold[i] as number;
        const p = pred[i] as number;
        if (g !== p) {
          errors++;
          for (const f of seq.features[i] as string[]) {
            bump(f, g, 1);
            bump(f, p, -1);
          }
        }
        if (g !== p || prevGold !== prevPred) {
          tw[prevGold * L + g] = (tw[prevGold * L + g] as number) + 1;
          tu[prevGold * L + g] = (tu[prevGold * L + g] as number) + c;
          tw[prevPred * L + p] = (tw[prevPred * L + p] as number) - 1;
          tu[prevPred * L + p] = (tu[prevPred * L + p] as number) - c;
        }
        prevGold = g;
        prevPred = p;
      }
      c++;
    }
    options.onEpoch?.(epoch, errors);
  }
  const features: Record<string, number[]> = {};
  for (const name of [...w.keys()].sort()) {
    const v = w.get(name) as Float64Array;
    const a = u.get(name) as Float64Array;
    const flat: number[] = [];
    for (let k = 0; k < L; k++) {
      const avg = roundWeight((v[k] as number) - (a[k] as number) / c);
      if (avg !== 0) flat.push(k, avg);
    }
    if (flat.length > 0) features[name] = flat;
  }
  const transitions: number[][] = [];
  for (let p = 0; p <= L; p++) {
    const row: number[] = [];
    for (let k = 0; k < L; k++) row.push(roundWeight((tw[p * L + k] as number) - (tu[p * L + k] as number) / c));
    transitions.push(row);
  }
  return { format: 'kg-tagger/1', trainedOn, labels: [...LABELS], transitions, features };
}

/** Spans of a label sequence: `[first, last)` token ranges with their type. */
export function spansOf(path: readonly number[]): { first: number; last: number; type: MentionType }[] {
  const out: { first: number; last: number; type: MentionType }[] = [];
  let open: { first: number; type: MentionType } | undefined;
  for (let i = 0; i <= path.length; i++) {
    const label = i < path.length ? (LABELS[path[i] as number] as string) : 'O';
    if (open !== undefined && label !== `I-${open.type}`) {
      out.push({ first: open.first, last: i, type: open.type });
      open = undefined;
    }
    if (label.startsWith('B-')) open = { first: i, type: label.slice(2) as MentionType };
  }
  return out;
}

/** A small seeded PRNG (deterministic training). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place with `rng`. */
export function shuffle<T>(a: T[], rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
}

/** Adds a feature's flat `[label, weight, …]` weights into a sum per feature name. */
export function addWeights(sums: Map<string, Float64Array>, name: string, flat: readonly number[]): void {
  let v = sums.get(name);
  if (v === undefined) sums.set(name, (v = new Float64Array(L)));
  for (let k = 0; k < flat.length; k += 2) v[flat[k] as number] = (v[flat[k] as number] as number) + (flat[k + 1] as number);
}

/** Summed weights ÷ `divisor`, rounded as training rounds them, as a file's feature table (sorted, zeros left out). */
export function weightTable(sums: ReadonlyMap<string, Float64Array>, divisor = 1): Record<string, number[]> {
  const features: Record<string, number[]> = {};
  for (const name of [...sums.keys()].sort()) {
    const flat: number[] = [];
    (sums.get(name) as Float64Array).forEach((w, k) => {
      const r = roundWeight(w / divisor);
      if (r !== 0) flat.push(k, r);
    });
    if (flat.length > 0) features[name] = flat;
  }
  return features;
}

/**
 * The mean of several trained taggers (the same data shuffled with different seeds): one table, so tagging costs
 * the same as with one. Averaging the weights of runs smooths the perceptron's dependence on example order.
 */
export function averageTaggers(files: readonly TaggerFile[], trainedOn: Record<string, unknown>): TaggerFile {
  const first = files[0];
  if (first === undefined) throw new Error('averageTaggers needs at least one tagger');
  if (files.length === 1) return { ...first, trainedOn };
  const sums = new Map<string, Float64Array>();
  for (const file of files) for (const [name, flat] of Object.entries(file.features)) addWeights(sums, name, flat);
  const transitions = first.transitions.map((row, p) => row.map((_, c) => roundWeight(files.reduce((s, f) => s + (f.transitions[p]?.[c] ?? 0), 0) / files.length)));
  return { format: first.format, trainedOn, labels: [...first.labels], transitions, features: weightTable(sums, files.length) };
}

/**
 * The same tagger with `bias[label]` added to that label's score at every token (a negative bias on "O": more and
 * longer spans). Adding it to every transition into the label, the start row included, is exactly that, so the
 * file format does not change.
 */
export function withLabelBias(file: TaggerFile, bias: Readonly<Record<string, number>>): TaggerFile {
  const add = LABELS.map((l) => bias[l] ?? 0);
  return { ...file, transitions: file.transitions.map((row) => row.map((w, c) => (add[c] ? roundWeight(w + (add[c] as number)) : w))) };
}

/** Root mean square of a tagger's emission weights: its scale, for {@link mixTaggers}. */
function weightScale(file: TaggerFile): number {
  let sum = 0;
  let n = 0;
  for (const flat of Object.values(file.features)) {
    for (let k = 1; k < flat.length; k += 2) {
      sum += (flat[k] as number) ** 2;
      n++;
    }
  }
  return n === 0 ? 1 : Math.sqrt(sum / n);
}

/**
 * A weighted sum of two taggers over the same features and labels, each first divided by the root mean square of its
 * emission weights (a perceptron's and a CRF's weights live on different scales), expressed on the first one's
 * scale: `(1 - share) · a + share · b · scale(a) / scale(b)`. Both are linear in the same features, so the sum is one
 * table, decoded like either; it holds more weights per feature (the shipped abstracts tagger: 5.9 against the
 * perceptron's 3.8), which costs about 2 % of extraction time. `npm run train` mixes the abstracts tagger this way.
 */
export function mixTaggers(a: TaggerFile, b: TaggerFile, share: number, trainedOn: Record<string, unknown>): TaggerFile {
  const ratio = weightScale(a) / weightScale(b);
  const sums = new Map<string, Float64Array>();
  const scaled = (flat: readonly number[], by: number): number[] => flat.map((x, k) => (k % 2 === 0 ? x : x * by));
  for (const [name, flat] of Object.entries(a.features)) addWeights(sums, name, scaled(flat, 1 - share));
  for (const [name, flat] of Object.entries(b.features)) addWeights(sums, name, scaled(flat, share * ratio));
  const transitions = a.transitions.map((row, p) => row.map((w, c) => roundWeight(w * (1 - share) + (b.transitions[p]?.[c] ?? 0) * share * ratio)));
  return { format: a.format, trainedOn, labels: [...a.labels], transitions, features: weightTable(sums) };
}
