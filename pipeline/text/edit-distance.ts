/** Levenshtein distance, shared by the corpus acronym step, `kg trace`'s suggestions and the explorer's search. */

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * Levenshtein distance of `a` and `b`, or `max + 1` as soon as it must exceed `max`. Two rows reused across calls,
 * so it allocates nothing: the explorer's search runs it over every distinct word of a large graph.
 */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (previousRow.length <= m) {
    previousRow = new Int32Array(m + 1);
    currentRow = new Int32Array(m + 1);
  }
  let prev = previousRow;
  let cur = currentRow;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowBest = i;
    const ch = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ch === b.charCodeAt(j - 1) ? 0 : 1),
      );
      cur[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m] as number, max + 1);
}

let twoBackRow = new Int32Array(64);
let osaPrevious = new Int32Array(64);
let osaCurrent = new Int32Array(64);

/**
 * Like {@link editDistance}, but a swap of two adjacent characters counts as one edit (optimal string alignment):
 * "trasnformer" is one typo from "transformer", "scroe" one from "score", as a reader counts them.
 */
export function typoDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (osaPrevious.length <= m) {
    twoBackRow = new Int32Array(m + 1);
    osaPrevious = new Int32Array(m + 1);
    osaCurrent = new Int32Array(m + 1);
  }
  let back = twoBackRow;
  let prev = osaPrevious;
  let cur = osaCurrent;
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
      if (i > 1 && j > 1 && ch === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        d = Math.min(d, (back[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowBest) rowBest = d;
    }
    if (rowBest > max) return max + 1;
    [back, prev, cur] = [prev, cur, back];
  }
  return Math.min(prev[m] as number, max + 1);
}
