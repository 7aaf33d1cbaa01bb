/**
 * Corpus-level entity resolution: the keys a researcher would call one thing become one, with the corpus as evidence.
 * - case twins of an acronym: "Bert" and "Bleu" join the node the corpus resolved "BERT" and "BLEU" to;
 * - spelling and plural slips: keys equal once every word is singular and spaces are dropped ("part of speech tags" =
 *   "part of speech tag", "back translation" = "backtranslation");
 * - a name followed by an empty head noun for its kind keeps the name's node ("BERT model", "SQuAD dataset", "NER
 *   task"), and so does a name after a modifier that names nothing ("pre-trained BERT", "vanilla Transformer"); a head
 *   that carries meaning does not ("language model" is no "language": "language" is no name; "NER model" is a model
 *   for the task), but a task's methods written two ways meet ("NMT models", "NMT systems");
 * - versions and variants ("SQuAD 2.0", "BERT-large", "multilingual BERT") keep their own nodes and are reported as
 *   variants of their family, for a VARIANT_OF edge.
 * Applied after the corpus's acronyms (corpus-acronyms.ts), so long forms and acronyms already share keys.
 */
import dropped from './lexicons/dropped-modifiers.json' with { type: 'json' };
import emptyHeads from './lexicons/empty-heads.json' with { type: 'json' };
import type { EntityKind, ExtractionResult, Mention, MentionType } from '../core/types.js';
import { singularize } from './core/inflect.js';
import { canonicalKey } from './core/canonical.js';

/** Options of {@link entityMerges}. */
export interface EntityMergeOptions {
  /** A key is a name when at least this share of its mentions outside titles is written with a capital or a digit. @defaultValue 0.6 */
  nameShare: number;
  /** A name must stand alone in this many papers before "NAME model" joins it. @defaultValue 2 */
  minNamePapers: number;
}

/** Defaults of {@link entityMerges}. */
export const DEFAULT_ENTITY_MERGE_OPTIONS: Readonly<EntityMergeOptions> = { nameShare: 0.6, minNamePapers: 2 };

/** What the corpus says about one key. */
interface KeyStats {
  papers: number;
  mentions: number;
  /** Mentions outside titles, and those of them written with a capital letter or digit. */
  body: number;
  shaped: number;
  types: Map<MentionType, number>;
  surfaces: Map<string, number>;
}

/**
 * The merges and variants of a corpus: `merges` maps a key to the key it joins; `variants` a key to its family's key;
 * `names` holds the (merged) keys written as names: with a capital or digit in most mentions inside sentences.
 */
export interface EntityResolution {
  merges: Map<string, string>;
  variants: Map<string, string>;
  names: Set<string>;
}

const HEADS: ReadonlyMap<string, ReadonlySet<EntityKind>> = new Map(
  Object.entries(emptyHeads.heads as Record<string, EntityKind[]>).map(([head, kinds]) => [head, new Set(kinds)]),
);
/** One-word heads that make a method of what they follow ("system", "model"), from empty-heads.json. */
const METHOD_HEADS: ReadonlySet<string> = new Set(
  [...HEADS].filter(([head, kinds]) => kinds.has('method') && !head.includes(' ')).map(([head]) => head),
);
/** Modifiers before a name that do not make another thing of it: "pre-trained BERT" is BERT. */
const EMPTY_MODIFIERS: ReadonlySet<string> = new Set(
  [...dropped.words, ...emptyHeads.modifiers].map((w) => canonicalKey(w)),
);
/** A version or size after a name: "2.0", "v2", "1.1", "large", "base". */
const VERSION = /^(?:v?\d+(?:\.\d+)*[a-z]?|large|base|small|tiny|mini|medium|xl|xxl|cased|uncased)$/iu;
/** A surface written like a name: a capital after the first letter, or a digit ("BERT", "SQuAD", "word2vec", "GPT-2"). */
const NAME_SHAPED = /^.+\p{Lu}|\d/u;

