/**
 * What a researcher meets at the top of a graph, measured: duplicate nodes among the entities with most papers (case
 * twins, a name and the name with an empty head, plural or spelling slips), aliases that are lists of defined terms,
 * and how many of the papers a whole-word search of the abstracts finds `kg trace` finds for famous names.
 */
import { spellingFold } from '../pipeline/extract/corpus-entities.js';
import emptyHeads from '../pipeline/extract/lexicons/empty-heads.json' with { type: 'json' };
import type { PaperRecord } from './snapshot.js';
import { trace, type TraceSource } from './trace.js';
import type { EntityAttributes, KnowledgeGraph } from './core/types.js';

/** Two entity nodes that a researcher would likely call one thing, and why. */
export interface DuplicatePair {
  a: string;
  b: string;
  why: 'case' | 'empty-head' | 'spelling';
}

/** An alias holding two defined terms with a separator between: "Sentiment Analysis (SA), Named Entity Recognition (NER)". */
export const LIST_ALIAS = /\([^()]*\p{Lu}[^()]*\)[^()]*?(?:,|;|\band\b|\bor\b|&)[^()]*?\([^()]*\p{Lu}[^()]*\)/u;

/** Entities with most papers, ties by key. */
export function topEntities(
  graph: KnowledgeGraph,
  n: number,
  keep: (e: EntityAttributes) => boolean = () => true,
): EntityAttributes[] {
  const out: EntityAttributes[] = [];
  graph.forEachNode((_node, a) => {
    if (a.kind !== 'paper' && keep(a)) out.push(a);
  });
  return out.sort((x, y) => y.paperCount - x.paperCount || (x.key < y.key ? -1 : 1)).slice(0, n);
}

/**
 * Likely duplicates among the given entities: labels equal but for case; keys equal once singular, unspaced and
 * without accents; a name and the name with an empty head for its kind (empty-heads.json: "NMT" / "NMT systems").
 */
export function duplicatePairs(entities: readonly EntityAttributes[]): DuplicatePair[] {
  const heads = Object.entries(emptyHeads.heads);
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const pairs: DuplicatePair[] = [];
  const groups = (
    why: DuplicatePair['why'],
    fold: (e: EntityAttributes) => string,
    skip: (a: EntityAttributes, b: EntityAttributes) => boolean = () => false,
  ): void => {
    const seen = new Map<string, EntityAttributes[]>();
    for (const e of entities) {
      const f = fold(e);
      for (const other of seen.get(f) ?? []) if (!skip(other, e)) pairs.push({ a: other.key, b: e.key, why });
      seen.set(f, [...(seen.get(f) ?? []), e]);
    }
  };
  groups('case', (e) => e.label.toLowerCase());
  groups(
    'spelling',
    (e) => spellingFold(e.key),
    (a, b) => a.label.toLowerCase() === b.label.toLowerCase(),
  );
  // A name (written with a capital or digit) and the name with a head that adds nothing to its kind of name.
  for (const e of entities) {
    for (const [head, kinds] of heads) {
      const stem = e.key.endsWith(` ${head}`) ? byKey.get(e.key.slice(0, -head.length - 1)) : undefined;
      if (stem !== undefined && /[\p{Lu}\d]/u.test(stem.label) && (kinds as string[]).includes(stem.kind))
        pairs.push({ a: stem.key, b: e.key, why: 'empty-head' });
    }
  }
  return pairs;
}

/** Aliases of the given entities that are lists of two or more defined terms. */
export function listAliases(entities: Iterable<EntityAttributes>): { key: string; alias: string }[] {
  const out: { key: string; alias: string }[] = [];
  for (const e of entities) for (const alias of e.aliases) if (LIST_ALIAS.test(alias)) out.push({ key: e.key, alias });
  return out;
}

/** One name's trace against a whole-word search of the abstracts. */
export interface TraceRecall {
  name: string;
  /** The entity the trace chose, or the error code when it found none or several. */
  label?: string;
  key?: string;
  error?: string;
  /** Papers whose title or abstract holds the name as a whole word, any case. */
  searched: number;
  /** Papers the trace lists. */
  traced: number;
  /** Searched papers the trace lists too, over searched. */
  recall: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Traces each name through `source` and compares its papers with a whole-word, case-insensitive search of `records`. */
export async function traceRecall(
  source: TraceSource,
  records: Iterable<PaperRecord>,
  names: readonly string[],
): Promise<TraceRecall[]> {
  const patterns = names.map((n) => new RegExp(`(?<![\\p{L}\\p{N}_])${escape(n)}(?![\\p{L}\\p{N}_])`, 'iu'));
  const searched = names.map(() => new Set<string>());
  for (const r of records) {
    const text = `${r.title}\n${r.abstract}`;
    patterns.forEach((p, i) => {
      if (p.test(text)) searched[i]!.add(r.id);
    });
  }
  const out: TraceRecall[] = [];
  for (const [i, name] of names.entries()) {
    const found = searched[i]!;
    try {
      const t = await trace(source, name);
      const hits = t.papers.filter((p) => found.has(p.id)).length;
      out.push({
        name,
        label: t.entity.label,
        key: t.entity.key,
        searched: found.size,
        traced: t.papers.length,
        recall: found.size === 0 ? 0 : hits / found.size,
      });
    } catch (error) {
      out.push({
        name,
        error: (error as { code?: string }).code ?? String(error),
        searched: found.size,
        traced: 0,
        recall: 0,
      });
    }
  }
  return out;
}
