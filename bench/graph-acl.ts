/** Graph stage on the ACL corpus: corpus step, build, communities, specificity, layout and snapshot times, counts and peak RSS (`node dist/bench/graph-acl.js [corpus.jsonl] [cache.json] [minEntityPapers]`). */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildCorpusGraph,
  corpusRecords,
  loadSnapshot,
  saveSnapshot,
  type CorpusGraph,
  type CorpusGraphOptions,
} from '../graph/index.js';
import { createExtractor, EXTRACTOR_VERSION, loadModels } from '../pipeline/extract/index.js';
import { ingest } from '../pipeline/ingest/index.js';
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';

const peak = (): string => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

/**
 * Papers and their extraction results, before the corpus step (which the graph numbers include); extraction (minutes)
 * is cached in `cache`, which they do not. The cache's name holds the extractor version, so another version extracts again.
 */
export function extraction(corpus: string, cache: string): { papers: Paper[]; results: ExtractionResult[] } {
  if (existsSync(cache))
    return JSON.parse(readFileSync(cache, 'utf8')) as { papers: Paper[]; results: ExtractionResult[] };
  const { papers } = ingest([{ file: corpus, content: readFileSync(corpus) }]);
  const { extract } = createExtractor({ models: loadModels() });
  const out = { papers, results: papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract })) };
  writeFileSync(cache, JSON.stringify(out));
  return out;
}

/** The bench's graph: kg run's (buildCorpusGraph), with each stage's milliseconds and the peak RSS at its end. */
export function timedCorpusGraph(
  papers: readonly Paper[],
  results: readonly ExtractionResult[],
  options: CorpusGraphOptions = {},
): { corpus: CorpusGraph; rows: [string, number, string][] } {
  const rows: [string, number, string][] = [];
  let mark = performance.now();
  const corpus = buildCorpusGraph(papers, results, {
    ...options,
    onStage: (stage) => {
      const now = performance.now();
      rows.push([stage, Math.round(now - mark), peak()]);
      mark = now;
    },
  });
  return { corpus, rows };
}

async function run(label: string, corpusFile: string, cache: string, options: CorpusGraphOptions): Promise<void> {
  const { papers, results } = extraction(corpusFile, cache);
  const { corpus, rows } = timedCorpusGraph(papers, results, options);
  const { graph } = corpus;
  const time = async <T>(stage: string, f: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await f();
    rows.push([stage, Math.round(performance.now() - start), peak()]);
    return value;
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
  await time('saveSnapshot', () => saveSnapshot(dir, graph, corpusRecords(corpus)));
  await time('loadSnapshot', () => loadSnapshot(dir));
  rmSync(dir, { recursive: true, force: true });
  const a = graph.getAttributes();
  console.log(
    `\n${label}: ${graph.order} nodes, ${graph.size} edges, ${a.communities.length} communities, modularity ${a.modularity.toFixed(3)}, ${JSON.stringify(a.build)}`,
  );
  console.log('stage          ms   peak RSS');
  for (const [stage, ms, rss] of rows) console.log(`${stage.padEnd(13)} ${String(ms).padStart(6)}   ${rss}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpusFile = process.argv[2] || '/work/shared/eval-data/corpus/acl-anthology.jsonl';
  const cache = process.argv[3] || path.join(os.tmpdir(), `kg-bench-acl-extraction-${EXTRACTOR_VERSION}.json`);
  // One configuration per process, so that peak RSS is its own.
  const minEntityPapers = Number(process.argv[4] || 1);
  await run(`ACL, minEntityPapers ${minEntityPapers}`, corpusFile, cache, { minEntityPapers });
}
