/**
 * Specificity against the judged ACL sample (`node dist/bench/specificity.js SNAPSHOT [--fit] [--judged FILE]`): reads a
 * built snapshot, scores every entity, and prints the share judged specific among the terms a user sees with umbrella
 * terms hidden, the judged-specific terms hidden, and the time taken; on the tune half (odd ranks by papers), the
 * report half (even ranks) and all. `--fit` first fits the logistic weights on the tune half (IRLS with a small ridge)
 * and scores with them: the defaults in graph/specificity.ts are that run's output, rounded.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSnapshot } from '../graph/index.js';
import { specificityFeatures, type SpecificityFeatures } from '../graph/specificity-features.js';
import {
  DEFAULT_SPECIFICITY_OPTIONS,
  FORM_FEATURES,
  SPECIFICITY_FEATURES,
  scoreFeatures,
  type SpecificityOptions,
  type SpecificityWeights,
} from '../graph/specificity.js';

/** One judged entity (pipeline/eval/specificity-acl.json), in paper-count order. */
export interface Judged {
  key: string;
  label: string;
  kind: string;
  papers: number;
  judgement: 'specific' | 'umbrella' | 'junk';
}

/** What one half of the sample shows. */
export interface HalfReport {
  /** Share judged specific among the first `top` of the half with specificity ≥ umbrellaBelow, in paper order. */
  shownSpecific: number;
  shown: number;
  /** Share judged specific among the half's first `top` by papers that pass the threshold. */
  keptSpecific: number;
  /** Judged-specific terms among the half's first `top` by papers scored below the threshold. */
  hidden: string[];
}

/** The figures of one half: `top` is how far the view goes (300 for all, 150 for a half). */
export function reportHalf(
  rows: readonly Judged[],
  score: (key: string) => number,
  threshold: number,
  top: number,
): HalfReport {
  const shown = rows.filter((r) => score(r.key) >= threshold).slice(0, top);
  const first = rows.slice(0, top);
  const kept = first.filter((r) => score(r.key) >= threshold);
  const share = (list: readonly Judged[]): number =>
    list.length === 0 ? 0 : list.filter((r) => r.judgement === 'specific').length / list.length;
  return {
    shownSpecific: share(shown),
    shown: shown.length,
    keptSpecific: share(kept),
    hidden: first.filter((r) => r.judgement === 'specific' && score(r.key) < threshold).map((r) => r.label),
  };
}

/** Solves A x = b for a small symmetric positive definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Logistic regression of judged-specific on the features, in the score's own form: the corpus part scaled by the
 * confidence n / (n + evidencePapers) and the prior's logit(unknownScore) as a fixed offset, so the fitted weights
 * are the ones {@link scoreFeatures} uses. IRLS (Newton) with a ridge of `ridge` on every weight but the bias.
 */
