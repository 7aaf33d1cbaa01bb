/**
 * The bytes of a data file `kg train` writes: the file's small fields on the first line in their order, then
 * its one large table with an entry per line, so diffs of retrained files stay readable. Deterministic for the same
 * object.
 */
export function oneEntryPerLine<F extends object>(file: F, table: keyof F & string): string {
  const { [table]: entries, ...rest } = file;
  const head = JSON.stringify(rest);
  const lines = Object.entries(entries as Record<string, unknown>).map(
    ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`,
  );
  return `${head.slice(0, -1)},${JSON.stringify(table)}:{\n${lines.join(',\n')}\n}}\n`;
}
