/** Corpus-level acronym resolution: a bare "IRM" in one abstract takes the long form another abstract defined. */
import type { ExtractionResult, Mention, MentionType } from '../core/types.js';
import { canonicalKey } from './core/canonical.js';
import { singularShort } from './core/acronyms.js';
import { singularize } from './core/inflect.js';
import { editDistance } from '../text/edit-distance.js';

/** Share of an acronym's definitions its majority long form needs before bare uses are resolved to it. */
export const CORPUS_ACRONYM_AGREEMENT = 0.8;

/** The key a bare mention of an acronym has ("GNNs" → "gnn"), under which its definitions are counted. */
const acronymKey = (short: string): string => canonicalKey(singularShort(short));

/** Words a long form's variants may differ by: "learning from / with human feedback" are one name. */
const VARIANT_WORDS: ReadonlySet<string> = new Set([
  'of',
  'for',
  'from',
  'with',
  'in',
  'on',
  'by',
  'to',
  'via',
  'over',
  'under',
  'using',
  'the',
  'a',
  'an',
]);

/**
 * What the long forms one acronym abbreviates have in common when they name one thing: their words without
 * prepositions and articles, each singular and without a final "e" or "ed". "reinforcement learning from / with human
 * feedback", "alternating direction method of multiplier(s)" and "mean square(d) error" each give one; "maximum
 * likelihood estimation" and "maximum likelihood" two (the second only counts towards the first, see
 * absorbPartialLongForms). Only long forms of one acronym are compared.
 */
export function longFormSignature(longKey: string): string {
  return longKey
    .split(' ')
    .filter((w) => !VARIANT_WORDS.has(w))
    .map((w) => singularize(w).replace(/(?:ed|e)$/, ''))
    .join(' ');
}

/**
 * Long forms of one acronym that name one thing, with their counts. `total` also counts the definitions of the
 * groups it absorbed (see absorbPartialLongForms), whose keys stay their own.
 */
interface LongFormGroup {
  keys: [string, number][];
  total: number;
}

