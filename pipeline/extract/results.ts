/**
 * Results the text states: "achieves 92.1 F1 on CoNLL-2003", "improves BLEU by 2.3 points on WMT14 En-De", "an
 * accuracy of 89.4 % on SST-2", "a 15 % relative reduction in WER". A number becomes a result only when a metric mention
 * is tied to it by one of three local patterns, read inside its sentence:
 *
 * - level or change before the metric: `NUM [unit] [absolute|relative] METRIC` ("92.1 F1", "0.3 BLEU points"), or
 *   `NUM [unit] [absolute|relative] improvement|reduction|… in|of METRIC` (a change);
 * - metric before the level: `METRIC [score] of|=|:|is|was|at NUM` ("an F-score of 0.87");
 * - a change by a verb: `improve|increase|reduce|… METRIC [of …] by NUM` ("improves BLEU by 2.3 points").
 *
 * The dataset is a dataset mention the sentence ties to the result ("… on X", "On X, …"); the method a named method
 * mention that is the subject of the verb stating the result ("PG-GSQL achieves …"): "our model" (a generic mention)
 * and anything less direct are left out rather than guessed. Precision over recall: years, counts, sizes ("1.5M"),
 * multipliers ("6 times faster"), p-values, ranks ("top 5", "3rd"), numbers in a name ("WMT14", "F0.5"), numbers in
 * lists whose pairing is unclear ("precision and recall of 90 % and 85 %") and vague metrics ("performance") give none.
 */
import type { Mention, ReportedResult } from '../core/types.js';
import { LANGUAGES } from './core/lexicon.js';

/** Metric keys too vague for a result row: the number is a score, but of what is not said. */
const VAGUE_METRICS: ReadonlySet<string> = new Set([
  'performance',
  'score',
  'result',
  'quality',
  'improvement',
  'gain',
  'metric',
  'evaluation metric',
  'measure',
  'evaluation measure',
  'rate',
  'efficiency',
  'effectiveness',
  'error',
  'overall performance',
  'state of the art',
  'state of the art performance',
  'state of the art result',
  'translation quality',
  'correlation',
]);

/** Units typed as metrics ("1 GB"): sizes and times are no scores. */
const UNIT_WORDS: ReadonlySet<string> = new Set([
  'gb',
  'mb',
  'kb',
  'tb',
  'ms',
  'hz',
  'khz',
  'mhz',
  'ghz',
  'second',
  'hour',
  'minute',
  'day',
  'parameter',
]);

/** Metrics for which an unqualified "by 10 %" may be relative or absolute: such a change is left out. */
const AMBIGUOUS_PERCENT_CHANGE = /error|\bwer\b|\bcer\b|\bter\b|perplexity|loss|time|speed|latency|cost|size/;

