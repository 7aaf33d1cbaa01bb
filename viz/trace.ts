/** The trace of an entity: its papers counted per year (or per month for short spans), with empty periods filled in. */
import type { ApiCompare, ApiTrace } from './api/types.js';

/** Spans up to this many months are binned by month, longer ones by year. */
export const MONTHLY_UP_TO = 36;

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into year and month (1-based; undefined for a bare year). */
export function parseDate(date: string | undefined): { year: number; month?: number } | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  return { year, month: month !== undefined && month >= 1 && month <= 12 ? month : undefined };
}

/** Dated papers of a whole graph per year (`YYYY`) and per month (`YYYY-MM`): the denominators of shares. */
export function periodTotals(dates: Iterable<string | undefined>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const date of dates) {
    const d = parseDate(date);
    if (!d) continue;
    totals.set(String(d.year), (totals.get(String(d.year)) ?? 0) + 1);
    if (d.month !== undefined) {
      const month = `${d.year}-${String(d.month).padStart(2, '0')}`;
      totals.set(month, (totals.get(month) ?? 0) + 1);
    }
  }
  return totals;
}

/**
 * Counts dated papers per period from the first to the last (empty periods included) and the undated ones; each bin
 * says `of` how many dated papers the whole graph has in that period (`totals`, see {@link periodTotals}).
 */
export function binTrace(
  key: string,
  label: string,
  dates: readonly (string | undefined)[],
  totals: ReadonlyMap<string, number> = new Map(),
): ApiTrace {
  const parsed = dates.map(parseDate);
  const dated = parsed.filter((d): d is { year: number; month?: number } => d !== undefined);
  const undated = parsed.length - dated.length;
  if (dated.length === 0) return { key, label, granularity: 'year', bins: [], undated, total: parsed.length };
  const months = dated.map((d) => d.year * 12 + ((d.month ?? 1) - 1));
  const minMonth = Math.min(...months);
  const maxMonth = Math.max(...months);
  const allMonthly = dated.every((d) => d.month !== undefined);
  const granularity = allMonthly && maxMonth - minMonth < MONTHLY_UP_TO ? 'month' : 'year';
  const counts = new Map<string, number>();
  const periodOf = (m: number): string =>
    granularity === 'year'
      ? String(Math.floor(m / 12))
      : `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  for (const m of months) counts.set(periodOf(m), (counts.get(periodOf(m)) ?? 0) + 1);
  const bins: ApiTrace['bins'] = [];
  if (granularity === 'year') {
    for (let y = Math.floor(minMonth / 12); y <= Math.floor(maxMonth / 12); y++)
      bins.push({ period: String(y), papers: counts.get(String(y)) ?? 0, of: totals.get(String(y)) ?? 0 });
  } else {
    for (let m = minMonth; m <= maxMonth; m++)
      bins.push({ period: periodOf(m), papers: counts.get(periodOf(m)) ?? 0, of: totals.get(periodOf(m)) ?? 0 });
  }
  return { key, label, granularity, bins, undated, total: parsed.length };
}

/** The years of the graph's totals ({@link periodTotals}): those of its dated papers. */
function totalYears(totals: ReadonlyMap<string, number>): number[] {
  return [...totals.keys()].filter((period) => /^\d{4}$/.test(period)).map(Number);
}

/**
 * Counts dated papers per year over `span` (both ends included, empty years too): one entity's series of a
 * comparison, on the axis every series shares. Dates outside the span count in `total` but in no bin.
 */
export function binYears(
  key: string,
  label: string,
  dates: readonly (string | undefined)[],
  totals: ReadonlyMap<string, number>,
  span: readonly [number, number] | undefined,
): ApiTrace {
  const parsed = dates.map(parseDate);
  const undated = parsed.filter((d) => d === undefined).length;
  const counts = new Map<number, number>();
  for (const d of parsed) if (d) counts.set(d.year, (counts.get(d.year) ?? 0) + 1);
  const bins: ApiTrace['bins'] = [];
  if (span)
    for (let year = span[0]; year <= span[1]; year++)
      bins.push({ period: String(year), papers: counts.get(year) ?? 0, of: totals.get(String(year)) ?? 0 });
  return { key, label, granularity: 'year', bins, undated, total: parsed.length };
}

/**
 * Several entities' traces on one yearly axis, as `kg trace A B --compare` prints them: from the first year any of
 * them has a paper to the graph's last year with a dated paper; no span when none of them has a dated paper.
 */
export function compareTraces(
  entities: readonly { key: string; label: string; dates: readonly (string | undefined)[] }[],
  totals: ReadonlyMap<string, number>,
): ApiCompare {
  let from = Infinity;
  let to = -Infinity;
  for (const e of entities)
    for (const date of e.dates) {
      const year = parseDate(date)?.year;
      if (year !== undefined) [from, to] = [Math.min(from, year), Math.max(to, year)];
    }
  for (const year of totalYears(totals)) to = Math.max(to, year);
  const span: [number, number] | undefined = from <= to ? [from, to] : undefined;
  return {
    ...(span ? { span } : {}),
    series: entities.map((e) => binYears(e.key, e.label, e.dates, totals, span)),
  };
}
