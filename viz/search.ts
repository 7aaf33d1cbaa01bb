/** Search ranking over entity labels, aliases and acronyms and over paper titles; pure, used by the server and its tests. */
import { DEFAULT_SPECIFICITY_OPTIONS, isUmbrella } from '../graph/specificity.js';
import { allowedEdits } from '../graph/trace.js';
import { typoDistance } from '../pipeline/text/edit-distance.js';
import type { ApiSearchHit, VizNodeKind } from './api/types.js';

/** One searchable thing: a node with the strings it can be found by. */
export interface SearchEntry {
  key: string;
  kind: VizNodeKind;
  label: string;
  /** Label first, then aliases, acronyms or the paper id. */
  terms: string[];
  paperCount: number;
  /** An entity's specificity in [0, 1]; absent (papers, older snapshots) counts as specific. */
  specificity?: number;
}

/** Options of {@link createSearchIndex}. */
export interface SearchOptions {
  /** Entities scoring below this are umbrella terms, ranked after specific ones. @defaultValue DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow (0.5) */
  umbrellaBelow: number;
}

/** Defaults of {@link SearchOptions}. */
export const DEFAULT_SEARCH_OPTIONS: Readonly<SearchOptions> = {
  umbrellaBelow: DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow,
};

/** How well a term matches a query, best first. */
export const MATCH_TIER = { exact: 0, prefix: 1, wordPrefix: 2, substring: 3, typo: 4 } as const;

/** Lower case, accents removed, runs of spaces, hyphens and underscores made one space. */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-_]+/g, ' ')
    .trim();
}

/** The best tier at which `term` (normalised) matches `query` (normalised), or undefined. */
export function matchTier(term: string, query: string): number | undefined {
  if (term === query) return MATCH_TIER.exact;
  if (term.startsWith(query)) return MATCH_TIER.prefix;
  const at = term.indexOf(query);
  if (at < 0) return undefined;
  // A word start inside the term: "rl" in "online rl", "learn" in "deep learning".
  for (let i = at; i >= 0; i = term.indexOf(query, i + 1)) {
    if (i > 0 && !/[a-z0-9]/.test(term[i - 1] ?? '')) return MATCH_TIER.wordPrefix;
  }
  return MATCH_TIER.substring;
}

/** A prepared index: entries with their terms normalised once. */
export interface SearchIndex {
  entries: readonly SearchEntry[];
  normalized: readonly string[][];
  options: Readonly<SearchOptions>;
  /** Each word of the terms → the entries holding it, ascending; built at the first search that needs typos. */
  words?: Map<string, number[]>;
}

/** Normalises every entry's terms once, so each query is one pass over flat strings. */
export function createSearchIndex(entries: readonly SearchEntry[], options: Partial<SearchOptions> = {}): SearchIndex {
  return {
    entries,
    normalized: entries.map((entry) => entry.terms.map(normalizeSearchText)),
    options: { ...DEFAULT_SEARCH_OPTIONS, ...options },
  };
}

/** Papers weighted by specificity: a hub of a word ("features", 900 papers at 0.1) does not outrank a term in 200 papers at 0.9. */
export function weightedPapers(entry: SearchEntry): number {
  return entry.paperCount * (entry.specificity ?? 1);
}

function wordIndex(index: SearchIndex): Map<string, number[]> {
  if (index.words !== undefined) return index.words;
  const words = new Map<string, number[]>();
  index.normalized.forEach((terms, i) => {
    for (const term of terms) {
      for (const word of term.split(' ')) {
        const postings = words.get(word);
        if (postings === undefined) words.set(word, [i]);
        else if (postings[postings.length - 1] !== i) postings.push(i);
      }
    }
  });
  index.words = words;
  return words;
}

/**
 * Entries holding every word of the query give or take a few typos each (allowedEdits: none for words of up to three
 * characters; a swap of two adjacent letters is one typo, see typoDistance), with the typos summed: entry index →
 * typos. Found through the words of all names, so a query costs one pass over the distinct words, not over every name.
 */
