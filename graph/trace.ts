/**
 * Tracing one entity across papers and time, the same from a snapshot or from Neo4j: a source answers three
 * questions (which entities match a term, which papers mention one, what it co-occurs with) and `trace` does the rest.
 */
import { InvalidInputError, UsageError } from '../pipeline/core/errors.js';
import { canonicalKey } from '../pipeline/extract/core/canonical.js';
import { editDistance } from '../pipeline/text/edit-distance.js';
import { forTerminal } from '../pipeline/text/terminal.js';
import { paperNodes, yearTotals, type YearTotals } from './trends.js';

export type { YearTotals };
import { byRelated, isUmbrellaTerm } from './umbrella.js';

export { editDistance };
import type { PaperRecord } from './snapshot.js';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from './core/types.js';

/** An entity that may be the one asked for. */
export interface TraceCandidate {
  key: string;
  label: string;
  kind: string;
  aliases: string[];
  community: number | null;
  paperCount: number;
  firstSeen?: string | null;
  lastSeen?: string | null;
  /** The entity's `specificity` attribute where the graph has one, else null. */
  specificity?: number | null;
}

/** A paper mentioning the entity, with its text and the mention spans. */
export interface TracePaperInput {
  id: string;
  title: string;
  date: string | null;
  text: string;
  spans: [number, number][];
}

/** An entity often found with the traced one. */
export interface TraceRelated {
  key: string;
  label: string;
  kind: string;
  papers: number;
}

/** Where a trace reads from. */
export interface TraceSource {
  candidates(term: string, key: string): Promise<TraceCandidate[]>;
  papers(key: string): Promise<TracePaperInput[]>;
  /** Methods and tasks co-occurring with the entity: specific terms before umbrella words, then most papers in common (see umbrella.ts' byRelated). */
  related(key: string, limit: number): Promise<TraceRelated[]>;
  /**
   * Entities that may be what a term not found meant: a superset of those {@link suggestions} keeps (a loaded
   * snapshot offers every entity, the trace index those with a name or word within its typos, Neo4j the hits of a
   * fuzzy search of its full-text index).
   */
  nearby(term: string, key: string): Promise<TraceCandidate[]>;
  /** The entity's family: entities with a VARIANT_OF edge into it, most papers first, then by key. */
  family(key: string): Promise<TraceCandidate[]>;
  /** The graph's papers per year, and how many have no year (the denominators of yearly shares). */
  yearTotals(): Promise<YearTotals>;
}

/** Another entity a term matched, or a member of the family a trace took in. */
export interface TraceMatch {
  key: string;
  label: string;
  kind: string;
  papers: number;
}

/** The answer of `kg trace` (its `--format json`). */
export interface TraceResult {
  entity: {
    key: string;
    label: string;
    kind: string;
    aliases: string[];
    community: number | null;
    firstSeen: string | null;
    lastSeen: string | null;
  };
  papers: { id: string; title: string; date: string | null; sentence: string }[];
  perYear: Record<string, number>;
  /** Its share of each year's papers (`perYear` over the graph's papers that year), for the dated years of `perYear`. */
  perYearShare: Record<string, number>;
  related: TraceRelated[];
  /** Other entities the term named, best first (at most five). */
  others: TraceMatch[];
  /** With `family`: the variants whose papers were taken in. */
  family: TraceMatch[];
}

/** Abbreviations whose period does not end a sentence ("e.g. NER", "et al. show"). */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|al|vs|cf|etc|fig|figs|eq|eqs|resp|approx|sec|no)\.$/i;

/** True when a sentence ends between `i - 1` and `i`: a terminal mark, then white space, not after an abbreviation. */
function endsAt(text: string, i: number): boolean {
  if (text[i - 1] === '\n') return true;
  if (!/[.!?]/.test(text[i - 1] ?? '') || !/\s/.test(text[i] ?? '')) return false;
  return text[i - 1] !== '.' || !ABBREVIATION.test(text.slice(Math.max(0, i - 12), i));
}

/** The sentence around `[start, end)`: from the previous sentence end (or line break) to the next. */
export function sentenceAt(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !endsAt(text, from)) from -= 1;
  let to = end;
  while (to < text.length && !endsAt(text, to) && text[to] !== '\n') to += 1;
  return text.slice(from, to).trim();
}

/** Typos a suggestion may differ by: none for keys of up to three characters (acronyms), one up to six, then two. */
export function allowedEdits(key: string): number {
  return key.length <= 3 ? 0 : key.length <= 6 ? 1 : 2;
}

/**
 * What a term not found may have meant, best first: entities whose key or an alias is within a few typos of the term's
 * key (closest first), then those with a name containing all of the term's words, then all of them give or take a
 * few typos each; ties by papers, then key.
 */
