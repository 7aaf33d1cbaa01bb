// Specificity: invariants on the seeds graph, named terms above umbrella words on a hand-built corpus, the features'
// building blocks as rows, options checked at the entry, community labels and the Neo4j plan carrying the score.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  concentration,
  createKnowledgeGraph,
  DEFAULT_SPECIFICITY_OPTIONS,
  entityNode,
  isLanguageKey,
  labelCommunities,
  mentionIndex,
  paperNode,
  resolveSpecificityOptions,
  specificity,
  specificityFeatures,
  type EntityAttributes,
  type KnowledgeGraph,
} from '../../graph/index.js';
import { planMirror } from '../../graph/neo4j/index.js';
import type { EntityKind } from '../../pipeline/core/types.js';
import { seedGraph } from '../utils/graph.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A term of the hand-built corpus: which communities its papers are in, how often each paper names it, in titles or not. */
interface Term {
  key: string;
  label: string;
  kind: EntityKind;
  /** Paper numbers (0-39; paper i is in community i % 4, year 2015 + i % 6). */
  papers: number[];
  perPaper: number;
  inTitle: boolean;
}

const all = Array.from({ length: 40 }, (_, i) => i);
const inCommunity = (c: number, n: number): number[] => all.filter((i) => i % 4 === c).slice(0, n);
/** Named methods, datasets and tasks concentrated in one topic, and umbrella words spread over every topic. */
const TERMS: Term[] = [
  {
    key: 'bidirectional encoder representation from transformers',
    label: 'BERT',
    kind: 'method',
    papers: inCommunity(0, 9),
    perPaper: 3,
    inTitle: true,
  },
  { key: 'wordnet', label: 'WordNet', kind: 'dataset', papers: inCommunity(1, 7), perPaper: 2, inTitle: true },
  { key: 'bleu', label: 'BLEU', kind: 'metric', papers: inCommunity(2, 8), perPaper: 2, inTitle: false },
  {
    key: 'named entity recognition',
    label: 'named entity recognition',
    kind: 'task',
    papers: inCommunity(3, 8),
    perPaper: 3,
    inTitle: true,
  },
  { key: 'feature', label: 'features', kind: 'concept', papers: all, perPaper: 1, inTitle: false },
  {
    key: 'quality',
    label: 'quality',
    kind: 'metric',
    papers: all.filter((i) => i % 3 !== 0),
    perPaper: 1,
    inTitle: false,
  },
  {
    key: 'english',
    label: 'English',
    kind: 'dataset',
    papers: all.filter((i) => i % 2 === 0),
    perPaper: 1,
    inTitle: false,
  },
  {
    key: 'neural model',
    label: 'neural models',
    kind: 'method',
    papers: all.filter((i) => i % 2 === 1),
    perPaper: 1,
    inTitle: false,
  },
];

/** 40 papers in 4 communities over 6 years; each term's mentions as described; "X such as BERT/WordNet" relations. */
function handBuilt(): KnowledgeGraph {
  const graph = createKnowledgeGraph();
  for (const i of all) {
    graph.addNode(paperNode(`p${i}`), {
      kind: 'paper',
      id: `p${i}`,
      title: `Title ${i} ${'x'.repeat(20)}`,
      year: 2015 + (i % 6),
      source: [`test:${i}`],
      community: i % 4,
      x: 0,
      y: 0,
    });
  }
  for (const t of TERMS) {
    const attributes: EntityAttributes = {
      kind: t.kind,
      key: t.key,
      label: t.label,
      aliases: [t.label],
      paperCount: t.papers.length,
      mentionCount: t.papers.length * t.perPaper,
      community: 0,
      x: 0,
      y: 0,
    };
    graph.addNode(entityNode(t.key), attributes);
    for (const i of t.papers) {
      const spans = Array.from({ length: t.perPaper }, (_, k): [number, number] =>
        k === 0 && t.inTitle ? [0, 4] : [100 + 10 * k, 104 + 10 * k],
      );
      graph.addDirectedEdgeWithKey(
        `MENTIONS|${paperNode(`p${i}`)}|${entityNode(t.key)}`,
        paperNode(`p${i}`),
        entityNode(t.key),
        { type: 'MENTIONS', count: t.perPaper, spans },
      );
    }
  }
  for (const [hyponym, hypernym] of [
    ['bidirectional encoder representation from transformers', 'neural model'],
    ['wordnet', 'feature'],
  ] as const) {
    graph.addDirectedEdgeWithKey(
      `HYPONYM_OF|${entityNode(hyponym)}|${entityNode(hypernym)}`,
      entityNode(hyponym),
      entityNode(hypernym),
      { type: 'HYPONYM_OF', weight: 3, papers: ['p0', 'p1', 'p2'] },
    );
  }
  return graph;
}

