/**
 * Features of the sequence tagger: for each token, the strings the perceptron weighs. They read the token and its
 * neighbours (word, affixes, shape, compromise's tags), the token's word class (clusters.ts), the word lists, and what
 * the hand rules proposed there (the rules' typed mentions as B/I labels), so the tagger learns when to trust a rule
 * and where SciERC's spans differ.
 */
import { F, type Context, type Token, type Unit } from '../core/model.js';
import { ENTITY_KINDS, MENTION_TYPES, type Mention } from '../../core/types.js';
import { canonicalKey } from '../core/canonical.js';
import { CONCEPT_WORDS, DROPPED_MODIFIERS, GENERIC_HEADS, STOP_HEADS, headType, namedType } from '../core/lexicon.js';
import type { WordClasses } from './clusters.js';

/** A coarse part of speech from compromise's tags, in precedence order. */
function coarsePos(flags: number): string {
  if (flags & F.Pronoun) return 'PRP';
  if (flags & F.Determiner) return 'DT';
  if (flags & F.Preposition) return 'IN';
  if (flags & F.Conjunction) return 'CC';
  if (flags & (F.Copula | F.Modal | F.Auxiliary)) return 'AUX';
  if (flags & F.Acronym) return 'ACR';
  if (flags & F.Value) return 'CD';
  if (flags & F.Gerund) return 'VBG';
  if (flags & F.Proper) return 'NNP';
  if (flags & F.Noun) return flags & F.Plural ? 'NNS' : 'NN';
  if (flags & (F.Comparative | F.Superlative)) return 'JJR';
  if (flags & F.Adjective) return 'JJ';
  if (flags & (F.PastTense | F.Participle)) return 'VBN';
  if (flags & F.Verb) return 'VB';
  if (flags & F.Adverb) return 'RB';
  return 'X';
}

/** Word shape with runs collapsed: "BERT" → "X", "GPT-4" → "X-d", "word2vec" → "xdx", "Transformer" → "Xx". */
export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII letters and digits without the Unicode property tests (most words), the rest with them.
    const c =
      code >= 65 && code <= 90
        ? 'X'
        : code >= 97 && code <= 122
          ? 'x'
          : code >= 48 && code <= 57
            ? 'd'
            : code < 128
              ? ch
              : /\p{Lu}/u.test(ch)
                ? 'X'
                : /\p{Ll}/u.test(ch)
                  ? 'x'
                  : /\p{N}/u.test(ch)
                    ? 'd'
                    : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out.length > 6 ? out.slice(0, 6) : out;
}

/** What separates a token from the one before: nothing, space, a hyphen, an opening bracket, a comma, a line… */
function gapClass(gap: string): string {
  if (gap === '') return 'none';
  if (/\n/.test(gap)) return 'nl';
  const t = gap.trim();
  if (t === '') return 'sp';
  if (/^[-\u2010-\u2013/]$/u.test(t)) return 'hy';
  if (/[([{]$/.test(t)) return /^[)\]}]/.test(t) ? 'close-open' : 'open';
  if (/^[)\]}]/.test(t)) return 'close';
  if (/^,/.test(t)) return 'comma';
  if (/^[.;:!?]/.test(t)) return 'stop';
  if (/["'“”‘’]/.test(t)) return 'quote';
  return 'punct';
}

/** Lexicon class of one word: its listed head type, generic/stop head, dropped modifier, named type. */
function lexClass(lower: string, text: string): string[] {
  const out: string[] = [];
  const key = canonicalKey(lower);
  const head = headType(key);
  if (head !== undefined) out.push(`hd=${head}`);
  if (GENERIC_HEADS.has(key)) out.push('gen');
  if (STOP_HEADS.has(key)) out.push('stop');
  if (CONCEPT_WORDS.has(key)) out.push('cw');
  if (DROPPED_MODIFIERS.has(lower)) out.push('drop');
  if (/[A-Z0-9]/.test(text)) {
    const named = namedType(canonicalKey(text));
    if (named !== undefined) out.push(`nm=${named}`);
  }
  return out;
}

/** The rules' mentions as a label per token: "B-method", "I-task", or "O". */
export function ruleLabels(tokens: readonly Token[], mentions: readonly Mention[]): string[] {
  const labels = new Array<string>(tokens.length).fill('O');
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    while (m < mentions.length && (mentions[m] as Mention).end <= t.start) m++;
    const mention = mentions[m];
    if (mention === undefined || mention.start >= t.end) continue;
    labels[i] = `${mention.start >= t.start ? 'B' : 'I'}-${mention.type}`;
  }
  return labels;
}

