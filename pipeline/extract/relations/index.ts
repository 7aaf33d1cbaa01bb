/** The relation rules, in the order they may claim a pair of mentions, and the runner that applies them per sentence. */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';
import { usedFor } from './used-for.js';
import { evaluatedOn } from './evaluated-on.js';
import { hyponymOf } from './hyponym-of.js';
import { compare } from './compare.js';
import { conjunction } from './conjunction.js';
import { learnedUsedFor, type PairClassifier } from './learned.js';

export { usedFor, evaluatedOn, hyponymOf, compare, conjunction, learnedUsedFor };

/**
 * Why this order: one relation per pair, and the first rule to name a pair keeps it. The preposition patterns of
 * USED_FOR and EVALUATED_ON are the most telling; "such as" lists come next because a list item is otherwise also
 * a CONJUNCTION of its neighbour; COMPARE before CONJUNCTION for "X than Y"; CONJUNCTION, the weakest cue, last.
 */
export const PATTERN_RULES: readonly RelationRule[] = [usedFor, evaluatedOn, hyponymOf, compare, conjunction];

/**
 * The rules an extractor runs: the patterns, with the learnt USED_FOR classifier (relations/learned.ts) after the
 * specific cues (USED_FOR, EVALUATED_ON, HYPONYM_OF, COMPARE: "for", "on", "such as", "compared to") and before
 * CONJUNCTION's bare "and", which it may overrule. Its USED_FOR scores the same there as right after the USED_FOR
 * patterns (5-fold F1 on gold mentions 0.518 either way), and "X compared to Y" stays a COMPARE. Without a
 * classifier (`null`), the patterns alone.
 */
export function relationRules(classifier: PairClassifier | null): readonly RelationRule[] {
  return classifier === null ? PATTERN_RULES : withLearnedUsedFor(classifier);
}

/** The pattern rules with the learnt USED_FOR rule reading `classifier` right before `conjunction`. */
export function withLearnedUsedFor(classifier: PairClassifier): RelationRule[] {
  return PATTERN_RULES.flatMap((rule) => (rule === conjunction ? [learnedUsedFor(classifier), rule] : [rule]));
}

/** Neighbouring mentions of one sentence with the text between them. */
function neighbourPairs(mentions: PlacedMention[], ctx: Context): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < mentions.length; i++) {
    const first = mentions[i] as PlacedMention;
    const second = mentions[i + 1] as PlacedMention;
    // "GNNs outperform a GNN": two uses of one thing are no relation.
    if (first.key === second.key) continue;
    const gap = ctx.text.slice(first.end, second.start).toLowerCase();
    if (gap.length > 60) continue;
    const lead = ctx.text.slice(Math.max(0, first.start - 24), first.start).toLowerCase();
    const before = /([a-z]+)\s+(?:(?:the|a|an|our|their)\s+)?$/.exec(lead)?.[1] ?? '';
    pairs.push({ first, second, gap, before });
  }
  return pairs;
}

/**
 * Runs every relation rule over each sentence's mentions (sorted by start): the named ones, and the generic ones too
 * for a rule that reads them (RelationRule.generic); one relation per pair.
 */
export function findRelations(
  mentions: PlacedMention[],
  ctx: Context,
  rules: readonly RelationRule[],
): FoundRelation[] {
  const out: FoundRelation[] = [];
  const seen = new Set<string>();
  let from = 0;
  while (from < mentions.length) {
    const sentence = (mentions[from] as PlacedMention).sentence;
    let to = from;
    while (to < mentions.length && (mentions[to] as PlacedMention).sentence === sentence) to++;
    const all = mentions.slice(from, to);
    const named = all.filter((m) => m.type !== 'generic');
    if (all.length >= 2) {
      const neighbours = neighbourPairs(named, ctx);
      for (const rule of rules) {
        for (const pair of rule.find(rule.generic === true ? all : named, neighbours, ctx)) {
          const pairKey = `${pair.first.index}:${pair.second.index}`;
          if (seen.has(pairKey)) continue;
          const found = rule.parse(pair, ctx);
          if (found === null) continue;
          seen.add(pairKey);
          out.push(found);
        }
      }
    }
    from = to;
  }
  return out;
}
