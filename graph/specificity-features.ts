/**
 * What the specificity score reads about each entity: how the term is written, and how the corpus uses it (how its
 * papers spread over communities and years, how often a paper repeats it or puts it in the title, which side of
 * HYPONYM_OF relations it stands on, how fixed its words are as a phrase). One pass over nodes and edges; no I/O.
 */
import { FUNCTION_WORDS, GENERIC_HEADS, LANGUAGES, namedType } from '../pipeline/extract/core/lexicon.js';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from './core/types.js';

/** The measurements of one entity the score combines; each is 0 when it says nothing. */
export interface SpecificityFeatures {
  /** Papers that mention it. */
  papers: number;
  /** Its key or its label is a listed name (`named.json`: "bert", "bleu", "wordnet"), languages aside. */
  named: number;
  /** Its label is written like a name: a capital after a small letter ("RoBERTa", "WordNet") or a digit ("GPT-2"). */
  nameShape: number;
  /** Its key is a language, languages or a language pair ("english", "english german", "arabic language"). */
  language: number;
  /** Its kind is dataset: the kind where data descriptors and media ("annotated data", "images") gather. */
  dataset: number;
  /** The highest community concentration of its words (each word's papers pooled over every key holding it). */
  wordConcentration: number;
  /** Community concentration of its own papers: Kullback-Leibler divergence from all papers', bias-corrected. */
  concentration: number;
  /** The same over publication years: a term of a period ("SMT", "BERT") rather than of every year. */
  timeConcentration: number;
  /** Log of mentions per paper: the subject of an abstract is named more than once, a passing word once. */
  repetition: number;
  /** Share of its papers naming it in the title, less that share over all mentions. */
  titleShare: number;
  /** Log(1 + 20 × HYPONYM_OF relations from it per paper): "X such as BERT" makes BERT a kind of something. */
  hyponym: number;
  /** Log(1 + 20 × HYPONYM_OF relations to it per paper): umbrella words are what others are kinds of. */
  hypernym: number;
  /** Pointwise mutual information of its modifier and last word over all keys (by papers); 0 for one word. */
  cohesion: number;
  /**
   * The entity whose score this one shares: the term without a generic last word when that is a node of several
   * words or a listed name ("machine translation" for "MT systems", "Transformer" for "Transformer model"), else a
   * listed name in its label that is a node's label ("BERT" for "multilingual BERT", "NLP" for "NLP models").
   */
  leansOn?: string;
}

/**
 * Kullback-Leibler divergence (nats) of observed counts from a base distribution, less Miller-Madow's bias of
 * (bins seen − 1) / (2n) that makes small samples look concentrated (Miller 1955), floored at 0. `bins` lists the
 * indices of `counts` that may be non-zero (all of them when omitted).
 */
export function concentration(counts: ArrayLike<number>, base: ArrayLike<number>, bins?: ArrayLike<number>): number {
  const length = bins ? bins.length : counts.length;
  let n = 0;
  let seen = 0;
  for (let i = 0; i < length; i++) {
    const c = counts[bins ? bins[i]! : i]!;
    if (c > 0) {
      n += c;
      seen += 1;
    }
  }
  if (n === 0) return 0;
  let kl = 0;
  for (let i = 0; i < length; i++) {
    const id = bins ? bins[i]! : i;
    const c = counts[id]!;
    const p = base[id]!;
    if (c > 0 && p > 0) kl += (c / n) * Math.log(c / n / p);
  }
  return Math.max(0, kl - (seen - 1) / (2 * n));
}

/** First words of the language names, to reject most keys with one lookup. */
const LANGUAGE_STARTS: ReadonlySet<string> = new Set([...LANGUAGES].map((name) => name.split(' ')[0]!));

