/** `kg export`: a snapshot's whole graph as GEXF or GraphML (Gephi and other graph tools), or as CSV files for neo4j-admin's bulk import. */
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { graphmlPieces, IMPORT_SCRIPT, planNeo4jCsv, SCHEMA_FILE, toGexf } from '../../graph/export/index.js';
import { loadSnapshot, readSnapshotPapers, SNAPSHOT_FILES, TRACE_INDEX_FILES } from '../../graph/index.js';
import { resultRows, type ResultRow } from '../../graph/neo4j/plan.js';
import { InvalidInputError, UsageError } from '../../pipeline/core/errors.js';
import { forTerminal } from '../../pipeline/text/terminal.js';
import { DEFAULT_SNAPSHOT_DIR } from '../../run/defaults.js';
import { overwrittenInput } from '../../run/files.js';
import { note, parseChoice } from '../util/options.js';

/** The formats `kg export` writes. */
export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of `kg export`. */
export interface ExportOptions {
  graph: string;
  format: ExportFormat;
  /** A file for gexf and graphml, a folder for csv. @defaultValue {@link defaultOut} */
  out?: string;
  /** Replace an existing file, or write into a folder that holds files. */
  force?: boolean;
}

/** The output when `--out` is not given: named after the snapshot folder, in the current folder (`data.gexf`, `data-csv/`). */
export function defaultOut(graph: string, format: ExportFormat): string {
  const name = path.basename(path.resolve(graph)) || 'kg';
  return format === 'csv' ? `${name}-csv` : `${name}.${format}`;
}

/** Adds `kg export`. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "Write a snapshot's whole graph for other tools: GEXF or GraphML (Gephi, Cytoscape, NetworkX), or CSV files and a script for neo4j-admin's bulk import.",
    )
    .requiredOption('-f, --format <format>', 'gexf, graphml or csv', parseChoice('--format', EXPORT_FORMATS))
    .option('-g, --graph <dir>', 'snapshot folder', DEFAULT_SNAPSHOT_DIR)
    .option(
      '-o, --out <path>',
      `file to write (gexf, graphml) or folder (csv); default: named after the snapshot folder, here (${DEFAULT_SNAPSHOT_DIR}.gexf, ${DEFAULT_SNAPSHOT_DIR}.graphml, ${DEFAULT_SNAPSHOT_DIR}-csv)`,
    )
    .option('--force', 'replace an existing file, or write into a folder that already holds files')
    .addHelpText(
      'after',
      `
GEXF (1.3) and GraphML hold every paper and entity with its label, kind, community, paper count, position and size,
and every edge with its type (MENTIONS, CO_OCCURS, USED_FOR, ...) and weight. CSV writes one file per label and
relationship type, with the labels, types and properties \`kg mirror\` writes, and ${IMPORT_SCRIPT}, which runs
\`neo4j-admin database import full\` on them (Neo4j stopped); more in docs/scaling.md.

Examples:
  kg export --format gexf                          # ${DEFAULT_SNAPSHOT_DIR}/ as ${DEFAULT_SNAPSHOT_DIR}.gexf, for Gephi
  kg export --graph acl --format csv --out acl-csv # then: sh acl-csv/${IMPORT_SCRIPT}`,
    )
    .action(async (options: ExportOptions) => {
      await exportSnapshot(options);
    });
}

/** Lines joined into chunks of about 64 KB, so a file of millions of rows is not written a line at a time. */
function* chunked(lines: Iterable<string>, size = 64 * 1024): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** A path as one shell word, quoted only when it needs to be, for the commands printed to copy. */
const shellWord = (text: string): string =>
  /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
