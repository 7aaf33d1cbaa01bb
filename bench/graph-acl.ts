/** Graph stage on the ACL corpus: build, communities, layout and snapshot times, counts and peak RSS (`node dist/bench/graph-acl.js [corpus.jsonl] [cache.json] [minEntityPapers]`). */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildGraph, communities, layout, loadSnapshot, saveSnapshot, type BuildOptions } from '../graph/index.js';
import { createExtractor, loadModels, resolveCorpus } from '../pipeline/extract/index.js';
import { ingest } from '../pipeline/ingest/index.js';
import type { ExtractionResult, Paper } from '../pipeline/types.js';

const corpus = process.argv[2] || '/work/shared/eval-data/corpus/acl-anthology.jsonl';
const cache = process.argv[3] || path.join(os.tmpdir(), 'kg-bench-acl-extraction.json');
const peak = (): string => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;

/** Papers and results through the corpus steps; extraction (minutes) is cached in `cache`, which the graph numbers do not include. */
function extraction(): { papers: Paper[]; results: ExtractionResult[]; variants: [string, string][] } {
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as { papers: Paper[]; results: ExtractionResult[]; variants: [string, string][] };
  const { papers } = ingest([{ file: corpus, content: readFileSync(corpus) }]);
  const texts = new Map(papers.map((p) => [p.id, `${p.title}\n${p.abstract}`]));
  const { extract } = createExtractor({ models: loadModels() });
  const resolved = resolveCorpus(
    papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract })),
    (id) => texts.get(id),
  );
  const out = { papers, results: resolved.results, variants: [...resolved.variants] };
  writeFileSync(cache, JSON.stringify(out));
  return out;
}

async function run(label: string, options: Partial<BuildOptions>): Promise<void> {
  const { papers, results, variants } = extraction();
  const rows: [string, number, string][] = [];
  const time = async <T>(stage: string, f: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await f();
    rows.push([stage, Math.round(performance.now() - start), peak()]);
    return value;
  };
  const graph = await time('build', () => buildGraph(papers, results, { ...options, variants: new Map(variants) }));
  const detection = await time('communities', () => communities.assign(graph));
  await time('layout', () => layout.assign(graph));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
  const byId = new Map(results.map((r) => [r.id, r]));
  await time('saveSnapshot', () => saveSnapshot(dir, graph, papers.map((p) => ({ ...p, mentions: byId.get(p.id)!.mentions, relations: byId.get(p.id)!.relations }))));
  await time('loadSnapshot', () => loadSnapshot(dir));
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n${label}: ${graph.order} nodes, ${graph.size} edges, ${detection.infos.length} communities, modularity ${detection.modularity.toFixed(3)}, ${JSON.stringify(graph.getAttribute('build'))}`);
  console.log('stage          ms   peak RSS');
  for (const [stage, ms, rss] of rows) console.log(`${stage.padEnd(13)} ${String(ms).padStart(6)}   ${rss}`);
}

// One configuration per process, so that peak RSS is its own.
const minEntityPapers = Number(process.argv[4] || 1);
await run(`ACL, minEntityPapers ${minEntityPapers}`, { minEntityPapers });
