/** The whole graph as GEXF 1.3 for Gephi, written by graphology-gexf: papers and entities, every relationship, the layout. */
import { write } from 'graphology-gexf';
import { InvalidInputError } from '../../pipeline/core/errors.js';
import type { KnowledgeGraph } from '../core/types.js';
import { communityLabels, edgeRecord, nodeRecord } from './attributes.js';

/**
 * GEXF 1.3 of the graph: each node with its label, position (`viz:position`) and size (`viz:size`), and the attributes
 * of attributes.ts as attvalues; each edge directed or not as in the graph (CO_OCCURS is undirected), with its
 * relationship type as the edge `kind` (Gephi's edge type) and as the attribute `type`, and its weight. No colours:
 * the snapshot has none (Gephi colours by the `community` partition in two clicks).
 */
export function toGexf(graph: KnowledgeGraph): string {
  const labels = communityLabels(graph);
  try {
    return gexf(graph, labels);
  } catch (cause) {
    // graphology-gexf builds the document as one string, which V8 caps at 2^29 - 24 characters.
    if (cause instanceof RangeError)
      throw new InvalidInputError(
        `the graph (${graph.order} nodes, ${graph.size} edges) is too large for one GEXF document; export it as GraphML, which is written as it goes`,
        { code: 'KG_EXPORT_TOO_LARGE', cause },
      );
    throw cause;
  }
}

function gexf(graph: KnowledgeGraph, labels: ReadonlyMap<number, string>): string {
  return write(graph, {
    // 1.3: graphology's 1.2 output declares the viz namespace as "http:///www.gexf.net/1.1draft/viz" (three slashes).
    version: '1.3',
    // Only creator, description and keywords in <meta>: GEXF has no place for the graph's other attributes.
    pedantic: true,
    formatNode: (_key, attributes) => {
      const { label, x, y, size, ...rest } = nodeRecord(attributes, labels);
      return { label: String(label), viz: { x: Number(x), y: Number(y), size: Number(size) }, attributes: rest };
    },
    formatEdge: (_key, attributes) => {
      const { type, weight } = edgeRecord(attributes);
      return { kind: type, weight, attributes: { type } };
    },
  });
}