const exists = async (file: string) => stat(file).catch(() => undefined);
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** Writes `pieces` to `file` through a temporary file beside it, renamed at the end: a failed export leaves no half file. */
async function writeWhole(file: string, pieces: Iterable<string>): Promise<number> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.kg-${process.pid}`);
  try {
    await pipeline(Readable.from(chunked(pieces)), createWriteStream(temporary));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return (await stat(file)).size;
}

/** The whole `kg export`. */
export async function exportSnapshot(options: ExportOptions): Promise<void> {
  const started = performance.now();
  const out = options.out ?? defaultOut(options.graph, options.format);
  const snapshotFiles = [...Object.values(SNAPSHOT_FILES), ...Object.values(TRACE_INDEX_FILES)].map((name) =>
    path.join(options.graph, name),
  );
  const clash = await overwrittenInput(snapshotFiles, options.format === 'csv' ? [] : [out]);
  if (clash)
    throw new UsageError(`--out ${out} is the snapshot's ${path.basename(clash[0])}; choose another --out`, {
      code: 'KG_OUTPUT_IS_INPUT',
    });
  const found = await exists(out);
  if (options.format === 'csv') {
    if (found && !found.isDirectory())
      throw new UsageError(`--out ${out} is a file; the CSV export writes a folder`, { code: 'KG_OUTPUT_EXISTS' });
    if (found && !options.force && (await readdir(out)).length > 0)
      throw new UsageError(`--out ${out} already holds files; pass --force to write into it, or choose another --out`, {
        code: 'KG_OUTPUT_EXISTS',
      });
  } else {
    if (found?.isDirectory())
      throw new UsageError(`--out ${out} is a folder; name the ${options.format.toUpperCase()} file to write`, {
        code: 'KG_OUTPUT_EXISTS',
      });
    if (found && !options.force)
      throw new UsageError(`--out ${out} already exists; pass --force to replace it, or choose another --out`, {
        code: 'KG_OUTPUT_EXISTS',
      });
  }

  const { graph } = await loadSnapshot(options.graph);
  const seconds = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  try {
    await mkdir(options.format === 'csv' ? out : path.dirname(out), { recursive: true });
  } catch (cause) {
    throw new InvalidInputError(
      `cannot create ${options.format === 'csv' ? out : path.dirname(out)}: ${(cause as Error).message}`,
      { code: 'KG_OUT_UNWRITABLE', cause },
    );
  }

  if (options.format === 'gexf' || options.format === 'graphml') {
    const bytes = await writeWhole(out, options.format === 'gexf' ? [toGexf(graph)] : graphmlPieces(graph));
    const name = options.format === 'gexf' ? 'GEXF 1.3' : 'GraphML';
    note(
      `export: ${graph.order} nodes and ${graph.size} edges to ${forTerminal(out)} (${name}, ${mb(bytes)}) in ${seconds()}`,
    );
    return;
  }

  // The abstracts, which the mirror stores on papers, and the results papers state come from papers.jsonl; nothing
  // else of it is kept.
  const abstracts = new Map<string, string>();
  const results: ResultRow[] = [];
  for await (const paper of readSnapshotPapers(options.graph)) {
    abstracts.set(paper.id, paper.abstract);
    if (paper.results !== undefined && paper.results.length > 0) results.push(...resultRows([paper]));
  }
  const plan = planNeo4jCsv(graph, abstracts, options.graph, results);
  abstracts.clear();
  const script = path.join(out, IMPORT_SCRIPT);
  // A script left by an earlier export would name files this one has not finished writing.
  await rm(script, { force: true });
  let bytes = 0;
  for (const file of plan.files) bytes += await writeWhole(path.join(out, file.name), file.lines());
  await writeFile(path.join(out, SCHEMA_FILE), plan.schema);
  await writeWhole(script, [plan.script]);
  await chmod(script, 0o755);
  note(
    `export: ${plan.nodes} nodes and ${plan.relationships} relationships in ${plan.files.length} CSV files to ${forTerminal(out)} (${mb(bytes)}) in ${seconds()}`,
  );
  const word = (file: string): string => shellWord(forTerminal(file));
  process.stdout.write(
    `To load them into a new Neo4j database, with Neo4j stopped:\n  sh ${word(script)} [DATABASE]\nwhich runs:\n  neo4j-admin database import full neo4j ${plan.importArguments(word(out)).join(' ')}\n` +
      `Then start Neo4j and add kg's constraints and indexes: kg mirror --graph ${word(options.graph)} (it finds the graph already there), or cypher-shell -f ${word(path.join(out, SCHEMA_FILE))}.\n`,
  );
}
