/** What GEXF and GraphML carry for each node and edge: the attributes a Gephi user filters, ranks and colours by. */
import type { EdgeAttributes, KnowledgeGraph, NodeAttributes } from '../core/types.js';

/** Value types of the exported attributes, as GraphML names them (GEXF infers its own from the values). */
export type FieldType = 'string' | 'int' | 'double';

/** One exported attribute: its name in the file and its type. */
export interface Field {
  name: string;
  type: FieldType;
}

/**
 * Node attributes, in file order. `label` is the entity's label or the paper's title; `x`, `y` are the layout's
 * position and `size` the explorer's node size; `aliases` are joined by " | " (lists are not portable across
 * GraphML readers, and GEXF 1.3 lists break on a comma inside a name).
 */
export const NODE_FIELDS: readonly Field[] = [
  { name: 'label', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'community', type: 'int' },
  { name: 'communityLabel', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'paperCount', type: 'int' },
  { name: 'mentionCount', type: 'int' },
  { name: 'aliases', type: 'string' },
  { name: 'firstSeen', type: 'string' },
  { name: 'lastSeen', type: 'string' },
  { name: 'specificity', type: 'double' },
  { name: 'paperId', type: 'string' },
  { name: 'date', type: 'string' },
  { name: 'year', type: 'int' },
  { name: 'venue', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'x', type: 'double' },
  { name: 'y', type: 'double' },
  { name: 'size', type: 'double' },
];

/** Edge attributes: the kg relationship type (MENTIONS, CO_OCCURS, USED_FOR, …) and its weight (papers, or mentions for MENTIONS). */
export const EDGE_FIELDS: readonly Field[] = [
  { name: 'type', type: 'string' },
  { name: 'weight', type: 'double' },
];

/** An exported node or edge: attribute name to value; an undefined value is left out of the file. */
export type ExportRecord = Record<string, string | number | undefined>;

/**
 * Node size at the explorer's default zoom (viz/app/display.ts `nodeSize`, which the graph layer cannot import):
 * papers small and fixed, entities growing with the square root of their paper count.
 */
export function nodeSize(attributes: NodeAttributes): number {
  if (attributes.kind === 'paper') return 3;
  return Math.min(28, 1.5 + 2.4 * Math.sqrt(Math.max(1, attributes.paperCount)));
}

/** Community labels by id, for {@link nodeRecord}. */
export function communityLabels(graph: KnowledgeGraph): Map<number, string> {
  return new Map((graph.getAttribute('communities') ?? []).map((c) => [c.id, c.label]));
}

/** A node's exported attributes. */
export function nodeRecord(attributes: NodeAttributes, labels: ReadonlyMap<number, string>): ExportRecord {
  const common = {
    kind: attributes.kind,
    community: attributes.community,
    communityLabel: labels.get(attributes.community),
    x: attributes.x,
    y: attributes.y,
    size: nodeSize(attributes),
  };
  if (attributes.kind === 'paper') {
    return {
      label: attributes.title,
      ...common,
      paperId: attributes.id,
      date: attributes.date,
      year: attributes.year,
      venue: attributes.venue,
      url: attributes.url,
    };
  }
  return {
    label: attributes.label,
    ...common,
    key: attributes.key,
    paperCount: attributes.paperCount,
    mentionCount: attributes.mentionCount,
    aliases: attributes.aliases.join(' | '),
    firstSeen: attributes.firstSeen,
    lastSeen: attributes.lastSeen,
    specificity: attributes.specificity,
  };
}

/** An edge's exported attributes: a MENTIONS edge weighs its mention count, the others their papers. */
export function edgeRecord(attributes: EdgeAttributes): { type: string; weight: number } {
  return { type: attributes.type, weight: attributes.type === 'MENTIONS' ? attributes.count : attributes.weight };
}