/** Orders [key, count] pairs by key: the order ties between long forms are broken in. */
const byKey = (a: readonly [string, number], b: readonly [string, number]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/** The most frequent key (the first of equals, keys being in sorted order). */
function mostFrequent(keys: readonly [string, number][]): string {
  let name = keys[0]?.[0] as string;
  let count = 0;
  for (const [long, n] of keys) {
    if (n > count) {
      name = long;
      count = n;
    }
  }
  return name;
}

/** Shortest signature whose one-letter slips are taken for typos (see joinMisspeltLongForms). */
const MISSPELLING_MIN_LENGTH = 10;

/**
 * Joins an acronym's long-form groups whose signatures differ by one letter (inserted, dropped or changed) and are at
 * least ten letters long: "Kullback-Leilbler (KL)" is a slip for "Kullback-Leibler (KL)", and its mentions take the
 * more frequent spelling's key. The more often written group absorbs the other (ties: key order).
 */
function joinMisspeltLongForms(groups: Map<string, LongFormGroup>): void {
  if (groups.size < 2) return;
  const signatures = [...groups.keys()].filter((s) => s.length >= MISSPELLING_MIN_LENGTH);
  for (let i = 0; i < signatures.length; i++) {
    for (let j = i + 1; j < signatures.length; j++) {
      const a = signatures[i] as string;
      const b = signatures[j] as string;
      const ga = groups.get(a);
      const gb = groups.get(b);
      if (ga === undefined || gb === undefined || editDistance(a, b, 1) > 1) continue;
      const [into, from, gone] = gb.total > ga.total ? [gb, ga, a] : [ga, gb, b];
      into.keys.push(...from.keys);
      into.keys.sort(byKey);
      into.total += from.total;
      groups.delete(gone);
    }
  }
}

/** The first letters of a signature's words: "long short term memory" → "lstm". */
const initials = (signature: string): string =>
  signature
    .split(' ')
    .map((w) => w[0] ?? '')
    .join('');

/**
 * Counts towards an acronym's full long form the definitions that wrote it more or less fully, judged by the
 * acronym's letters: a long form whose initials spell the acronym absorbs the long forms that are it plus trailing
 * words the letters do not cover ("long short term memory" ← "long short term memory networks", both LSTM), and the
 * long forms it extends whose initials spell only the start of the acronym ("maximum likelihood estimation" ←
 * "maximum likelihood", both MLE). So a bare "LSTM" resolves instead of seeming to have competing long forms. The
 * absorbed long forms keep their own keys: "dependency (DP)" says what DP abbreviates, not that every "dependency"
 * is "dependency parsing", nor every "machine translation system" "machine translation". Long forms that differ
 * otherwise ("multiple sclerosis" and "microsoft" for MS) stay apart. On the 29,905 ACL abstracts 53 long forms are
 * absorbed.
 */
function absorbPartialLongForms(short: string, groups: Map<string, LongFormGroup>): void {
  const letters = short.replace(/[^a-z]/g, '');
  if (letters.length < 2 || groups.size < 2) return;
  const exact = [...groups.keys()].filter((signature) => initials(signature) === letters);
  for (const whole of exact) {
    const into = groups.get(whole);
    if (into === undefined) continue;
    for (const [signature, group] of [...groups]) {
      if (signature === whole) continue;
      const longer = signature.startsWith(`${whole} `);
      const shorter = whole.startsWith(`${signature} `) && letters.startsWith(initials(signature));
      if (!longer && !shorter) continue;
      into.total += group.total;
      groups.delete(signature);
    }
  }
}

/** What a corpus's acronym definitions say: long-form variants → the key of their group, acronym key → long form. */
export interface CorpusAcronyms {
  variants: ReadonlyMap<string, string>;
  resolved: ReadonlyMap<string, string>;
}

/**
 * Resolves acronyms across the corpus, from the definitions each abstract made ("Invariant Risk Minimization (IRM)"):
 * - the long forms one acronym was defined with that differ only in prepositions, articles, number or a final "(e)d"
 *   (see {@link longFormSignature}), or by a one-letter slip (see joinMisspeltLongForms), are one name: their
 *   mentions, defining or not, take the key of the most frequent one;
 * - bare acronym mentions (key = the lower-case singular acronym, written with two capitals or more: "IT", "GNNs",
 *   "LoRA", never the pronoun "it", nor a generic mention) in abstracts that did not define it take the long
 *   form the corpus defines for it, when one long form (its variants counted together) accounts for at least 80 % of
 *   its definitions (counting those that wrote it partly, see absorbPartialLongForms); an acronym with competing
 *   long forms is left alone. The type becomes the most frequent type of the long form's mentions and the resolved
 *   ones together (see typesOfLongForms);
 * - an acronym among other words of a phrase is spelt out in the phrase's key by the abstract's own definition, else
 *   the corpus's dominant long form ("KL divergence" = "Kullback-Leibler divergence"; see expandAcronymWords).
 * This builds the table; {@link resolveCorpusAcronyms} applies it. Deterministic (ties broken by key order).
 */
export function corpusAcronyms(results: readonly ExtractionResult[]): CorpusAcronyms {
  const definitions = new Map<string, Map<string, number>>();
  for (const r of results) {
    for (const a of r.acronyms) {
      const short = acronymKey(a.short);
      const longs = definitions.get(short) ?? new Map<string, number>();
      longs.set(a.long, (longs.get(a.long) ?? 0) + 1);
      definitions.set(short, longs);
    }
  }
  const resolved = new Map<string, string>();
  const variants = new Map<string, string>();
  for (const [short, longs] of definitions) {
    // The acronym's long forms grouped by signature; each group is named by its most frequent key.
    const groups = new Map<string, LongFormGroup>();
    for (const [long, n] of [...longs].sort(byKey)) {
      const signature = longFormSignature(long);
      const group = groups.get(signature) ?? { keys: [], total: 0 };
      group.keys.push([long, n]);
      group.total += n;
      groups.set(signature, group);
    }
    joinMisspeltLongForms(groups);
    absorbPartialLongForms(short, groups);
    let total = 0;
    let best: string | undefined;
    let bestCount = 0;
    for (const group of groups.values()) {
      total += group.total;
      const name = mostFrequent(group.keys);
      for (const [long] of group.keys) if (long !== name && !variants.has(long)) variants.set(long, name);
      if (group.total > bestCount) {
        best = name;
        bestCount = group.total;
      }
    }
    if (best !== undefined && bestCount / total >= CORPUS_ACRONYM_AGREEMENT && best !== short)
      resolved.set(short, best);
  }
  return { variants, resolved };
}

/** Applies a corpus's acronym table to its extraction results (described above); new objects, inputs untouched. */
export function resolveCorpusAcronyms(
  results: ExtractionResult[],
  table: CorpusAcronyms = corpusAcronyms(results),
): ExtractionResult[] {
  const { variants, resolved } = table;
  const owns = results.map(
    (r) => new Map(r.acronyms.map((a) => [acronymKey(a.short), variants.get(a.long) ?? a.long])),
  );
  const longTypes = typesOfLongForms(results, resolved, owns);
  // Phrase keys with an acronym spelt out, where a mention writes it in capitals: per abstract when its own definitions
  // did it, for the whole corpus when the corpus's did, so every mention of one key (a bare "VSC-RL" keyed by its
  // definition "Variational Subgoal-Conditioned RL") takes the same spelt-out key.
  const ownSpelt = results.map(() => new Map<string, string>());
  const corpusSpelt = new Map<string, string>();
  results.forEach((r, i) => {
    const own = owns[i] as Map<string, string>;
    for (const m of r.mentions) {
      if (variants.has(m.key) || (!own.has(m.key) && resolved.has(m.key))) continue;
      const spelt = expandAcronymWords(m, own, resolved);
      if (spelt.key === m.key) continue;
      const into = spelt.ownUsed ? (ownSpelt[i] as Map<string, string>) : corpusSpelt;
      if (!into.has(m.key)) into.set(m.key, spelt.key);
    }
  });
  return results.map((r, i) => {
    const own = owns[i] as Map<string, string>;
    return {
      ...copy(r),
      mentions: r.mentions.map((m): Mention => {
        const variant = variants.get(m.key);
        if (variant !== undefined) return { ...m, key: variant };
        const long = own.has(m.key) ? undefined : resolvedLong(m, resolved);
        if (long !== undefined) return { ...m, key: long, type: longTypes.get(long) ?? m.type };
        const spelt = ownSpelt[i]?.get(m.key) ?? corpusSpelt.get(m.key);
        return spelt === undefined ? { ...m } : { ...m, key: variants.get(spelt) ?? spelt };
      }),
      acronyms: r.acronyms.map((a) => ({
        short: a.short,
        long: ownSpelt[i]?.get(a.long) ?? corpusSpelt.get(a.long) ?? variants.get(a.long) ?? a.long,
      })),
    };
  });
}

/**
 * The key of a phrase holding an acronym among other words, with the acronym spelt out: "KL divergence" → "kullback
 * leibler divergence", "LLM alignment" → "large language model alignment", so it meets the phrase written in full.
 * An acronym is spelt out with its definition in the same abstract, else the corpus's dominant long form, and only
 * where the text writes it in capitals ("DP methods", not "dp"), as a whole word.
 */
function expandAcronymWords(
  m: Mention,
  own: ReadonlyMap<string, string>,
  resolved: ReadonlyMap<string, string>,
): { key: string; ownUsed: boolean } {
  const words = m.key.split(' ');
  if (words.length < 2) return { key: m.key, ownUsed: false };
  let changed = false;
  let ownUsed = false;
  const out = words.map((w, k) => {
    const long = own.get(w) ?? resolved.get(w);
    if (long === undefined || !writtenAsAcronym(m.text, w)) return w;
    changed = true;
    if (own.has(w)) ownUsed = true;
    // Right after its own long form ("multiple linear regression mlr …") the acronym only repeats it.
    const before = words.slice(0, k).join(' ');
    return before === long || before.endsWith(` ${long}`) ? '' : long;
  });
  return { key: changed ? out.filter((w) => w !== '').join(' ') : m.key, ownUsed };
}

/**
 * Whether `text` holds the lower-case acronym `word` as a whole word (an "s" may follow) in capitals, two or more,
 * and not joined by a hyphen or underscore to a part with a capital or digit: the "LR" of the model name
 * "MPI-ESM1.2-LR" is no learning rate, nor the "NLP" of the team "DM_NLP" natural language processing.
 */
function writtenAsAcronym(text: string, word: string): boolean {
  const lower = text.toLowerCase();
  // Offsets into the lower-case text must hold in the text ("İ" lower-cases to two code units): else say no.
  if (lower.length !== text.length) return false;
  for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
    const core = at + word.length;
    const end = lower[core] === 's' && !isWordChar(lower[core + 1]) ? core + 1 : core;
    if (isWordChar(text[at - 1]) || isWordChar(text[end])) continue;
    // In capitals throughout: "AraBERT" and "SemEval" are names more than abbreviations.
    const written = text.slice(at, core);
    if (written !== written.toUpperCase() || written.replace(/[^\p{Lu}]/gu, '').length < 2) continue;
    if (JOINERS.has(text[at - 1] as string) && namePart(text, at - 2, -1)) continue;
    if (JOINERS.has(text[end] as string) && namePart(text, end + 1, 1)) continue;
    return true;
  }
  return false;
}

