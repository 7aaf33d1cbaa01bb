/**
 * One sense per corpus for names: where the corpus tags a name-like surface ("BERT", "SQuAD", "word2vec", "GPT-2")
 * as a term in most papers that write it, every whole-word use of it in any abstract is a mention of its node, also
 * inside a longer term ("BERT embeddings", "automated metrics (BLEU, ROUGE)"). Without this a paper that uses BERT
 * but whose tagger span was "fine-tuned BERT-based classifiers" is not among BERT's papers, and `kg trace BERT`
 * misses half of them. Names only (a surface with a word like "BERT", "GloVe" or "word2vec", or written with a capital
 * where its key is a name, see corpus-entities.ts): a common word ("features") is not spread this way, and a name is
 * spread only as written, with its capitals.
 */
import type { ExtractionResult, Mention, MentionType, ReportedResult } from '../core/types.js';
import { canonicalKey } from './core/canonical.js';
import { majorityKind } from './corpus-entities.js';

/** Options of {@link nameMentions}. */
export interface NameMentionOptions {
  /** A surface is spread when at least this share of the papers writing it has it inside a tagged term. @defaultValue 0.5 */
  taggedShare: number;
  /** ... and at least this many papers do. @defaultValue 3 */
  minTaggedPapers: number;
  /** ... and at least this share of its mentions has one key (its sense). @defaultValue 0.8 */
  senseShare: number;
}

/** Defaults of {@link nameMentions}. */
export const DEFAULT_NAME_MENTION_OPTIONS: Readonly<NameMentionOptions> = {
  taggedShare: 0.5,
  minTaggedPapers: 3,
  senseShare: 0.8,
};

/** A word written like a name: a capital after its first letter ("BERT", "GloVe"), or letters and digits ("word2vec"). */
const NAME_WORD = /^.+\p{Lu}|\p{L}.*\d|\d.*\p{L}/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** A surface with a word written like a name (its words are its runs of letters and digits: "Cross-Lingual" has none). */
const nameLike = (surface: string): boolean =>
  /^[\p{L}\p{N}]/u.test(surface) && (surface.match(WORD) ?? []).some((w) => NAME_WORD.test(w));
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

interface SurfaceTally {
  keys: Map<string, number>;
  written: number;
  tagged: number;
  /** Whether it is spread anywhere inside longer terms: a surface with a word like a name ("BERT" in "fine-tuned
   * BERT-large"); a capitalised word only where a term starts with it ("Transformer-based models"), since further
   * in it is a part of another name ("Treebank" in "Penn Treebank"). */
  nests: boolean;
}

/** Whole-word occurrences of the given surfaces in a text: `[start, end, surface]`, surfaces indexed by first word. */
function* occurrences(
  text: string,
  byFirst: ReadonlyMap<string, readonly string[]>,
): Generator<[number, number, string]> {
  for (const w of text.matchAll(WORD)) {
    const list = byFirst.get(w[0]);
    if (list === undefined) continue;
    for (const surface of list) {
      const end = w.index + surface.length;
      if (text.startsWith(surface, w.index) && !isWordChar(text[end])) yield [w.index, end, surface];
    }
  }
}

/**
 * Adds the mentions described in the file header; `text(id)` is the text each result's offsets index. Mentions stay
 * in text order (a nested one after the term holding it) and relations are re-indexed. New objects, inputs untouched.
 */
