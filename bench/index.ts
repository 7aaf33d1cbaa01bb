/**
 * `npm run bench`: throughput and memory on the ACL corpus at growing sizes, one table.
 * Extraction is compared with compromise's own `nlp(text).json()` on the same texts in the same run (the baseline).
 * Usage: node dist/bench/index.js [--corpus FILE] [--sizes 1000,5000] [--all]
 */
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nlp from 'compromise';
import { buildKnowledgeGraph, saveSnapshot } from '../graph/index.js';
import { extract, resolveCorpusAcronyms } from '../pipeline/extract/index.js';
import { ingest, paperText } from '../pipeline/ingest/index.js';
import { extractInThreads } from '../cli/thread-pool.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = flag('--corpus') ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'eval-data', 'corpus', 'acl-anthology.jsonl');
const content = readFileSync(corpus);
const all = ingest([{ file: corpus, content }]).papers;
const sizes = (flag('--sizes') ?? '1000,5000').split(',').map(Number);
if (args.includes('--all')) sizes.push(all.length);

const seconds = (start: number): number => (performance.now() - start) / 1000;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const rows: Record<string, string>[] = [];

for (const size of sizes) {
  const papers = all.slice(0, size);
  const texts = papers.map(paperText);
  const lines = content.toString('utf8').split('\n').slice(0, size).join('\n');
  let t = performance.now();
  ingest([{ file: corpus, content: Buffer.from(lines) }]);
  const ingestRate = size / seconds(t);

  t = performance.now();
  for (const text of texts) nlp(text).json();
  const baseline = size / seconds(t);

  t = performance.now();
  const results = papers.map((p) => extract({ id: p.id, title: p.title, abstract: p.abstract }));
  const oneCore = size / seconds(t);

  t = performance.now();
  let n = 0;
  for await (const _ of extractInThreads(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })), { threads: os.availableParallelism() })) n += 1;
  const allCores = n / seconds(t);

  t = performance.now();
  const resolved = resolveCorpusAcronyms(results);
  const graph = buildKnowledgeGraph(papers, resolved, { createdAt: new Date().toISOString() });
  const graphSeconds = seconds(t);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
  t = performance.now();
  const byId = new Map(resolved.map((r) => [r.id, r]));
  await saveSnapshot(dir, graph, papers.map((p) => ({ ...p, mentions: byId.get(p.id)!.mentions, relations: byId.get(p.id)!.relations })));
  const saveSeconds = seconds(t);
  const bytes = statSync(path.join(dir, 'graph.json')).size + statSync(path.join(dir, 'papers.jsonl')).size;
  rmSync(dir, { recursive: true, force: true });

  rows.push({
    papers: String(size),
    'ingest/s': ingestRate.toFixed(0),
    'nlp().json()/s': baseline.toFixed(0),
    'extract/s 1 core': `${oneCore.toFixed(0)} (${(oneCore / baseline).toFixed(2)}×)`,
    [`extract/s ${os.availableParallelism()} threads`]: `${allCores.toFixed(0)} (${(allCores / baseline).toFixed(2)}×)`,
    'graph+louvain+layout s': graphSeconds.toFixed(1),
    'save s': saveSeconds.toFixed(1),
    nodes: String(graph.order),
    edges: String(graph.size),
    snapshot: mb(bytes),
    'peak RSS': mb(process.resourceUsage().maxRSS * 1024),
  });
  process.stderr.write(`bench: ${size} papers done\n`);
}

const headers = Object.keys(rows[0] ?? {});
const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? '').length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`kg bench on ${path.basename(corpus)} — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()}, node ${process.version}`);
console.log(line(headers));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(headers.map((h) => r[h] ?? '')));
