/**
 * Word vectors from unlabelled text (tagger/vectors.ts reads them): the positive pointwise mutual information of each
 * word with the words within `window` tokens of it, context counts raised to `smoothing` (Levy, Goldberg & Dagan
 * 2015), reduced by a randomized SVD (Halko, Martinsson & Tropp 2011) to `dims` dimensions, each word's row of U
 * scaled by the square root of the singular values, then made unit length. Deterministic (fixed order, seeded
 * starting matrix, plain arithmetic): the same sentences and options give the same vectors. About half a minute for
 * the ACL abstracts.
 */
import { QUANTUM, type WordVectorsFile } from '../extract/tagger/vectors.js';
import { mulberry32 } from './random.js';
import { oneEntryPerLine } from './serialise.js';

export interface VectorOptions {
  dims: number;
  /** Words seen fewer times get no vector and are no context. */
  minCount: number;
  window: number;
  /** The exponent of context counts in PMI's denominator. */
  smoothing: number;
  /** Extra columns of the random projection, and power iterations, of the randomized SVD. */
  oversample: number;
  powerIterations: number;
  seed: number;
  log?: (line: string) => void;
}

export const VECTOR_DEFAULTS: Omit<VectorOptions, 'log'> = {
  dims: 50,
  minCount: 5,
  window: 2,
  smoothing: 0.75,
  oversample: 20,
  powerIterations: 3,
  seed: 7,
};

/** A unit vector's components as the file keeps them (signed bytes, base64). */
export function encodeVector(v: ArrayLike<number>): string {
  const q = new Int8Array(v.length);
  for (let d = 0; d < v.length; d++)
    q[d] = Math.max(-QUANTUM, Math.min(QUANTUM, Math.round((v[d] as number) * QUANTUM)));
  return Buffer.from(q.buffer).toString('base64');
}