/** A key made of language names only, with an optional last word "language": "english", "english german", "low german". */
export function isLanguageKey(key: string): boolean {
  const space = key.indexOf(' ');
  if (!LANGUAGE_STARTS.has(space < 0 ? key : key.slice(0, space))) return false;
  if (space < 0) return LANGUAGES.has(key);
  const words = key.split(' ');
  if (words[words.length - 1] === 'language') words.pop();
  let i = 0;
  while (i < words.length) {
    let step = 0;
    for (let len = Math.min(3, words.length - i); len >= 1 && step === 0; len--)
      if (LANGUAGES.has(words.slice(i, i + len).join(' '))) step = len;
    if (step === 0) return false;
    i += step;
  }
  return words.length > 0;
}

const NAME_SHAPE = /\p{Ll}\p{Lu}|\d/u;
const CAPITAL_OR_DIGIT = /[\p{Lu}\d]/u;
const SEPARATORS = /[\s\-\u2010-\u2015_/]+/u;

/** Whether a term is a listed name: its key or its label ("BERT", "F1 score"); languages are not names here. */
function isNamed(entity: EntityAttributes): boolean {
  const named = (k: string): boolean => k !== '' && namedType(k) !== undefined && !isLanguageKey(k);
  if (named(entity.key)) return true;
  const label = entity.label.toLowerCase();
  return label !== entity.key && named(SEPARATORS.test(label) ? label.split(SEPARATORS).join(' ') : label);
}

