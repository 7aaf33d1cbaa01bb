/**
 * A structured averaged perceptron (Collins 2002) over BIO labels with first-order Viterbi decoding: the sequence
 * labeller of the extractor: reading a saved table and decoding with it. Training is ../../train/perceptron.ts.
 */
import { MENTION_TYPES, type MentionType } from '../../core/types.js';
import type { WindowNetwork } from './network.js';

/** "O", then "B-method", "I-method", "B-task", … in MENTION_TYPES order. */
export const LABELS: readonly string[] = ['O', ...MENTION_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
const L = LABELS.length;
const LABEL_INDEX: ReadonlyMap<string, number> = new Map(LABELS.map((l, i) => [l, i]));

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
const PREDECESSORS: readonly Int32Array[] = Array.from({ length: L }, (_, c) =>
  Int32Array.from(Array.from({ length: L }, (_, p) => p).filter((p) => ALLOWED[p]?.[c])),
);

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

/** The saved model: what `kg train` writes and the extractor loads. */
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
    if (network !== undefined && network.labels.join() !== LABELS.join())
      throw new Error('window network labels differ from this version of kg');
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
export function viterbi(
  emissions: Float64Array,
  transitions: Float64Array,
  from = 0,
  to = emissions.length / L,
): number[] {
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
