/** Test papers: the real seeds, and larger synthetic corpora made from them (unique titles, same kind of text). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ingest } from '../../pipeline/ingest/index.js';
import type { Paper } from '../../pipeline/core/types.js';

/** The project root (tests run from anywhere). */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SEEDS_DIR = path.join(ROOT, 'seeds');

/** The 504 seed papers, as `kg run` ingests them. */
export function seedPapers(): Paper[] {
  const files = readdirSync(SEEDS_DIR)
    .sort()
    .map((name) => ({ file: path.join('seeds', name), content: readFileSync(path.join(SEEDS_DIR, name)) }));
  return ingest(files).papers;
}

/** `n` JSONL lines of distinct papers built by cycling the seed abstracts (for runs long enough to interrupt). */
export function syntheticCorpus(n: number): string {
  const seeds = seedPapers();
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const paper = seeds[i % seeds.length]!;
    lines.push(
      JSON.stringify({
        id: `syn-${i}`,
        title: `${paper.title} (variant ${i})`,
        abstract: paper.abstract,
        year: 2020 + (i % 5),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
