/**
 * The whole graph as GraphML, written piece by piece with xml-writer (the XML writer graphology-gexf uses:
 * graphology-graphml only reads GraphML), so a large graph never becomes one string.
 */
import XMLWriter from 'xml-writer';
import type { KnowledgeGraph } from '../core/types.js';
import { communityLabels, EDGE_FIELDS, edgeRecord, NODE_FIELDS, nodeRecord, type Field } from './attributes.js';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
/** Elements written between two pieces handed out. */
const PIECE_ELEMENTS = 2000;

/**
 * GraphML of the graph, in pieces to write out in order. Undirected by default, each MENTIONS and relation edge marked
 * `directed="true"` (CO_OCCURS is undirected); the keys are named as Gephi's GraphML reader expects (`label`, `x`, `y`,
 * `size` on nodes, `weight` on edges), with the attributes of attributes.ts typed `int`, `double` or `string`.
 */
export function* graphmlPieces(graph: KnowledgeGraph): Generator<string> {
  const out: string[] = [];
  const xml = new XMLWriter('  ', (chunk) => void out.push(chunk));
  const take = (): string => {
    const piece = out.join('');
    out.length = 0;
    return piece;
  };
  xml.startDocument('1.0', 'UTF-8');
  xml.startElement('graphml');
  xml.writeAttribute('xmlns', GRAPHML_NS);
  xml.writeAttribute('xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance');
  xml.writeAttribute('xsi:schemaLocation', `${GRAPHML_NS} ${GRAPHML_NS}/1.0/graphml.xsd`);
  const declare = (fields: readonly Field[], target: 'node' | 'edge', first: number): Map<string, string> => {
    const ids = new Map<string, string>();
    fields.forEach((field, i) => {
      const id = `d${first + i}`;
      ids.set(field.name, id);
      xml.startElement('key');
      xml.writeAttribute('id', id);
      xml.writeAttribute('for', target);
      xml.writeAttribute('attr.name', field.name);
      xml.writeAttribute('attr.type', field.type);
      xml.endElement();
    });
    return ids;
  };
  const nodeKeys = declare(NODE_FIELDS, 'node', 0);
  const edgeKeys = declare(EDGE_FIELDS, 'edge', NODE_FIELDS.length);
  const data = (keys: ReadonlyMap<string, string>, record: Record<string, string | number | undefined>): void => {
    for (const [name, id] of keys) {
      const value = record[name];
      if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) continue;
      xml.startElement('data');
      xml.writeAttribute('key', id);
      xml.text(String(value));
      xml.endElement();
    }
  };

  xml.startElement('graph');
  xml.writeAttribute('id', graph.getAttribute('name') ?? 'kg');
  xml.writeAttribute('edgedefault', 'undirected');
  const labels = communityLabels(graph);
  let written = 0;
  for (const { node, attributes } of graph.nodeEntries()) {
    xml.startElement('node');
    xml.writeAttribute('id', node);
    data(nodeKeys, nodeRecord(attributes, labels));
    xml.endElement();
    if (++written % PIECE_ELEMENTS === 0) yield take();
  }
  for (const { edge, attributes, source, target, undirected } of graph.edgeEntries()) {
    xml.startElement('edge');
    xml.writeAttribute('id', edge);
    xml.writeAttribute('source', source);
    xml.writeAttribute('target', target);
    if (!undirected) xml.writeAttribute('directed', 'true');
    data(edgeKeys, edgeRecord(attributes));
    xml.endElement();
    if (++written % PIECE_ELEMENTS === 0) yield take();
  }
  xml.endElement(); // graph
  xml.endElement(); // graphml
  out.push('\n');
  yield take();
}
