/**
 * Training of the sequence tagger's table (extract/tagger/perceptron.ts reads it): the structured averaged perceptron
 * (Collins 2002), and the operations on saved tables that `kg train` uses: averaging runs, mixing with the CRF
 * (crf.ts), a label bias. Deterministic (seeded order, plain arithmetic), so the same data and options give
 * byte-identical weights.
 */
import { LABELS, viterbi, type TaggerFile } from '../extract/tagger/perceptron.js';
import { mulberry32, shuffle } from './random.js';

const L = LABELS.length;

/** A weight as the files keep it: three decimals, and 0 rather than -0 (so files compare byte for byte). */
export const roundWeight = (x: number): number => Math.round(x * 1000) / 1000 + 0;

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
export function train(
  sequences: readonly TrainingSequence[],
  options: TrainOptions,
  trainedOn: Record<string, unknown>,
): TaggerFile {
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
/** Adds a feature's flat `[label, weight, …]` weights into a sum per feature name. */
export function addWeights(sums: Map<string, Float64Array>, name: string, flat: readonly number[]): void {
  let v = sums.get(name);
  if (v === undefined) sums.set(name, (v = new Float64Array(L)));
  for (let k = 0; k < flat.length; k += 2)
    v[flat[k] as number] = (v[flat[k] as number] as number) + (flat[k + 1] as number);
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
  const transitions = first.transitions.map((row, p) =>
    row.map((_, c) => roundWeight(files.reduce((s, f) => s + (f.transitions[p]?.[c] ?? 0), 0) / files.length)),
  );
  return {
    format: first.format,
    trainedOn,
    labels: [...first.labels],
    transitions,
    features: weightTable(sums, files.length),
  };
}

/**
 * The same tagger with `bias[label]` added to that label's score at every token (a negative bias on "O": more and
 * longer spans). Adding it to every transition into the label, the start row included, is exactly that, so the
 * file format does not change.
 */
export function withLabelBias(file: TaggerFile, bias: Readonly<Record<string, number>>): TaggerFile {
  const add = LABELS.map((l) => bias[l] ?? 0);
  return {
    ...file,
    transitions: file.transitions.map((row) => row.map((w, c) => (add[c] ? roundWeight(w + (add[c] as number)) : w))),
  };
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
 * perceptron's 3.8), which costs about 2 % of extraction time. `kg train` mixes the abstracts tagger this way.
 */
export function mixTaggers(
  a: TaggerFile,
  b: TaggerFile,
  share: number,
  trainedOn: Record<string, unknown>,
): TaggerFile {
  const ratio = weightScale(a) / weightScale(b);
  const sums = new Map<string, Float64Array>();
  const scaled = (flat: readonly number[], by: number): number[] => flat.map((x, k) => (k % 2 === 0 ? x : x * by));
  for (const [name, flat] of Object.entries(a.features)) addWeights(sums, name, scaled(flat, 1 - share));
  for (const [name, flat] of Object.entries(b.features)) addWeights(sums, name, scaled(flat, share * ratio));
  const transitions = a.transitions.map((row, p) =>
    row.map((w, c) => roundWeight(w * (1 - share) + (b.transitions[p]?.[c] ?? 0) * share * ratio)),
  );
  return { format: a.format, trainedOn, labels: [...a.labels], transitions, features: weightTable(sums) };
}
