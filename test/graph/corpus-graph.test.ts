// One way to build the graph (issue 28, item 4): kg run, the tests' graph utility and the graph benchmark all go
// through buildCorpusGraph, so the first 300 ACL abstracts give the same graph by each of the three.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extraction, timedCorpusGraph } from '../../bench/graph-acl.js';
import type { KnowledgeGraph } from '../../graph/index.js';
import { ingest } from '../../pipeline/ingest/index.js';
import { readGraphJson, runKg, tempDir } from '../utils/cli.js';
import { corpusGraph } from '../utils/graph.js';
import { ROOT } from '../utils/papers.js';

const DATA = process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
const CORPUS = path.join(DATA, 'corpus', 'acl-anthology.jsonl');
const ABSTRACTS = 300;

/** A graph as JSON: the graph's own attributes, and nodes and edges by key. */
interface GraphJson {
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
}

/**
 * What must agree: every node with its attributes but its position (the tests' utility lays graphs out in fewer
 * iterations), every edge with its attributes (weights, counts, spans, papers), the communities and the modularity.
 * What differs by who built it (time, versions, sources) is left out.
 */
function comparable(json: GraphJson) {
  const nodes = new Map(
    json.nodes.map(({ key, attributes }) => {
      const { x: _x, y: _y, ...rest } = attributes;
      return [key, rest];
    }),
  );
  const edges = new Map(
    json.edges.map(({ key, source, target, attributes }) => [key, { source, target, ...attributes }]),
  );
  const { communities, modularity, papers, entities, seed, build } = json.attributes;
  return { nodes, edges, attributes: { communities, modularity, papers, entities, seed, build } };
}

const exported = (graph: KnowledgeGraph): GraphJson => JSON.parse(JSON.stringify(graph.export())) as GraphJson;

const tmp = tempDir('corpus-graph');
const input = path.join(tmp.dir, 'acl-300.jsonl');
let byRun: ReturnType<typeof comparable>;
let byTests: ReturnType<typeof comparable>;
let byBench: ReturnType<typeof comparable>;

beforeAll(async () => {
  const lines = readFileSync(CORPUS, 'utf8').split('\n').slice(0, ABSTRACTS);
  writeFileSync(input, `${lines.join('\n')}\n`);
  const out = path.join(tmp.dir, 'run');
  const run = await runKg(['run', input, '--inline', '--quiet', '--out', out]);
  expect(run.code, run.stderr.slice(-2000)).toBe(0);
  byRun = comparable(readGraphJson(out));

  const { papers } = ingest([{ file: input, content: readFileSync(input) }]);
  byTests = comparable(exported(corpusGraph(papers).graph));

  const bench = extraction(input, path.join(tmp.dir, 'bench-cache.json'));
  byBench = comparable(exported(timedCorpusGraph(bench.papers, bench.results).corpus.graph));
}, 600_000);
afterAll(() => tmp.cleanup());

describe(`the first ${ABSTRACTS} ACL abstracts give one graph by kg run, the test utility and the benchmark`, () => {
  it('is a graph of those papers, with communities', () => {
    expect(byRun.attributes.papers).toBeGreaterThanOrEqual(ABSTRACTS * 0.9);
    expect(byRun.nodes.size).toBeGreaterThan(1000);
    expect(byRun.edges.size).toBeGreaterThan(1000);
    expect((byRun.attributes.communities as unknown[]).length).toBeGreaterThan(1);
  });

  it.each([
    ['the test utility', () => byTests],
    ['the benchmark', () => byBench],
  ])('%s builds the same nodes, with the same kinds, labels and paper counts', (_who, other) => {
    const theirs = other();
    expect([...theirs.nodes.keys()]).toEqual([...byRun.nodes.keys()]);
    for (const [key, attributes] of byRun.nodes) expect(theirs.nodes.get(key), key).toEqual(attributes);
  });

  it.each([
    ['the test utility', () => byTests],
    ['the benchmark', () => byBench],
  ])('%s builds the same edges, with the same weights, and the same communities', (_who, other) => {
    const theirs = other();
    expect([...theirs.edges.keys()]).toEqual([...byRun.edges.keys()]);
    for (const [key, attributes] of byRun.edges) expect(theirs.edges.get(key), key).toEqual(attributes);
    expect(theirs.attributes).toEqual(byRun.attributes);
  });
});