const bump = <K>(map: Map<K, number>, key: K, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};
const byCountThenKey = (a: [string, number], b: [string, number]): number =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** True where a mention opens a title or a sentence, where any word is written with a capital. */
function capitalised(text: string, start: number, titleEnd: number): boolean {
  if (start < titleEnd) return true;
  let i = start - 1;
  while (i >= 0 && /[\s"'“‘([]/u.test(text[i]!)) i -= 1;
  return i < 0 || /[.!?:;\n]/u.test(text[i]!);
}

/** Per-key statistics of the corpus; `text(id)` is the text each result's offsets index (a title before its first line break). */
function keyStats(
  results: readonly ExtractionResult[],
  text: (id: string) => string | undefined,
): Map<string, KeyStats> {
  const stats = new Map<string, KeyStats>();
  for (const r of results) {
    const t = text(r.id) ?? '';
    const titleEnd = t.indexOf('\n');
    const seen = new Set<string>();
    for (const m of r.mentions) {
      if (m.type === 'generic') continue;
      let s = stats.get(m.key);
      if (!s)
        stats.set(m.key, (s = { papers: 0, mentions: 0, body: 0, shaped: 0, types: new Map(), surfaces: new Map() }));
      s.mentions += 1;
      bump(s.types, m.type);
      bump(s.surfaces, m.text);
      if (!capitalised(t, m.start, titleEnd)) {
        s.body += 1;
        if (/[\p{Lu}\d]/u.test(m.text)) s.shaped += 1;
      }
      if (!seen.has(m.key)) {
        seen.add(m.key);
        s.papers += 1;
      }
    }
  }
  return stats;
}

/** The majority type of a key's mentions, generic ones aside (ties: method, task, dataset, metric, concept). */
export function majorityKind(types: ReadonlyMap<MentionType, number> | undefined): EntityKind {
  let best: EntityKind = 'concept';
  let n = 0;
  for (const kind of ['method', 'task', 'dataset', 'metric', 'concept'] as const) {
    const c = types?.get(kind) ?? 0;
    if (c > n) [best, n] = [kind, c];
  }
  return best;
}
const kindOf = (s: KeyStats): EntityKind => majorityKind(s.types);

/** A key's most frequent surface form. */
const topSurface = (s: KeyStats): string => [...s.surfaces].sort(byCountThenKey)[0]![0];

/** Words a comparison of stems leaves out. */
const STEM_STOP: ReadonlySet<string> = new Set(['of', 'for', 'and', 'the', 'a', 'an', 'in', 'on', 'to', 'with', 'by']);
/** Two words of one stem: a common start of five letters or more that leaves at most three letters of the shorter. */
const alike = (a: string, b: string): boolean => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n += 1;
  return a === b || (n >= 5 && n >= Math.min(a.length, b.length) - 3);
};
/** Long forms that differ only in word endings: "dialog state tracker" / "tracking", but not "multimodal" / "multilingual". */
function sameStems(a: string, b: string): boolean {
  const wa = a.split(' ').filter((w) => !STEM_STOP.has(w));
  const wb = b.split(' ').filter((w) => !STEM_STOP.has(w));
  return wa.length === wb.length && wa.every((w, i) => alike(w, wb[i]!));
}

/** The long forms each acronym was defined with across the corpus (acronym key → long-form keys). */
function acronymLongForms(results: readonly ExtractionResult[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of results) {
    for (const a of r.acronyms) {
      const short = canonicalKey(a.short);
      out.set(short, (out.get(short) ?? new Set()).add(a.long));
    }
  }
  return out;
}

/** The fold under which spelling and plural slips meet: every word singular, no spaces, no accents ("naïve" = "naive"). */
export const spellingFold = (key: string): string =>
  key.split(' ').map(singularize).join('').normalize('NFD').replace(/\p{M}/gu, '');

/**
 * Finds the corpus's merges and variants (described in the file header). `longForms` are the keys the corpus defined
 * with an acronym (names by definition); `acronyms` maps a bare acronym's key to the long form the corpus resolved it to.
 */
export function entityMerges(
  results: readonly ExtractionResult[],
  text: (id: string) => string | undefined,
  acronyms: ReadonlyMap<string, string>,
  partial: Partial<EntityMergeOptions> = {},
): EntityResolution {
  const options = { ...DEFAULT_ENTITY_MERGE_OPTIONS, ...partial };
  const stats = keyStats(results, text);
  const longForms = new Set(acronyms.values());
  const keys = [...stats.keys()].sort();
  const bigger = (a: string, b: string): string => {
    const sa = stats.get(a)!;
    const sb = stats.get(b)!;
    return sa.papers !== sb.papers
      ? sa.papers > sb.papers
        ? a
        : b
      : sa.mentions !== sb.mentions
        ? sa.mentions > sb.mentions
          ? a
          : b
        : a < b
          ? a
          : b;
  };
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  const join = (from: string, into: string): void => {
    const a = find(from);
    const b = find(into);
    if (a !== b) parent.set(a, b);
  };

  const shapedShare = (k: string): number => {
    const s = stats.get(k);
    return s === undefined || s.body === 0 ? 0 : s.shaped / s.body;
  };
  // 1. Case twins of a resolved acronym: "bert" (from "Bert") joins the long form "BERT" resolved to; a word written in
  // lower case inside sentences is no twin ("news" is not NEWS, the Named Entities Workshop).
  for (const k of keys) {
    const long = acronyms.get(k);
    if (long !== undefined && long !== k && stats.has(long) && shapedShare(k) >= 0.5) join(k, long);
  }
  // 2. Spelling and plural slips: the group's key with most papers takes the others.
  const folds = new Map<string, string[]>();
  for (const k of keys) {
    const f = spellingFold(k);
    const group = folds.get(f);
    if (group) group.push(k);
    else folds.set(f, [k]);
  }
  for (const group of folds.values()) {
    if (group.length < 2) continue;
    const head = group.reduce(bigger);
    for (const k of group) if (k !== head) join(k, head);
  }
  // 3. Long forms of one acronym that differ only in word endings ("dialog state tracking" / "tracker", "automatic
  // speech recognition" / "recognizer"): one name written two ways, not two senses.
  for (const longs of acronymLongForms(results).values()) {
    const present = [...longs].filter((k) => stats.has(k)).sort();
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const [a, b] = [present[i]!, present[j]!];
        // Of one kind only: "language modeling" (a task) is no "language model" (a method), though both are "LM".
        if (kindOf(stats.get(a)!) === kindOf(stats.get(b)!) && sameStems(a, b))
          join(bigger(a, b) === a ? b : a, bigger(a, b));
      }
    }
  }
  // 4. An acronym with a letter prefix is the long form with that word in front: "BiLSTM" = "bidirectional LSTM".
  const byRest = new Map<string, string[]>();
  for (const k of keys) {
    const space = k.indexOf(' ');
    if (space > 0) byRest.set(k.slice(space + 1), [...(byRest.get(k.slice(space + 1)) ?? []), k]);
  }
  for (const k of keys) {
    if (k.includes(' ') || k.length < 4) continue;
    for (let i = 1; i <= 2; i++) {
      const long = acronyms.get(k.slice(i));
      const spelt = long === undefined ? undefined : byRest.get(long)?.find((c) => c.startsWith(k.slice(0, i)));
      if (spelt !== undefined) {
        const head = bigger(k, spelt);
        join(head === k ? spelt : k, head);
        break;
      }
    }
  }
  // 5. A name before an empty head or after an empty modifier.
  // A name by how it is written ("BERT", "Transformer", "SQuAD"), or also by being an acronym's long form ("NER task").
  const isWrittenName = (k: string): boolean =>
    (stats.get(k)?.papers ?? 0) >= options.minNamePapers && shapedShare(k) >= options.nameShare;
  const isName = (k: string): boolean =>
    isWrittenName(k) || ((stats.get(k)?.papers ?? 0) >= options.minNamePapers && longForms.has(k));
  for (const k of keys) {
    const words = k.split(' ');
    for (let n = 1; n <= 2 && n < words.length; n++) {
      // "BERT-based models" are models built on BERT, not BERT ("BERT-based" alone is).
      if (words[words.length - n - 1] === 'based') break;
      const head = words.slice(-n).join(' ');
      const kinds = HEADS.get(head);
      const stem = find(words.slice(0, -n).join(' '));
      // "task" adds nothing to any task ("the sentiment analysis task"); other heads only to a name of their kind.
      const named = isName(stem) || (head === 'task' && (stats.get(stem)?.papers ?? 0) >= options.minNamePapers);
      if (kinds !== undefined && named && kinds.has(kindOf(stats.get(stem)!))) {
        join(k, stem);
        break;
      }
      const rest = find(words.slice(n).join(' '));
      // Only before a written name: "pre-trained language models" are no "language models".
      if (EMPTY_MODIFIERS.has(words.slice(0, n).join(' ')) && isWrittenName(rest)) {
        join(k, rest);
        break;
      }
    }
  }

  // 6. A task's name with different method heads is one thing: "NMT models" = "NMT systems" (but not NMT, a task).
  const byTask = new Map<string, string[]>();
  for (const k of keys) {
    const space = k.lastIndexOf(' ');
    if (space < 0 || find(k) !== k || !METHOD_HEADS.has(k.slice(space + 1))) continue;
    const stem = find(k.slice(0, space));
    if (isName(stem) && kindOf(stats.get(stem)!) === 'task') byTask.set(stem, [...(byTask.get(stem) ?? []), k]);
  }
  for (const group of byTask.values()) {
    const head = group.reduce(bigger);
    for (const k of group) if (k !== head) join(k, head);
  }

  const merges = new Map<string, string>();
  for (const k of keys) {
    const to = find(k);
    if (to !== k) merges.set(k, to);
  }
  const names = new Set<string>();
  for (const k of keys) if (isWrittenName(k)) names.add(find(k));
  return { merges, variants: variantsOf(stats, merges, isName), names };
}

