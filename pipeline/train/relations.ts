/**
 * Training and cross-validation of the USED_FOR pair classifier (extract/relations/learned.ts) on SciERC train:
 * the gold mentions (Generic ones included: a third of SciERC's USED-FOR pairs have a generic end, and the pairs
 * around them teach the named ones too) and the gold USED-FOR relations between them.
 */
import { GENERIC_LABEL, labelOf, type GoldDoc } from '../eval/gold.js';
import { score, type Prf, type ScoredDoc, type SpanRelation } from '../eval/score.js';
import type { Mention, MentionType } from '../core/types.js';
import { placeMentions, type Analyser } from '../extract/extract.js';
import { canonicalKey } from '../extract/core/canonical.js';
import type { Context, PlacedMention, RelationRule } from '../extract/core/model.js';
import { PATTERN_RULES, findRelations, withLearnedUsedFor } from '../extract/relations/index.js';
import {
  PAIR_LABELS,
  PairClassifier,
  candidatePairs,
  pairFeatures,
  type PairClassifierFile,
} from '../extract/relations/learned.js';
import { roundWeight } from './perceptron.js';
import { mulberry32, shuffle } from './random.js';

/** SciERC's label of the relation the classifier learns. */
const USED_FOR_LABEL = 'USED-FOR';

/** One labelled pair: 0 none, 1 first USED_FOR second, 2 second USED_FOR first. */
interface PairExample {
  features: string[];
  label: number;
}

/** A gold document as the relation rules see it: the parse, placed mentions, the gold USED-FOR pairs. */
interface RelationDoc {
  ctx: Context;
  mentions: PlacedMention[];
  gold: SpanRelation[];
}

const pairKey = (head: readonly [number, number], tail: readonly [number, number]): string =>
  `${head[0]}:${head[1]}>${tail[0]}:${tail[1]}`;

/** The gold mentions of `doc`, sorted, nested ones left out (kg's mentions never overlap). */
function relationDoc(doc: GoldDoc, types: Record<string, MentionType>, analyser: Analyser): RelationDoc {
  const { ctx } = analyser.analyse(doc.text);
  const mentions: Mention[] = [];
  let lastEnd = -1;
  const sorted = [...doc.entities].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const e of sorted) {
    const type = types[e.type];
    if (type === undefined || e.start < lastEnd) continue;
    lastEnd = e.end;
    const text = doc.text.slice(e.start, e.end);
    mentions.push({ start: e.start, end: e.end, text, type, key: canonicalKey(text) });
  }
  return { ctx, mentions: placeMentions(mentions, ctx), gold: doc.relations.filter((r) => r.type === USED_FOR_LABEL) };
}

function examples(docs: readonly RelationDoc[], maxBetween: number): PairExample[] {
  const out: PairExample[] = [];
  for (const { ctx, mentions, gold } of docs) {
    const pairs = new Set(gold.map((r) => pairKey(r.head, r.tail)));
    for (const [i, j, between] of candidatePairs(mentions, maxBetween)) {
      const a = mentions[i] as PlacedMention;
      const b = mentions[j] as PlacedMention;
      const label = pairs.has(pairKey([a.start, a.end], [b.start, b.end]))
        ? 1
        : pairs.has(pairKey([b.start, b.end], [a.start, a.end]))
          ? 2
          : 0;
      out.push({ features: pairFeatures(ctx.text, a, b, between), label });
    }
  }
  return out;
}

/** Trains the averaged perceptron on `docs` deterministically. */
function trainOn(
  docs: readonly RelationDoc[],
  options: { epochs: number; seed: number; maxBetween: number },
  trainedOn: Record<string, unknown>,
): PairClassifierFile {
  const data = examples(docs, options.maxBetween);
  const L = PAIR_LABELS.length;
  const w = new Map<string, Float64Array>();
  const u = new Map<string, Float64Array>();
  const get = (m: Map<string, Float64Array>, f: string): Float64Array => {
    let v = m.get(f);
    if (v === undefined) m.set(f, (v = new Float64Array(L)));
    return v;
  };
  const rng = mulberry32(options.seed);
  const order = data.map((_, i) => i);
  let c = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, rng);
    for (const i of order) {
      const { features, label } = data[i] as PairExample;
      const s = new Float64Array(L);
      for (const f of features) {
        const v = w.get(f);
        if (v !== undefined) for (let l = 0; l < L; l++) s[l] = (s[l] as number) + (v[l] as number);
      }
      let best = 0;
      for (let l = 1; l < L; l++) if ((s[l] as number) > (s[best] as number)) best = l;
      if (best !== label) {
        for (const f of features) {
          const v = get(w, f);
          const a = get(u, f);
          v[label] = (v[label] as number) + 1;
          a[label] = (a[label] as number) + c;
          v[best] = (v[best] as number) - 1;
          a[best] = (a[best] as number) - c;
        }
      }
      c++;
    }
  }
  const features: Record<string, number[]> = {};
  for (const name of [...w.keys()].sort()) {
    const v = w.get(name) as Float64Array;
    const a = u.get(name) as Float64Array;
    const avg = [...v].map((x, l) => roundWeight(x - (a[l] as number) / c));
    if (avg.some((x) => x !== 0)) features[name] = avg;
  }
  return { format: 'kg-pairs/1', trainedOn, labels: [...PAIR_LABELS], maxBetween: options.maxBetween, features };
}