/** Vectors of the words of `sentences` (lower-case word lists) seen at least `minCount` times. */
export function ppmiVectors(
  sentences: readonly (readonly string[])[],
  options: VectorOptions,
  trainedOn: Record<string, unknown>,
): WordVectorsFile {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = [...counts]
    .filter(([, c]) => c >= options.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
  const V = vocab.length;
  const id = new Map(vocab.map((w, i) => [w, i]));
  const pairs = new Map<number, number>();
  const rowSum = new Float64Array(V);
  const colSum = new Float64Array(V);
  for (const s of sentences) {
    const ids = s.map((w) => id.get(w) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i] as number;
      if (a < 0) continue;
      for (let j = Math.max(0, i - options.window); j <= Math.min(ids.length - 1, i + options.window); j++) {
        const b = ids[j] as number;
        if (j === i || b < 0) continue;
        const key = a * V + b;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        rowSum[a] = (rowSum[a] as number) + 1;
        colSum[b] = (colSum[b] as number) + 1;
      }
    }
  }
  const smoothed = colSum.map((c) => Math.pow(c, options.smoothing));
  const smoothTotal = smoothed.reduce((a, b) => a + b, 0);
  // The positive PMI matrix, rows in order (compressed sparse rows).
  const entries: [number, number, number][] = [];
  for (const [key, c] of pairs) {
    const a = Math.floor(key / V);
    const b = key % V;
    const pmi = Math.log((c * smoothTotal) / ((rowSum[a] as number) * (smoothed[b] as number)));
    if (pmi > 0) entries.push([a, b, pmi]);
  }
  entries.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const rowPtr = new Int32Array(V + 1);
  const col = new Int32Array(entries.length);
  const val = new Float64Array(entries.length);
  entries.forEach(([a, b, v], i) => {
    rowPtr[a + 1] = (rowPtr[a + 1] as number) + 1;
    col[i] = b;
    val[i] = v;
  });
  for (let a = 0; a < V; a++) rowPtr[a + 1] = (rowPtr[a + 1] as number) + (rowPtr[a] as number);
  options.log?.(`word vectors: ${V} words, ${entries.length} positive PMI pairs`);
  const K = options.dims + options.oversample;
  // Y = M X and Y = Mᵀ X for X of V × K (row-major).
  const times = (X: Float64Array, transpose: boolean): Float64Array => {
    const Y = new Float64Array(V * K);
    for (let a = 0; a < V; a++) {
      for (let p = rowPtr[a] as number; p < (rowPtr[a + 1] as number); p++) {
        const b = col[p] as number;
        const v = val[p] as number;
        const [to, from] = transpose ? [b, a] : [a, b];
        for (let k = 0; k < K; k++) Y[to * K + k] = (Y[to * K + k] as number) + v * (X[from * K + k] as number);
      }
    }
    return Y;
  };
  const orthonormal = (Y: Float64Array): Float64Array => {
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < k; j++) {
        let dot = 0;
        for (let a = 0; a < V; a++) dot += (Y[a * K + k] as number) * (Y[a * K + j] as number);
        for (let a = 0; a < V; a++) Y[a * K + k] = (Y[a * K + k] as number) - dot * (Y[a * K + j] as number);
      }
      let norm = 0;
      for (let a = 0; a < V; a++) norm += (Y[a * K + k] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let a = 0; a < V; a++) Y[a * K + k] = (Y[a * K + k] as number) / norm;
    }
    return Y;
  };
  const rng = mulberry32(options.seed);
  const start = new Float64Array(V * K);
  for (let i = 0; i < start.length; i++) start[i] = rng() * 2 - 1;
  let Q = orthonormal(times(start, false));
  for (let it = 0; it < options.powerIterations; it++) Q = orthonormal(times(orthonormal(times(Q, true)), false));
  // B = Qᵀ M (K × V) is Zᵀ for Z = Mᵀ Q; B Bᵀ = Zᵀ Z, whose eigenvectors give U = Q E and eigenvalues the squared
  // singular values.
  const Z = times(Q, true);
  const C = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      let s = 0;
      for (let a = 0; a < V; a++) s += (Z[a * K + i] as number) * (Z[a * K + j] as number);
      C[i * K + j] = s;
    }
  }
  const E = jacobiEigenvectors(C, K);
  const order = Array.from({ length: K }, (_, i) => i).sort(
    (i, j) => (C[j * K + j] as number) - (C[i * K + i] as number) || i - j,
  );
  const top = order.slice(0, options.dims);
  const words: Record<string, string> = {};
  const v = new Float64Array(options.dims);
  for (let a = 0; a < V; a++) {
    let norm = 0;
    top.forEach((i, d) => {
      let u = 0;
      for (let k = 0; k < K; k++) u += (Q[a * K + k] as number) * (E[k * K + i] as number);
      // U × S^½, S = √(eigenvalue).
      const x = u * Math.pow(Math.max(C[i * K + i] as number, 0), 0.25);
      v[d] = x;
      norm += x * x;
    });
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < options.dims; d++) v[d] = (v[d] as number) / norm;
    words[vocab[a] as string] = encodeVector(v);
  }
  const { log: _log, ...settings } = options;
  return { format: 'kg-word-vectors/1', trainedOn: { ...trainedOn, ...settings }, dims: options.dims, words };
}

/**
 * Diagonalises the symmetric `n × n` matrix `C` in place by cyclic Jacobi rotations (its diagonal becomes the
 * eigenvalues) and returns the eigenvectors as the columns of an `n × n` matrix.
 */
export function jacobiEigenvectors(C: Float64Array, n: number): Float64Array {
  const E = new Float64Array(n * n);
  for (let i = 0; i < n; i++) E[i * n + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = C[p * n + q] as number;
        off += apq * apq;
        if (Math.abs(apq) < 1e-12) continue;
        const theta = ((C[q * n + q] as number) - (C[p * n + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = C[k * n + p] as number;
          const akq = C[k * n + q] as number;
          C[k * n + p] = c * akp - s * akq;
          C[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = C[p * n + k] as number;
          const aqk = C[q * n + k] as number;
          C[p * n + k] = c * apk - s * aqk;
          C[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const ekp = E[k * n + p] as number;
          const ekq = E[k * n + q] as number;
          E[k * n + p] = c * ekp - s * ekq;
          E[k * n + q] = s * ekp + c * ekq;
        }
      }
    }
    if (off < 1e-18) break;
  }
  return E;
}

export function serialiseVectors(file: WordVectorsFile): string {
  return oneEntryPerLine(file, 'words');
}