export function nameMentions(
  results: readonly ExtractionResult[],
  text: (id: string) => string | undefined,
  names: ReadonlySet<string> = new Set(),
  partial: Partial<NameMentionOptions> = {},
): ExtractionResult[] {
  const options = { ...DEFAULT_NAME_MENTION_OPTIONS, ...partial };
  // 1. Name-like surfaces the tagger produced, with their keys, and each key's kind.
  const tallies = new Map<string, SurfaceTally>();
  const types = new Map<string, Map<MentionType, number>>();
  for (const r of results) {
    for (const m of r.mentions) {
      if (m.type === 'generic') continue;
      const byType = types.get(m.key) ?? new Map<MentionType, number>();
      byType.set(m.type, (byType.get(m.type) ?? 0) + 1);
      types.set(m.key, byType);
      // A surface written like a name, or with a capital where its key is a name ("Transformer", "Penn Treebank").
      const named = nameLike(m.text) || (names.has(m.key) && /\p{Lu}/u.test(m.text));
      if (m.text.length < 2 || m.text.length > 40 || !named || !isWordChar(m.text[m.text.length - 1])) continue;
      const t = tallies.get(m.text) ?? {
        keys: new Map<string, number>(),
        written: 0,
        tagged: 0,
        nests: nameLike(m.text),
      };
      t.keys.set(m.key, (t.keys.get(m.key) ?? 0) + 1);
      tallies.set(m.text, t);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const surface of tallies.keys()) {
    const first = surface.match(WORD)?.[0];
    if (first === undefined || !surface.startsWith(first)) continue;
    const list = byFirst.get(first) ?? [];
    list.push(surface);
    byFirst.set(first, list);
  }
  // 2. How many papers write each surface as a whole word, and in how many it lies inside a tagged term.
  for (const r of results) {
    const t = text(r.id);
    if (t === undefined) continue;
    const written = new Set<string>();
    const tagged = new Set<string>();
    for (const [start, end, surface] of occurrences(t, byFirst)) {
      written.add(surface);
      if (r.mentions.some((m) => m.type !== 'generic' && m.start <= start && m.end >= end)) tagged.add(surface);
    }
    for (const s of written) tallies.get(s)!.written += 1;
    for (const s of tagged) tallies.get(s)!.tagged += 1;
  }
  const sense = new Map<string, string>();
  for (const [surface, t] of tallies) {
    const total = [...t.keys.values()].reduce((a, b) => a + b, 0);
    const [key, n] = [...t.keys].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    if (
      t.tagged >= options.minTaggedPapers &&
      t.tagged >= options.taggedShare * t.written &&
      n >= options.senseShare * total
    )
      sense.set(surface, key);
  }
  const spread = new Map<string, string[]>();
  for (const [first, list] of byFirst) {
    const kept = list.filter((s) => sense.has(s));
    if (kept.length > 0) spread.set(first, kept);
  }
  // 3. Every use not yet a mention of its sense becomes one, unless the paper defined the acronym otherwise.
  return results.map((r) => {
    const t = text(r.id);
    if (t === undefined) return r;
    const own = new Map(r.acronyms.map((a) => [canonicalKey(a.short), a.long]));
    const added: Mention[] = [];
    for (const [start, end, surface] of occurrences(t, spread)) {
      const key = sense.get(surface)!;
      const defined = own.get(canonicalKey(surface));
      if (defined !== undefined && defined !== key) continue;
      const nests = tallies.get(surface)!.nests;
      const blocked = (m: Mention): boolean =>
        m.type !== 'generic' &&
        ((m.key === key && m.start < end && m.end > start) ||
          (m.start === start && m.end === end) ||
          (!nests && m.start < end && m.end > start && m.start !== start));
      if (r.mentions.some(blocked)) continue;
      if (added.some((m) => m.key === key && m.start < end && m.end > start)) continue;
      added.push({ start, end, text: surface, type: majorityKind(types.get(key)), key, inferred: true });
    }
    if (added.length === 0) return r;
    const order = [...r.mentions.map((m, i) => ({ m, old: i })), ...added.map((m) => ({ m, old: -1 }))].sort(
      (a, b) => a.m.start - b.m.start || b.m.end - a.m.end || a.old - b.old,
    );
    const index = new Map<number, number>();
    order.forEach((o, i) => {
      if (o.old >= 0) index.set(o.old, i);
    });
    return {
      ...r,
      mentions: order.map((o) => o.m),
      relations: r.relations.map((rel) => ({ ...rel, head: index.get(rel.head)!, tail: index.get(rel.tail)! })),
      ...(r.results === undefined ? {} : { results: r.results.map((x) => reindexResult(x, index)) }),
    };
  });
}

/** A result with its mention indexes moved to where the mentions went. */
function reindexResult(x: ReportedResult, index: ReadonlyMap<number, number>): ReportedResult {
  return {
    ...x,
    metric: index.get(x.metric)!,
    ...(x.dataset === undefined ? {} : { dataset: index.get(x.dataset)! }),
    ...(x.method === undefined ? {} : { method: index.get(x.method)! }),
    sentence: [x.sentence[0], x.sentence[1]],
  };
}