export function suggestions(term: string, candidates: readonly TraceCandidate[], limit = 5): TraceCandidate[] {
  const key = canonicalKey(term);
  if (key === '') return [];
  const edits = allowedEdits(key);
  const words = key.split(' ');
  const ranked: { c: TraceCandidate; rank: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const names = [c.key, ...c.aliases.map((a) => canonicalKey(a))];
    let rank = Math.min(...names.map((n) => editDistance(key, n, edits)));
    if (rank > edits) {
      const split = names.map((n) => n.split(' '));
      if (split.some((own) => words.every((w) => own.includes(w)))) rank = edits + 1;
      else if (
        split.some((own) => words.every((w) => own.some((o) => editDistance(w, o, allowedEdits(w)) <= allowedEdits(w))))
      )
        rank = edits + 2;
      else continue;
    }
    ranked.push({ c, rank });
  }
  return ranked
    .sort(
      (a, b) =>
        a.rank - b.rank || b.c.paperCount - a.c.paperCount || (a.c.key < b.c.key ? -1 : a.c.key > b.c.key ? 1 : 0),
    )
    .slice(0, limit)
    .map((r) => r.c);
}

// Labels and keys come from the corpus and the term from the user: escaped, so each candidate stays one line.
const describeCandidate = (c: TraceCandidate): string =>
  `  ${forTerminal(c.label)} (${c.kind}, key "${forTerminal(c.key)}", ${c.paperCount} paper${c.paperCount === 1 ? '' : 's'})`;

/** A second sense takes a term's answer away from the first only when it has at least this share of its papers. */
export const COMPARABLE_SHARE = 0.5;

/**
 * Picks the entity a term means: among the entities named by it (key, label or alias, any case), those that write
 * it exactly as given come first ("BERT" is BERT's own form, "Bert" a rare one), then the most papers; a name two
 * senses share in comparable numbers (the second with {@link COMPARABLE_SHARE} of the first's papers or more) is a
 * UsageError listing them. A term naming nothing is an InvalidInputError listing `near` (see {@link suggestions}).
 * Returns the choice and the other matches, best first.
 */