/** Unit class (det/mod/noun/num/other) of each token, from the unit it belongs to. */
function unitClasses(tokens: readonly Token[], units: readonly Unit[]): string[] {
  const out = new Array<string>(tokens.length).fill('other');
  for (const u of units) for (let k = u.first; k < u.last; k++) out[k] = u.cls;
  return out;
}

interface ChunkInfo {
  position: 'S' | 'B' | 'I' | 'E';
  /** The listed type of the chunk's head word, or "none". */
  headType: string;
}

/** For tokens inside a noun-phrase chunk: the token's place in it and the listed type of its head word. */
function chunkInfo(ctx: Context): (ChunkInfo | undefined)[] {
  const out = new Array<ChunkInfo | undefined>(ctx.tokens.length);
  for (const ch of ctx.chunks) {
    const firstUnit = ctx.units[ch.first] as Unit;
    const lastUnit = ctx.units[ch.last - 1] as Unit;
    const headType = headTypeOf(lastUnit.lower);
    for (let k = firstUnit.first; k < lastUnit.last; k++) {
      const position =
        firstUnit.first === lastUnit.last - 1 ? 'S' : k === firstUnit.first ? 'B' : k === lastUnit.last - 1 ? 'E' : 'I';
      out[k] = { position, headType };
    }
  }
  return out;
}

function headTypeOf(lower: string): string {
  return headType(canonicalKey(lower)) ?? 'none';
}

/** The word standing in for tokens beyond either end of the text. */
const BOUNDARY_WORD = '<s>';
/** Offsets a word's own features are read at: two tokens either side and itself. */
export const WORD_OFFSETS = [-2, -1, 0, 1, 2] as const;

/**
 * Features that depend on one word alone, by the offset of that word from the token being labelled: the token's
 * own word, affixes, shape, word class and lexicon classes at 0, the neighbours' words (and lexicon classes at ±1)
 * elsewhere. Being a function of the word's text, their weights are summed once per distinct word (see {@link Emissions}).
 * `classes`: the word classes the tagger was trained with. `lex`: the word's lexicon classes when the caller has them
 * already (they are the same at every offset).
 */
export function wordFeatures(text: string, offset: number, classes: WordClasses, lex?: readonly string[]): string[] {
  if (text === BOUNDARY_WORD) return offset === 0 ? [] : [`w${offsetName(offset)}=${BOUNDARY_WORD}`];
  const w = text.toLowerCase();
  switch (offset) {
    case 0: {
      const f = [
        `w=${w}`,
        `sh=${shape(text)}`,
        `s3=${w.slice(-3)}`,
        `s4=${w.slice(-4)}`,
        `s2=${w.slice(-2)}`,
        `p3=${w.slice(0, 3)}`,
      ];
      f.push(`c=${classes.of(w) ?? 'u'}`);
      for (const l of lex ?? lexClass(w, text)) f.push(`l=${l}`);
      return f;
    }
    case -1:
    case 1: {
      const f = [`w${offsetName(offset)}=${w}`];
      for (const l of lex ?? lexClass(w, text)) f.push(`l${offsetName(offset)}=${l}`);
      return f;
    }
    default:
      return [`w${offsetName(offset)}=${w}`];
  }
}

function offsetName(offset: number): string {
  return offset > 0 ? `+${offset}` : `${offset}`;
}

