/**
 * Relation rule EVALUATED_ON: what is evaluated (a method, or a task) points to the dataset it is evaluated on or the
 * metric it is measured with. Only with an evaluation cue: "evaluate/test/benchmark X on Y", "results/accuracy of X
 * on Y", "X outperforms … on Y", never "train X on Y", "built on Y", "based on Y" (issue 31: any "X on Y" was 40 %
 * right on the ACL sample). Task and dataset: "Y, a benchmark/dataset for T" and "the T task on Y" (T evaluated on
 * Y). Task or method and metric: "X measured/evaluated by/with/in terms of M", "X in terms of M", "M of X", "M on/for
 * T" ("F1 on named entity recognition"). A metric that names a quality, not a measure ("robustness", "time
 * complexity"), is no end.
 */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';
import { DET, gapOf } from './patterns.js';
import { EVALUATION_CUE, NOT_EVALUATION, isLanguage, leadOf, negated } from './cues.js';

/** "X on Y", or with a few words first: "X achieves the best results on Y", "X performs well across Y". */
const ON = new RegExp(String.raw`^\s+(?:[^,;.()]{0,50}\s)?(?:on|over|across)\s+${DET}$`);
const OF = gapOf('of');
/** "M on T", "M for T": the F1 on named entity recognition, BLEU for machine translation. */
const METRIC_OF_TASK = gapOf('on|for|in');
/** "X (is) measured/evaluated/assessed by/with/using/in terms of M", "X in terms of M". */
const MEASURED = new RegExp(
  String.raw`^\s+(?:(?:is|are|was|were|be|been|being)\s+)?(?:(?:measured|evaluated|assessed|scored|compared|ranked|judged)\s+(?:by|with|using|in terms of|according to)|in terms of)\s+${DET}$`,
);
/** "D, a (new, large) benchmark/dataset for T", "D is a dataset for T". */
const RESOURCE_FOR = new RegExp(
  String.raw`^\s*(?:,|\s(?:is|was|as|provides))?\s*(?:(?:a|an|the|one)\s+)?(?:[a-z-]+\s+){0,3}?(?:benchmark|dataset|data set|test set|test suite|challenge set|evaluation set|evaluation benchmark)s?\s+for\s+${DET}$`,
);
/** A bare "for" after a dataset whose own name says it is a benchmark or dataset: "the SQuAD benchmark for QA". */
const FOR = gapOf('for');
const BENCHMARK_NAME = /\b(?:benchmark|dataset|data set|test set|test suite|challenge set)s?$/i;
/** A result named right before a dataset: "results on", "accuracy on", "experiments on", "evaluated on". */
const RESULT_BEFORE =
  /\b(?:results?|accuracy|performance|scores?|f1|experiments?|evaluat\w*|tested|benchmarked)\s+(?:on|over|across)\s+(?:(?:the|a|an|two|three|several|four|five|six|multiple|standard)\s+)*$/;
/** "the T task on D", the task's mention holding "task" or the gap naming it. */
const TASK_ON = new RegExp(String.raw`^\s+(?:(?:shared\s+)?task\s+)?on\s+${DET}$`);
/** Head words of metric mentions that name a quality rather than a measure one reports. */
const NOT_A_MEASURE =
  /\b(?:robustness|ability|abilities|capability|capabilities|capacity|complexity|interpretability|explainability|effectiveness|efficiency|generali[sz]ation|quality|usefulness|utility|feasibility|stability|reliability|validity)$/i;

function find(_mentions: PlacedMention[], neighbours: Pair[]): Pair[] {
  return neighbours;
}

/** Words of the measures abstracts report; any other metric end must be a name ("BLEU", "F1", "chrF", "LAS"). */
const MEASURE_WORD =
  /\b(?:accuracy|accuracies|precision|recall|f1|f-?scores?|f-?measures?|error rates?|perplexity|perplexities|exact match|correlations?|kappa|scores?|rates?|auc|rank)\b/i;
/** A name rather than a description: an upper-case letter inside a word, two in a row, or a digit. */
const NAMED = /[A-Z]{2}|[a-z][A-Z]|\d/;

