/**
 * The judged sample of results tuples (docs/results-judged.md): `node dist/bench/results-sample.js SNAPSHOT [--n 60]
 * [--seed 31]` prints, one JSON line each, a seeded random sample of the results in SNAPSHOT/papers.jsonl (each with
 * its paper, fields as surface text and its sentence) and, on stderr, how many results there are per 1,000 papers;
 * `--judged FILE` instead reads those lines with a `judgement` added and prints the precision (every field right) and
 * the share right of each field. The same snapshot and seed give the same sample.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSnapshotPapers } from '../graph/index.js';
import { mulberry32 } from '../pipeline/train/random.js';

/** One sampled result, its fields as the text writes them (a field the result does not name is absent). */
export interface SampledResult {
  id: string;
  paper: string;
  metric: string;
  value: number;
  unit?: string;
  delta?: string;
  dataset?: string;
  method?: string;
  sentence: string;
}

/** The fields judged: each `true` (right) or `false` (wrong); an absent dataset or method is judged as `null`. */
export const JUDGED_FIELDS = ['metric', 'value', 'unit', 'delta', 'dataset', 'method'] as const;

export interface Judgement {
  metric: boolean;
  value: boolean;
  unit: boolean;
  delta: boolean;
  dataset: boolean | null;
  method: boolean | null;
  note?: string;
}

/** Every result of a snapshot's papers, in papers.jsonl order, and the number of papers. */
export async function snapshotResults(dir: string): Promise<{ results: SampledResult[]; papers: number }> {
  const results: SampledResult[] = [];
  let papers = 0;
  for await (const p of readSnapshotPapers(dir)) {
    papers += 1;
    const text = `${p.title}\n${p.abstract}`;
    (p.results ?? []).forEach((r, n) => {
      const surface = (i: number | undefined) => (i === undefined ? undefined : p.mentions[i]?.text);
      results.push({
        id: `${p.id}#${n}`,
        paper: p.id,
        metric: surface(r.metric)!,
        value: r.value,
        ...(r.unit === undefined ? {} : { unit: r.unit }),
        ...(r.delta === undefined ? {} : { delta: r.delta }),
        ...(r.dataset === undefined ? {} : { dataset: surface(r.dataset) }),
        ...(r.method === undefined ? {} : { method: surface(r.method) }),
        sentence: text.slice(r.sentence[0], r.sentence[1]).replace(/\s+/g, ' '),
      });
    });
  }
  return { results, papers };
}

/** `n` of `items` drawn without replacement by a partial Fisher-Yates shuffle seeded with `seed`, in drawn order. */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const copy = [...items];
  const next = mulberry32(seed);
  const k = Math.min(n, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}

/** Precision (every field right; an absent dataset or method counts as right) and the share right of each field. */
export function precision(judged: readonly Judgement[]): { n: number; right: number; fields: Record<string, string> } {
  const ok = (j: Judgement) => JUDGED_FIELDS.every((f) => j[f] !== false);
  const fields: Record<string, string> = {};
  for (const f of JUDGED_FIELDS) {
    const named = judged.filter((j) => j[f] !== null);
    fields[f] = `${named.filter((j) => j[f] === true).length}/${named.length}`;
  }
  return { n: judged.length, right: judged.filter(ok).length, fields };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const judgedFile = arg('--judged');
  if (judgedFile !== undefined) {
    const judged = readFileSync(judgedFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { judgement: Judgement }).judgement);
    const p = precision(judged);
    process.stdout.write(
      `${p.right}/${p.n} tuples with every field right (${((100 * p.right) / p.n).toFixed(1)} %); fields right of those named: ${JUDGED_FIELDS.map((f) => `${f} ${p.fields[f]}`).join(', ')}\n`,
    );
    return;
  }
  const dir = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  if (dir === undefined) throw new Error('usage: results-sample SNAPSHOT [--n 60] [--seed 31] | --judged FILE');
  const n = Number(arg('--n') ?? 60);
  const seed = Number(arg('--seed') ?? 31);
  const { results, papers } = await snapshotResults(dir);
  process.stderr.write(
    `${results.length} results in ${papers} papers (${((1000 * results.length) / papers).toFixed(1)} per 1,000); ` +
      `${results.filter((r) => r.dataset !== undefined).length} with a dataset, ${results.filter((r) => r.method !== undefined).length} with a method; sample of ${Math.min(n, results.length)}, seed ${seed}\n`,
  );
  for (const r of sample(results, n, seed)) process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
