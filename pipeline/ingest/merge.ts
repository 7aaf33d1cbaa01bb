/** How the records of one paper become one Paper: which abstract, title, date and metadata win. */
import type { Paper, SourceRef } from '../core/types.js';
import { MAX_SOURCES_KEPT } from './limits.js';
import { compareSources } from './rejection.js';
import type { RawRecord } from './types.js';

/** Compare code units, not locale, so the outcome is the same on every machine. */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * The record whose abstract and title the paper keeps: the fullest (longest) abstract. Ties are broken by content
 * before position, so the choice does not depend on file names or order.
 */
function fullest(a: RawRecord, b: RawRecord): RawRecord {
  const order =
    b.abstract.length - a.abstract.length ||
    compareText(a.abstract, b.abstract) ||
    compareText(a.title, b.title) ||
    compareSources(a.source, b.source);
  return order <= 0 ? a : b;
}

/**
 * The record whose date wins: the earliest ISO date, where a more precise date that refines it (`2023-04-30` of
 * `2023`) counts as the same date and wins by precision. Conflicting dates keep the earliest.
 */
function bestDated(records: readonly RawRecord[]): RawRecord | undefined {
  const dated = records.filter((r) => r.date !== undefined);
  const earliest = dated.reduce<string | undefined>(
    (min, r) => (min === undefined || (r.date ?? '') < min ? r.date : min),
    undefined,
  );
  if (earliest === undefined) return undefined;
  let best: RawRecord | undefined;
  for (const r of dated) {
    const d = r.date ?? '';
    if (!d.startsWith(earliest)) continue;
    const b = best?.date ?? '';
    if (!best || d.length > b.length || (d.length === b.length && d < b)) best = r;
  }
  return best;
}

/** Sources once each, by file then line: the first MAX_SOURCES_KEPT of them, and how many there are in all. */
function uniqueSources(ordered: readonly RawRecord[]): { sources: SourceRef[]; count: number } {
  const seen = new Set<string>();
  const sources: SourceRef[] = [];
  for (const r of ordered) {
    const key = `${r.source.line ?? ''}:${r.source.file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (sources.length < MAX_SOURCES_KEPT)
      sources.push(
        r.source.line === undefined ? { file: r.source.file } : { file: r.source.file, line: r.source.line },
      );
  }
  return { sources, count: seen.size };
}

/** The first value of a field: the kept record's, else the first other record's (by file, then line) that has it. */
function firstOf<K extends 'url' | 'venue' | 'organization' | 'authorCount' | 'dateText' | 'year'>(
  kept: RawRecord,
  ordered: readonly RawRecord[],
  field: K,
): RawRecord[K] {
  return kept[field] ?? ordered.find((r) => r[field] !== undefined)?.[field];
}

/** Merge one paper's records (at least one) under `id`. */
export function mergeRecords(id: string, records: readonly RawRecord[]): Paper {
  const ordered = [...records].sort((a, b) => compareSources(a.source, b.source));
  const kept = ordered.reduce(fullest);
  const extra: Omit<Paper, 'id' | 'title' | 'abstract' | 'sources'> = {};
  // A date with a year beats a date without; dateText and year travel with the date that won.
  const dated = bestDated(ordered);
  const year = dated?.year ?? firstOf(kept, ordered, 'year');
  const dateText = dated?.dateText ?? firstOf(kept, ordered, 'dateText');
  if (dated?.date !== undefined) extra.date = dated.date;
  if (year !== undefined) extra.year = year;
  if (dateText !== undefined) extra.dateText = dateText;
  for (const field of ['url', 'venue', 'organization'] as const) {
    const value = firstOf(kept, ordered, field);
    if (value !== undefined) extra[field] = value;
  }
  const authorCount = firstOf(kept, ordered, 'authorCount');
  if (authorCount !== undefined) extra.authorCount = authorCount;
  const { sources, count } = uniqueSources(ordered);
  // A record repeated a million times would otherwise list a million places in every snapshot.
  if (count > sources.length) extra.sourceCount = count;
  return { id, title: kept.title, abstract: kept.abstract, ...extra, sources };
}