/** The values of each small vocabulary, so context keys can be packed into one integer. */
const TAGS = [
  'BOS',
  'PRP',
  'DT',
  'IN',
  'CC',
  'AUX',
  'ACR',
  'CD',
  'VBG',
  'NNP',
  'NN',
  'NNS',
  'JJR',
  'JJ',
  'VBN',
  'VB',
  'RB',
  'X',
] as const;
const GAPS = [
  'none',
  'nl',
  'sp',
  'hy',
  'close-open',
  'open',
  'close',
  'comma',
  'stop',
  'quote',
  'punct',
  'end',
] as const;
const CLASSES = ['det', 'mod', 'noun', 'num', 'other', 'BOS', 'EOS'] as const;
const RULE_LABELS = ['O', ...MENTION_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])] as const;
const PLACES = ['', 'S', 'B', 'I', 'E'] as const;
/** Where a token's sentence stands in the text (see sentencePlaces). */
const SENTENCE_PLACES = ['first', 'second', 'middle', 'last', 'title'] as const;
const HEAD_TYPES = ['', 'none', ...ENTITY_KINDS] as const;

const codes = (values: readonly string[]): ReadonlyMap<string, number> => new Map(values.map((v, i) => [v, i]));
const TAG_CODE = codes(TAGS);
const GAP_CODE = codes(GAPS);
const CLASS_CODE = codes(CLASSES);
const RULE_CODE = codes(RULE_LABELS);
const PLACE_CODE = codes(PLACES);
const HEAD_CODE = codes(HEAD_TYPES);
const SENTENCE_PLACE_CODE = codes(SENTENCE_PLACES);
const code = (map: ReadonlyMap<string, number>, value: string): number => map.get(value) ?? 0;

/** Everything the per-token analysis knows, computed once per text. */
interface Analysis {
  tokens: readonly Token[];
  rules: string[];
  /** Per token: codes of its tag, rule label, unit class, gap before it, chunk place, chunk head type and sentence place. */
  tag: Uint8Array;
  rule: Uint8Array;
  cls: Uint8Array;
  gap: Uint8Array;
  place: Uint8Array;
  head: Uint8Array;
  sentencePlace: Uint8Array;
}

/**
 * Where each token's sentence stands in the text, as an index into SENTENCE_PLACES: the first, second, last or a
 * middle sentence of the body. Abstracts state their task first and their results last, so this tells a Task from a
 * Method better than the words around a token alone (5-fold cross-validation on SciERC train, seeds 1-6: Task 0.532
 * → 0.544, strict 0.557 → 0.561). A first line of one sentence before a line break is a title ("title\nabstract",
 * how kg reads a paper) and has its own place, as SciERC's texts, which the tagger learnt from, have none; a first
 * line of several sentences is the body's first paragraph.
 */
function sentencePlaces(tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  if (tokens.length === 0) return out;
  const nl = tokens.findIndex((t, i) => i > 0 && t.gap.includes('\n'));
  const titled = nl !== -1 && (tokens[nl - 1] as Token).sentence === (tokens[0] as Token).sentence;
  const bodyFirst = (tokens[titled ? nl : 0] as Token).sentence;
  const last = (tokens[tokens.length - 1] as Token).sentence;
  for (let i = 0; i < tokens.length; i++) {
    const s = (tokens[i] as Token).sentence;
    const place =
      s < bodyFirst
        ? 'title'
        : s === bodyFirst
          ? 'first'
          : s === bodyFirst + 1
            ? 'second'
            : s === last
              ? 'last'
              : 'middle';
    out[i] = code(SENTENCE_PLACE_CODE, place);
  }
  return out;
}

