/** Printing query rows as a readable table, JSON or CSV; what reaches a terminal has its controls escaped. */
import { forTerminal, jsonForTerminal } from '../../pipeline/text/terminal.js';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** An aligned text table, always for reading: long cells are cut at `maxWidth` characters, controls escaped. */
export function formatTable(columns: string[], rows: Record<string, unknown>[], maxWidth = 60): string {
  if (columns.length === 0) return '(no rows)\n';
  const cut = (s: string): string =>
    forTerminal((s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s).replace(/\s+/g, ' '));
  const cells = rows.map((r) => columns.map((c) => cut(cell(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (xs: string[]): string =>
    xs
      .map((x, i) => x.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  return (
    [
      line(columns.map(forTerminal)),
      widths.map((w) => '-'.repeat(w)).join('-+-'),
      ...cells.map(line),
      `(${rows.length} row${rows.length === 1 ? '' : 's'})`,
    ].join('\n') + '\n'
  );
}

/** RFC 4180 CSV with a header line; for a terminal (`terminal`), controls in a cell are shown escaped instead of written raw. */
export function formatCsv(columns: string[], rows: Record<string, unknown>[], terminal = false): string {
  const quote = (raw: string): string => {
    const s = terminal ? forTerminal(raw) : raw;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [columns.map(quote).join(','), ...rows.map((r) => columns.map((c) => quote(cell(r[c]))).join(','))].join('\n') +
    '\n'
  );
}

/** A JSON array of records; characters JSON.stringify leaves raw (C1 controls, bidi overrides) are `\u` escapes, the same JSON value. */
export function formatJson(rows: Record<string, unknown>[]): string {
  return `${jsonForTerminal(rows, 2)}\n`;
}
