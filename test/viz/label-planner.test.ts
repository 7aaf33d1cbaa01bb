// The label planner (issue 29 item 2): the largest nodes always carry a label, labels never touch each other, community
// names never cover a node label, and specificity decides between two nodes of one size.
import { describe, expect, it } from 'vitest';
import { boxesMeet, labelGeometry, planLabels, type LabelCandidate } from '../../viz/app/label-planner.js';

/** Every character 7 px wide at 12 px, in proportion at other sizes. */
const measure = (text: string, fontSize: number): number => (text.length * 7 * fontSize) / 12;
const view = { width: 800, height: 600, measure };

const node = (key: string, x: number, y: number, r: number, specificity = 1): LabelCandidate => ({
  key,
  text: key,
  x,
  y,
  r,
  priority: r * specificity,
});

describe('planLabels', () => {
  it('labels the largest nodes even in a crowd, and keeps every other label clear of all labels', () => {
    // A 20 × 15 grid of nodes 20 px apart: far more than fit with labels.
    const nodes: LabelCandidate[] = [];
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 15; j++)
        nodes.push(node(`n${i}-${j}`, 100 + i * 20, 100 + j * 20, 2 + ((i * 7 + j * 3) % 9)));
    const plan = planLabels(nodes, [], { ...view, always: 10 });
    const largest = [...nodes].sort((a, b) => b.r - a.r || (a.key < b.key ? -1 : 1)).slice(0, 10);
    for (const n of largest) expect(plan.nodes.has(n.key), n.key).toBe(true);
    const spots = [...plan.nodes.values()];
    const optional = spots.filter((s) => !largest.some((n) => n.key === s.key));
    expect(optional.length).toBeGreaterThan(0);
    for (const a of optional)
      for (const b of spots) if (a !== b) expect(boxesMeet(a.box, b.box), `${a.key} / ${b.key}`).toBe(false);
    expect(plan.nodes.size).toBeLessThan(nodes.length);
  });

  it('puts a label before, under or over its node when the side after it is taken', () => {
    // The small node sits just before the hub: its label after it would run over the hub's.
    const plan = planLabels([node('hub', 400, 300, 10), node('a small term', 370, 300, 3)], [], { ...view, always: 1 });
    expect(plan.nodes.get('hub')!.placement).toBe('right');
    expect(plan.nodes.get('a small term')!.placement).toBe('left');
  });

  it('prefers the more specific of two nodes of one size competing for one spot', () => {
    const plan = planLabels(
      [node('umbrella', 400, 300, 5, 0.3), node('specific', 400, 303, 5, 0.9), node('anchor', 100, 100, 30)],
      [],
      { ...view, always: 1, minRadius: 1 },
    );
    expect(plan.nodes.has('specific')).toBe(true);
    // The specific one took the spot first; the umbrella one only fits elsewhere, if at all.
    const s = plan.nodes.get('specific')!.box;
    const u = plan.nodes.get('umbrella')?.box;
    if (u) expect(boxesMeet(s, u)).toBe(false);
  });

  it('moves a community name off the node labels at its centre, and drops it when no spot is near', () => {
    const hub = node('a hub with a long name', 400, 300, 10);
    const plan = planLabels([hub], [{ id: 1, text: 'topic', x: 440, y: 300, fontSize: 16 }], { ...view, always: 1 });
    expect(plan.communities).toHaveLength(1);
    expect(boxesMeet(plan.communities[0]!.box, plan.nodes.get(hub.key)!.box)).toBe(false);
    const walled = planLabels([hub], [{ id: 1, text: 'topic', x: 440, y: 300, fontSize: 16 }], {
      ...view,
      always: 1,
      communityReach: 0,
    });
    expect(walled.communities).toHaveLength(0);
  });

  it('keeps optional labels inside the view', () => {
    const plan = planLabels([node('anchor', 400, 300, 20), node('edge', 795, 300, 3), node('corner', 2, 2, 3)], [], {
      ...view,
      always: 1,
    });
    for (const spot of plan.nodes.values()) {
      expect(spot.box.x0).toBeGreaterThanOrEqual(0);
      expect(spot.box.x1).toBeLessThanOrEqual(800);
      expect(spot.box.y0).toBeGreaterThanOrEqual(0);
    }
    expect(plan.nodes.get('edge')?.placement).not.toBe('right');
  });
});

describe('labelGeometry', () => {
  it('anchors the text beside the rim, with a box around it', () => {
    expect(labelGeometry('right', 100, 100, 10, 50, 12)).toMatchObject({
      ax: 113,
      ay: 100,
      align: 'left',
      box: { x0: 113, x1: 163 },
    });
    expect(labelGeometry('left', 100, 100, 10, 50, 12)).toMatchObject({
      ax: 87,
      align: 'right',
      box: { x0: 37, x1: 87 },
    });
    const below = labelGeometry('below', 100, 100, 10, 50, 12);
    expect(below.box.y0).toBeGreaterThan(110);
    expect(below.align).toBe('center');
  });
});