describe('specificity on a hand-built corpus', () => {
  const graph = handBuilt();
  const scores = specificity(graph);
  const of = (key: string): number => scores.get(entityNode(key))!;

  // [specific term, umbrella word, where the pair comes from]
  it.each([
    [
      'bidirectional encoder representation from transformers',
      'feature',
      'brief: "we must not hide BERT"; "features" tops the ACL umbrella list',
    ],
    ['wordnet', 'english', 'brief: WordNet specific, English (typed dataset) umbrella'],
    ['bleu', 'quality', 'brief: BLEU specific, "quality" umbrella'],
    ['named entity recognition', 'neural model', 'brief: named entity recognition specific, "neural models" umbrella'],
  ])('scores %s above %s (%s)', (specific, umbrella) => {
    expect(of(specific)).toBeGreaterThan(of(umbrella));
    expect(of(specific)).toBeGreaterThanOrEqual(DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow);
    expect(of(umbrella)).toBeLessThan(DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow);
  });

  it('writes a rounded score on every entity and none on papers', () => {
    const written = specificity.assign(graph);
    graph.forEachNode((node, a) => {
      if (a.kind === 'paper') expect(a).not.toHaveProperty('specificity');
      else expect((a as EntityAttributes).specificity).toBe(Math.round(written.get(node)! * 1000) / 1000);
    });
  });

  it('labels a community with its specific member before a more frequent umbrella word', () => {
    const g = handBuilt();
    specificity.assign(g);
    const community = new Map<string, number>();
    g.forEachNode((node, a) => community.set(node, a.kind === 'paper' ? (a.community ?? 0) : 0));
    const [first] = labelCommunities(g, community, mentionIndex(g).papersOf, { other: 1, labelTerms: 3, topTerms: 10 });
    const umbrella = first!.topTerms.findIndex(
      (t) => t === 'features' || t === 'quality' || t === 'English' || t === 'neural models',
    );
    for (const named of ['BERT', 'WordNet', 'BLEU', 'named entity recognition'])
      expect(first!.topTerms.indexOf(named)).toBeLessThan(umbrella);
  });

  it('puts the score on Entity rows of the Neo4j plan', () => {
    const g = handBuilt();
    g.setAttribute('communities', [{ id: 0, label: 'x', kind: 'topic', size: TERMS.length, papers: 40, topTerms: [] }]);
    specificity.assign(g);
    const rows = planMirror(g)
      .filter((group) => group.kind === 'nodes')
      .flatMap((group) => group.steps.flatMap((step) => step.rows))
      .filter((row) => typeof row.key === 'string');
    expect(rows).toHaveLength(TERMS.length);
    for (const row of rows)
      expect(row.specificity).toBe(g.getNodeAttribute(entityNode(row.key as string), 'specificity' as never));
  });
});