export function typoMatches(index: SearchIndex, query: string): Map<number, number> {
  const queryWords = query.split(' ').filter((w) => w !== '');
  if (queryWords.length === 0 || queryWords.every((w) => allowedEdits(w) === 0)) return new Map();
  const words = wordIndex(index);
  let result: Map<number, number> | undefined;
  for (const q of queryWords) {
    const edits = allowedEdits(q);
    const near = new Map<number, number>();
    const add = (postings: readonly number[], d: number): void => {
      for (const i of postings) if (result === undefined || result.has(i)) near.set(i, Math.min(near.get(i) ?? d, d));
    };
    if (edits === 0) add(words.get(q) ?? [], 0);
    else
      for (const [word, postings] of words)
        if (Math.abs(word.length - q.length) <= edits) {
          const d = typoDistance(word, q, edits);
          if (d <= edits) add(postings, d);
        }
    if (result !== undefined) for (const [i, d] of near) near.set(i, d + (result.get(i) ?? 0));
    result = near;
    if (result.size === 0) break;
  }
  return result ?? new Map();
}

/**
 * True when one of the entry's names is the query as a whole, give or take typos: as many words, each within the typos
 * allowed of a query word. "Transformer" is the whole of "trasnformer"; BERT, found by "transformers" in its long
 * alias, is not, and goes after it however many papers it has.
 */
export function wholeNameTypo(index: SearchIndex, entry: number, query: string): boolean {
  const queryWords = query.split(' ').filter((w) => w !== '');
  return (index.normalized[entry] ?? []).some((term) => {
    const words = term.split(' ');
    return (
      words.length === queryWords.length &&
      queryWords.every((q) => words.some((w) => typoDistance(w, q, allowedEdits(q)) <= allowedEdits(q)))
    );
  });
}

/**
 * Ranks entries for a query: by match tier (exact, prefix, word prefix, substring; then, only when those fill fewer
 * than `limit`, names holding every word of the query give or take a typo or two, fewest first: see typoMatches), then
 * entities before papers, then umbrella terms after specific ones (except among exact matches: who types "NLP" wants
 * NLP), then among typo matches a whole name before words of a longer one (see wholeNameTypo), then more
 * specificity-weighted papers first (see weightedPapers), then more papers, then shorter labels, then key; at most
 * `limit` hits.
 */
export function search(index: SearchIndex, query: string, limit = 10): ApiSearchHit[] {
  const q = normalizeSearchText(query);
  if (q === '') return [];
  const scored: {
    entry: SearchEntry;
    tier: number;
    matched: number;
    typos?: number;
    /** A typo match on a whole name (false: on words of a longer one). */
    whole?: boolean;
    demoted?: boolean;
    weighted?: number;
  }[] = [];
  const found = new Set<number>();
  index.entries.forEach((entry, i) => {
    const terms = index.normalized[i] ?? [];
    let best: number | undefined;
    let matched = 0;
    terms.forEach((term, t) => {
      const tier = matchTier(term, q);
      if (tier !== undefined && (best === undefined || tier < best)) {
        best = tier;
        matched = t;
      }
    });
    if (best !== undefined) {
      scored.push({ entry, tier: best, matched });
      found.add(i);
    }
  });
  if (scored.length < limit) {
    for (const [i, typos] of typoMatches(index, q)) {
      const entry = index.entries[i];
      if (entry !== undefined && !found.has(i))
        scored.push({ entry, tier: MATCH_TIER.typo, matched: 0, typos, whole: wholeNameTypo(index, i, q) });
    }
  }
  for (const item of scored) {
    const { specificity } = item.entry;
    item.demoted =
      item.tier !== MATCH_TIER.exact &&
      specificity !== undefined &&
      isUmbrella(specificity, index.options.umbrellaBelow);
    item.weighted = weightedPapers(item.entry);
  }
  scored.sort(
    (a, b) =>
      a.tier - b.tier ||
      (a.typos ?? 0) - (b.typos ?? 0) ||
      Number(a.entry.kind === 'paper') - Number(b.entry.kind === 'paper') ||
      Number(a.demoted) - Number(b.demoted) ||
      Number(b.whole ?? false) - Number(a.whole ?? false) ||
      (b.weighted ?? 0) - (a.weighted ?? 0) ||
      b.entry.paperCount - a.entry.paperCount ||
      a.entry.label.length - b.entry.label.length ||
      (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0),
  );
  return scored.slice(0, limit).map(({ entry, matched }) => {
    const hit: ApiSearchHit = { key: entry.key, kind: entry.kind, label: entry.label, paperCount: entry.paperCount };
    const term = entry.terms[matched];
    if (matched > 0 && term !== undefined && term !== entry.label) hit.matched = term;
    return hit;
  });
}
