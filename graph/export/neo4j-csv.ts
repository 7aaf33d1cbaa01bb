/**
 * The graph as CSV files for `neo4j-admin database import full`, Neo4j's offline bulk loader: one file per label and
 * relationship type the mirror writes, built from the mirror's own rows (graph/neo4j/plan.ts), so an imported database
 * holds what `kg mirror` would have written: the same labels, types, properties and property types, and the mirror's
 * `:KgMirror` node with the digests of this snapshot (a later `kg mirror` of it adds the schema and writes nothing else).
 * Pure: the caller writes the files.
 */
import { InvalidInputError } from '../../pipeline/core/errors.js';
import {
  KIND_LABELS,
  MIRROR_FORMAT,
  planMirror,
  RELATION_TYPES,
  RESULT_TYPES,
  type Group,
  type ResultRow,
  type Row,
  type Step,
} from '../neo4j/plan.js';
import { SCHEMA_STATEMENTS } from '../neo4j/schema.js';
import type { KnowledgeGraph } from '../core/types.js';

/** Property types the files use: Cypher's INTEGER is 64-bit (`long`), its FLOAT a `double`. */
export type CsvType = 'string' | 'long' | 'double' | 'string[]' | 'long[]';

interface Column {
  header: string;
  type: CsvType;
  value: (row: Row, step: Step) => unknown;
}

/** One CSV file: its name in the folder, what it holds, its row count and its lines (header first). */
export interface CsvFile {
  name: string;
  kind: 'nodes' | 'relationships';
  rows: number;
  lines: () => Generator<string>;
}

/** Everything a bulk import needs: the files, the options they were written for, and the script that runs it. */
export interface Neo4jCsvExport {
  files: CsvFile[];
  /** Separates array elements and multiple labels: the first of `;`, `|`, U+001F that no value holds. */
  arrayDelimiter: string;
  /** Some value holds a line break, so the import needs `--multiline-fields=true` (slower: only then). */
  multiline: boolean;
  nodes: number;
  relationships: number;
  /** The options of `neo4j-admin database import full` after the database name, with file paths inside `dir`. */
  importArguments: (dir: string) => string[];
  /** import.sh: runs the import from the folder it lies in. */
  script: string;
  /** schema.cypher: kg's constraints and indexes, for cypher-shell (`kg mirror` creates them too). */
  schema: string;
}

/** File name of the import script, and of the schema statements, in the export folder. */
export const IMPORT_SCRIPT = 'import.sh';
export const SCHEMA_FILE = 'schema.cypher';

/** Array delimiters tried in order: readable ones first, then a control character that cleaned text never holds. */
const DELIMITERS = [';', '|', '\u001f'];
/** neo4j-admin's default `--read-buffer-size`, which must hold the largest value. */
const DEFAULT_READ_BUFFER = 4 * 1024 * 1024;

const column = (header: string, type: CsvType, value: Column['value']): Column => ({ header, type, value });
/** A property column filled from the row field of the same name (or `field`). */
const prop = (name: string, type: CsvType, field = name): Column =>
  column(`${name}:${type}`, type, (row) => row[field]);
const fixed = (header: string, type: CsvType, value: unknown): Column => column(header, type, () => value);
const ref = (header: string, field: string): Column => column(header, 'string', (row) => String(row[field]));

