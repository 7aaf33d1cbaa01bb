/**
 * A linear-chain CRF (Lafferty et al. 2001) over the same features and BIO labels as the perceptron, trained by
 * stochastic gradient descent with L2 (Bottou's scaled weights, learning rate eta0 / (1 + λ·eta0·t)) and the
 * weights averaged over the last epochs (Polyak averaging). It writes the tagger's file format (emission weights
 * per feature and label, transitions with I- labels only after their B-/I-), so the extractor's Viterbi decodes it
 * unchanged. Deterministic: a seeded order and plain arithmetic.
 *
 * Not shipped alone: `kg train --learner crf` trains one. In 5-fold cross-validation on SciERC train
 * (seeds 1-6) it beat the perceptron on every seed (strict 0.5571 → 0.5631, Task 0.532 → 0.544), but SciERC dev did
 * not confirm it (seeds 1-3: strict 59.5, 60.6, 59.4 → 58.5, 58.1, 57.6). Mixed with the perceptron into one table
 * (`--learner mix`, the default since extract-v2.10) and beside the window network it is shipped; see README,
 * Extraction quality.
 */
import { LABELS, mayFollow, type TaggerFile } from '../extract/tagger/perceptron.js';
import { roundWeight, type TrainingSequence } from './perceptron.js';
import { mulberry32, shuffle } from './random.js';

const L = LABELS.length;

/** Chosen by 5-fold cross-validation on SciERC train (seed 1, then seeds 1-6): c2 0.1-3, eta0 0.01-0.3, 20-50 epochs,
 * with and without averaging; averaging from epoch 11 of 30 gave 0.5647 for seed 1 against 0.5601 for the best
 * unaveraged setting (eta0 0.03, 30 epochs). */
export const CRF_DEFAULTS = { epochs: 30, c2: 1, eta0: 0.1, averageFrom: 11 } as const;

export interface CrfOptions {
  epochs: number;
  seed: number;
  /** L2 strength: the objective is -Σ log p(y|x) + c2 · ‖w‖². */
  c2: number;
  /** Initial learning rate. */
  eta0: number;
  /** Average the weights at the end of every epoch from this one on (Polyak averaging). */
  averageFrom?: number;
  /**
   * Called after each epoch with the summed negative log-likelihood seen during it (for progress lines), over the
   * sequences whose gold labels the BIO order allows; `forbidden` counts the others (an I- label first or after
   * another type, as a gold span not on token edges can leave), whose likelihood is 0: they still train the
   * emissions, but would make the sum infinite.
   */
  onEpoch?: (epoch: number, loss: number, forbidden: number) => void;
}

function logSumExp(xs: Float64Array, n: number): number {
  let m = -Infinity;
  for (let i = 0; i < n; i++) if ((xs[i] as number) > m) m = xs[i] as number;
  if (m === -Infinity) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp((xs[i] as number) - m);
  return m + Math.log(s);
}

