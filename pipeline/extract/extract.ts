/**
 * The extractor: one compromise parse, the hand rules (acronyms, noun phrases, "X-based", "… of …"), then the
 * sequence tagger, which reads the rules' mentions among its features and decides the final spans and types;
 * acronyms and canonical keys, then relations. `createExtractor({ models })` makes one from models loaded at the
 * edge (load-models.ts); everything it keeps between texts (the post-tagger's net, the tagger's summed weights)
 * belongs to that extractor.
 */
import type { ExtractionInput, ExtractionResult, Mention, Relation } from '../core/types.js';
import type { Candidate, Context, PlacedMention, RelationRule } from './core/model.js';
import { createParser } from './tokens.js';
import { buildUnits } from './units.js';
import { findChunks } from './chunks.js';
import { MENTION_RULES } from './rules/index.js';
import { findRelations, relationRules } from './relations/index.js';
import { findResults, sentenceSpans } from './results.js';
import { resolveMentions, keyMention } from './resolve.js';
import { Emissions } from './tagger/features.js';
import { LABELS, spansOf, type Tagger } from './tagger/perceptron.js';
import type { Models } from './models.js';
import { englishParts, looksEnglish } from '../text/language.js';
import { ExtractionError, UsageError } from '../core/errors.js';
import { DOMAINS, isDomain, type Domain } from './tagger/domain.js';

/** Bump whenever the output for some input changes: caches of extraction results key on it. */
export const EXTRACTOR_VERSION = 'extract-v2.11.0-rel';

/** The text an input's offsets index: `text`, or `title + "\n" + abstract`. */
export function inputText(input: ExtractionInput): string {
  const text = 'text' in input ? input.text : `${String(input.title ?? '')}\n${String(input.abstract ?? '')}`;
  return typeof text === 'string' ? text : String(text ?? '');
}

/** The parse and the hand rules' mentions: what both the extractor and the tagger's training read. */
export interface Analysis {
  ctx: Context;
  ruleMentions: Mention[];
  candidates: Candidate[];
}

/** Parses texts and runs the hand rules; needs no models. */
export interface Analyser {
  /** Parses `text` and runs the hand rules. */
  analyse(text: string): Analysis;
}

/** An analyser with a parser (and so a compromise post-tagger) of its own. */
export function createAnalyser(): Analyser {
  const parser = createParser();
  return {
    analyse(text) {
      const tokens = parser.tokenize(text);
      const units = buildUnits(tokens, text);
      const ctx: Context = { text, tokens, units, chunks: findChunks(units), acronyms: new Map() };
      const candidates: Candidate[] = [];
      for (const rule of MENTION_RULES) for (const c of rule.apply(ctx)) candidates.push(c);
      return { ctx, ruleMentions: resolveMentions(candidates, ctx), candidates };
    },
  };
}

/** Options of {@link createExtractor}. */
export interface ExtractorOptions {
  /** The models to read (`loadModels()` at the edge for the shipped ones). */
  models: Models;
  /** Which domain's tagger: `auto` routes each text with `models.router` (tagger/domain.ts). @defaultValue 'auto' */
  domain?: Domain | 'auto';
  /**
   * For the tests only (test/cli/extract-failure.test.ts): a text holding this string makes the extractor throw inside,
   * as a bug in it would, in every mode without a mock. kg's processes set it from `KG_TEST_EXTRACT_THROW`
   * (workers/extractor.ts). @defaultValue none
   */
  failOn?: string;
}

/** An extractor: its models, and the state it keeps between texts, are its own. Its methods may be called detached (`const { extract } = extractor`). */
export interface Extractor extends Analyser {
  readonly models: Models;
  /**
   * Extracts typed mentions, relations and acronym definitions from one text. Mentions are sorted by start, never
   * overlap and satisfy `text.slice(start, end) === mention.text`; relations link two mentions of one
   * sentence, named ones except a learnt USED_FOR, which may have one generic end ("this method"; the graph skips those). A
   * failure inside the extractor throws an {@link ExtractionError} naming the paper (never an empty result that hides
   * it). A text that is not English yields an empty result (`englishParts`, the same test ingest warns with): its mentions would be noise ("Nous proposons" as a method);
   * a title in another language over an English abstract gives no mentions, the abstract does.
   */
  extract(input: ExtractionInput): ExtractionResult;
  /** The domain whose tagger `extract` uses for `text` (with `domain: 'auto'`, the router's choice). */
  domainOf(text: string): Domain;
}

/** Defaults of {@link ExtractorOptions}. */
export const DEFAULT_EXTRACTOR_OPTIONS = { domain: 'auto' } as const;