/**
 * Whether a bare mention is written as a short form: two capitals or more ("IT", "GNNs", "LoRA"; not "it", "It"),
 * before any bracket the span runs on to ("did (YK02)" is no DID).
 */
const writtenAsShort = (text: string): boolean =>
  (text.replace(/\s*[([].*$/su, '').match(/\p{Lu}/gu)?.length ?? 0) >= 2;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isCapital = (ch: string): boolean => ch !== ch.toLowerCase();
/** What joins the parts of a name: "MPI-ESM1.2-LR", "DM_NLP". */
const JOINERS: ReadonlySet<string> = new Set(['-', '_']);

/** Whether the joined neighbour starting at `from` (read in direction `step`) holds a capital or a digit. */
function namePart(text: string, from: number, step: 1 | -1): boolean {
  for (let i = from; i >= 0 && i < text.length; i += step) {
    const ch = text[i] as string;
    if (!isWordChar(ch) && ch !== '.') return false;
    if (/[\p{N}]/u.test(ch) || isCapital(ch)) return true;
  }
  return false;
}

function copy(r: ExtractionResult): ExtractionResult {
  return {
    id: r.id,
    mentions: r.mentions.map((m) => ({ ...m })),
    relations: r.relations.map((x) => ({ ...x })),
    acronyms: r.acronyms.map((a) => ({ ...a })),
    ...(r.results === undefined ? {} : { results: r.results.map((x) => ({ ...x })) }),
  };
}

/**
 * The long form a bare mention takes from the corpus's table, if any. Only a mention written as an acronym, two
 * capitals or more ("IT", "GNNs", "LoRA"), and not generic: the pronoun "it" is no "IT".
 */
function resolvedLong(m: Mention, resolved: ReadonlyMap<string, string>): string | undefined {
  return m.type === 'generic' || !writtenAsShort(m.text) ? undefined : resolved.get(m.key);
}

/**
 * The type each resolved long form's mentions take: the most frequent non-generic type among the mentions of the long
 * form and the bare mentions resolved to it, together. The long form alone is often written once or twice while its
 * acronym is written hundreds of times: "bilingual evaluation understudy (BLEU)" once, typed as a dataset, against
 * 221 bare "BLEU" typed as a metric in the first 10,000 ACL abstracts.
 */
function typesOfLongForms(
  results: readonly ExtractionResult[],
  resolved: ReadonlyMap<string, string>,
  owns: readonly ReadonlyMap<string, string>[],
): Map<string, MentionType> {
  const longs = new Set(resolved.values());
  const counts = countTypes(results, (m, i) =>
    longs.has(m.key) ? m.key : owns[i]?.has(m.key) ? undefined : resolvedLong(m, resolved),
  );
  const out = new Map<string, MentionType>();
  for (const [key, byType] of counts) {
    let best: MentionType | undefined;
    let n = 0;
    for (const t of ['method', 'task', 'dataset', 'metric', 'concept'] as const) {
      const c = byType.get(t) ?? 0;
      if (c > n) {
        best = t;
        n = c;
      }
    }
    if (best !== undefined) out.set(key, best);
  }
  return out;
}

/**
 * How many non-generic mentions of each type every key has across `results`, a mention counted under the key
 * `keyOf` gives it (undefined: not counted; `i` is the index of its result).
 */
export function countTypes(
  results: readonly ExtractionResult[],
  keyOf: (m: Mention, i: number) => string | undefined,
): Map<string, Map<MentionType, number>> {
  const counts = new Map<string, Map<MentionType, number>>();
  results.forEach((r, i) => {
    for (const m of r.mentions) {
      if (m.type === 'generic') continue;
      const key = keyOf(m, i);
      if (key === undefined) continue;
      const byType = counts.get(key) ?? new Map<MentionType, number>();
      byType.set(m.type, (byType.get(m.type) ?? 0) + 1);
      counts.set(key, byType);
    }
  });
  return counts;
}

/** The key a mention of `key` gets from the corpus's acronyms in an abstract that defines none: a variant's group key, else an acronym's long form, else `key`. */
export function corpusKey(table: CorpusAcronyms, key: string): string {
  return table.variants.get(key) ?? table.resolved.get(key) ?? key;
}