/** A growable Int32 list. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Reads every feature of every entity in one pass over the nodes and one over the edges. */
export function specificityFeatures(graph: KnowledgeGraph): Map<string, SpecificityFeatures> {
  // Papers get indices, communities and years dense ids (years in sorted order).
  const paperIndex = new Map<string, number>();
  const paperCommunity: number[] = [];
  const paperYear: number[] = [];
  const titleLength: number[] = [];
  const entityIndex = new Map<string, number>();
  const entities: [string, EntityAttributes][] = [];
  let communityCount = 0;
  const yearIds = new Map<number, number>();
  graph.forEachNode((node, attributes) => {
    if (attributes.kind === 'paper') {
      const paper = attributes as PaperAttributes;
      paperIndex.set(node, paperCommunity.length);
      const community = Number.isInteger(paper.community) && paper.community >= 0 ? paper.community : -1;
      communityCount = Math.max(communityCount, community + 1);
      paperCommunity.push(community);
      paperYear.push(paper.year ?? -1);
      if (paper.year !== undefined) yearIds.set(paper.year, 0);
      titleLength.push(paper.title.length);
    } else {
      entityIndex.set(node, entities.length);
      entities.push([node, attributes as EntityAttributes]);
    }
  });
  [...yearIds.keys()].sort((a, b) => a - b).forEach((year, i) => yearIds.set(year, i));
  const yearCount = yearIds.size;
  const communityBase = new Float64Array(communityCount);
  const yearBase = new Float64Array(yearCount);
  for (let p = 0; p < paperCommunity.length; p++) {
    if (paperCommunity[p]! >= 0) communityBase[paperCommunity[p]!]! += 1;
    paperYear[p] = paperYear[p]! < 0 ? -1 : yearIds.get(paperYear[p]!)!;
    if (paperYear[p]! >= 0) yearBase[paperYear[p]!]! += 1;
  }
  const normalise = (a: Float64Array): void => {
    const sum = a.reduce((s, v) => s + v, 0);
    if (sum > 0) for (let i = 0; i < a.length; i++) a[i]! /= sum;
  };
  normalise(communityBase);
  normalise(yearBase);

  // MENTIONS as (entity, paper) pairs; titles and HYPONYM_OF tallied per entity.
  const mentionEntity = new IntList();
  const mentionPaper = new IntList();
  const inTitle = new Float64Array(entities.length);
  const hyponymOf = new Float64Array(entities.length);
  const hypernymOf = new Float64Array(entities.length);
  let titled = 0;
  graph.forEachDirectedEdge((_edge, attributes, source, target) => {
    if (attributes.type === 'MENTIONS') {
      const e = entityIndex.get(target)!;
      const p = paperIndex.get(source)!;
      mentionEntity.push(e);
      mentionPaper.push(p);
      let first = Infinity;
      for (const [start] of attributes.spans) if (start < first) first = start;
      if (first < titleLength[p]!) {
        titled += 1;
        inTitle[e]! += 1;
      }
    } else if (attributes.type === 'HYPONYM_OF') {
      const from = entityIndex.get(source);
      const to = entityIndex.get(target);
      if (from !== undefined) hyponymOf[from]! += attributes.weight;
      if (to !== undefined) hypernymOf[to]! += attributes.weight;
    }
  });
  const titleBase = mentionEntity.length > 0 ? titled / mentionEntity.length : 0;
  // Counting sort of the pairs by entity: each entity's papers are one slice.
  const offsets = new Int32Array(entities.length + 1);
  for (let i = 0; i < mentionEntity.length; i++) offsets[mentionEntity.data[i]! + 1]! += 1;
  for (let e = 0; e < entities.length; e++) offsets[e + 1]! += offsets[e]!;
  const papersOf = new Int32Array(mentionEntity.length);
  const fill = offsets.slice(0, entities.length);
  for (let i = 0; i < mentionEntity.length; i++) papersOf[fill[mentionEntity.data[i]!]!++] = mentionPaper.data[i]!;

  // Per entity: community and year concentration from a scratch tally; words pooled into one row per word.
  const wordIds = new Map<string, number>();
  let wordRows = new Float64Array(1024 * Math.max(1, communityCount));
  const tally = new Float64Array(communityCount);
  const years = new Float64Array(yearCount);
  const touched: number[] = [];
  const touchedYears: number[] = [];
  const own = new Float64Array(entities.length);
  const time = new Float64Array(entities.length);
  const entityWords = new IntList();
  const wordOffsets = new Int32Array(entities.length + 1);
  // Multi-word keys as (modifier, last word) ids with papers per id, for cohesion; the modifier's node if it is one.
  const partIds = new Map<string, number>();
  const partPapers: number[] = [];
  const startOf = new Int32Array(entities.length).fill(-1);
  const lastOf = new Int32Array(entities.length).fill(-1);
  const modifierOf = new Int32Array(entities.length).fill(-1);
  const part = (text: string, papers: number): number => {
    let id = partIds.get(text);
    if (id === undefined) {
      partIds.set(text, (id = partPapers.length));
      partPapers.push(0);
    }
    partPapers[id]! += papers;
    return id;
  };
  let phrasePapers = 0;
  for (let e = 0; e < entities.length; e++) {
    const entity = entities[e]![1];
    for (let i = offsets[e]!; i < offsets[e + 1]!; i++) {
      const p = papersOf[i]!;
      const c = paperCommunity[p]!;
      if (c >= 0) {
        if (tally[c] === 0) touched.push(c);
        tally[c]! += 1;
      }
      const y = paperYear[p]!;
      if (y >= 0) {
        if (years[y] === 0) touchedYears.push(y);
        years[y]! += 1;
      }
    }
    own[e] = concentration(tally, communityBase, touched);
    time[e] = concentration(years, yearBase, touchedYears);
    const words = entity.key.split(' ');
    const first = entityWords.length;
    for (const word of words) {
      if (FUNCTION_WORDS.has(word)) continue;
      let id = wordIds.get(word);
      if (id === undefined) {
        wordIds.set(word, (id = wordIds.size));
        if ((id + 1) * communityCount > wordRows.length) {
          const grown = new Float64Array(wordRows.length * 2);
          grown.set(wordRows);
          wordRows = grown;
        }
      }
      let repeated = false;
      for (let i = first; i < entityWords.length; i++) if (entityWords.data[i] === id) repeated = true;
      if (repeated) continue;
      entityWords.push(id);
      for (const c of touched) wordRows[id * communityCount + c]! += tally[c]!;
    }
    wordOffsets[e + 1] = entityWords.length;
    for (const c of touched) tally[c] = 0;
    for (const y of touchedYears) years[y] = 0;
    touched.length = 0;
    touchedYears.length = 0;
    if (words.length > 1) {
      const space = entity.key.lastIndexOf(' ');
      const start = entity.key.slice(0, space);
      const last = words[words.length - 1]!;
      // Modifiers and last words share one id space: "learning" may be either; the prefix keeps them apart.
      startOf[e] = part(`<${start}`, entity.paperCount);
      lastOf[e] = part(`>${last}`, entity.paperCount);
      if (GENERIC_HEADS.has(last)) modifierOf[e] = entityIndex.get(`entity:${start}`) ?? -1;
      phrasePapers += entity.paperCount;
    }
  }
  const wordConcentration = new Float64Array(wordIds.size);
  for (let id = 0; id < wordIds.size; id++)
    wordConcentration[id] = concentration(
      wordRows.subarray(id * communityCount, (id + 1) * communityCount),
      communityBase,
    );

  const named = entities.map(([, entity]) => isNamed(entity));
  // Single-word labels that are listed names → their node (the most papers first), for terms holding such a word.
  const byLabel = new Map<string, number>();
  for (let e = 0; e < entities.length; e++) {
    const label = entities[e]![1].label.toLowerCase();
    if (!named[e] || SEPARATORS.test(label)) continue;
    const seen = byLabel.get(label);
    if (seen === undefined || entities[seen]![1].paperCount < entities[e]![1].paperCount) byLabel.set(label, e);
  }
  const features = new Map<string, SpecificityFeatures>();
  for (let e = 0; e < entities.length; e++) {
    const [node, entity] = entities[e]!;
    const papers = entity.paperCount;
    let bestWord = 0;
    for (let i = wordOffsets[e]!; i < wordOffsets[e + 1]!; i++)
      bestWord = Math.max(bestWord, wordConcentration[entityWords.data[i]!]!);
    let cohesion = 0;
    let leansOn: number | undefined;
    if (startOf[e]! >= 0) {
      cohesion = Math.log((papers * phrasePapers) / (partPapers[startOf[e]!]! * partPapers[lastOf[e]!]!));
      const modifier = modifierOf[e]!;
      if (modifier >= 0 && (entities[modifier]![1].key.includes(' ') || named[modifier])) leansOn = modifier;
    }
    // Listed names are written with a capital or a digit ("BERT", "word2vec"), so other labels need no lookups.
    if (
      leansOn === undefined &&
      !named[e] &&
      byLabel.size > 0 &&
      CAPITAL_OR_DIGIT.test(entity.label) &&
      SEPARATORS.test(entity.label)
    ) {
      for (const word of entity.label.toLowerCase().split(SEPARATORS)) {
        const host = byLabel.get(word);
        if (host !== undefined && host !== e) {
          leansOn = host;
          break;
        }
      }
    }
    features.set(node, {
      papers,
      named: named[e] ? 1 : 0,
      nameShape: NAME_SHAPE.test(entity.label) ? 1 : 0,
      language: isLanguageKey(entity.key) ? 1 : 0,
      dataset: entity.kind === 'dataset' ? 1 : 0,
      wordConcentration: bestWord,
      concentration: own[e]!,
      timeConcentration: time[e]!,
      repetition: papers > 0 ? Math.log(Math.max(1, entity.mentionCount / papers)) : 0,
      titleShare: papers > 0 ? inTitle[e]! / papers - titleBase : 0,
      hyponym: papers > 0 ? Math.log1p((20 * hyponymOf[e]!) / papers) : 0,
      hypernym: papers > 0 ? Math.log1p((20 * hypernymOf[e]!) / papers) : 0,
      cohesion,
      ...(leansOn === undefined ? {} : { leansOn: entities[leansOn]![0] }),
    });
  }
  return features;
}
