// Community label positions follow the nodes the filters leave: hidden umbrella terms neither place nor count towards a label.
import { describe, expect, it } from 'vitest';
import { communityCentres, createDisplayGraph, type DisplayNode } from '../../viz/app/display.js';
import { DEFAULT_FILTERS, hiddenNodes } from '../../viz/app/state.js';

const UMBRELLA_BELOW = 0.5;

type NodeSpec = [string, Partial<DisplayNode> & Pick<DisplayNode, 'community' | 'x' | 'y'>];

function graphWith(nodes: NodeSpec[]) {
  const graph = createDisplayGraph();
  for (const [key, a] of nodes)
    graph.addNode(key, { kind: 'method', paperCount: 1, label: key, size: 3, color: '#000', ...a });
  return graph;
}

// Community 0: three specific terms near the origin, four umbrella terms in one far corner (denser, so they would win
// the label's cell). Community 1: two specific terms and two umbrella ones.
const graph = graphWith([
  ['s1', { community: 0, x: 0, y: 0, specificity: 0.9 }],
  ['s2', { community: 0, x: 1, y: 0, specificity: 0.8 }],
  ['s3', { community: 0, x: 0, y: 1 }],
  ...[0, 1, 2, 3].map((i): NodeSpec => [
    `u${i}`,
    { kind: 'concept', community: 0, x: 100 - i * 0.1, y: 100, specificity: 0.1 },
  ]),
  ['t1', { community: 1, x: 50, y: 0, specificity: 0.9 }],
  ['t2', { community: 1, x: 51, y: 0, specificity: 0.9 }],
  ['v1', { kind: 'concept', community: 1, x: 50, y: 1, specificity: 0.3 }],
  ['v2', { kind: 'concept', community: 1, x: 51, y: 1, specificity: 0.3 }],
]);
const entries = (): [string, DisplayNode][] => graph.mapNodes((node, a) => [node, a]);

describe('communityCentres', () => {
  it('places labels among visible nodes only: hidden umbrella terms neither place nor count', () => {
    const centres = communityCentres(graph, hiddenNodes(entries(), DEFAULT_FILTERS, UMBRELLA_BELOW));
    expect(centres).toHaveLength(1); // community 1 has two visible entities, under the three a label needs
    const [centre] = centres;
    expect(centre).toMatchObject({ id: 0, count: 3 });
    expect(Math.max(Math.abs(centre!.x), Math.abs(centre!.y))).toBeLessThan(2);
  });

  it('with umbrella terms shown, they count and can draw the label to them', () => {
    const centres = communityCentres(
      graph,
      hiddenNodes(entries(), { ...DEFAULT_FILTERS, umbrella: true }, UMBRELLA_BELOW),
    );
    expect(centres.map((c) => [c.id, c.count])).toEqual([
      [0, 7],
      [1, 4],
    ]);
    expect(centres[0]!.x).toBeGreaterThan(99);
  });
});