export function fitWeights(
  samples: readonly { f: SpecificityFeatures; specific: boolean }[],
  features: ReadonlyMap<string, SpecificityFeatures>,
  options: SpecificityOptions,
  ridge = 0.1,
): SpecificityWeights {
  const names = ['bias', ...SPECIFICITY_FEATURES] as const;
  const form = new Set<string>(FORM_FEATURES);
  const prior = Math.log(options.unknownScore / (1 - options.unknownScore));
  const design = (f: SpecificityFeatures): { x: number[]; offset: number } => {
    const c = f.papers / (f.papers + options.evidencePapers);
    const value = (name: (typeof names)[number]): number => (name === 'bias' ? 1 : f[name]);
    return { x: names.map((name) => (form.has(name) ? value(name) : c * value(name))), offset: (1 - c) * prior };
  };
  // The score leans on its host in logits, so a sample's row is the same blend of its own row and its host's.
  const rows = samples.map(({ f, specific }) => {
    const own = design(f);
    const hostFeatures = f.leansOn === undefined ? undefined : features.get(f.leansOn);
    if (!hostFeatures) return { ...own, y: specific ? 1 : 0 };
    const host = design(hostFeatures);
    const s = options.leanShare;
    return {
      x: own.x.map((v, i) => (1 - s) * v + s * host.x[i]!),
      offset: (1 - s) * own.offset + s * host.offset,
      y: specific ? 1 : 0,
    };
  });
  let w = new Array<number>(names.length).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const h = names.map((_, i) => names.map((__, j) => (i === j && i > 0 ? ridge : 0)));
    const g = names.map((_, i) => (i > 0 ? ridge * w[i]! : 0));
    for (const { x, offset, y } of rows) {
      const p = 1 / (1 + Math.exp(-(offset + x.reduce((s, v, i) => s + v * w[i]!, 0))));
      const v = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < x.length; i++) {
        g[i]! += (p - y) * x[i]!;
        for (let j = 0; j < x.length; j++) h[i]![j]! += v * x[i]! * x[j]!;
      }
    }
    const step = solve(h, g);
    w = w.map((value, i) => value - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return Object.fromEntries(names.map((name, i) => [name, w[i]!])) as SpecificityWeights;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--judged');
  if (!dir) {
    console.error('usage: node dist/bench/specificity.js SNAPSHOT [--fit] [--judged FILE]');
    process.exit(2);
  }
  const judgedFile = args.includes('--judged')
    ? args[args.indexOf('--judged') + 1]!
    : fileURLToPath(new URL('../../pipeline/eval/specificity-acl.json', import.meta.url));
  const judged = JSON.parse(readFileSync(judgedFile, 'utf8')) as Judged[];
  const { graph } = await loadSnapshot(dir);
  let start = performance.now();
  const features = specificityFeatures(graph);
  const featureMs = performance.now() - start;
  let options: SpecificityOptions = { ...DEFAULT_SPECIFICITY_OPTIONS };
  if (args.includes('--fit')) {
    const tune = judged
      .filter((_, i) => i % 2 === 0)
      .map((r) => ({ f: features.get(`entity:${r.key}`)!, specific: r.judgement === 'specific' }));
    const weights = fitWeights(tune, features, options);
    console.log(
      'fitted weights:',
      JSON.stringify(Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, Math.round(v * 100) / 100]))),
    );
    options = { ...options, weights };
  }
  start = performance.now();
  const scores = scoreFeatures(features, options);
  const scoreMs = performance.now() - start;
  const score = (key: string): number => scores.get(`entity:${key}`) ?? 0;
  const t = options.umbrellaBelow;
  const umbrella = [...scores.values()].filter((s) => s < t).length;
  console.log(
    `${graph.order} nodes: features ${Math.round(featureMs)} ms, scores ${Math.round(scoreMs)} ms; ${umbrella} of ${scores.size} entities below ${t}`,
  );
  console.log('half     first  shown specific   kept specific   judged-specific hidden');
  for (const [name, rows, top] of [
    ['tune', judged.filter((_, i) => i % 2 === 0), 150],
    ['report', judged.filter((_, i) => i % 2 === 1), 150],
    ['all', judged, 300],
  ] as const) {
    const r = reportHalf(rows, score, t, top);
    console.log(
      `${name.padEnd(8)} ${String(top).padStart(5)}  ${(100 * r.shownSpecific).toFixed(1).padStart(5)} % of ${String(r.shown).padStart(3)}   ${(100 * r.keptSpecific).toFixed(1).padStart(5)} %      ${r.hidden.length}`,
    );
  }
  console.log('hidden (all, first 300):', reportHalf(judged, score, t, 300).hidden.join(', '));
  const shownWrong = judged
    .filter((r) => score(r.key) >= t)
    .slice(0, 300)
    .filter((r) => r.judgement !== 'specific');
  console.log('shown, not specific (all, first 300 shown):', shownWrong.map((r) => r.label).join(', '));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
