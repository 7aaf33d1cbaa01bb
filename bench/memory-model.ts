/**
 * Memory model of the graph stage, for docs/scaling.md: heap bytes per node and per edge of the graphology graph that
 * `buildGraph` makes, at growing corpus sizes from a snapshot's papers.jsonl (no re-extraction), and snapshot bytes per
 * paper, entity, node and edge.
 * Usage: `node --expose-gc dist/bench/memory-model.js [SNAPSHOT_DIR] [SIZES]` (default `data`, `2500,5000,10000,20000,all`).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import {
  buildGraph,
  createKnowledgeGraph,
  DEFAULT_SNAPSHOT_DIR,
  loadSnapshot,
  loadSnapshotPapers,
  SNAPSHOT_FILES,
  type KnowledgeGraph,
} from '../graph/index.js';
import type { ExtractionResult, Paper } from '../pipeline/core/types.js';

const dir = process.argv[2] || DEFAULT_SNAPSHOT_DIR;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MB`;

const records = [...(await loadSnapshotPapers(dir)).values()];
const papers: Paper[] = records.map(({ mentions: _m, relations: _r, ...paper }) => paper);
const results: ExtractionResult[] = records.map((r) => ({
  id: r.id,
  mentions: r.mentions,
  relations: r.relations,
  acronyms: [],
}));
const sizes = (process.argv[3] || '2500,5000,10000,20000,all')
  .split(',')
  .map((s) => (s === 'all' ? papers.length : Math.min(Number(s), papers.length)));

// One throw-away build first, so compiled code and one-time allocations are not counted against the first size.
buildGraph(papers.slice(0, 1000), results.slice(0, 1000));
console.log(`${dir}: ${papers.length} papers; heap after loading them ${mb(heap())}`);
console.log('papers    nodes     edges    graph heap   nodes-only heap   bytes/node   bytes/edge   build s');
for (const size of sizes) {
  const before = heap();
  const t = performance.now();
  let graph: KnowledgeGraph | undefined = buildGraph(papers.slice(0, size), results.slice(0, size));
  const seconds = (performance.now() - t) / 1000;
  const full = heap() - before;
  const { order, size: edges } = graph;
  // The same nodes and attributes without edges: what the nodes alone hold.
  let nodesOnly: KnowledgeGraph | undefined = createKnowledgeGraph();
  graph.forEachNode((n, a) => nodesOnly!.addNode(n, a));
  graph = undefined;
  const nodeBytes = heap() - before;
  nodesOnly = undefined;
  const perNode = nodeBytes / order;
  const perEdge = (full - nodeBytes) / edges;
  console.log(
    `${String(size).padStart(6)} ${String(order).padStart(8)} ${String(edges).padStart(9)} ${mb(full).padStart(12)} ${mb(nodeBytes).padStart(17)} ${perNode.toFixed(0).padStart(12)} ${perEdge.toFixed(0).padStart(12)} ${seconds.toFixed(1).padStart(9)}`,
  );
}

// The snapshot on disk: graph.json split into its node and edge parts by serialising each.
const { graph, manifest } = await loadSnapshot(dir);
const exported = graph.export();
const nodeJson = JSON.stringify(exported.nodes).length;
const edgeJson = JSON.stringify(exported.edges).length;
const graphBytes = statSync(path.join(dir, SNAPSHOT_FILES.graph)).size;
const papersBytes = statSync(path.join(dir, SNAPSHOT_FILES.papers)).size;
const entities = manifest.counts.entities;
console.log(
  `\nsnapshot ${dir}: graph.json ${mb(graphBytes)}, papers.jsonl ${mb(papersBytes)}; ${manifest.counts.papers} papers, ${entities} entities, ${graph.order} nodes, ${graph.size} edges`,
);
console.log(
  `  graph.json: ${(nodeJson / graph.order).toFixed(0)} bytes per node, ${(edgeJson / graph.size).toFixed(0)} bytes per edge`,
);
console.log(`  papers.jsonl: ${(papersBytes / manifest.counts.papers).toFixed(0)} bytes per paper`);
console.log(
  `  whole snapshot: ${((graphBytes + papersBytes) / manifest.counts.papers).toFixed(0)} bytes per paper, ${((graphBytes + papersBytes) / entities).toFixed(0)} bytes per entity`,
);
