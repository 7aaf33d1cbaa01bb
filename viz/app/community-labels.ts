/** Community labels drawn at their centres on a canvas layer of sigma, above the node labels (under the hover labels), with a white halo. */
import type Sigma from 'sigma';
import type { DisplayEdge, DisplayNode } from './display.js';
import type { CommunityInfo } from '../../graph/core/types.js';
import type { CommunityCentre } from './display.js';

/** The renderer type the app uses. */
export type Renderer = Sigma<DisplayNode, DisplayEdge>;

/** Id of the canvas layer. */
export const COMMUNITY_LAYER = 'communityLabels';

/** Below this camera ratio (zoomed in) community labels fade out: node labels take over. */
const FADE_BELOW = 0.25;

/** What the layer draws, read at each render. */
export interface CommunityLabelSource {
  centres(): CommunityCentre[];
  communities(): ReadonlyMap<number, CommunityInfo>;
  color(id: number): string;
  /** 0..1; lowered while a neighbourhood is lit. */
  opacity(): number;
}

/** Short form of a community label: its first two terms. */
export function shortCommunityLabel(info: CommunityInfo): string {
  const terms = info.topTerms.length ? info.topTerms : info.label.split(' · ');
  return terms.slice(0, 2).join(' · ');
}

/** Draws the labels once on `ctx` for the renderer's current camera. */
export function drawCommunityLabels(renderer: Renderer, canvas: HTMLCanvasElement, source: CommunityLabelSource): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
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
  const ratio = renderer.getCamera().getState().ratio;
  const alpha = Math.min(1, ratio / FADE_BELOW) * source.opacity();
  if (alpha <= 0.02) return;
  const infos = source.communities();
  const centres = source.centres().sort((a, b) => b.count - a.count);
  const max = centres[0]?.count ?? 1;
  const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const centre of centres) {
    const info = infos.get(centre.id);
    if (!info || info.kind === 'other') continue;
    const text = shortCommunityLabel(info);
    const size = Math.round(13 + 7 * Math.sqrt(centre.count / max));
    ctx.font = `700 ${size}px "Inter", "Segoe UI", system-ui, sans-serif`;
    const { x, y } = renderer.graphToViewport({ x: centre.x, y: centre.y });
    const w = ctx.measureText(text).width;
    const box = { x0: x - w / 2 - 4, y0: y - size / 2 - 4, x1: x + w / 2 + 4, y1: y + size / 2 + 4 };
    // Bigger communities first; a label that would cover an earlier one is left out.
    if (placed.some((p) => box.x0 < p.x1 && box.x1 > p.x0 && box.y0 < p.y1 && box.y1 > p.y0)) continue;
    placed.push(box);
    ctx.lineWidth = 5;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.92)';
    ctx.strokeText(text, x, y);
    ctx.fillStyle = source.color(centre.id);
    ctx.fillText(text, x, y);
  }
  ctx.restore();
}

/** Adds the layer above the node labels of a renderer and redraws it after every render. */
export function attachCommunityLabels(renderer: Renderer, source: CommunityLabelSource): HTMLCanvasElement {
  // Not resize(): it would blank the layers sigma has drawn; the layer sizes its own buffer when it draws.
  const canvas = renderer.createCanvas(COMMUNITY_LAYER, { afterLayer: 'labels' });
  renderer.on('afterRender', () => drawCommunityLabels(renderer, canvas, source));
  drawCommunityLabels(renderer, canvas, source);
  return canvas;
}