describe('specificity on the seeds graph', () => {
  let graph: KnowledgeGraph;
  beforeAll(() => {
    graph = seedGraph();
  });

  it('gives every entity a score in [0, 1] with at most 3 decimals', () => {
    let entities = 0;
    graph.forEachNode((_node, a) => {
      if (a.kind === 'paper') return;
      const s = (a as EntityAttributes).specificity!;
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(Math.round(s * 1000) / 1000).toBe(s);
      entities += 1;
    });
    expect(entities).toBeGreaterThan(1000);
  });

  it('is deterministic: the same scores twice, and the written attribute is the score rounded', () => {
    const first = specificity(graph);
    expect(specificity(graph)).toEqual(first);
    for (const [node, score] of first)
      expect(graph.getNodeAttribute(node, 'specificity' as never)).toBe(Math.round(score * 1000) / 1000);
  });

  it('reads features that say nothing as 0 and keeps scores finite', () => {
    for (const f of specificityFeatures(graph).values()) {
      for (const [name, value] of Object.entries(f))
        if (typeof value === 'number') expect(Number.isFinite(value), name).toBe(true);
      expect(f.concentration).toBeGreaterThanOrEqual(0);
      expect(f.timeConcentration).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('specificity building blocks', () => {
  // [key, is a language, where it comes from]
  it.each([
    ['english', true, 'ISO 639-2 name'],
    ['english german', true, 'a language pair (ACL "English-German")'],
    ['arabic language', true, 'ACL "Arabic language"'],
    ['low german', true, 'a two-word ISO 639-2 name'],
    ['chinese word segmentation', false, 'a task on a language is no language (judged specific)'],
    ['arabic dialect', false, 'judged specific: a phenomenon studied as such'],
    ['machine translation', false, 'not a language'],
  ])('isLanguageKey(%j) is %s (%s)', (key, expected) => {
    expect(isLanguageKey(key)).toBe(expected);
  });

  // [counts, base, divergence, why]
  it.each([
    [
      [10, 0, 0, 0],
      [0.25, 0.25, 0.25, 0.25],
      Math.log(4),
      'all in one of four even bins: log 4, one bin seen so no bias',
    ],
    [
      [5, 5, 5, 5],
      [0.25, 0.25, 0.25, 0.25],
      0,
      'spread like the base: 0 (the bias correction would go below, floored)',
    ],
    [[1, 0, 0, 0], [0.5, 0.5, 0, 0], Math.log(2), 'one paper: its bin against the base share'],
    [[0, 0], [0.5, 0.5], 0, 'no papers: nothing to say'],
  ])('concentration(%j, %j) = %f (%s)', (counts, base, expected) => {
    expect(concentration(counts, base)).toBeCloseTo(expected, 9);
  });

  it('checks options once and says which one was wrong', () => {
    for (const bad of [
      { umbrellaBelow: 2 },
      { unknownScore: 1 },
      { leanShare: -0.1 },
      { evidencePapers: -1 },
      { weights: { bias: Number.NaN } },
      { weights: { nonsense: 1 } as never },
    ]) {
      expect(() => resolveSpecificityOptions(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ name: 'UsageError', code: 'KG_USAGE' }),
      );
    }
    expect(resolveSpecificityOptions({ weights: { bias: 0 } }).weights).toEqual({
      ...DEFAULT_SPECIFICITY_OPTIONS.weights,
      bias: 0,
    });
  });
});

describe('the judged ACL sample (pipeline/eval/specificity-acl.json)', () => {
  const judged = JSON.parse(readFileSync(path.join(ROOT, 'pipeline/eval/specificity-acl.json'), 'utf8')) as {
    key: string;
    label: string;
    kind: string;
    papers: number;
    judgement: string;
  }[];

  it('holds the top 700 ACL entities by papers, then the terms the corpus stage brought into the first 300 shown, each judged specific, umbrella or junk', () => {
    expect(judged.length).toBeGreaterThan(700);
    expect(new Set(judged.map((r) => r.key)).size).toBe(judged.length);
    for (let i = 1; i < 700; i++) expect(judged[i - 1]!.papers).toBeGreaterThanOrEqual(judged[i]!.papers);
    for (const r of judged) expect(['specific', 'umbrella', 'junk']).toContain(r.judgement);
  });
});
