/**
 * Word classes from unlabelled text by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998):
 * start from a round-robin assignment by frequency, then move each word, most frequent first, to the class that most
 * raises the likelihood of a class bigram model, for a fixed number of passes. The objective is Brown et al.'s
 * (1992) average mutual information between adjacent classes; unlike Brown clustering it gives flat classes, in
 * O(passes × words × classes × neighbour classes) time: about half a minute for the ACL abstracts. Deterministic
 * (fixed order, plain arithmetic): the same sentences and options give the same classes.
 *
 * Chosen by 5-fold cross-validation of the abstracts tagger on SciERC train, mean strict F1 over seeds 1-6 (30
 * folds), the class of the token itself as one feature: without classes 0.5536; with the shipped 256 classes 0.5571
 * (Task 0.534 → 0.532, within noise). A first run of the same algorithm (6 passes, title and abstract joined by ". ")
 * compared the variants: 256 classes 0.5592, 1024 classes 0.5575 (and four times the time); the neighbours' classes
 * as well 0.5563 (seeds 1-3, against 0.5586 without them); 256 and 64 classes together 0.5602.
 */
import nlp from 'compromise';
import type { WordClassesFile } from '../extract/tagger/clusters.js';
import { oneEntryPerLine } from './serialise.js';

export interface ExchangeOptions {
  classes: number;
  /** Words seen fewer times are one "unknown" word while clustering and get no class. */
  minCount: number;
  passes: number;
  log?: (line: string) => void;
}

export const CLASS_DEFAULTS: Omit<ExchangeOptions, 'log'> = { classes: 256, minCount: 5, passes: 8 };

/** Lower-case words of each sentence of `text`, as the extractor's tokens (tokens.ts) read them: compromise's terms. */
export function sentenceWords(text: string): string[][] {
  return nlp.tokenize(text).document.map((terms) => terms.map((t) => t.text.toLowerCase()).filter((w) => w !== ''));
}

const xlogx = (x: number): number => (x > 0 ? x * Math.log(x) : 0);

