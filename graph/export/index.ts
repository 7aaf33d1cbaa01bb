/** Whole-graph exports for other tools: GEXF and GraphML for Gephi and friends, CSV for neo4j-admin's bulk import. */
export { EDGE_FIELDS, NODE_FIELDS, nodeSize, type Field, type FieldType } from './attributes.js';
export { toGexf } from './gexf.js';
export { graphmlPieces } from './graphml.js';
export {
  IMPORT_SCRIPT,
  planNeo4jCsv,
  SCHEMA_FILE,
  type CsvFile,
  type CsvType,
  type Neo4jCsvExport,
} from './neo4j-csv.js';