const paperColumns: Column[] = [
  ref('id:ID(Paper)', 'id'),
  fixed(':LABEL', 'string[]', ['Paper']),
  prop('title', 'string'),
  prop('abstract', 'string'),
  prop('date', 'string'),
  prop('year', 'long'),
  prop('dateText', 'string'),
  prop('url', 'string'),
  prop('venue', 'string'),
  prop('organization', 'string'),
  prop('authorCount', 'long'),
  prop('source', 'string[]'),
  prop('community', 'long'),
];
const kindOf = (step: Step): keyof typeof KIND_LABELS => step.params!.kind as keyof typeof KIND_LABELS;
const entityColumns: Column[] = [
  ref('key:ID(Entity)', 'key'),
  column(':LABEL', 'string[]', (_row, step) => ['Entity', KIND_LABELS[kindOf(step)]]),
  column('kind:string', 'string', (_row, step) => kindOf(step)),
  prop('label', 'string'),
  prop('aliases', 'string[]'),
  prop('aliasText', 'string'),
  prop('paperCount', 'long'),
  prop('mentionCount', 'long'),
  prop('firstSeen', 'string'),
  prop('lastSeen', 'string'),
  prop('community', 'long'),
  prop('specificity', 'double'),
];
// The community id is a property of its own: an :ID column is always stored as a string.
const communityColumns: Column[] = [
  ref(':ID(Community)', 'id'),
  fixed(':LABEL', 'string[]', ['Community']),
  prop('id', 'long'),
  prop('label', 'string'),
  prop('size', 'long'),
  prop('topTerms', 'string[]'),
];
const resultColumns: Column[] = [
  ref('id:ID(Result)', 'id'),
  fixed(':LABEL', 'string[]', ['Result']),
  prop('value', 'double'),
  prop('unit', 'string'),
  prop('delta', 'string'),
  prop('sentence', 'string'),
  prop('year', 'long'),
];
const metaColumns: Column[] = [
  ref(':ID(KgMirror)', 'id'),
  fixed(':LABEL', 'string[]', ['KgMirror']),
  prop('id', 'string'),
  prop('groups', 'string[]'),
  prop('digests', 'string[]'),
  prop('format', 'string'),
];
const relationship = (
  type: string,
  start: [string, string],
  end: [string, string],
  ...properties: Column[]
): Column[] => [
  ref(`:START_ID(${start[0]})`, start[1]),
  ref(`:END_ID(${end[0]})`, end[1]),
  fixed(':TYPE', 'string', type),
  ...properties,
];

/** The file of each mirror group; a group this table does not know is an error, so a change to the mirror is not silently left out. */
function fileOf(group: Group): { name: string; columns: Column[] } {
  if (group.name === 'Paper') return { name: 'papers.csv', columns: paperColumns };
  if (group.name === 'Entity') return { name: 'entities.csv', columns: entityColumns };
  if (group.name === 'Community') return { name: 'communities.csv', columns: communityColumns };
  if (group.name === 'MENTIONS')
    return {
      name: 'mentions.csv',
      columns: relationship(
        'MENTIONS',
        ['Paper', 'paper'],
        ['Entity', 'entity'],
        prop('count', 'long'),
        prop('spans', 'long[]'),
      ),
    };
  if (group.name === 'CO_OCCURS')
    return {
      name: 'co_occurs.csv',
      columns: relationship('CO_OCCURS', ['Entity', 'a'], ['Entity', 'b'], prop('weight', 'long')),
    };
  if ((RELATION_TYPES as readonly string[]).includes(group.name)) {
    return {
      name: `${group.name.toLowerCase()}.csv`,
      columns: relationship(
        group.name,
        ['Entity', 'head'],
        ['Entity', 'tail'],
        prop('weight', 'long'),
        prop('papers', 'string[]'),
      ),
    };
  }
  if (group.name === 'Result') return { name: 'results.csv', columns: resultColumns };
  if (group.name === 'REPORTS')
    return { name: 'reports.csv', columns: relationship('REPORTS', ['Paper', 'paper'], ['Result', 'id']) };
  if (RESULT_TYPES.includes(group.name))
    return {
      name: `${group.name.toLowerCase()}.csv`,
      columns: relationship(group.name, ['Result', 'id'], ['Entity', 'key']),
    };
  if (group.name === 'IN_COMMUNITY (entities)')
    return {
      name: 'in_community-entities.csv',
      columns: relationship('IN_COMMUNITY', ['Entity', 'key'], ['Community', 'community']),
    };
  if (group.name === 'IN_COMMUNITY (papers)')
    return {
      name: 'in_community-papers.csv',
      columns: relationship('IN_COMMUNITY', ['Paper', 'id'], ['Community', 'community']),
    };
  throw new Error(`the Neo4j CSV export does not know the mirror's group "${group.name}" (graph/export/neo4j-csv.ts)`);
}