/** A metric end one can read a number of: a measure word or a name, not a quality ("robustness") nor "evaluation metrics". */
function isMeasure(m: PlacedMention, ctx: Context): boolean {
  const text = ctx.text.slice(m.start, m.end);
  if (m.type !== 'metric' || NOT_A_MEASURE.test(text) || GLUED_LIST.test(text) || WITH_VALUE.test(text)) return false;
  return MEASURE_WORD.test(text) || (NAMED.test(text) && !/\b(?:metrics?|measures?)$/i.test(text));
}

/**
 * A dataset end a reader can look up: a name ("SQuAD", "CoNLL-2003", "the Penn Treebank"), not a description ("a
 * multilingual dataset", "real-world structured data"), a language, a glued list ("CoNLL-2014 and FCE benchmarks").
 * In the title line every word is capitalised, so there only a name's own marks count (SQuAD's, CoNLL-2003's).
 */
function isNamedDataset(m: PlacedMention, ctx: Context): boolean {
  const text = ctx.text.slice(m.start, m.end);
  if (isLanguage(m, ctx) || GLUED_LIST.test(text)) return false;
  const title = ctx.text.indexOf('\n');
  return NAMED.test(text) || (/\b[A-Z][a-z]/.test(text) && !(title >= 0 && m.start < title));
}

/** Two items written as one mention: "CoNLL-2014 and FCE benchmarks", "perplexity and topic coherence". */
const GLUED_LIST = /\s(?:and|or|&)\s|,\s/;
/** A metric mention that holds its values: "27.69/32.24 BLEU scores". */
const WITH_VALUE = /^\d|\d[.,/]\d|\d\s*%/;
/** What is evaluated is no dataset: "language modeling benchmarks". */
const DATA_HEAD = /\b(?:benchmarks?|datasets?|data sets?|corpus|corpora|data|test sets?|treebanks?)$/i;
/** Words in a long "X … on D" gap that bring in another subject or clause: "X and our approach achieves … on D". */
const OTHER_SUBJECT = /\b(?:and|but|while|which|that|who|our|we|it|they|its|their|whereas)\b/;

function parse(pair: Pair, ctx: Context): FoundRelation | null {
  const { first, second, gap } = pair;
  // A method is evaluated on a dataset with an evaluation cue; a task only when the text calls it a task.
  const text = (m: PlacedMention): string => ctx.text.slice(m.start, m.end);
  const evaluated = (first.type === 'method' || first.type === 'task') && !DATA_HEAD.test(text(first));
  if (negated(pair, ctx)) return null;
  // X on dataset: an evaluation cue before X or in the gap, and no training, building or applying.
  if (evaluated && second.type === 'dataset' && ON.test(gap) && !/based$/i.test(text(first))) {
    if (!isNamedDataset(second, ctx) || OTHER_SUBJECT.test(gap)) return null;
    const around = `${leadOf(pair, ctx)} ${gap}`;
    const taskOn = first.type === 'task' && TASK_ON.test(gap) && /\btasks?\b/i.test(`${text(first)}${gap}`);
    if (!NOT_EVALUATION.test(around) && (EVALUATION_CUE.test(around) || taskOn)) return rel(first, second);
    return null;
  }
  // A benchmark for a task: the task is evaluated on it.
  if (first.type === 'dataset' && second.type === 'task') {
    if (!isNamedDataset(first, ctx)) return null;
    if (RESOURCE_FOR.test(gap)) return rel(second, first);
    // "the SQuAD benchmark for QA"; "the best accuracy on CoNLL-2003 for NER".
    if (FOR.test(gap) && (BENCHMARK_NAME.test(text(first)) || RESULT_BEFORE.test(leadOf(pair, ctx))))
      return rel(second, first);
    return null;
  }
  if (evaluated && isMeasure(second, ctx) && MEASURED.test(gap)) return rel(first, second);
  if (isMeasure(first, ctx) && (second.type === 'method' || second.type === 'task') && OF.test(gap))
    return rel(second, first);
  if (isMeasure(first, ctx) && second.type === 'task' && METRIC_OF_TASK.test(gap)) return rel(second, first);
  return null;
}

const rel = (head: PlacedMention, tail: PlacedMention): FoundRelation => ({
  type: 'EVALUATED_ON',
  head: head.index,
  tail: tail.index,
});

export const evaluatedOn: RelationRule = { name: 'evaluated-on', find, parse };