/** Trains a CRF on `sequences`; returns the file to save. */
export function trainCrf(
  sequences: readonly TrainingSequence[],
  options: CrfOptions,
  trainedOn: Record<string, unknown>,
): TaggerFile {
  // Feature ids, in code-unit order so the ids (and the arithmetic) do not depend on the sequences' order.
  const seen = new Set<string>();
  for (const s of sequences) for (const fs of s.features) for (const f of fs) seen.add(f);
  const names = [...seen].sort();
  const id = new Map(names.map((n, i) => [n, i]));
  const seqs = sequences.map((s) => ({
    gold: Int32Array.from(s.gold),
    feats: s.features.map((fs) => Int32Array.from(fs, (f) => id.get(f) as number)),
  }));
  const F = names.length;
  const v = new Float64Array(F * L);
  const t = new Float64Array((L + 1) * L);
  const mask = new Float64Array((L + 1) * L);
  for (let p = 0; p <= L; p++) for (let c = 0; c < L; c++) mask[p * L + c] = mayFollow(p, c) ? 0 : -Infinity;
  let scale = 1;
  const N = seqs.length;
  const lambda = (2 * options.c2) / N;
  const rng = mulberry32(options.seed);
  const order = seqs.map((_, i) => i);
  let step = 0;
  const tmp = new Float64Array(L + 1);
  const avgV = new Float64Array(options.averageFrom === undefined ? 0 : F * L);
  const avgT = new Float64Array((L + 1) * L);
  let averaged = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(order, rng);
    let loss = 0;
    let forbidden = 0;
    for (const idx of order) {
      const s = seqs[idx] as (typeof seqs)[number];
      const n = s.gold.length;
      if (n === 0) continue;
      const eta = options.eta0 / (1 + lambda * options.eta0 * step);
      step++;
      // Emissions and transitions as they are (scaled).
      const e = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        const fs = s.feats[i] as Int32Array;
        for (let k = 0; k < fs.length; k++) {
          const base = (fs[k] as number) * L;
          for (let c = 0; c < L; c++) e[i * L + c] = (e[i * L + c] as number) + (v[base + c] as number);
        }
        for (let c = 0; c < L; c++) e[i * L + c] = (e[i * L + c] as number) * scale;
      }
      const tr = new Float64Array((L + 1) * L);
      for (let k = 0; k < tr.length; k++) tr[k] = (t[k] as number) * scale + (mask[k] as number);
      // Forward, backward in log space.
      const alpha = new Float64Array(n * L);
      const beta = new Float64Array(n * L);
      for (let c = 0; c < L; c++) alpha[c] = (tr[L * L + c] as number) + (e[c] as number);
      for (let i = 1; i < n; i++) {
        for (let c = 0; c < L; c++) {
          for (let p = 0; p < L; p++) tmp[p] = (alpha[(i - 1) * L + p] as number) + (tr[p * L + c] as number);
          alpha[i * L + c] = logSumExp(tmp, L) + (e[i * L + c] as number);
        }
      }
      for (let c = 0; c < L; c++) beta[(n - 1) * L + c] = 0;
      for (let i = n - 2; i >= 0; i--) {
        for (let p = 0; p < L; p++) {
          for (let c = 0; c < L; c++)
            tmp[c] = (tr[p * L + c] as number) + (e[(i + 1) * L + c] as number) + (beta[(i + 1) * L + c] as number);
          beta[i * L + p] = logSumExp(tmp, L);
        }
      }
      const logZ = logSumExp(alpha.subarray((n - 1) * L, n * L), L);
      // Gold score for the loss.
      let gold = 0;
      for (let i = 0; i < n; i++) {
        const g = s.gold[i] as number;
        gold += (e[i * L + g] as number) + (tr[(i === 0 ? L : (s.gold[i - 1] as number)) * L + g] as number);
      }
      if (gold === -Infinity) forbidden++;
      else loss += logZ - gold;
      // L2 shrink, then the gradient step (observed minus expected), divided by the scale.
      scale *= 1 - eta * lambda;
      const g = eta / scale;
      for (let i = 0; i < n; i++) {
        const fs = s.feats[i] as Int32Array;
        const gi = s.gold[i] as number;
        for (let c = 0; c < L; c++) {
          const marginal = Math.exp((alpha[i * L + c] as number) + (beta[i * L + c] as number) - logZ);
          const d = (c === gi ? 1 : 0) - marginal;
          if (d === 0) continue;
          for (let k = 0; k < fs.length; k++) {
            const at = (fs[k] as number) * L + c;
            v[at] = (v[at] as number) + g * d;
          }
        }
        // Transitions: observed pair minus pairwise marginals.
        if (i === 0) {
          for (let c = 0; c < L; c++) {
            const m = Math.exp((tr[L * L + c] as number) + (e[c] as number) + (beta[c] as number) - logZ);
            t[L * L + c] = (t[L * L + c] as number) + g * ((c === gi ? 1 : 0) - m);
          }
        } else {
          const gp = s.gold[i - 1] as number;
          for (let p = 0; p < L; p++) {
            const ap = alpha[(i - 1) * L + p] as number;
            if (ap === -Infinity) continue;
            for (let c = 0; c < L; c++) {
              const w = tr[p * L + c] as number;
              if (w === -Infinity) continue;
              const m = Math.exp(ap + w + (e[i * L + c] as number) + (beta[i * L + c] as number) - logZ);
              t[p * L + c] = (t[p * L + c] as number) + g * ((p === gp && c === gi ? 1 : 0) - m);
            }
          }
        }
      }
      if (scale < 1e-9) {
        for (let k = 0; k < v.length; k++) v[k] = (v[k] as number) * scale;
        for (let k = 0; k < t.length; k++) t[k] = (t[k] as number) * scale;
        scale = 1;
      }
    }
    options.onEpoch?.(epoch, loss, forbidden);
    if (options.averageFrom !== undefined && epoch >= options.averageFrom) {
      for (let k = 0; k < v.length; k++) avgV[k] = (avgV[k] as number) + (v[k] as number) * scale;
      for (let k = 0; k < t.length; k++) avgT[k] = (avgT[k] as number) + (t[k] as number) * scale;
      averaged++;
    }
  }
  if (averaged > 0) {
    for (let k = 0; k < v.length; k++) v[k] = (avgV[k] as number) / averaged;
    for (let k = 0; k < t.length; k++) t[k] = (avgT[k] as number) / averaged;
    scale = 1;
  }
  const features: Record<string, number[]> = {};
  names.forEach((name, f) => {
    const flat: number[] = [];
    for (let c = 0; c < L; c++) {
      const w = roundWeight((v[f * L + c] as number) * scale);
      if (w !== 0) flat.push(c, w);
    }
    if (flat.length > 0) features[name] = flat;
  });
  const transitions: number[][] = [];
  for (let p = 0; p <= L; p++) {
    const row: number[] = [];
    for (let c = 0; c < L; c++) row.push(mayFollow(p, c) ? roundWeight((t[p * L + c] as number) * scale) : 0);
    transitions.push(row);
  }
  return { format: 'kg-tagger/1', trainedOn, labels: [...LABELS], transitions, features };
}
