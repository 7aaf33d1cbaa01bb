/**
 * Node and community labels for the current view: plans them (label-planner.ts) from sigma's display data, tells
 * sigma which node labels to draw (the node reducer reads {@link MapLabels.labelled} into `forceLabel`; sigma's own
 * label grid is off), draws each where it was planned, and records what it drew for the browser tests.
 */
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';
import {
  communityAlpha,
  communityCandidates,
  COMMUNITY_FONT,
  type CommunityLabelPoint,
  type Renderer,
} from './community-labels.js';
import type { CommunityCentre, DisplayGraph } from './display.js';
import { labelGeometry, planLabels, type Box, type LabelCandidate, type NodeLabelSpot } from './label-planner.js';
import type { CommunityInfo } from '../../graph/core/types.js';

/** Font of node labels (the size is per node). */
export const LABEL_FONT = '"Inter", "Segoe UI", system-ui, -apple-system, sans-serif';
/** Weight of node labels. */
export const LABEL_WEIGHT = '500';

/** What the planner reads from the app at each plan. */
export interface MapLabelSource {
  /** True when the node is drawn and not faded (filters, hover and selection decide). */
  candidate(node: string): boolean;
  /** Nodes labelled before all others (the selected and the hovered node). */
  first(): readonly string[];
  centres(): readonly CommunityCentre[];
  communities(): ReadonlyMap<number, CommunityInfo>;
  /** Community label opacity besides the zoom fade. */
  opacity(): number;
}

/** The labels of the map. */
export interface MapLabels {
  /** True when the node's label is planned for this view. */
  labelled(node: string): boolean;
  /** Plans again; returns the nodes whose label appears or goes (refresh them in sigma), and whether the community labels moved. */
  update(): { nodes: string[]; communities: boolean };
  /** The planned community labels, centres in graph coordinates. */
  communitySpots(): readonly CommunityLabelPoint[];
  /** For sigma's `defaultDrawNodeLabel`. */
  drawLabel(
    context: CanvasRenderingContext2D,
    data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string },
    settings: Pick<Settings, 'labelSize'>,
  ): void;
  /** Node label boxes sigma drew in its last render, by node (viewport pixels). */
  drawnBoxes(): Record<string, Box>;
}

/** Creates the labels of a renderer over its display graph. */
export function createMapLabels(renderer: Renderer, graph: DisplayGraph, source: MapLabelSource): MapLabels {
  let nodes = new Map<string, NodeLabelSpot>();
  let spots: CommunityLabelPoint[] = [];
  const drawn = new Map<string, Box>();
  const measurer = document.createElement('canvas').getContext('2d')!;
  const widths = new Map<string, number>();
  const measure = (text: string, fontSize: number, font = `${LABEL_WEIGHT} ${fontSize}px ${LABEL_FONT}`): number => {
    const key = `${font}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      measurer.font = font;
      w = measurer.measureText(text).width;
      if (widths.size > 50_000) widths.clear();
      widths.set(key, w);
    }
    return w;
  };
  renderer.on('beforeRender', () => drawn.clear());

  function update(): { nodes: string[]; communities: boolean } {
    const { width, height } = renderer.getDimensions();
    const first = new Set(source.first());
    const candidates: LabelCandidate[] = [];
    graph.forEachNode((node, a) => {
      if (!a.label || !source.candidate(node)) return;
      const d = renderer.getNodeDisplayData(node);
      if (!d || d.hidden) return;
      const p = renderer.framedGraphToViewport(d);
      const r = renderer.scaleSize(d.size);
      if (p.x + r < 0 || p.x - r > width || p.y + r < 0 || p.y - r > height) return;
      candidates.push({
        key: node,
        text: a.label,
        x: p.x,
        y: p.y,
        r,
        priority: r * (a.specificity ?? 1),
        first: first.has(node),
      });
    });
    const alpha = communityAlpha(renderer.getCamera().getState().ratio, source.opacity());
    const communities =
      alpha > 0.02
        ? communityCandidates(source.centres(), source.communities()).map((c) => ({
            ...c,
            ...renderer.graphToViewport({ x: c.x, y: c.y }),
          }))
        : [];
    const plan = planLabels(candidates, communities, {
      width,
      height,
      measure: (text, fontSize) => measure(text, fontSize),
      communityMeasure: (text, fontSize) => measure(text, fontSize, COMMUNITY_FONT.replace('SIZE', String(fontSize))),
    });
    const changed: string[] = [];
    for (const key of plan.nodes.keys()) if (!nodes.has(key)) changed.push(key);
    for (const key of nodes.keys()) if (!plan.nodes.has(key)) changed.push(key);
    nodes = plan.nodes;
    const before = JSON.stringify(spots);
    spots = plan.communities.map((c) => ({
      id: c.id,
      text: c.text,
      fontSize: c.fontSize,
      ...renderer.viewportToGraph({ x: c.x, y: c.y }),
    }));
    return { nodes: changed, communities: JSON.stringify(spots) !== before };
  }

  return {
    labelled: (node) => nodes.has(node),
    update,
    communitySpots: () => spots,
    drawLabel(context, data, settings) {
      if (!data.label) return;
      const key = data.key ?? '';
      const spot = nodes.get(key);
      const fontSize = spot?.fontSize ?? settings.labelSize;
      context.font = `${LABEL_WEIGHT} ${fontSize}px ${LABEL_FONT}`;
      const w = context.measureText(data.label).width;
      const { ax, ay, align, box } = labelGeometry(spot?.placement ?? 'right', data.x, data.y, data.size, w, fontSize);
      context.textAlign = align;
      context.textBaseline = 'middle';
      context.lineJoin = 'round';
      context.lineWidth = 3;
      context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
      context.strokeText(data.label, ax, ay);
      context.fillStyle = '#1f2328';
      context.fillText(data.label, ax, ay);
      // The export's temporary renderer draws with this function too; only the page's own labels are recorded.
      if (context.canvas === renderer.getCanvases().labels) drawn.set(key, box);
    },
    drawnBoxes: () => Object.fromEntries(drawn),
  };
}

/**
 * Plans the labels again after any render whose camera or viewport differs from the last plan's (the plan reads the
 * matrix sigma computed for that render), and refreshes the nodes whose label came or went. Returns a function that
 * makes the next render plan again whatever the camera (after the framing changed).
 */
export function followCamera(renderer: Renderer, labels: MapLabels): () => void {
  let planned = '';
  renderer.on('afterRender', () => {
    const camera = renderer.getCamera().getState();
    const { width, height } = renderer.getDimensions();
    const key = `${camera.x},${camera.y},${camera.ratio},${camera.angle},${width},${height}`;
    if (key === planned) return;
    planned = key;
    const changed = labels.update();
    if (changed.nodes.length === 0) {
      // The community layer drew this frame from the plan before: draw again if that one moved.
      if (changed.communities) renderer.scheduleRender();
      return;
    }
    try {
      renderer.refresh({ partialGraph: { nodes: changed.nodes }, skipIndexation: true, schedule: true });
    } catch {
      // A node sigma has not indexed yet (a payload just merged): the full refresh indexes it.
      renderer.refresh({ schedule: true });
    }
  });
  return () => {
    planned = '';
  };
}
