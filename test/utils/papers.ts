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

/** Methods of a dated synthetic corpus and the years each is used in (first, last). */
export const DATED_METHODS: readonly [name: string, first: number, last: number][] = [
  ['a phrase-based statistical machine translation system', 2012, 2016],
  ['conditional random fields', 2012, 2015],
  ['word2vec', 2013, 2017],
  ['GloVe', 2014, 2018],
  ['ELMo', 2017, 2019],
  ['BERT', 2019, 2021],
  ['XLNet', 2019, 2020],
  ['GPT-2', 2019, 2021],
  ['RoBERTa', 2020, 2021],
];

/**
 * JSONL of a corpus for trends, 2012-2021, whose size swings like ACL's (ten papers in even years, five in odd
 * ones): paper `i` of a year uses each method of {@link DATED_METHODS} in use that year unless `(i + m) % 3 == 0`
 * (m the method's index), and a recurrent neural network when it uses none.
 */
export function datedCorpus(): string {
  const lines: string[] = [];
  for (let year = 2012; year <= 2021; year++) {
    const n = year % 2 === 0 ? 10 : 5;
    for (let i = 0; i < n; i++) {
      const used = DATED_METHODS.filter(([, first, last], m) => year >= first && year <= last && (i + m) % 3 !== 0);
      const methods = used.length > 0 ? used.map(([name]) => name) : ['a recurrent neural network'];
      lines.push(
        JSON.stringify({
          id: `dated-${year}-${i}`,
          year,
          title: `Study ${i} of ${year} on machine translation`,
          abstract: `${methods.map((m) => `We build on ${m}.`).join(' ')} We evaluate on the WMT data and report BLEU (run ${year}.${i}).`,
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** {@link datedCorpus} as `kg run` ingests it. */
export function datedPapers(): Paper[] {
  return ingest([{ file: 'dated.jsonl', content: Buffer.from(datedCorpus()) }]).papers;
}
