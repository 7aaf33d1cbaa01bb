/** `kg eval --aliases`: are variants of one thing merged, and different things kept apart? Pair precision and recall. */
import type { ExtractionResult, Mention } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import { canonicalKey } from '../extract/core/canonical.js';
import { resolveCorpus } from '../extract/corpus.js';
import fixture from './aliases.json' with { type: 'json' };
import traceNames from './trace-names.json' with { type: 'json' };
import judgedTerms from './specificity-acl.json' with { type: 'json' };
import aclFixture from './aliases-acl.json' with { type: 'json' };

/** A pair of surface forms, whether they must share a key, and (in the ACL fixture) what kind of pair it is. */
export type AliasPair = [a: string, b: string, same: boolean, category?: string];

/** The shipped fixture: pairs found in the seed abstracts. */
export const ALIAS_PAIRS: readonly AliasPair[] = fixture.pairs as AliasPair[];

/** The ACL fixture: pairs of forms written in the ACL Anthology abstracts, each with a category (see its `source`). */
export const ACL_ALIAS_PAIRS: readonly AliasPair[] = aclFixture.pairs as AliasPair[];

/** How a surface form got its key: from mentions written exactly so, from mentions written so up to case, or from none (its canonical key). */
export type AliasMatch = 'exact' | 'case' | 'canonical' | 'unseen';

export interface AliasOutcome {
  a: string;
  b: string;
  same: boolean;
  category?: string;
  keyA: string;
  keyB: string;
  /** Whether each surface form was found as a mention (else its key is its canonical key). */
  seenA: boolean;
  seenB: boolean;
  matchA: AliasMatch;
  matchB: AliasMatch;
  merged: boolean;
}

export interface AliasReport {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  outcomes: AliasOutcome[];
}

/** The mentions a surface form is keyed from: only text, type and key are read. */
export type KeyedMention = Pick<Mention, 'text' | 'type' | 'key'>;

type KeyCounts = Map<string, Map<string, number>>;

/** Counts one mention's key under `text`; generic mentions ("this approach") are skipped, the graph has no node for them. */
function count(counts: KeyCounts, text: string, m: KeyedMention): void {
  if (m.type === 'generic') return;
  const byKey = counts.get(text) ?? new Map<string, number>();
  byKey.set(m.key, (byKey.get(m.key) ?? 0) + 1);
  counts.set(text, byKey);
}

/** The most frequent key, ties by key order. */
function majority(byKey: Map<string, number>): string {
  return ([...byKey].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0] as [string, number])[0];
}

/** Pair precision (merged pairs that should be) and recall (pairs that should be merged and are), each form keyed by `keyOf`. */
function scorePairs(pairs: readonly AliasPair[], keyOf: (surface: string) => [string, AliasMatch]): AliasReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const outcomes = pairs.map(([a, b, same, category]): AliasOutcome => {
    const [keyA, matchA] = keyOf(a);
    const [keyB, matchB] = keyOf(b);
    const merged = keyA === keyB;
    if (merged && same) tp++;
    else if (merged) fp++;
    else if (same) fn++;
    return {
      a,
      b,
      same,
      ...(category === undefined ? {} : { category }),
      keyA,
      keyB,
      seenA: matchA !== 'unseen',
      seenB: matchB !== 'unseen',
      matchA,
      matchB,
      merged,
    };
  });
  return {
    pairs: pairs.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    outcomes,
  };
}

/**
 * The key each surface form gets in `results` (the most frequent key among its mentions, ties by key order; a form
 * never extracted as written gets the key a mention of it would get: its canonical key through `unseen`, which kg
 * eval sets to the corpus's acronym table, see corpusKey), then pair precision (merged pairs that should be) and
 * recall (pairs that should be merged and are).
 */
export function evaluateAliases(
  pairs: readonly AliasPair[],
  results: readonly ExtractionResult[],
  unseen: (key: string) => string = (key) => key,
): AliasReport {
  const counts: KeyCounts = new Map();
  for (const r of results) for (const m of r.mentions) count(counts, m.text, m);
  return scorePairs(pairs, (surface) => {
    const byKey = counts.get(surface);
    return byKey === undefined ? [unseen(canonicalKey(surface)), 'unseen'] : [majority(byKey), 'exact'];
  });
}

/**
 * The alias report of a corpus as kg builds it: the extraction results through the corpus-level steps (what `kg run`
 * does, see resolveCorpus; `text(id)` is what each result's offsets index), and forms never extracted as written keyed
 * as the corpus keys them.
 */
export function evaluateCorpusAliases(
  pairs: readonly AliasPair[],
  extracted: readonly ExtractionResult[],
  text: (id: string) => string | undefined,
): AliasReport {
  const { results, keyOf } = resolveCorpus(extracted, text);
  return evaluateAliases(pairs, results, keyOf);
}

/** Famous names `kg eval --graph` traces (see trace-names.json). */
export const TRACE_NAMES: readonly string[] = traceNames.names;