/** RFC 4180 quoting, which neo4j-admin reads: the value in double quotes, each double quote doubled. */
const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;

function badValue(file: string, header: string, value: unknown, what: string): InvalidInputError {
  return new InvalidInputError(`${file}: ${header} must be ${what}, got ${JSON.stringify(value)}`, {
    code: 'KG_EXPORT_VALUE',
  });
}

/** One field: empty for a missing value (no property), strings and string arrays always quoted. */
function formatField(file: string, c: Column, value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  switch (c.type) {
    case 'string':
      return quote(String(value));
    case 'long':
      if (!Number.isSafeInteger(value)) throw badValue(file, c.header, value, 'a whole number');
      return String(value);
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw badValue(file, c.header, value, 'a finite number');
      return String(value);
    case 'string[]':
      return quote((value as unknown[]).map(String).join(delimiter));
    case 'long[]':
      for (const x of value as unknown[])
        if (!Number.isSafeInteger(x)) throw badValue(file, c.header, value, 'a list of whole numbers');
      return (value as number[]).join(delimiter);
  }
}

/** A value's strings, for the checks made before writing (delimiter, line breaks, the longest field). */
function* stringsOf(c: Column, value: unknown): Generator<string> {
  if (c.type === 'string' && value !== null && value !== undefined) yield String(value);
  else if (c.type === 'string[]' && Array.isArray(value)) for (const x of value) yield String(x);
}

/** The shell word for a delimiter option value. */
const shellDelimiter = (d: string): string =>
  d === ';' || d === '|' ? `'${d}'` : `U+${d.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Plans the CSV export of a graph (and its papers' abstracts and stated results, as `kg mirror` stores them): every file with its lines,
 * the neo4j-admin options they need and the import script. `source` names the snapshot in the script's comments.
 */
export function planNeo4jCsv(
  graph: KnowledgeGraph,
  abstracts: ReadonlyMap<string, string> | undefined,
  source: string,
  results?: readonly ResultRow[],
): Neo4jCsvExport {
  const groups = planMirror(graph, abstracts, results);
  const meta: Step = {
    name: 'kg mirror',
    rows: [
      { id: 'kg', groups: groups.map((g) => g.name), digests: groups.map((g) => g.digest), format: MIRROR_FORMAT },
    ],
    create: '',
  };
  const plans = [
    ...groups.map((group) => ({ kind: group.kind, steps: group.steps, ...fileOf(group) })),
    { kind: 'nodes' as const, steps: [meta], name: 'kg-mirror.csv', columns: metaColumns },
  ].filter((p) => p.steps.some((s) => s.rows.length > 0));

  // One pass over every string before anything is written: the delimiter must be in no array element, a line break
  // anywhere needs the slower multi-line reader, and the read buffer must hold the longest value.
  const inArrays = new Set<string>();
  let multiline = false;
  let longest = 0;
  for (const plan of plans) {
    for (const step of plan.steps) {
      for (const row of step.rows) {
        for (const c of plan.columns) {
          const value = c.value(row, step);
          for (const text of stringsOf(c, value)) {
            if (c.type === 'string[]') for (const d of DELIMITERS) if (text.includes(d)) inArrays.add(d);
            if (!multiline && /[\r\n]/.test(text)) multiline = true;
            longest = Math.max(longest, text.length);
          }
          if (c.type === 'string[]' && Array.isArray(value))
            longest = Math.max(
              longest,
              value.reduce((s: number, x) => s + String(x).length + 1, 0),
            );
        }
      }
    }
  }
  const arrayDelimiter = DELIMITERS.find((d) => !inArrays.has(d));
  if (arrayDelimiter === undefined)
    throw new InvalidInputError(
      `no array delimiter is free: list values hold each of ${DELIMITERS.map((d) => JSON.stringify(d)).join(', ')}`,
      { code: 'KG_EXPORT_DELIMITER' },
    );

  const files: CsvFile[] = plans.map((plan) => ({
    name: plan.name,
    kind: plan.kind,
    rows: plan.steps.reduce((s, x) => s + x.rows.length, 0),
    lines: function* () {
      yield `${plan.columns.map((c) => c.header).join(',')}\n`;
      for (const step of plan.steps)
        for (const row of step.rows)
          yield `${plan.columns.map((c) => formatField(plan.name, c, c.value(row, step), arrayDelimiter)).join(',')}\n`;
    },
  }));

  // UTF-8 takes at most 3 bytes per UTF-16 unit; quotes and doubled quotes at most double a value.
  const needed = longest * 3 * 2 + 1024;
  const options = [`--array-delimiter=${shellDelimiter(arrayDelimiter)}`, '--bad-tolerance=0'];
  if (multiline) options.push('--multiline-fields=true');
  if (needed > DEFAULT_READ_BUFFER) options.push(`--read-buffer-size=${Math.ceil(needed / (1024 * 1024))}m`);
  const importArguments = (dir: string): string[] => [
    ...options,
    ...files.filter((f) => f.kind === 'nodes').map((f) => `--nodes=${dir === '.' ? f.name : `${dir}/${f.name}`}`),
    ...files
      .filter((f) => f.kind === 'relationships')
      .map((f) => `--relationships=${dir === '.' ? f.name : `${dir}/${f.name}`}`),
  ];
  const nodes = files.filter((f) => f.kind === 'nodes').reduce((s, f) => s + f.rows, 0);
  const relationships = files.filter((f) => f.kind === 'relationships').reduce((s, f) => s + f.rows, 0);
  // The snapshot's path goes into comments only, on one line.
  // eslint-disable-next-line no-control-regex -- meant: no control character may break the script's comment lines
  const from = source.replace(/[\r\n\u0000-\u001f\u007f]/g, '?');
  const script = `#!/bin/sh
