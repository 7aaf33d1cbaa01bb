/**
 * Specificity: a score in [0, 1] saying how specific a term is ("BERT", "machine translation") versus an umbrella word
 * ("features", "NLP", "neural models"). A logistic model over how the term is written and how the corpus uses it
 * (graph/specificity-features.ts), weighted by how much the corpus has seen of it; a term that is a generic head on
 * another term ("MT systems", "NLP tasks") leans on that term's score. Judging rules and measurements: docs/specificity.md.
 */
import { UsageError } from '../pipeline/core/errors.js';
import { specificityFeatures, type SpecificityFeatures } from './specificity-features.js';
import type { EntityAttributes, KnowledgeGraph } from './core/types.js';
import { UMBRELLA_BELOW } from './umbrella.js';

/** The features a weight multiplies: every {@link SpecificityFeatures} field but the paper count and `leansOn`. */
export type SpecificityFeature = Exclude<keyof SpecificityFeatures, 'papers' | 'leansOn'>;

/** Features that only say how a term is written or typed: the whole score of a term the corpus has not seen enough of. */
export const FORM_FEATURES: readonly SpecificityFeature[] = ['named', 'nameShape', 'language', 'dataset'];

/** All weighted features, in a fixed order. */
export const SPECIFICITY_FEATURES: readonly SpecificityFeature[] = [
  ...FORM_FEATURES,
  'wordConcentration',
  'concentration',
  'timeConcentration',
  'repetition',
  'titleShare',
  'hyponym',
  'hypernym',
  'cohesion',
];

/** A weight per feature plus the intercept, in logits. */
export type SpecificityWeights = Record<SpecificityFeature | 'bias', number>;

/** Options of {@link specificity}. */
export interface SpecificityOptions {
  /** Below this score a term counts as an umbrella term (hidden by default in views, last in rankings). @defaultValue 0.5 */
  umbrellaBelow: number;
  /**
   * Papers at which the corpus's evidence about a term counts half: with n papers the corpus model has weight
   * n / (n + evidencePapers) and how the term is written the rest, so a term seen in one or two papers is not judged
   * by statistics of one or two papers. @defaultValue 10
   */
  evidencePapers: number;
  /** Score of a plainly written term the corpus says nothing about, before its form features. @defaultValue 0.6 */
  unknownScore: number;
  /**
   * Share of the score a term takes from the entity it leans on (`SpecificityFeatures.leansOn`): "MT systems" from
   * "machine translation", "NLP tasks" from "NLP", "multilingual BERT" from "BERT". A lone common word as modifier
   * ("neural models") lends nothing: it says too little. @defaultValue 0.5
   */
  leanShare: number;
  /**
   * Logistic weights. Fitted on the odd-ranked half of the judged ACL sample (pipeline/eval/specificity-acl.json)
   * by `node dist/bench/specificity.js SNAPSHOT --fit`, rounded to two decimals.
   */
  weights: Readonly<SpecificityWeights>;
}

/** Weights fitted on the tune half of the judged ACL sample (docs/specificity.md). */
const FITTED_WEIGHTS: Readonly<SpecificityWeights> = {
  bias: -6.1,
  named: 5.61,
  nameShape: 2.04,
  language: -3.82,
  dataset: -2.98,
  wordConcentration: 4.29,
  concentration: 1.23,
  timeConcentration: 3.45,
  repetition: 7.06,
  titleShare: 5.56,
  hyponym: 4.24,
  hypernym: -2.09,
  cohesion: 0.26,
};

/** Defaults of {@link specificity}. */
export const DEFAULT_SPECIFICITY_OPTIONS: Readonly<SpecificityOptions> = {
  umbrellaBelow: UMBRELLA_BELOW,
  evidencePapers: 10,
  unknownScore: 0.6,
  leanShare: 0.5,
  weights: FITTED_WEIGHTS,
};

const SHARE_OPTIONS = ['umbrellaBelow', 'unknownScore', 'leanShare'] as const;

/** Options as callers give them: any subset, weights merged by name. */
export type SpecificityOptionsInput = Partial<Omit<SpecificityOptions, 'weights'>> & {
  weights?: Partial<SpecificityWeights>;
};

