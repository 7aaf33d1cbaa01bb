/**
 * A seeded random sample of relation edges to judge by hand (issue 31, item 5; the rules are in
 * docs/relations-judged.md): `node dist/bench/relations-sample.js SNAPSHOT [--per-type N] [--seed S] [--min-papers K]`.
 * Reads the snapshot's papers.jsonl (mentions, keys and relations of every paper), groups the relations into the
 * graph's edges (type, head key, tail key; generic ends and self-loops dropped, as graph/build.ts does), and draws
 * N edges of each judged type: USED_FOR edges whose two ends are each in at least K papers, and EVALUATED_ON edges of
 * any ends. Each comes with one of its papers (drawn with the same generator) and the sentence that states it.
 * Prints JSON lines with an empty `verdict` for the judge to fill in.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { mulberry32 } from '../pipeline/train/random.js';

interface Mention {
  start: number;
  end: number;
  text: string;
  type: string;
  key: string;
}

interface PaperRecord {
  id: string;
  title: string;
  abstract: string;
  mentions: Mention[];
  relations: { type: string; head: number; tail: number }[];
}

/** One edge to judge, with the evidence the judge reads. */
export interface SampledEdge {
  type: string;
  head: string;
  tail: string;
  /** The edge's weight: papers that state it. */
  papers: number;
  headPapers: number;
  tailPapers: number;
  paper: string;
  headText: string;
  tailText: string;
  sentence: string;
  verdict: '' | 'right' | 'wrong';
  why: string;
}

/** The sentence of `text` around `[from, to)`: from the last sentence end before to the first after. */
export function sentenceAround(text: string, from: number, to: number): string {
  const ends = /[.!?](?=\s+[A-Z0-9(])|\n/g;
  let start = 0;
  let end = text.length;
  for (let m = ends.exec(text); m !== null; m = ends.exec(text)) {
    if (m.index < from) start = m.index + 1;
    else if (m.index >= to - 1) {
      end = m.index + 1;
      break;
    }
  }
  return text.slice(start, end).trim().replace(/\s+/g, ' ');
}

/** Draws `perType` edges of each judged type from the papers, seeded. */
export async function sampleRelations(
  papersFile: string,
  options: { perType: number; seed: number; minPapers: number },
): Promise<SampledEdge[]> {
  const records: PaperRecord[] = [];
  const paperCount = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(papersFile), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as PaperRecord;
    records.push(r);
    for (const key of new Set(r.mentions.filter((m) => m.type !== 'generic').map((m) => m.key)))
      paperCount.set(key, (paperCount.get(key) ?? 0) + 1);
  }
  const edges = new Map<string, { type: string; head: string; tail: string; at: [number, number, number][] }>();
  records.forEach((r, p) => {
    for (const rel of r.relations) {
      const h = r.mentions[rel.head];
      const t = r.mentions[rel.tail];
      if (!h || !t || h.type === 'generic' || t.type === 'generic' || h.key === t.key) continue;
      const k = `${rel.type}|${h.key}|${t.key}`;
      let e = edges.get(k);
      if (!e) edges.set(k, (e = { type: rel.type, head: h.key, tail: t.key, at: [] }));
      if (!e.at.some(([q]) => q === p)) e.at.push([p, rel.head, rel.tail]);
    }
  });
  const rng = mulberry32(options.seed);
  const out: SampledEdge[] = [];
  const eligible: Record<string, (e: { head: string; tail: string }) => boolean> = {
    USED_FOR: (e) =>
      (paperCount.get(e.head) ?? 0) >= options.minPapers && (paperCount.get(e.tail) ?? 0) >= options.minPapers,
    EVALUATED_ON: () => true,
  };
  for (const [type, ok] of Object.entries(eligible)) {
    const pool = [...edges.keys()].sort().filter((k) => {
      const e = edges.get(k)!;
      return e.type === type && ok(e);
    });
    // A partial Fisher-Yates shuffle: the first perType of a seeded permutation.
    for (let i = 0; i < Math.min(options.perType, pool.length); i++) {
      const j = i + Math.floor(rng() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      const e = edges.get(pool[i]!)!;
      const [p, hi, ti] = e.at[Math.floor(rng() * e.at.length)]!;
      const r = records[p]!;
      const text = `${r.title}\n${r.abstract}`;
      const h = r.mentions[hi]!;
      const t = r.mentions[ti]!;
      out.push({
        type,
        head: e.head,
        tail: e.tail,
        papers: e.at.length,
        headPapers: paperCount.get(e.head) ?? 0,
        tailPapers: paperCount.get(e.tail) ?? 0,
        paper: r.id,
        headText: h.text,
        tailText: t.text,
        sentence: sentenceAround(text, Math.min(h.start, t.start), Math.max(h.end, t.end)),
        verdict: '',
        why: '',
      });
    }
    process.stderr.write(`${type}: ${pool.length} eligible edges\n`);
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const dir = argv[0];
  if (dir === undefined) throw new Error('usage: relations-sample SNAPSHOT [--per-type N] [--seed S] [--min-papers K]');
  const flag = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i < 0 ? fallback : Number(argv[i + 1]);
  };
  const sample = await sampleRelations(path.join(dir, 'papers.jsonl'), {
    perType: flag('--per-type', 50),
    seed: flag('--seed', 31),
    minPapers: flag('--min-papers', 10),
  });
  for (const s of sample) process.stdout.write(`${JSON.stringify(s)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
