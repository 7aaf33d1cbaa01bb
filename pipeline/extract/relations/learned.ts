/**
 * USED_FOR by a learnt pair classifier, after the USED_FOR, EVALUATED_ON, HYPONYM_OF and COMPARE patterns (which
 * keep the pairs they claim). An averaged perceptron with three classes (no USED_FOR, first USED_FOR second, second
 * USED_FOR first) reads a pair of mentions of one sentence, at most one of them generic ("this method"), neighbours
 * or with at most `maxBetween` mentions between them: their types, the words between them, the word before and
 * after, their head words. Trained on SciERC train's gold mentions and USED-FOR relations (`kg train` writes
 * `relations.json`; `--cv-relations K` scores it). The patterns fire on a handful of cues; SciERC's USED-FOR pairs
 * are a long tail of gaps ("to", "in", "as a", "of", "can be combined with"), which the classifier learns from about
 * a thousand examples.
 */
import type { MentionType } from '../../core/types.js';
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';
import { statesUse } from './cues.js';

/** The classes, in weight order. */
export const PAIR_LABELS: readonly string[] = ['none', 'forward', 'backward'];

/** The saved classifier: what `kg train` writes and the extractor loads. */
export interface PairClassifierFile {
  format: 'kg-pairs/1';
  /** How it was made (data, epochs, seed), for the reader of the file. */
  trainedOn: Record<string, unknown>;
  labels: string[];
  /** Pairs with more mentions than this between them are not read. */
  maxBetween: number;
  /** Feature → one weight per label. */
  features: Record<string, number[]>;
}

/** What the features read of a mention. */
export interface PairMention {
  start: number;
  end: number;
  type: MentionType;
  sentence: number;
}

/** Gaps longer than this (characters) are no pair. */
const MAX_GAP = 150;

const WORD = /[a-z0-9]+|[^\sa-z0-9]/g;
const words = (s: string): string[] => s.toLowerCase().match(WORD) ?? [];

/** The last word of a mention, lower case: what the features call its head. */
export function headWord(text: string, m: PairMention): string {
  return words(text.slice(m.start, m.end)).pop() ?? '';
}

/**
 * The features of the pair `a` before `b` in `text`, with `between` mentions between them. `heads` gives their head
 * words when the caller has them (see {@link headWord}).
 */
export function pairFeatures(
  text: string,
  a: PairMention,
  b: PairMention,
  between: number,
  heads?: [string, string],
): string[] {
  const gap = words(text.slice(a.end, b.start));
  const before = words(text.slice(Math.max(0, a.start - 30), a.start)).pop() ?? '^';
  const after = words(text.slice(b.end, b.end + 30))[0] ?? '$';
  const types = `${a.type}/${b.type}`;
  const first = gap[0] ?? '';
  const [headA, headB] = heads ?? [headWord(text, a), headWord(text, b)];
  const f = [
    'bias',
    `tt=${types}`,
    `nb=${between}`,
    `tt,nb=${types},${between}`,
    `gl=${Math.min(gap.length, 8)}`,
    `b=${before}`,
    `a=${after}`,
    `g0=${first}`,
    `g0,tt=${first},${types}`,
    `gL=${gap[gap.length - 1] ?? ''}`,
    `g01=${gap.slice(0, 2).join(' ')}`,
    `b,g0=${before},${first}`,
    `ha=${headA}`,
    `hb=${headB}`,
    `ta,hb=${a.type},${headB}`,
    `ha,tb=${headA},${b.type}`,
  ];
  if (gap.length <= 5) f.push(`gap=${gap.join(' ')}`);
  for (const w of gap) f.push(`gw=${w}`);
  return f;
}

/**
 * The pairs the classifier reads among `mentions` (one text's mentions, sorted by start): same
 * sentence, at most `maxBetween` mentions and MAX_GAP characters between them. Yields `[i, j, between]`.
 */
export function* candidatePairs<M extends PairMention>(
  mentions: readonly M[],
  maxBetween: number,
): Generator<[number, number, number]> {
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i] as M;
    for (let j = i + 1; j < mentions.length && j - i - 1 <= maxBetween; j++) {
      const b = mentions[j] as M;
      if (b.sentence !== a.sentence || b.start - a.end > MAX_GAP) break;
      yield [i, j, j - i - 1];
    }
  }
}

/** A loaded classifier. */
export class PairClassifier {
  readonly maxBetween: number;
  private readonly weights: Map<string, readonly number[]>;

  constructor(file: PairClassifierFile) {
    if (file.format !== 'kg-pairs/1') throw new Error(`unknown pair classifier format ${String(file.format)}`);
    if (file.labels.join() !== PAIR_LABELS.join())
      throw new Error('pair classifier labels differ from this version of kg');
    this.maxBetween = file.maxBetween;
    this.weights = new Map(Object.entries(file.features));
  }

  /** The best class index for these features (0: none). */
  classify(features: readonly string[]): number {
    const s = [0, 0, 0];
    for (const f of features) {
      const w = this.weights.get(f);
      if (w !== undefined) for (let l = 0; l < 3; l++) s[l] = (s[l] as number) + (w[l] as number);
    }
    let best = 0;
    for (let l = 1; l < 3; l++) if ((s[l] as number) > (s[best] as number)) best = l;
    return best;
  }
}

/** The classifier's verdict on a pair, made when `find` builds it. */
interface ClassifiedPair extends Pair {
  label: number;
}

/** The rule, reading `classifier`. */
export function learnedUsedFor(classifier: PairClassifier): RelationRule {
  return {
    name: 'used-for-learnt',
    generic: true,
    find(mentions: PlacedMention[], _neighbours: Pair[], ctx: Context): Pair[] {
      const pairs: ClassifiedPair[] = [];
      const heads = new Map<number, string>();
      const head = (m: PlacedMention): string => {
        let h = heads.get(m.index);
        if (h === undefined) heads.set(m.index, (h = headWord(ctx.text, m)));
        return h;
      };
      for (const [i, j, between] of candidatePairs(mentions, classifier.maxBetween)) {
        const first = mentions[i] as PlacedMention;
        const second = mentions[j] as PlacedMention;
        // Two generic mentions ("this method … it") tell nothing a reader of the graph can use.
        if (first.key === second.key || (first.type === 'generic' && second.type === 'generic')) continue;
        const label = classifier.classify(pairFeatures(ctx.text, first, second, between, [head(first), head(second)]));
        // Only pairs named USED_FOR with a use cue and no negation go on (issue 31): gap and before are not read again.
        if (label !== 0 && statesUse({ first, second, gap: '', before: '' }, ctx, label === 1))
          pairs.push({ first, second, gap: '', before: '', label });
      }
      return pairs;
    },
    parse(pair: Pair): FoundRelation | null {
      const { first, second, label } = pair as ClassifiedPair;
      if (label === 1) return { type: 'USED_FOR', head: first.index, tail: second.index };
      if (label === 2) return { type: 'USED_FOR', head: second.index, tail: first.index };
      return null;
    },
  };
}
