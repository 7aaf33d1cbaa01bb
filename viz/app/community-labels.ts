/**
 * Community labels: which communities are named in a view and how big (the label planner finds each a spot that covers
 * no node label), and the canvas layer above the node labels (under the hover labels) that draws them with a white halo.
 */
import type Sigma from 'sigma';
import type { DisplayEdge, DisplayNode } from './display.js';
import type { CommunityInfo } from '../../graph/core/types.js';
import type { CommunityCentre } from './display.js';
import type { Box, CommunityCandidate, CommunityLabelSpot } from './label-planner.js';

/** A community label as drawn: the planner's spot, its centre in graph coordinates (it follows the camera until the next plan). */
export type CommunityLabelPoint = Omit<CommunityLabelSpot, 'box'>;

/** The renderer type the app uses. */
export type Renderer = Sigma<DisplayNode, DisplayEdge>;

/** Id of the canvas layer. */
export const COMMUNITY_LAYER = 'communityLabels';

/** Below this camera ratio (zoomed in) community labels fade out: node labels take over. */
const FADE_BELOW = 0.25;

/** Font of community labels (the size is per community). */
export const COMMUNITY_FONT = '700 SIZEpx "Inter", "Segoe UI", system-ui, sans-serif';

/** What the layer draws, read at each render. */
export interface CommunityLabelSource {
  /** The planned labels. */
  spots(): readonly CommunityLabelPoint[];
  color(id: number): string;
  /** 0..1; lowered while a neighbourhood is lit. */
  opacity(): number;
}

/** Short form of a community label: its first two terms. */
export function shortCommunityLabel(info: CommunityInfo): string {
  const terms = info.topTerms.length ? info.topTerms : info.label.split(' · ');
  return terms.slice(0, 2).join(' · ');
}

/** Opacity of community labels at a camera ratio: full at the opening zoom, fading out as node labels take over. */
export function communityAlpha(ratio: number, opacity: number): number {
  return Math.min(1, ratio / FADE_BELOW) * opacity;
}

/** The communities to name (topic communities with a centre, biggest first) as planner input in graph coordinates. */
export function communityCandidates(
  centres: readonly CommunityCentre[],
  infos: ReadonlyMap<number, CommunityInfo>,
): CommunityCandidate[] {
  const sorted = [...centres].sort((a, b) => b.count - a.count || a.id - b.id);
  const max = sorted[0]?.count ?? 1;
  const out: CommunityCandidate[] = [];
  for (const centre of sorted) {
    const info = infos.get(centre.id);
    if (!info || info.kind === 'other') continue;
    out.push({
      id: centre.id,
      text: shortCommunityLabel(info),
      x: centre.x,
      y: centre.y,
      fontSize: Math.round(13 + 7 * Math.sqrt(centre.count / max)),
    });
  }
  return out;
}

/** Draws the labels once on `ctx` for the renderer's current camera; returns what it drew, boxes in viewport pixels. */
export function drawCommunityLabels(
  renderer: Renderer,
  canvas: HTMLCanvasElement,
  source: CommunityLabelSource,
): { text: string; box: Box }[] {
  const ctx = canvas.getContext('2d');
  if (!ctx) return [];
  const { width, height } = renderer.getDimensions();
  // The layer is ours, so its pixel buffer is too: sigma only sizes the element.
  const pixelRatio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * pixelRatio) || canvas.height !== Math.round(height * pixelRatio)) {
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const alpha = communityAlpha(renderer.getCamera().getState().ratio, source.opacity());
  if (alpha <= 0.02) return [];
  const drawn: { text: string; box: Box }[] = [];
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const spot of source.spots()) {
    ctx.font = COMMUNITY_FONT.replace('SIZE', String(spot.fontSize));
    const { x, y } = renderer.graphToViewport({ x: spot.x, y: spot.y });
    const w = ctx.measureText(spot.text).width;
    ctx.lineWidth = 5;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.92)';
    ctx.strokeText(spot.text, x, y);
    ctx.fillStyle = source.color(spot.id);
    ctx.fillText(spot.text, x, y);
    drawn.push({
      text: spot.text,
      box: { x0: x - w / 2, y0: y - spot.fontSize / 2, x1: x + w / 2, y1: y + spot.fontSize / 2 },
    });
  }
  ctx.restore();
  return drawn;
}

/** Adds the layer above the node labels of a renderer and redraws it after every render; `onDraw` hears what it drew. */
export function attachCommunityLabels(
  renderer: Renderer,
  source: CommunityLabelSource,
  onDraw?: (drawn: { text: string; box: Box }[]) => void,
): HTMLCanvasElement {
  // Not resize(): it would blank the layers sigma has drawn; the layer sizes its own buffer when it draws.
  const canvas = renderer.createCanvas(COMMUNITY_LAYER, { afterLayer: 'labels' });
  const draw = (): void => {
    const drawn = drawCommunityLabels(renderer, canvas, source);
    onDraw?.(drawn);
  };
  renderer.on('afterRender', draw);
  draw();
  return canvas;
}