/** An extractor reading `options.models`; a `domain` that names no tagger is a UsageError. */
export function createExtractor(options: ExtractorOptions): Extractor {
  const { models, failOn } = options;
  const domain = options.domain ?? DEFAULT_EXTRACTOR_OPTIONS.domain;
  if (domain !== 'auto' && !isDomain(domain))
    throw new UsageError(
      `createExtractor: domain must be auto, ${DOMAINS.join(' or ')}, got ${JSON.stringify(domain)}`,
    );
  const analyser = createAnalyser();
  const rules = relationRules(models.pairs);
  // One cache of summed word and context weights per tagger, made with this extractor's word classes.
  const emissions = new Map<Tagger, Emissions>();
  const emissionsFor = (tagger: Tagger): Emissions => {
    let e = emissions.get(tagger);
    if (e === undefined)
      emissions.set(
        tagger,
        (e = new Emissions(LABELS.length, tagger.lookup, tagger.featureNames(), models.wordClasses)),
      );
    return e;
  };
  const domainOf = (text: string): Domain => (domain === 'auto' ? models.router.route(text) : domain);
  return {
    models,
    analyse: analyser.analyse,
    domainOf,
    extract(input) {
      const id = String(input?.id ?? '');
      let text = inputText(input);
      const title = 'text' in input ? undefined : String(input.title ?? '');
      const parts =
        title === undefined
          ? looksEnglish(text)
            ? 'all'
            : 'none'
          : englishParts({ title, abstract: text.slice(title.length + 1) });
      if (parts === 'none') return { id, mentions: [], relations: [], acronyms: [] };
      // A title in another language is blanked to spaces of its length, so offsets still index the paper's text.
      if (title !== undefined && parts === 'abstract') text = ' '.repeat(title.length) + text.slice(title.length);
      // Outside the try: a missing weights file is a broken install, not odd input.
      const tagger = models.tagger === null ? null : models.tagger(domainOf(text));
      try {
        if (failOn !== undefined && failOn !== '' && text.includes(failOn))
          throw new Error(`KG_TEST_EXTRACT_THROW: the text holds "${failOn}"`);
        return run(
          id,
          analyser.analyse(text),
          tagger === null ? null : { tagger, emissions: emissionsFor(tagger) },
          rules,
        );
      } catch (cause) {
        // A bug must not read as "no mentions": the paper's job fails, naming it.
        throw new ExtractionError(id, cause);
      }
    },
  };
}

/** What tagging reads: the tagger and this extractor's cache of its summed weights. */
interface Tagging {
  tagger: Tagger;
  emissions: Emissions;
}

function run(
  id: string,
  analysis: Analysis,
  tagging: Tagging | null,
  rules: readonly RelationRule[],
): ExtractionResult {
  const { ctx, ruleMentions, candidates } = analysis;
  const mentions = tagging === null ? ruleMentions : tagMentions(tagging, ctx, ruleMentions, candidates);
  const placed = placeMentions(mentions, ctx);
  const relations: Relation[] = findRelations(placed, ctx, rules);
  const acronyms = [...ctx.acronyms.values()].map(({ short, long }) => ({ short, long }));
  const results = findResults(ctx.text, mentions, sentenceSpans(ctx.text, ctx.tokens));
  // Only when there are some: a text without results gives the same output as before results were read.
  return results.length ? { id, mentions, relations, acronyms, results } : { id, mentions, relations, acronyms };
}

