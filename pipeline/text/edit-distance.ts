/** Edit distances, shared by the corpus acronym step, `kg trace`'s suggestions and the explorer's search. */

// Three rows reused across calls, so a distance allocates nothing: the explorer's search runs it over every distinct
// word of a large graph.
let twoBack = new Int32Array(64);
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * The distance of `a` and `b`, or `max + 1` as soon as it must exceed `max`: Levenshtein, and with `swaps` a swap of
 * two adjacent characters counts as one edit too (optimal string alignment).
 */
function distance(a: string, b: string, max: number, swaps: boolean): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (previousRow.length <= m) {
    twoBack = new Int32Array(m + 1);
    previousRow = new Int32Array(m + 1);
    currentRow = new Int32Array(m + 1);
  }
  let back = twoBack;
  let prev = previousRow;
  let cur = currentRow;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowBest = i;
    const ch = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      let d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ch === b.charCodeAt(j - 1) ? 0 : 1),
      );
      if (swaps && i > 1 && j > 1 && ch === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, (back[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > max) return max + 1;
    [back, prev, cur] = [prev, cur, back];
  }
  return Math.min(prev[m] as number, max + 1);
}

/** Levenshtein distance of `a` and `b`, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  return distance(a, b, max, false);
}

/**
 * Like {@link editDistance}, but a swap of two adjacent characters counts as one edit (optimal string alignment):
 * "trasnformer" is one typo from "transformer", "scroe" one from "score", as a reader counts them.
 */
export function typoDistance(a: string, b: string, max: number): number {
  return distance(a, b, max, true);
}
