/** Export: the current view as PNG (@sigma/export-image) and the visible graph as GEXF (graphology-gexf). */
import { downloadAsPNG } from '@sigma/export-image';
import Graph from 'graphology';
import { write } from 'graphology-gexf/browser';
import type Sigma from 'sigma';
import { attachCommunityLabels, type CommunityLabelSource, type Renderer } from './community-labels.js';
import type { DisplayGraph } from './display.js';

/** Saves what the map shows, community labels included, at the screen's pixel ratio. */
export async function exportPng(renderer: Renderer, labels: CommunityLabelSource, fileName: string): Promise<void> {
  await downloadAsPNG(renderer as unknown as Sigma, {
    fileName,
    backgroundColor: '#ffffff',
    // The temporary renderer draws the layers again; give it the community labels too.
    withTempRenderer: (temp: Sigma) => void attachCommunityLabels(temp as unknown as Renderer, labels),
  });
}

/** The visible part of the graph as a GEXF document, with kind, community, paper count, specificity (when scored), position, size and colour. */
export function toGexf(graph: DisplayGraph, hidden: ReadonlySet<string>): string {
  const out = new Graph({ type: 'undirected' });
  graph.forEachNode((node, a) => {
    if (hidden.has(node)) return;
    out.addNode(node, {
      label: a.label,
      kind: a.kind,
      community: a.community,
      paperCount: a.paperCount,
      specificity: a.specificity,
      x: a.x,
      y: a.y,
      size: a.size,
      color: a.color,
    });
  });
  graph.forEachEdge((_edge, a, source, target) => {
    if (out.hasNode(source) && out.hasNode(target))
      out.addEdge(source, target, { weight: a.weight, types: a.types.join(' ') });
  });
  return write(out, {
    formatNode: (key, a) => ({
      label: String(a.label),
      // An unscored node's undefined specificity is left out of its attvalues (graphology-gexf skips empty values).
      attributes: { kind: a.kind, community: a.community, paperCount: a.paperCount, specificity: a.specificity },
      viz: { color: String(a.color), x: Number(a.x), y: Number(a.y), size: Number(a.size) },
    }),
    formatEdge: (_key, a) => ({ weight: Number(a.weight), attributes: { types: String(a.types) } }),
  });
}

/** Offers a string as a file download. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