/** Classes of the words of `sentences` (word lists) seen at least `minCount` times. */
export function exchangeClasses(
  sentences: readonly (readonly string[])[],
  options: ExchangeOptions,
  trainedOn: Record<string, unknown>,
): WordClassesFile {
  const K = options.classes;
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Word ids: 0 the sentence boundary, 1 the unknown word, then by falling count (ties by code-unit order).
  const vocab = [
    '<s>',
    '<unk>',
    ...[...counts]
      .filter(([, c]) => c >= options.minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([w]) => w),
  ];
  const V = vocab.length;
  const id = new Map(vocab.map((w, i) => [w, i]));
  const bigrams = new Map<number, number>();
  const count = (a: number, b: number): void => {
    const key = a * V + b;
    bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
  };
  for (const s of sentences) {
    let prev = 0;
    for (const w of s) {
      const v = id.get(w) ?? 1;
      count(prev, v);
      prev = v;
    }
    count(prev, 0);
  }
  // Per word: neighbours to the right and left as [word, count, word, count, …], its bigram with itself, and how
  // often it is the left and the right word of a bigram.
  const right: number[][] = Array.from({ length: V }, () => []);
  const left: number[][] = Array.from({ length: V }, () => []);
  const self = new Float64Array(V);
  const asLeft = new Float64Array(V);
  const asRight = new Float64Array(V);
  for (const [key, c] of [...bigrams].sort((x, y) => x[0] - y[0])) {
    const a = Math.floor(key / V);
    const b = key % V;
    if (a === b) self[a] = c;
    else {
      (right[a] as number[]).push(b, c);
      (left[b] as number[]).push(a, c);
    }
    asLeft[a] = (asLeft[a] as number) + c;
    asRight[b] = (asRight[b] as number) + c;
  }
  options.log?.(
    `word classes: ${V - 2} words seen ${options.minCount}+ times, ${bigrams.size} bigram types, ${K} classes`,
  );
  const cls = new Int32Array(V);
  for (let v = 0; v < V; v++) cls[v] = v % K;
  // Class bigram counts M, and class counts as the left (L) and the right (R) word.
  const M = new Float64Array(K * K);
  const L = new Float64Array(K);
  const R = new Float64Array(K);
  for (const [key, c] of bigrams) {
    const a = cls[Math.floor(key / V)] as number;
    const b = cls[key % V] as number;
    M[a * K + b] = (M[a * K + b] as number) + c;
    L[a] = (L[a] as number) + c;
    R[b] = (R[b] as number) + c;
  }
  const rc = new Float64Array(K);
  const lc = new Float64Array(K);
  const rTouched: number[] = [];
  const lTouched: number[] = [];
  const add = (k: number, d: number): void => {
    M[k] = (M[k] as number) + d;
  };
  for (let pass = 1; pass <= options.passes; pass++) {
    let moved = 0;
    // The boundary keeps its class; every other word, the unknown one included, may move.
    for (let w = 1; w < V; w++) {
      rTouched.length = 0;
      lTouched.length = 0;
      const rw = right[w] as number[];
      const lw = left[w] as number[];
      for (let j = 0; j < rw.length; j += 2) {
        const c = cls[rw[j] as number] as number;
        if (rc[c] === 0) rTouched.push(c);
        rc[c] = (rc[c] as number) + (rw[j + 1] as number);
      }
      for (let j = 0; j < lw.length; j += 2) {
        const c = cls[lw[j] as number] as number;
        if (lc[c] === 0) lTouched.push(c);
        lc[c] = (lc[c] as number) + (lw[j + 1] as number);
      }
      const from = cls[w] as number;
      // Take w out of its class, then put it where the objective gains most (its old class included).
      for (const c of rTouched) add(from * K + c, -(rc[c] as number));
      for (const c of lTouched) add(c * K + from, -(lc[c] as number));
      add(from * K + from, -(self[w] as number));
      L[from] = (L[from] as number) - (asLeft[w] as number);
      R[from] = (R[from] as number) - (asRight[w] as number);
      let best = from;
      let bestGain = -Infinity;
      for (let b = 0; b < K; b++) {
        let gain = 0;
        for (const c of rTouched) {
          if (c === b) continue;
          const m = M[b * K + c] as number;
          gain += xlogx(m + (rc[c] as number)) - xlogx(m);
        }
        for (const c of lTouched) {
          if (c === b) continue;
          const m = M[c * K + b] as number;
          gain += xlogx(m + (lc[c] as number)) - xlogx(m);
        }
        const mbb = M[b * K + b] as number;
        gain += xlogx(mbb + (rc[b] as number) + (lc[b] as number) + (self[w] as number)) - xlogx(mbb);
        const lb = L[b] as number;
        const rb = R[b] as number;
        gain -= xlogx(lb + (asLeft[w] as number)) - xlogx(lb) + xlogx(rb + (asRight[w] as number)) - xlogx(rb);
        if (gain > bestGain + 1e-9) {
          bestGain = gain;
          best = b;
        }
      }
      for (const c of rTouched) add(best * K + c, rc[c] as number);
      for (const c of lTouched) add(c * K + best, lc[c] as number);
      add(best * K + best, self[w] as number);
      L[best] = (L[best] as number) + (asLeft[w] as number);
      R[best] = (R[best] as number) + (asRight[w] as number);
      if (best !== from) {
        cls[w] = best;
        moved++;
      }
      for (const c of rTouched) rc[c] = 0;
      for (const c of lTouched) lc[c] = 0;
    }
    options.log?.(`word classes, pass ${pass}/${options.passes}: ${moved} words moved`);
  }
  const words: Record<string, number> = {};
  for (let v = 2; v < V; v++) words[vocab[v] as string] = cls[v] as number;
  return {
    format: 'kg-word-classes/1',
    trainedOn: { ...trainedOn, classes: K, minCount: options.minCount, passes: options.passes },
    classes: K,
    words,
  };
}

/** The file's bytes: one word per line, so diffs stay readable. */
export function serialiseClasses(file: WordClassesFile): string {
  return oneEntryPerLine(file, 'words');
}