function analyseTokens(ctx: Context, mentions: readonly Mention[]): Analysis {
  const tokens = ctx.tokens;
  const rules = ruleLabels(tokens, mentions);
  const classes = unitClasses(tokens, ctx.units);
  const chunk = chunkInfo(ctx);
  const n = tokens.length;
  const a: Analysis = {
    tokens,
    rules,
    tag: new Uint8Array(n),
    rule: new Uint8Array(n),
    cls: new Uint8Array(n),
    gap: new Uint8Array(n),
    place: new Uint8Array(n),
    head: new Uint8Array(n),
    sentencePlace: sentencePlaces(tokens),
  };
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    a.tag[i] = code(TAG_CODE, coarsePos(t.flags));
    a.rule[i] = code(RULE_CODE, rules[i] as string);
    a.cls[i] = code(CLASS_CODE, classes[i] as string);
    a.gap[i] = code(GAP_CODE, gapClass(t.gap));
    const c = chunk[i];
    a.place[i] = c === undefined ? 0 : code(PLACE_CODE, c.position);
    a.head[i] = c === undefined ? 0 : code(HEAD_CODE, c.headType);
  }
  return a;
}

/** The three groups of context features, each named by one packed key (Emissions caches groups 1 and 2 by it). */
export type ContextGroup = 0 | 1 | 2;
export const CONTEXT_GROUPS: readonly ContextGroup[] = [0, 1, 2];
/** The groups Emissions sums through a cache by key. */
type CachedGroup = Exclude<ContextGroup, 0>;

/**
 * Features from small vocabularies, in three groups each named by one packed integer, so their summed weights can
 * be cached per distinct key: the tag window (0), the layout: gaps, unit classes, sentence edges and place (1), and the
 * rules' labels with the chunk's shape (2).
 */
function contextKey(a: Analysis, i: number, group: ContextGroup): number {
  const n = a.tokens.length;
  const tag = (k: number): number => tagCode(a, k);
  switch (group) {
    case 0:
      return (((tag(i - 2) * 32 + tag(i - 1)) * 32 + tag(i)) * 32 + tag(i + 1)) * 32 + tag(i + 2);
    case 1: {
      const t = a.tokens[i] as Token;
      const next = a.tokens[i + 1];
      const bos = i === 0 || (a.tokens[i - 1] as Token).sentence !== t.sentence ? 1 : 0;
      const eos = next === undefined || next.sentence !== t.sentence ? 1 : 0;
      const gn = next === undefined ? GAPS.indexOf('end') : (a.gap[i + 1] as number);
      const u1 = i > 0 ? (a.cls[i - 1] as number) : CLASSES.indexOf('BOS');
      const un = i + 1 < n ? (a.cls[i + 1] as number) : CLASSES.indexOf('EOS');
      return (
        (((((((a.gap[i] as number) * 16 + gn) * 8 + u1) * 8 + (a.cls[i] as number)) * 8 + un) * 2 + bos) * 2 + eos) *
          8 +
        (a.sentencePlace[i] as number)
      );
    }
    default: {
      const rule = (k: number): number => (k < 0 || k >= n ? 0 : (a.rule[k] as number));
      return (
        ((((rule(i - 1) * 16 + rule(i)) * 16 + rule(i + 1)) * 32 + tag(i)) * 8 + (a.place[i] as number)) * 8 +
        (a.head[i] as number)
      );
    }
  }
}

/** The tag code of token `k`, or BOS's (0) beyond either end. */
function tagCode(a: Analysis, k: number): number {
  return k < 0 || k >= a.tokens.length ? 0 : (a.tag[k] as number);
}

/** Adds `L` scores of `v` from `offset` into `out` from `row`. */
function addRow(out: Float64Array, row: number, v: Float64Array, offset: number, L: number): void {
  for (let l = 0; l < L; l++) out[row + l] = (out[row + l] as number) + (v[offset + l] as number);
}

