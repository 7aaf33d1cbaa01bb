/** Deduplication: records of the same paper (same title key, or same source id) become one Paper with a stable id. */
import type { Paper } from '../core/types.js';
import { mergeRecords } from './merge.js';
import { titleId, titleKey } from './normalize.js';
import { compareSources, reject } from './rejection.js';
import type { IngestRejection, RawRecord } from './types.js';

/** Papers sorted by id; `duplicates` records were merged into others; `rejections` are id clashes. */
export interface DedupeResult {
  papers: Paper[];
  duplicates: number;
  rejections: IngestRejection[];
}

interface IdGroup {
  key: string;
  records: RawRecord[];
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const where = (r: RawRecord): string =>
  r.source.line === undefined ? r.source.file : `${r.source.file}:${r.source.line}`;

/**
 * Group records by title key and merge each group. Records are first put in file-then-line order, so the result does
 * not depend on input order. A source id names one paper: two records with the same id and different titles are a
 * clash (the later one is rejected), and two records with different ids stay two papers even with one title (a
 * catalogue such as the ACL Anthology lists distinct items under one title). Records without an id join the paper of
 * the same title with the smallest id, or else form a paper with the id `hf-<sha1 of the title key>`.
 */
export function dedupe(records: readonly RawRecord[]): DedupeResult {
  const ordered = [...records].sort((a, b) => compareSources(a.source, b.source));
  const rejections: IngestRejection[] = [];
  const byId = new Map<string, IdGroup>();
  const idsByKey = new Map<string, string[]>();
  const byKey = new Map<string, RawRecord[]>();
  for (const r of ordered) {
    const key = titleKey(r.title);
    if (r.id === undefined) {
      push(byKey, key, r);
      continue;
    }
    const group = byId.get(r.id);
    if (!group) {
      byId.set(r.id, { key, records: [r] });
      push(idsByKey, key, r.id);
    } else if (group.key === key) {
      group.records.push(r);
    } else {
      const first = group.records[0];
      const reason = `duplicate id ${JSON.stringify(r.id)} (already used by ${first ? where(first) : 'another record'})`;
      rejections.push(reject(r.source.file, r.source.line, 'duplicate-id', reason, 'id'));
    }
  }
  const papers: Paper[] = [];
  for (const [key, anonymous] of byKey) {
    const ids = idsByKey.get(key);
    const target = ids ? byId.get(ids.reduce((a, b) => (b < a ? b : a))) : undefined;
    if (target) target.records.push(...anonymous);
    else papers.push(mergeRecords(titleId(key), anonymous));
  }
  for (const [id, group] of byId) papers.push(mergeRecords(id, group.records));
  papers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { papers, duplicates: records.length - rejections.length - papers.length, rejections };
}