/** Mentions fed a paper at a time (a large snapshot is streamed through it), then scored against the pairs. */
export interface AliasTally {
  /** Counts the keys of those mentions whose text is one of the fixture's forms up to case. */
  add(mentions: Iterable<KeyedMention>): void;
  /** Mentions counted so far. */
  readonly mentions: number;
  /**
   * Each form keyed by the most frequent key among mentions written exactly so; else among mentions written so up to
   * case; else among mentions with its canonical key; else its canonical key. Then pair precision and recall.
   */
  report(): AliasReport;
}

/**
 * The alias report of a graph already built (`kg eval --aliases --graph`): the keys its mentions carry are final,
 * so nothing is resolved again. Only mentions of the fixture's forms are kept, so memory does not grow with the corpus.
 */
export function createAliasTally(pairs: readonly AliasPair[]): AliasTally {
  const folded = new Set(pairs.flatMap(([a, b]) => [a.toLowerCase(), b.toLowerCase()]));
  const canonical = new Set(pairs.flatMap(([a, b]) => [canonicalKey(a), canonicalKey(b)]));
  const exact: KeyCounts = new Map();
  const anyCase: KeyCounts = new Map();
  const byCanonical: KeyCounts = new Map();
  let mentions = 0;
  return {
    add(ms) {
      for (const m of ms) {
        const lower = m.text.toLowerCase();
        const c = canonicalKey(m.text);
        if (canonical.has(c)) count(byCanonical, c, m);
        if (!folded.has(lower)) continue;
        count(exact, m.text, m);
        count(anyCase, lower, m);
        mentions++;
      }
    },
    get mentions() {
      return mentions;
    },
    report() {
      return scorePairs(pairs, (surface) => {
        const same = exact.get(surface);
        if (same !== undefined) return [majority(same), 'exact'];
        const folds = anyCase.get(surface.toLowerCase());
        if (folds !== undefined) return [majority(folds), 'case'];
        // Never a mention as written ("the BERT model"): the key the graph gives mentions of its canonical form.
        const spelt = byCanonical.get(canonicalKey(surface));
        if (spelt !== undefined) return [majority(spelt), 'canonical'];
        return [canonicalKey(surface), 'unseen'];
      });
    },
  };
}

/** One row per category of the report's pairs (pairs without one under "-"), in order of first appearance. */
export interface AliasCategoryRow {
  category: string;
  /** Whether the category's pairs must share a key (a mixed category: undefined). */
  same: boolean | undefined;
  pairs: number;
  right: number;
  /** Pairs that must stay apart but share a key. */
  wronglyMerged: number;
  /** Pairs that must share a key but do not. */
  missed: number;
}

/** Per-category counts of an alias report: how many pairs each kind holds and how many kg gets right. */
export function aliasCategories(report: AliasReport): AliasCategoryRow[] {
  const rows = new Map<string, AliasCategoryRow>();
  for (const o of report.outcomes) {
    const category = o.category ?? '-';
    const row = rows.get(category) ?? { category, same: o.same, pairs: 0, right: 0, wronglyMerged: 0, missed: 0 };
    if (row.same !== o.same) row.same = undefined;
    row.pairs++;
    if (o.merged === o.same) row.right++;
    else if (o.merged) row.wronglyMerged++;
    else row.missed++;
    rows.set(category, row);
  }
  return [...rows.values()];
}

/**
 * A fixture as its JSON file holds it, `{"source": "...", "pairs": [[a, b, same, category?], ...]}`, checked: a
 * malformed one is a UsageError naming `file` and the first bad pair.
 */
export function parseAliasFixture(data: unknown, file: string): AliasPair[] {
  const pairs = (data as { pairs?: unknown } | null)?.pairs;
  if (!Array.isArray(pairs) || pairs.length === 0)
    throw new UsageError(`${file}: not an alias fixture (needs a non-empty "pairs" array)`, {
      code: 'KG_FIXTURE_INVALID',
    });
  pairs.forEach((p: unknown, i) => {
    const ok =
      Array.isArray(p) &&
      (p.length === 3 || p.length === 4) &&
      typeof p[0] === 'string' &&
      p[0] !== '' &&
      typeof p[1] === 'string' &&
      p[1] !== '' &&
      typeof p[2] === 'boolean' &&
      (p.length === 3 || typeof p[3] === 'string');
    if (!ok)
      throw new UsageError(
        `${file}: pair ${i + 1} must be [surfaceA, surfaceB, same, category?], got ${JSON.stringify(p)}`,
        { code: 'KG_FIXTURE_INVALID' },
      );
  });
  return pairs as AliasPair[];
}

/** An entity judged by hand as a researcher would see it (docs/specificity.md has the rules). */
export interface JudgedTerm {
  key: string;
  label: string;
  kind: string;
  papers: number;
  judgement: 'specific' | 'umbrella' | 'junk';
}

/** The judged ACL sample: the entities with most papers, judged specific, umbrella or junk before any score existed. */
export const JUDGED_TERMS: readonly JudgedTerm[] = judgedTerms as JudgedTerm[];