/** The features a packed context key of `group` stands for. */
export function contextFeatures(group: ContextGroup, key: number): string[] {
  const take = (base: number): number => {
    const v = key % base;
    key = Math.floor(key / base);
    return v;
  };
  switch (group) {
    case 0: {
      const n2 = TAGS[take(32)];
      const n1 = TAGS[take(32)];
      const p = TAGS[take(32)];
      const p1 = TAGS[take(32)];
      const p2 = TAGS[take(32)];
      return [`p=${p}`, `p-1=${p1}`, `p+1=${n1}`, `p-2=${p2}`, `p+2=${n2}`, `pp=${p1}|${p}`, `pn=${p}|${n1}`];
    }
    case 1: {
      const sp = SENTENCE_PLACES[take(8)];
      const eos = take(2);
      const bos = take(2);
      const un = CLASSES[take(8)];
      const u = CLASSES[take(8)];
      const u1 = CLASSES[take(8)];
      const gn = GAPS[take(16)];
      const g = GAPS[take(16)];
      const f = ['b', `g=${g}`, `gn=${gn}`, `u=${u}`, `u-1=${u1}`, `u+1=${un}`];
      if (bos === 1) f.push('bos');
      if (eos === 1) f.push('eos');
      f.push(`sp=${sp}`);
      return f;
    }
    default: {
      const ht = HEAD_TYPES[take(8)];
      const cp = PLACES[take(8)];
      const p = TAGS[take(32)];
      const rn = RULE_LABELS[take(16)];
      const r = RULE_LABELS[take(16)];
      const r1 = RULE_LABELS[take(16)];
      const f = [`r=${r}`, `r-1=${r1}`, `r+1=${rn}`, `rr=${r1}|${r}|${rn}`, `rp=${r}|${p}`];
      if (cp !== '') f.push(`cp=${cp}`, `ht=${ht}`, `htr=${ht}|${r}`);
      return f;
    }
  }
}

/** The features joining two neighbouring words: for the right one ("ww-1") and for the left one ("ww+1"). */
function bigramFeatures(left: string, right: string): [string, string] {
  return [`ww-1=${left}|${right}`, `ww+1=${left}|${right}`];
}

/** The feature joining a word with the rules' label on it. */
function ruleWordFeature(rule: string, word: string): string {
  return `rw=${rule}|${word}`;
}

/**
 * The feature strings of every token of `ctx`, given the rules' mentions and the word classes: word features of the
 * token and its neighbours, context features, pair features. Training reads these; tagging sums the same features'
 * weights through {@link Emissions}.
 */
export function sequenceFeatures(ctx: Context, mentions: readonly Mention[], classes: WordClasses): string[][] {
  const a = analyseTokens(ctx, mentions);
  const n = a.tokens.length;
  const textAt = (k: number): string => (k < 0 || k >= n ? BOUNDARY_WORD : (a.tokens[k] as Token).text);
  const lowerAt = (k: number): string => (k < 0 || k >= n ? BOUNDARY_WORD : (a.tokens[k] as Token).lower);
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const f: string[] = [];
    for (const o of WORD_OFFSETS) f.push(...wordFeatures(textAt(i + o), o, classes));
    for (const g of CONTEXT_GROUPS) f.push(...contextFeatures(g, contextKey(a, i, g)));
    f.push(bigramFeatures(lowerAt(i - 1), lowerAt(i))[0], bigramFeatures(lowerAt(i), lowerAt(i + 1))[1]);
    f.push(ruleWordFeature(a.rules[i] as string, lowerAt(i)));
    out.push(f);
  }
  return out;
}

/** Adds a feature's weights (if it has any) into a score vector with one entry per label. */
export type WeightLookup = (feature: string, into: Float64Array) => void;

const CACHE_LIMIT = 200_000;

/**
 * Emission scores per token, equal to summing {@link sequenceFeatures}' weights (a test checks it), but with each
 * group summed once per distinct word, layout and rule context, word pair and (rule label, word) and cached (bounded),
 * and the tag window summed from dense per-template rows, so tagging costs a few map lookups and array rows per
 * token instead of some forty feature strings.
 */