/** The tagger's spans as mentions: a span a rule proposed keeps the rule's key (acronym long forms). */
function tagMentions(
  { tagger, emissions }: Tagging,
  ctx: Context,
  ruleMentions: Mention[],
  candidates: Candidate[],
): Mention[] {
  const features = emissions.compute(ctx, ruleMentions);
  const keyed = new Map<string, string>();
  for (const c of candidates)
    if (c.key !== undefined && !keyed.has(`${c.start}:${c.end}`)) keyed.set(`${c.start}:${c.end}`, c.key);
  const definitions = candidates.filter((c) => c.rule === 'acronym-definition' && c.key !== undefined);
  const basedSplits = candidates.filter((c) => c.rule === 'based-split');
  const mentions: Mention[] = [];
  const tokens = ctx.tokens;
  const words = tagger.network === undefined ? [] : tokens.map((t) => t.text.toLowerCase());
  let from = 0;
  while (from < tokens.length) {
    const sentence = tokens[from]?.sentence;
    let to = from;
    while (to < tokens.length && tokens[to]?.sentence === sentence) to++;
    if (tagger.network !== undefined) tagger.network.addScores(words, features, from, to);
    const path = tagger.best(features, from, to);
    const spans = spansOf(path);
    for (let s = 0; s < spans.length; s++) {
      const span = spans[s] as (typeof spans)[number];
      const next = spans[s + 1];
      let start = tokens[from + span.first]?.start as number;
      let end = closeBracket(ctx.text, start, tokens[from + span.last - 1]?.end as number);
      end = withShortForm(
        ctx.text,
        definitions,
        end,
        next === undefined ? Infinity : (tokens[from + next.first]?.start as number),
      );
      const previousEnd = mentions[mentions.length - 1]?.end ?? 0;
      // A lone gerund before an infinitive is no term: the "Learning" of a title "Learning to Rank …" (SciERC marks
      // no such word in train or dev, 0 of 40; on the ACL titles it had made "Learning" a task in 333 papers).
      if (
        span.last - span.first === 1 &&
        /^\p{Ll}+ing$/u.test(tokens[from + span.first]?.lower ?? '') &&
        tokens[from + span.last]?.lower === 'to' &&
        span.last < to - from
      )
        continue;
      // "X-based Y" the rules split into the named X and the task Y stays split (the relation needs both).
      const split = basedSplits.filter((c) => c.start >= start && c.end <= end);
      if (split.length === 2 && split[0]?.start === start && split[1]?.end === end) {
        for (const c of split) mentions.push(keyMention(ctx, c.start, c.end, c.type, c.key, false, false));
        continue;
      }
      // A span holding part of an acronym definition covers all of it: "[Invariant] Risk Minimization (IRM)". Spans the
      // tagger made of the long form's first words are taken in too ("[Reinforcement Learning] from [Human Feedback
      // (RLHF)]" is one mention): the definition says the words are one name, and split, the acronym went to the last
      // part alone. The merged mention keeps the parts' type when they agree, else is a method: the type most names
      // defined with an acronym have (SciERC train: 43 of 91 spans ending in a bracketed acronym, then Task 25).
      const def = definitions.filter((c) => c.start < end && c.end > start);
      let type = span.type;
      if (def.length >= 2) {
        const first = Math.min(start, ...def.map((c) => c.start));
        if (first < previousEnd) {
          let k = mentions.length;
          while (k > 0 && (mentions[k - 1] as Mention).start >= first) k--;
          if (k < mentions.length && (k === 0 || (mentions[k - 1] as Mention).end <= first)) {
            if (mentions.slice(k).some((m) => m.type !== type)) type = 'method';
            mentions.length = k;
          }
        }
        if (first >= (mentions[mentions.length - 1]?.end ?? 0)) start = first;
        end = closeBracket(ctx.text, start, Math.max(end, ...def.map((c) => c.end)));
      }
      mentions.push(
        keyMention(
          ctx,
          start,
          end,
          type,
          keyed.get(`${start}:${end}`) ?? definedKey(definitions, start, end),
          false,
          false,
        ),
      );
    }
    from = to;
  }
  return mentions;
}

/**
 * A span ending where a defined long form ends, followed by its short form in brackets that no other span takes,
 * takes the brackets in: "graph neural networks (GNNs)" is one mention, SciERC's convention ("Spoken Language
 * Systems (SLS)"), and the acronym is not lost when the tagger labels only the long form.
 */
function withShortForm(text: string, definitions: readonly Candidate[], end: number, nextStart: number): number {
  if (text[end] !== ' ' || text[end + 1] !== '(' || !definitions.some((c) => c.end === end)) return end;
  const short = definitions.find((c) => c.start === end + 2 && text[c.end] === ')');
  return short === undefined || nextStart <= short.end ? end : short.end + 1;
}

/**
 * The long form's key for a span that holds a whole acronym definition: SciERC (and so the tagger) keeps
 * "Invariant Risk Minimization (IRM)" and "IRM (Invariant Risk Minimization)" as one mention.
 */
function definedKey(definitions: readonly Candidate[], start: number, end: number): string | undefined {
  const inside = definitions.filter((c) => c.start >= start && c.end <= end);
  if (inside.length < 2) return undefined;
  const first = Math.min(...inside.map((c) => c.start));
  const last = Math.max(...inside.map((c) => c.end));
  return first === start && (last === end || last + 1 === end) ? inside[0]?.key : undefined;
}

/** A span that opens a bracket it does not close takes the ")" right after it: "Spoken Language Systems (SLS)". */
export function closeBracket(text: string, start: number, end: number): number {
  if (text[end] !== ')') return end;
  let depth = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
  }
  return depth > 0 ? end + 1 : end;
}

/** Mentions with their sentence index (the sentence of the token they start at), as the relation rules read them. */
export function placeMentions(mentions: ExtractionResult['mentions'], ctx: Context): PlacedMention[] {
  const placed: PlacedMention[] = [];
  let t = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m === undefined) continue;
    while (t + 1 < ctx.tokens.length && (ctx.tokens[t + 1]?.start ?? Infinity) <= m.start) t++;
    placed.push({
      index: i,
      start: m.start,
      end: m.end,
      type: m.type,
      key: m.key,
      sentence: ctx.tokens[t]?.sentence ?? 0,
    });
  }
  return placed;
}