/** A number not glued to a word or a name: "92.1", "+0.73", not "WMT14", "SST-2", "1.5M", "3rd", "45x". */
const NUMBER =
  /(?<![\p{L}\p{N}_.\-–—−/@#^])(\+)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\p{L}\p{N}]|[.,]\d|-[\p{L}\p{N}])/gu;
/** A unit right after a number (and an "absolute"/"relative" qualifier). */
const UNIT =
  /^(?:\s?(%)|\s+(percent)(?!age)|\s+(percentage\s+points?|points?|pp)\b|\s?(pp)\b)(?:\s+(absolute|relative)\b)?/i;
/** Words that hedge a number without changing it ("up to 2.3", "about 94 %"). */
const HEDGE =
  '(?:(?:up to|over|about|around|approximately|roughly|nearly|almost|more than|as much as|at least|above|only|just|an? average of|an? margin of|an? total of)\\s+)?';
/** Nouns of change: "a 15 % relative reduction in WER", "gains of 1.4 points". */
const CHANGE_NOUN = '(?:improvements?|gains?|increases?|reductions?|decreases?|drops?|boosts?|rises?|margins?)';
/** Verbs of change that take the metric as object: "improves BLEU by 2.3". */
const CHANGE_VERB =
  /\b(?:improv|increas|boost|rais|reduc|lower|decreas|cut|enhanc)\w*\s+(?:(?:the|our|its|their|overall|average|absolute)\s+)*$/i;
/** Verbs that state a result of their subject. */
const RESULT_VERB =
  '(?:achiev|obtain|yield|reach|attain|scor|gets?|got|record|deliver|produc|report|give|gave|improv|outperform|surpass|boost|exceed|set)\\w*';
/** What may stand between a result verb and the number or the metric. */
const RESULT_FILLER =
  '(?:(?:a|an|the|new|state[- ]of[- ]the[- ]art|sota|competitive|strong|top|best|highest|overall|average|macro|micro|results?\\s+of|performance\\s+of|scores?\\s+of|up\\s+to|over|about|around|nearly|an?\\s+average\\s+of)\\s+)*';
const METHOD_GAP = new RegExp(
  `^\\s+(?:\\([^()]{1,30}\\)\\s+)?(?:(?:also|further|then|still|now|consistently|significantly|substantially|even)\\s+)?${RESULT_VERB}\\s+${RESULT_FILLER}$`,
  'i',
);

/** The sentence spans of a text from its tokens' sentence numbers (compromise's sentences), end after the full stop. */
export function sentenceSpans(
  text: string,
  tokens: readonly { start: number; end: number; sentence: number }[],
): [number, number][] {
  const spans: [number, number][] = [];
  let current = -1;
  for (const t of tokens) {
    if (t.sentence !== current || spans.length === 0) {
      spans.push([t.start, t.end]);
      current = t.sentence;
    } else spans[spans.length - 1]![1] = t.end;
  }
  for (const s of spans) while (s[1] < text.length && /[.!?)\]"”’']/.test(text[s[1]]!)) s[1] += 1;
  return spans;
}

interface Found {
  metric: number;
  value: number;
  unit?: '%' | 'points';
  delta?: 'absolute' | 'relative';
  /** Qualifier written: "absolute" or "relative". */
  qualified: boolean;
  start: number;
  end: number;
  /** Where the statement starts (its first of number and metric) and ends (with the unit). */
  first: number;
  last: number;
}

/**
 * The results stated in `text`, read from its `mentions` (sorted by start, as the extractor emits them) sentence by
 * sentence (`sentences`: [start, end) spans in text order). Indexes in the results point into `mentions`.
 */
export function findResults(
  text: string,
  mentions: readonly Mention[],
  sentences: readonly (readonly [number, number])[],
): ReportedResult[] {
  const out: ReportedResult[] = [];
  let m0 = 0;
  for (const [s, e] of sentences) {
    while (m0 < mentions.length && mentions[m0]!.start < s) m0++;
    let m1 = m0;
    while (m1 < mentions.length && mentions[m1]!.start < e) m1++;
    const inside: number[] = [];
    for (let i = m0; i < m1; i++) if (mentions[i]!.end <= e) inside.push(i);
    if (!inside.some((i) => mentions[i]!.type === 'metric')) continue;
    const found: Found[] = [];
    for (const match of text.slice(s, e).matchAll(NUMBER)) {
      const f = readNumber(text, mentions, inside, s, e, s + match.index, match);
      if (f !== undefined) found.push(f);
    }
    // "gains of 1.4 points in BLEU and 2.8 points in TER": a result coordinated with a change is a change too.
    for (let k = 1; k < found.length; k++) {
      const [a, b] = [found[k - 1]!, found[k]!];
      if (
        a.delta !== undefined &&
        b.delta === undefined &&
        /^\s*(?:,\s*)?(?:and|,)\s*(?:up to\s+|\+)?$/i.test(text.slice(a.last, b.first))
      )
        b.delta = a.delta;
    }
    const datasets = inside.filter((i) => mentions[i]!.type === 'dataset');
    const leading = leadingDataset(text, mentions, datasets, s);
    const respectively = /\brespectively\b/i.test(text.slice(s, e));
    for (const f of found) {
      const dataset = respectively ? undefined : (datasetAfter(text, mentions, datasets, f) ?? leading);
      const method = methodOf(text, mentions, inside, f, s);
      out.push({
        metric: f.metric,
        ...(dataset === undefined ? {} : { dataset }),
        ...(method === undefined ? {} : { method }),
        value: f.value,
        ...(f.unit === undefined ? {} : { unit: f.unit }),
        ...(f.delta === undefined ? {} : { delta: f.delta }),
        start: f.start,
        end: f.end,
        sentence: [s, e],
      });
    }
  }
  return out;
}

function readNumber(
  text: string,
  mentions: readonly Mention[],
  inside: readonly number[],
  s: number,
  e: number,
  start: number,
  match: RegExpMatchArray,
): Found | undefined {
  const sign = match[1] === '+';
  const numStart = sign ? start + 1 : start;
  const end = start + match[0].length;
  const written = `${match[2]!.replace(/,/g, '')}${match[3] ?? ''}`;
  const value = Number(written);
  if (!Number.isFinite(value)) return undefined;
  // Inside a mention ("F0.5 score", "top 5 accuracy", "SST 2"): part of a name.
  if (inside.some((i) => mentions[i]!.start < end && mentions[i]!.end > numStart)) return undefined;
  const before = text.slice(Math.max(s, start - 40), start);
  const beforeLower = before.toLowerCase();
  // p-values, ranks, parameters, references: "p < 0.05", "top 5", "k = 10", "Table 3", "rank 2", "from 80.1 (to …)".
  if (
    /(?:\bp\s*[<>=≤≥]|[<>≤≥~]|\b(?:top|table|figure|fig\.|section|sec\.|rank(?:ed)?|k|n|hits|step|layer|epoch)\s*[=:]?)\s*$/i.test(
      before,
    )
  )
    return undefined;
  if (
    /\b(?:from|than|vs\.?|versus|compared\s+(?:to|with)|against|baseline(?:'s)?|previous(?:ly)?|only)\s+(?:about\s+|around\s+)?$/i.test(
      beforeLower,
    )
  )
    return undefined;
  const rest = text.slice(end, e);
  const unitMatch = UNIT.exec(rest);
  let unit: '%' | 'points' | undefined;
  let qualifier: string | undefined;
  let after = end;
  if (unitMatch) {
    unit = unitMatch[1] !== undefined || unitMatch[2] !== undefined ? '%' : 'points';
    qualifier = unitMatch[5]?.toLowerCase();
    after = end + unitMatch[0].length;
  }
  const tail = text.slice(after, e);
  // Multipliers, ranges, fractions and number lists: "6 times", "2x", "3-5", "8/10", "90 % and 85 %".
  if (
    /^\s*(?:times\b|x\b|×|fold\b|-fold|[-–—−/]\s*\d|to\s+\d|(?:or|and)\s+(?:less|more|lower|higher|below|above|fewer)\b)/i.test(
      tail,
    )
  )
    return undefined;
  // The upper end of a range: "2.1 to 4.9 BLEU points", "3–10 F1 points".
  if (/\d\s*(?:%|points?)?\s*(?:to|[-–—−])\s*$/.test(before)) return undefined;
  // A year, or a count of something that is no metric: left to the metric patterns below, but a bare year never.
  if (unit === undefined && match[3] === undefined && value >= 1950 && value <= 2035) return undefined;
  // "89 % of the sentences": a share of items, not a score.
  if (
    unit === '%' &&
    /^\s+of\s+(?:the|all|our|its|their|these|those|\d)/i.test(tail) &&
    !/^\s+of\s+the\s+time\b/i.test(tail)
  )
    return undefined;
  if (/^\s+\d/.test(tail)) return undefined;
  const list =
    /^\s*(?:,|and\b|or\b|\/)\s*\+?\d/.test(tail) || /\d\s*(?:%|points?)?\s*(?:,|and|or|\/)\s*\+?$/.test(before);
  // 1. NUM [unit] [qualifier] METRIC, or NUM [unit] [qualifier] CHANGE in|of METRIC.
  const next = inside.find((i) => mentions[i]!.start >= after);
  if (next !== undefined && mentions[next]!.type === 'metric') {
    const gap = text.slice(after, mentions[next]!.start);
    const direct = /^\s*(?:(absolute|relative)\s+)?$/i.exec(gap);
    const change = new RegExp(
      `^\\s*(?:(absolute|relative)\\s+)?(?:error\\s+)?${CHANGE_NOUN}\\s+(?:in|of|on)\\s+(?:the\\s+)?$`,
      'i',
    ).exec(gap);
    // "1.4 points in BLEU", "2 % in accuracy": a unit, then the metric it is counted in (a change).
    const counted = unit !== undefined && /^\s+in\s+(?:the\s+)?$/i.test(gap);
    if ((direct || change || counted) && !(list && /\band\b|,/.test(before.slice(-6)))) {
      const m = mentions[next]!;
      let last = m.end;
      const points = /^\s+points?\b/i.exec(text.slice(m.end, e));
      if (points && unit === undefined) {
        unit = 'points';
        last = m.end + points[0].length;
      }
      qualifier ??= (direct?.[1] ?? change?.[1])?.toLowerCase();
      return finish(text, mentions, inside, {
        metric: next,
        value,
        unit,
        qualifier,
        changed: change !== null || counted || sign,
        start,
        end,
        first: start,
        last,
        s,
        e,
      });
    }
  }
  // 2. METRIC [score] of|=|:|is NUM, and 3. CHANGE-VERB METRIC [of …] by NUM.
  const prev = [...inside].reverse().find((i) => mentions[i]!.end <= start);
  if (prev === undefined || mentions[prev]!.type !== 'metric' || list) return undefined;
  const m = mentions[prev]!;
  const gap = text.slice(m.end, start);
  const lead = text.slice(s, m.start);
  const level = new RegExp(
    `^\\s*(?:scores?\\s+|rates?\\s+|values?\\s+)?(?:of|=|:|is|was|are|were|reaching|reached|reaches|at)\\s+${HEDGE}$`,
    'i',
  ).test(gap);
  const by = new RegExp(`^(?:\\s+(?:of|on|for|in)\\s+[^,;()]{0,50}?)?\\s+by\\s+${HEDGE}$`, 'i').test(gap);
  if (!level && !(by && CHANGE_VERB.test(lead))) return undefined;
  // "precision and recall of 90 %": which number is whose is not said.
  const before2 = [...inside].reverse().find((i) => mentions[i]!.end <= m.start);
  if (before2 !== undefined && /^\s*(?:,|and|or|\/)\s*$/.test(text.slice(mentions[before2]!.end, m.start)))
    return undefined;
  const changedBefore =
    new RegExp(`${CHANGE_NOUN}\\s+(?:in|of|on)\\s+(?:the\\s+)?$`, 'i').test(lead) ||
    /\bby\s+(?:an?\s+)?$/i.test(lead) ||
    (level && CHANGE_VERB.test(lead));
  return finish(text, mentions, inside, {
    metric: prev,
    value,
    unit,
    qualifier: qualifier ?? (/\brelative\s+\S+\s+(?:in|of)\s+(?:the\s+)?$/i.test(lead) ? 'relative' : undefined),
    changed: by || changedBefore || sign,
    start,
    end,
    first: m.start,
    last: after,
    s,
    e,
  });
}

function finish(
  text: string,
  mentions: readonly Mention[],
  _inside: readonly number[],
  f: {
    metric: number;
    value: number;
    unit: '%' | 'points' | undefined;
    qualifier: string | undefined;
    changed: boolean;
    start: number;
    end: number;
    first: number;
    last: number;
    s: number;
    e: number;
  },
): Found | undefined {
  const metric = mentions[f.metric]!;
  if (VAGUE_METRICS.has(metric.key) || metric.inferred === true) return undefined;
  // Broken spans ("BLEU 1.53 TER", "accuracy (F-score") and changes named as metrics ("calibration error reduction").
  if (
    /(?:^|\s)\d/.test(metric.text) ||
    (metric.text.match(/\(/g)?.length ?? 0) !== (metric.text.match(/\)/g)?.length ?? 0)
  )
    return undefined;
  const changeMetric = /\b(?:reduction|improvement|gain|increase|decrease)s?$/i.test(metric.text);
  if (changeMetric && !/\brelative\b/i.test(metric.text)) return undefined;
  // A unit read as part of the metric: "1 GB", "44.1 kHz sampling rate".
  if (/[.;:]\p{L}/u.test(metric.text) || UNIT_WORDS.has(metric.key) || UNIT_WORDS.has(metric.key.split(' ')[0]!))
    return undefined;
  if (f.unit === undefined && /\b(?:points?|pts)$/i.test(metric.text)) f.unit = 'points';
  const before = text.slice(f.s, f.first);
  const after = text.slice(Math.max(f.last, f.end), f.e);
  const byRun = new RegExp(
    `\\bby\\s+${HEDGE}(?:\\+?\\d+(?:\\.\\d+)?\\s*(?:%|points?)?(?:\\s+[\\w-]+){0,4}\\s*(?:,|and|or)\\s*)*$`,
    'i',
  ).test(text.slice(f.s, f.start));
  const lead = text.slice(f.s, f.start);
  const changeOf = new RegExp(
    `${CHANGE_NOUN}(?:\\s+(?:in|on)\\s+[^,;()]{0,40}?)?\\s+(?:of|are|were|is|was)?\\s*${HEDGE}$`,
    'i',
  ).test(lead);
  const changeVerb =
    /\b(?:improv|increas|boost|gain|outperform)\w*\b[^,;.]{0,40}?[\s(](?:by\s+)?(?:up to|by)\s+$/i.test(lead);
  const relativeLead = new RegExp(
    `\\brelative\\s+${CHANGE_NOUN}\\s+(?:of\\s+|in\\s+[^,;()]{0,40}?\\s+of\\s+)?${HEDGE}$`,
    'i',
  ).test(lead);
  const reduction = /\b(?:reduc|decreas|lower|cut)\w*\b[^,;.]{0,40}$/i.test(text.slice(f.s, f.first));
  const changeAfter =
    /^\s*(?:(?:absolute|relative)\s+)?(?:higher|better|lower|improvements?|gains?|increases?|reductions?|decreases?|drops?|boosts?|margins?|over\s+(?!\d))/i.test(
      after,
    );
  const relative =
    f.qualifier === 'relative' ||
    relativeLead ||
    /\brelative\b/i.test(metric.text) ||
    /\brelative\s+$/i.test(before) ||
    /^\s*relative\b/i.test(after);
  const changed =
    f.changed ||
    byRun ||
    changeOf ||
    changeVerb ||
    changeAfter ||
    f.unit === 'points' ||
    relative ||
    f.qualifier === 'absolute';
  let delta: 'absolute' | 'relative' | undefined;
  if (changed) {
    if (relative) delta = 'relative';
    else if (f.qualifier === 'absolute' || f.unit !== '%') delta = 'absolute';
    // "reduces WER by 10 %", "improves accuracy by 63 %": relative or absolute, the text does not say.
    else if (AMBIGUOUS_PERCENT_CHANGE.test(metric.key) || reduction || f.value >= 25) return undefined;
    else delta = 'absolute';
  }
  return {
    metric: f.metric,
    value: f.value,
    ...(f.unit === undefined ? {} : { unit: f.unit }),
    ...(delta === undefined ? {} : { delta }),
    qualified: f.qualifier !== undefined,
    start: f.start,
    end: f.end,
    first: f.first,
    last: f.last,
  };
}

/** A dataset right after the result: "… on (the) X", "… on the test set of X". */
function datasetAfter(
  text: string,
  mentions: readonly Mention[],
  datasets: readonly number[],
  f: Found,
): number | undefined {
  const from = Math.max(f.last, f.end);
  const d = datasets.find((i) => mentions[i]!.start >= from);
  const before = [...datasets].reverse().find((i) => mentions[i]!.end <= f.first);
  if (
    before !== undefined &&
    /^\s*\(\s*$/.test(text.slice(mentions[before]!.end, f.first)) &&
    namedDataset(mentions[before]!)
  )
    return before;
  if (d === undefined || !namedDataset(mentions[d]!)) return undefined;
  const gap = text.slice(from, mentions[d]!.start);
  return /^\s*(?:(?:absolute|relative|points?)\s+)?(?:\([^()]{0,30}\)\s*)?(?:on|across)\s+(?:the\s+)?(?:(?:standard|benchmark|popular|widely[- ]used|challenging|public|english|official|blind|held[- ]out)\s+)*(?:(?:test|dev|development|evaluation|validation)\s+(?:set|data|split)\s+(?:of|from)\s+(?:the\s+)?)?$/i.test(
    gap,
  )
    ? d
    : undefined;
}

/** "On X, …", "Experiments on the X dataset show …": the one dataset of a sentence that opens with it. */
function leadingDataset(
  text: string,
  mentions: readonly Mention[],
  datasets: readonly number[],
  s: number,
): number | undefined {
  if (datasets.length !== 1) return undefined;
  const d = mentions[datasets[0]!]!;
  if (!namedDataset(d)) return undefined;
  const lead = text.slice(s, d.start);
  const trail = text.slice(d.end, Math.min(text.length, d.end + 40));
  if (
    !/^(?:(?:our\s+)?(?:experiments?|experimental\s+results?|results?|evaluations?)\s+)?(?:conducted\s+|performed\s+)?(?:on|in)\s+(?:the\s+)?$/i.test(
      lead,
    )
  )
    return undefined;
  return /^\s*(?:(?:dataset|benchmark|corpus|test\s+set|data)\s*)?(?:,|show|demonstrate|indicate|reveal|suggest)/i.test(
    trail,
  )
    ? datasets[0]
    : undefined;
}

/** The named method whose verb states the result: "PG-GSQL achieves 34.0 % …", "BERT obtains an F1 of …". */
function methodOf(
  text: string,
  mentions: readonly Mention[],
  inside: readonly number[],
  f: Found,
  s: number,
): number | undefined {
  const prev = [...inside].reverse().find((i) => mentions[i]!.end <= f.first && mentions[i]!.start >= s);
  if (prev === undefined) return undefined;
  const m = mentions[prev]!;
  if (m.type !== 'method' || m.inferred === true) return undefined;
  // A name ("CMADE", "PG-GSQL", "deep MSC"), not a description ("our dialogue system"), and the subject, not the
  // object of a preposition ("RobEn paired with BERT achieves …").
  if (!/[\p{Lu}\p{N}]/u.test(m.text)) return undefined;
  if (
    !/(?:^|[,(:;]|\b(?:our|the|a|an|their|its|this|that|best|final|proposed|new|single))\s*$/i.test(
      text.slice(s, m.start),
    )
  )
    return undefined;
  return METHOD_GAP.test(text.slice(m.end, f.first)) ? prev : undefined;
}

/** A dataset named as such ("CoNLL-2003", "the Penn Treebank"), not a language ("English") or a description ("test data"). */
function namedDataset(m: Mention): boolean {
  return /[\p{Lu}\p{N}]/u.test(m.text) && !LANGUAGES.has(m.key) && m.inferred !== true;
}