export class Emissions {
  private readonly words = new Map<string, Float64Array>();
  /** Summed weights of the layout (1) and rule (2) context groups by packed key; the tag window (0) has tagTables. */
  private readonly contexts: Readonly<Record<CachedGroup, Map<number, Float64Array>>> = { 1: new Map(), 2: new Map() };
  /**
   * Word pairs and (rule label, word) pairs that have weights, left → right → summed weights (null until first
   * needed); a pair not in them has none and is skipped without building a string.
   */
  private readonly bigrams = new Map<string, Map<string, Float64Array | null>>();
  private readonly ruleWords = new Map<string, Map<string, Float64Array | null>>();
  private size = 0;
  private readonly zero: Float64Array;
  /**
   * The tag window's (group 0) features by template, dense: the weights of `p=T`, `p-1=T`, `p+1=T`, `p-2=T`,
   * `p+2=T` for every tag and of `pp=T|U`, `pn=T|U` for every pair. Each token's window is summed from seven rows,
   * in contextFeatures' order and so to the same bits, without a cache: the window has tens of thousands of distinct
   * keys (a fifth of the tokens of 3,000 ACL abstracts brought a new one), and a lookup among them cost more than
   * the seven rows, which stay in the processor's cache.
   */
  private readonly tagTables: Float64Array[];
  /** Scratch for {@link tagWindow}: the summed row and the seven rows' indices. */
  private readonly window: Float64Array;
  private readonly rows = new Int32Array(7);

  /** `classes`: the word classes the tagger was trained with (its word features read them). */
  constructor(
    private readonly labels: number,
    private readonly lookup: WeightLookup,
    featureNames: Iterable<string>,
    private readonly classes: WordClasses,
  ) {
    this.zero = new Float64Array(2 * labels);
    this.window = new Float64Array(labels);
    const T = TAGS.length;
    const table = (size: number, name: (i: number) => string): Float64Array => {
      const t = new Float64Array(size * labels);
      for (let i = 0; i < size; i++) lookup(name(i), t.subarray(i * labels, (i + 1) * labels));
      return t;
    };
    this.tagTables = [
      ...['p', 'p-1', 'p+1', 'p-2', 'p+2'].map((prefix) => table(T, (i) => `${prefix}=${TAGS[i]}`)),
      ...['pp', 'pn'].map((prefix) => table(T * T, (i) => `${prefix}=${TAGS[Math.floor(i / T)]}|${TAGS[i % T]}`)),
    ];
    const index = (map: Map<string, Map<string, Float64Array | null>>, pair: string): void => {
      const bar = pair.indexOf('|');
      const left = pair.slice(0, bar);
      let inner = map.get(left);
      if (inner === undefined) map.set(left, (inner = new Map()));
      inner.set(pair.slice(bar + 1), null);
    };
    for (const name of featureNames) {
      if (name.startsWith('ww-1=') || name.startsWith('ww+1=')) index(this.bigrams, name.slice(5));
      else if (name.startsWith('rw=')) index(this.ruleWords, name.slice(3));
    }
  }

  /** Scores of every token of `ctx`: one row of `labels` scores per token, in one array. */
  compute(ctx: Context, mentions: readonly Mention[]): Float64Array {
    if (this.size > CACHE_LIMIT) this.clear();
    const a = analyseTokens(ctx, mentions);
    const n = a.tokens.length;
    const L = this.labels;
    const wordVecs = a.tokens.map((t) => this.word(t.text));
    const boundary = this.word(BOUNDARY_WORD);
    const lowerAt = (k: number): string => (k < 0 || k >= n ? BOUNDARY_WORD : (a.tokens[k] as Token).lower);
    // One array for all tokens: a typed array per token costs more to allocate than its sums cost to compute.
    const out = new Float64Array(n * L);
    const window = this.window;
    for (let i = 0; i < n; i++) {
      const row = i * L;
      for (let oi = 0; oi < WORD_OFFSETS.length; oi++) {
        const k = i + (WORD_OFFSETS[oi] as number);
        addRow(out, row, k < 0 || k >= n ? boundary : (wordVecs[k] as Float64Array), oi * L, L);
      }
      // The tag window from its dense rows (see tagTables); the other two groups from their caches.
      this.tagWindow(tagCode(a, i - 2), tagCode(a, i - 1), tagCode(a, i), tagCode(a, i + 1), tagCode(a, i + 2));
      addRow(out, row, window, 0, L);
      addRow(out, row, this.context(1, contextKey(a, i, 1)), 0, L);
      addRow(out, row, this.context(2, contextKey(a, i, 2)), 0, L);
      addRow(out, row, this.ruleWord(a.rules[i] as string, lowerAt(i)), 0, L);
    }
    // Each pair of neighbours (with the text's edges) once: its "ww-1" goes to the right token, "ww+1" to the left.
    for (let i = 0; i <= n; i++) {
      const v = this.bigram(lowerAt(i - 1), lowerAt(i));
      if (i < n) addRow(out, i * L, v, 0, L);
      if (i > 0) addRow(out, (i - 1) * L, v, L, L);
    }
    return out;
  }