/** Fills unset (or undefined) options with {@link DEFAULT_SPECIFICITY_OPTIONS} and checks them; weights merge by name. */
export function resolveSpecificityOptions(options: SpecificityOptionsInput = {}): SpecificityOptions {
  const weights: SpecificityWeights = { ...DEFAULT_SPECIFICITY_OPTIONS.weights };
  const resolved: SpecificityOptions = { ...DEFAULT_SPECIFICITY_OPTIONS, weights };
  for (const name of SHARE_OPTIONS) {
    const value = options[name];
    if (value === undefined) continue;
    const open = name === 'unknownScore';
    if (typeof value !== 'number' || !(open ? value > 0 && value < 1 : value >= 0 && value <= 1)) {
      throw new UsageError(
        `graph: specificity ${name} must be a number ${open ? 'between 0 and 1 (exclusive)' : 'from 0 to 1'}, got ${JSON.stringify(value)}`,
      );
    }
    resolved[name] = value;
  }
  if (options.evidencePapers !== undefined) {
    if (
      typeof options.evidencePapers !== 'number' ||
      !(options.evidencePapers >= 0) ||
      !Number.isFinite(options.evidencePapers)
    ) {
      throw new UsageError(
        `graph: specificity evidencePapers must be a number of at least 0, got ${JSON.stringify(options.evidencePapers)}`,
      );
    }
    resolved.evidencePapers = options.evidencePapers;
  }
  for (const [name, value] of Object.entries(options.weights ?? {})) {
    if (!(name in weights))
      throw new UsageError(
        `graph: specificity weights has no feature "${name}"; known: ${Object.keys(weights).join(', ')}`,
      );
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new UsageError(`graph: specificity weight ${name} must be a finite number, got ${JSON.stringify(value)}`);
    weights[name as keyof SpecificityWeights] = value;
  }
  return resolved;
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));
const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * The logit of a term's own score (before it leans on another, in logits too): the corpus model
 * (bias + Σ weight × feature) blended with the form-only prior (logit(unknownScore) + Σ weight × form feature) by
 * confidence n / (n + evidencePapers).
 */
export function ownLogit(f: SpecificityFeatures, options: SpecificityOptions): number {
  const w = options.weights;
  let model = w.bias;
  for (const name of SPECIFICITY_FEATURES) model += w[name] * f[name];
  let prior = logit(options.unknownScore);
  for (const name of FORM_FEATURES) prior += w[name] * f[name];
  const confidence = f.papers / (f.papers + options.evidencePapers);
  return confidence * model + (1 - confidence) * prior;
}

/** Scores computed from features already read (the bench fits weights on them without reading the graph again). */
export function scoreFeatures(
  features: ReadonlyMap<string, SpecificityFeatures>,
  options: SpecificityOptions,
): Map<string, number> {
  // Own logits in an array by position, so leaning needs one index lookup and no boxed numbers pile up.
  const index = new Map<string, number>();
  const own = new Float64Array(features.size);
  for (const [node, f] of features) {
    own[index.size] = ownLogit(f, options);
    index.set(node, index.size);
  }
  const scores = new Map<string, number>();
  let i = 0;
  for (const [node, f] of features) {
    let z = own[i++]!;
    const host = f.leansOn === undefined ? undefined : index.get(f.leansOn);
    if (host !== undefined) z = (1 - options.leanShare) * z + options.leanShare * own[host]!;
    scores.set(node, logistic(z));
  }
  return scores;
}

/** Entity node → specificity in [0, 1], without touching the graph. Deterministic; reads communities and years if set. */
export function specificity(graph: KnowledgeGraph, options: SpecificityOptionsInput = {}): Map<string, number> {
  return scoreFeatures(specificityFeatures(graph), resolveSpecificityOptions(options));
}

/** Scores every entity and writes `specificity` (rounded to 3 decimals) on its node; returns the unrounded scores. */
specificity.assign = function assign(
  graph: KnowledgeGraph,
  options: SpecificityOptionsInput = {},
): Map<string, number> {
  const scores = specificity(graph, options);
  for (const [node, score] of scores)
    graph.mergeNodeAttributes(node, { specificity: Math.round(score * 1000) / 1000 } as Partial<EntityAttributes>);
  return scores;
};

/** Whether a score counts as umbrella under the options' threshold. */
export function isUmbrella(score: number, umbrellaBelow: number = DEFAULT_SPECIFICITY_OPTIONS.umbrellaBelow): boolean {
  return score < umbrellaBelow;
}