# Written by \`kg export --format csv\` from the snapshot ${from}: ${nodes} nodes and ${relationships} relationships.
# Bulk-loads them into a new Neo4j 5 database with neo4j-admin. Neo4j must be stopped, and the database absent or empty.
#
#   sh ${IMPORT_SCRIPT} [DATABASE] [more neo4j-admin options, e.g. --overwrite-destination=true]
#
# DATABASE defaults to neo4j. NEO4J_ADMIN is the command to run (default: neo4j-admin on the PATH), split into words,
# e.g. NEO4J_ADMIN=/opt/neo4j/bin/neo4j-admin. A database other than the default one is then created with
# CREATE DATABASE name (Enterprise) or made the default one in neo4j.conf.
#
# Afterwards, start Neo4j and add kg's constraints and indexes (full-text search and date queries need them), either:
#   kg mirror --graph ${from} --neo4j bolt://HOST:7687   (finds every label and type already there and writes nothing else)
#   cypher-shell -d DATABASE -f ${SCHEMA_FILE}
set -eu
cd "$(dirname "$0")"
database=neo4j
case "\${1:-}" in
  -*|'') ;;
  *) database="$1"; shift ;;
esac
admin="\${NEO4J_ADMIN:-neo4j-admin}"
if ! command -v "\${admin%% *}" >/dev/null 2>&1; then
  echo "${IMPORT_SCRIPT}: \${admin%% *} not found: put Neo4j's bin folder on the PATH, or set NEO4J_ADMIN" >&2
  exit 127
fi
$admin database import full "$database" \\
${importArguments('.')
  .map((a) => `  ${a} \\\n`)
  .join('')}  "$@"
`;
  const schema = `// kg's constraints and indexes (graph/neo4j/schema.ts), for a database loaded with ${IMPORT_SCRIPT}: cypher-shell -f ${SCHEMA_FILE}\n${SCHEMA_STATEMENTS.map((s) => `${s};\n`).join('')}CALL db.awaitIndexes(300);\n`;
  return { files, arrayDelimiter, multiline, nodes, relationships, importArguments, script, schema };
}