  private clear(): void {
    this.words.clear();
    for (const m of Object.values(this.contexts)) m.clear();
    for (const pairs of [this.bigrams, this.ruleWords])
      for (const inner of pairs.values()) for (const k of inner.keys()) inner.set(k, null);
    this.size = 0;
  }

  private sum(features: readonly string[], into: Float64Array = new Float64Array(this.labels)): Float64Array {
    for (const f of features) this.lookup(f, into);
    return into;
  }

  /** A word's summed weights at each offset: `WORD_OFFSETS.length × labels`. */
  private word(text: string): Float64Array {
    let v = this.words.get(text);
    if (v === undefined) {
      const L = this.labels;
      const vec = new Float64Array(WORD_OFFSETS.length * L);
      // The word's lexicon classes once, for the three offsets that read them.
      const lex = text === BOUNDARY_WORD ? [] : lexClass(text.toLowerCase(), text);
      WORD_OFFSETS.forEach((o, oi) =>
        this.sum(wordFeatures(text, o, this.classes, lex), vec.subarray(oi * L, (oi + 1) * L)),
      );
      v = vec;
      this.words.set(text, v);
      this.size++;
    }
    return v;
  }

  private context(group: CachedGroup, key: number): Float64Array {
    const cache = this.contexts[group];
    let v = cache.get(key);
    if (v === undefined) {
      v = this.sum(contextFeatures(group, key));
      cache.set(key, v);
      this.size++;
    }
    return v;
  }

  /**
   * Group 0's summed weights for the tags p2 p1 p n1 n2 into {@link window}, from {@link tagTables} in
   * contextFeatures' order: equal to summing `contextFeatures(0, key)`'s weights.
   */
  private tagWindow(p2: number, p1: number, p: number, n1: number, n2: number): void {
    const L = this.labels;
    const T = TAGS.length;
    const v = this.window;
    const t = this.tagTables;
    const rows = this.rows;
    rows[0] = p;
    rows[1] = p1;
    rows[2] = n1;
    rows[3] = p2;
    rows[4] = n2;
    rows[5] = p1 * T + p;
    rows[6] = p * T + n1;
    v.fill(0);
    for (let r = 0; r < 7; r++) addRow(v, 0, t[r] as Float64Array, (rows[r] as number) * L, L);
  }

  /** `[ww-1 weights for the right word, ww+1 weights for the left word]`. */
  private bigram(left: string, right: string): Float64Array {
    const inner = this.bigrams.get(left);
    const v = inner?.get(right);
    if (v === undefined) return this.zero;
    return v ?? this.keep(inner as Map<string, Float64Array | null>, right, this.bigramWeights(left, right));
  }

  private bigramWeights(left: string, right: string): Float64Array {
    const [toRight, toLeft] = bigramFeatures(left, right);
    const v = new Float64Array(2 * this.labels);
    this.lookup(toRight, v.subarray(0, this.labels));
    this.lookup(toLeft, v.subarray(this.labels));
    return v;
  }

  private ruleWord(rule: string, word: string): Float64Array {
    const inner = this.ruleWords.get(rule);
    const v = inner?.get(word);
    if (v === undefined) return this.zero;
    return v ?? this.keep(inner as Map<string, Float64Array | null>, word, this.sum([ruleWordFeature(rule, word)]));
  }

  private keep(inner: Map<string, Float64Array | null>, key: string, v: Float64Array): Float64Array {
    inner.set(key, v);
    this.size++;
    return v;
  }
}