/**
 * Variants: a key whose usual surface is a name's surface plus a version ("SQuAD 2.0", "BERT-large", "GPT-2") or a
 * name's surface after one other word ("multilingual BERT"), where the name is a key of the corpus.
 */
function variantsOf(
  stats: ReadonlyMap<string, KeyStats>,
  merges: ReadonlyMap<string, string>,
  isName: (k: string) => boolean,
): Map<string, string> {
  // The key each surface form mostly has (after the merges).
  const surfaceKey = new Map<string, string>();
  const best = new Map<string, number>();
  for (const [k, s] of stats) {
    for (const [surface, n] of s.surfaces) {
      if (
        n > (best.get(surface) ?? 0) ||
        (n === best.get(surface) && (merges.get(k) ?? k) < surfaceKey.get(surface)!)
      ) {
        best.set(surface, n);
        surfaceKey.set(surface, merges.get(k) ?? k);
      }
    }
  }
  const variants = new Map<string, string>();
  for (const [k, s] of [...stats].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (merges.has(k)) continue;
    const surface = topSurface(s);
    if (!NAME_SHAPED.test(surface)) continue;
    let family: string | undefined;
    const suffix = /^(.*?\p{L}.*?)[\s\-_]?([^\s\-_]+)$/u.exec(surface);
    if (suffix && VERSION.test(suffix[2]!) && suffix[1]!.length >= 2) family = surfaceKey.get(suffix[1]!);
    if (family === undefined) {
      const prefix = /^(\p{L}[\p{L}-]*)\s+(\S.*)$/u.exec(surface);
      // A kind of the name ("multilingual BERT", "sparse LLMs"), not a verb before it ("Tuning LLM", "fine-tuned BERT").
      const kind =
        prefix !== null && !/(?:ing|ed)$/iu.test(prefix[1]!) && !EMPTY_MODIFIERS.has(canonicalKey(prefix[1]!));
      if (prefix && kind && NAME_SHAPED.test(prefix[2]!)) family = surfaceKey.get(prefix[2]!);
    }
    if (family !== undefined && family !== k && isName(family)) variants.set(k, family);
  }
  return variants;
}

/** Applies merges to a corpus's results; new objects, inputs untouched. */
export function applyEntityMerges(
  results: readonly ExtractionResult[],
  merges: ReadonlyMap<string, string>,
): ExtractionResult[] {
  if (merges.size === 0) return [...results];
  return results.map((r) => ({
    ...r,
    mentions: r.mentions.map((m): Mention => {
      const to = m.type === 'generic' ? undefined : merges.get(m.key);
      return to === undefined ? m : { ...m, key: to };
    }),
  }));
}