export function chooseCandidate(
  term: string,
  candidates: readonly TraceCandidate[],
  near: readonly TraceCandidate[] = [],
): { chosen: TraceCandidate; others: TraceCandidate[] } {
  const key = canonicalKey(term);
  if (candidates.length === 0) {
    const hint = near.length === 0 ? '' : `; did you mean:\n${near.map(describeCandidate).join('\n')}`;
    throw new InvalidInputError(`no entity named "${forTerminal(term)}" in the graph${hint}`, {
      code: 'KG_TRACE_NOT_FOUND',
    });
  }
  const exact = (c: TraceCandidate): number =>
    c.key === term || c.label === term || c.aliases.includes(term)
      ? 2
      : c.key === key || c.key === term.toLowerCase()
        ? 1
        : 0;
  const ranked = [...candidates].sort(
    (a, b) => exact(b) - exact(a) || b.paperCount - a.paperCount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const [chosen, second] = ranked as [TraceCandidate, TraceCandidate | undefined];
  if (
    second !== undefined &&
    exact(second) === exact(chosen) &&
    second.paperCount >= COMPARABLE_SHARE * chosen.paperCount
  ) {
    const list = ranked.slice(0, 10).map(describeCandidate);
    throw new UsageError(
      `"${forTerminal(term)}" names ${candidates.length} entities of comparable size; use a narrower term or a key:\n${list.join('\n')}`,
      { code: 'KG_TRACE_AMBIGUOUS' },
    );
  }
  return { chosen, others: ranked.slice(1) };
}

const dateOrder = (a: { date: string | null; id: string }, b: { date: string | null; id: string }): number => {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Options of {@link trace}. */
export interface TraceOptions {
  /** Methods and tasks listed as appearing with it. @defaultValue 10 */
  related?: number;
  /** Take in the entity's variants and versions (VARIANT_OF edges into it: "SQuAD 2.0" for SQuAD). @defaultValue false */
  family?: boolean;
}

/** Resolves the term and assembles the trace. */
export async function trace(source: TraceSource, term: string, options: TraceOptions = {}): Promise<TraceResult> {
  const trimmed = term.trim();
  if (!trimmed)
    throw new UsageError('give the name of a method, task or other entity to trace', { code: 'KG_TRACE_EMPTY' });
  const key = canonicalKey(trimmed);
  const candidates = await source.candidates(trimmed, key);
  const near = candidates.length === 0 ? suggestions(trimmed, await source.nearby(trimmed, key)) : [];
  const { chosen: entity, others } = chooseCandidate(trimmed, candidates, near);
  const family = options.family ? await source.family(entity.key) : [];
  // A paper of several members of the family is listed once, with the sentence of its first mention of any of them.
  const byPaper = new Map<string, TracePaperInput>();
  for (const k of [entity.key, ...family.map((f) => f.key)]) {
    for (const p of await source.papers(k)) {
      const seen = byPaper.get(p.id);
      byPaper.set(p.id, seen === undefined ? p : { ...seen, spans: [...seen.spans, ...p.spans] });
    }
  }
  const papers = [...byPaper.values()]
    .map((p) => {
      const [start, end] = [...p.spans].sort((a, b) => a[0] - b[0])[0] ?? [0, 0];
      return { id: p.id, title: p.title, date: p.date, sentence: sentenceAt(p.text, start, end) };
    })
    .sort(dateOrder);
  const perYear: Record<string, number> = {};
  for (const p of papers) {
    const year = p.date?.slice(0, 4) ?? 'undated';
    perYear[year] = (perYear[year] ?? 0) + 1;
  }
  const { totals } = await source.yearTotals();
  const perYearShare: Record<string, number> = {};
  for (const [year, n] of Object.entries(perYear)) {
    const total = totals.get(Number(year));
    if (total) perYearShare[year] = n / total;
  }
  const brief = (c: TraceCandidate): TraceMatch => ({ key: c.key, label: c.label, kind: c.kind, papers: c.paperCount });
  return {
    entity: {
      key: entity.key,
      label: entity.label,
      kind: entity.kind,
      aliases: entity.aliases,
      community: entity.community,
      firstSeen: entity.firstSeen ?? null,
      lastSeen: entity.lastSeen ?? null,
    },
    papers,
    perYear,
    perYearShare,
    related: await source.related(entity.key, options.related ?? 10),
    others: others.slice(0, 5).map(brief),
    family: family.map(brief),
  };
}

/** A trace source over a loaded snapshot (graph plus papers.jsonl). */
export function snapshotTraceSource(graph: KnowledgeGraph, records: ReadonlyMap<string, PaperRecord>): TraceSource {
  const entities = (keep: (e: EntityAttributes) => boolean): TraceCandidate[] => {
    const out: TraceCandidate[] = [];
    graph.forEachNode((_n, a) => {
      if (a.kind === 'paper') return;
      const e = a as EntityAttributes;
      if (keep(e)) out.push(traceCandidate(e));
    });
    return out;
  };
  let years: YearTotals | undefined;
  return {
    yearTotals: () => Promise.resolve((years ??= yearTotals(paperNodes(graph)))),
    async candidates(term, key) {
      const lower = term.toLowerCase();
      return entities(
        (e) =>
          e.key === key ||
          e.key === lower ||
          e.label.toLowerCase() === lower ||
          e.aliases.some((x) => x.toLowerCase() === lower),
      );
    },
    async nearby() {
      return entities(() => true);
    },
    async papers(key) {
      const out: TracePaperInput[] = [];
      graph.forEachInEdge(`entity:${key}`, (_e, a, source) => {
        if (a.type !== 'MENTIONS') return;
        const p = graph.getNodeAttributes(source) as PaperAttributes;
        const record = records.get(p.id);
        out.push({
          id: p.id,
          title: p.title,
          date: p.date ?? null,
          text: record ? `${record.title}\n${record.abstract}` : p.title,
          spans: a.spans,
        });
      });
      return out;
    },
    async related(key, limit) {
      const out: (TraceRelated & { umbrella: boolean })[] = [];
      graph.forEachEdge(`entity:${key}`, (_e, a, source, target) => {
        if (a.type !== 'CO_OCCURS') return;
        const other = graph.getNodeAttributes(source === `entity:${key}` ? target : source) as EntityAttributes;
        if (other.kind === 'method' || other.kind === 'task')
          out.push({
            key: other.key,
            label: other.label,
            kind: other.kind,
            papers: a.weight,
            umbrella: isUmbrellaTerm(other.specificity),
          });
      });
      return out
        .sort(byRelated)
        .slice(0, limit)
        .map(({ umbrella: _umbrella, ...r }) => r);
    },
    async family(key) {
      const node = `entity:${key}`;
      if (!graph.hasNode(node)) return [];
      const out: TraceCandidate[] = [];
      graph.forEachInEdge(node, (_e, a, source) => {
        // Read as a string: VARIANT_OF is not among the edge types this graph model declares yet.
        if ((a.type as string) === 'VARIANT_OF')
          out.push(traceCandidate(graph.getNodeAttributes(source) as EntityAttributes));
      });
      return out.sort(byFamilyOrder);
    },
  };
}

/** An entity node as a candidate; `specificity` is read where the attribute exists (it is not in every graph). */
export function traceCandidate(e: EntityAttributes): TraceCandidate {
  return {
    key: e.key,
    label: e.label,
    kind: e.kind,
    aliases: e.aliases,
    community: e.community,
    paperCount: e.paperCount,
    firstSeen: e.firstSeen ?? null,
    lastSeen: e.lastSeen ?? null,
    specificity: e.specificity ?? null,
  };
}

/** The order of {@link TraceSource.family}: most papers first, then by key (code-unit order). */
const byFamilyOrder = (a: TraceCandidate, b: TraceCandidate): number =>
  b.paperCount - a.paperCount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