/** Epochs, shuffling seed and the widest pair (mentions between), chosen by `--cv-relations 5` (see README). */
export const RELATION_DEFAULTS = { epochs: 10, seed: 1, maxBetween: 1 } as const;

/** The shipped classifier: all of `docs` (SciERC train), parsed by `analyser`. */
export function trainPairClassifier(
  docs: readonly GoldDoc[],
  types: Record<string, MentionType>,
  options: { epochs: number; seed: number; maxBetween: number },
  analyser: Analyser,
): PairClassifierFile {
  return trainOn(
    docs.map((d) => relationDoc(d, types, analyser)),
    options,
    { data: 'scierc-train gold mentions and USED-FOR relations', documents: docs.length, ...options },
  );
}

/** `doc` with the USED_FOR relations `rules` find among its gold mentions, for the scorer of `kg eval`. */
function scoredDoc(doc: RelationDoc, rules: readonly RelationRule[]): ScoredDoc {
  const span = (i: number): [number, number] => [
    (doc.mentions[i] as PlacedMention).start,
    (doc.mentions[i] as PlacedMention).end,
  ];
  const found = findRelations(doc.mentions, doc.ctx, rules).filter((r) => r.type === 'USED_FOR');
  // The mentions (gold ones, on both sides) only tell the scorer which relation ends are generic.
  const spans = doc.mentions.map((m) => ({ start: m.start, end: m.end, type: labelOf('scierc', m.type) ?? '' }));
  return {
    gold: spans,
    predicted: spans,
    goldRelations: doc.gold,
    predictedRelations: found.map((r) => ({ head: span(r.head), tail: span(r.tail), type: USED_FOR_LABEL })),
  };
}

/**
 * K-fold cross-validation (folds by position) on gold mentions: USED_FOR scores of the pattern rules alone and of
 * the patterns with the classifier trained on the other folds, as `extract` runs them; and of the latter on the
 * pairs of two named (not generic) mentions, the ones kg's graph keeps.
 */
export function crossValidateRelations(
  docs: readonly GoldDoc[],
  types: Record<string, MentionType>,
  k: number,
  options: { epochs: number; seed: number; maxBetween: number; log?: (s: string) => void },
  analyser: Analyser,
): { patterns: Prf; learnt: Prf; 'learnt, named ends': Prf } {
  const prepared = docs.map((d) => relationDoc(d, types, analyser));
  const scored = { patterns: [] as ScoredDoc[], learnt: [] as ScoredDoc[] };
  for (let fold = 0; fold < k; fold++) {
    const test = prepared.filter((_, i) => i % k === fold);
    const classifier = new PairClassifier(
      trainOn(
        prepared.filter((_, i) => i % k !== fold),
        options,
        {},
      ),
    );
    const learnt = withLearnedUsedFor(classifier);
    for (const doc of test) {
      scored.patterns.push(scoredDoc(doc, PATTERN_RULES));
      scored.learnt.push(scoredDoc(doc, learnt));
    }
    options.log?.(`relations fold ${fold + 1}/${k} done`);
  }
  const scores = (d: ScoredDoc[]) =>
    score(d, { labels: [], genericLabel: GENERIC_LABEL.scierc, relationLabel: USED_FOR_LABEL });
  const learnt = scores(scored.learnt);
  return {
    patterns: scores(scored.patterns).relation as Prf,
    learnt: learnt.relation as Prf,
    'learnt, named ends': learnt.relationNamed as Prf,
  };
}
