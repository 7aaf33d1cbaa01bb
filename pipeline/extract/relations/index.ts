/** The relation rules, in the order they may claim a pair of mentions, and the runner that applies them per sentence. */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../model.js';
import { usedFor } from './used-for.js';
import { evaluatedOn } from './evaluated-on.js';
import { hyponymOf } from './hyponym-of.js';
import { compare } from './compare.js';
import { conjunction } from './conjunction.js';
import { learnedUsedFor } from './learned.js';
import { defaultPairClassifier } from '../tagger/model-file.js';

export { usedFor, evaluatedOn, hyponymOf, compare, conjunction, learnedUsedFor };

/**
 * Why this order: one relation per pair, and the first rule to name a pair keeps it. The preposition patterns of
 * USED_FOR and EVALUATED_ON are the most telling; "such as" lists come next because a list item is otherwise also
 * a CONJUNCTION of its neighbour; COMPARE before CONJUNCTION for "X than Y"; CONJUNCTION, the weakest cue, last.
 */
export const PATTERN_RULES: readonly RelationRule[] = [usedFor, evaluatedOn, hyponymOf, compare, conjunction];

/**
 * The rules `extract` runs: the patterns, with the learnt USED_FOR classifier right after the USED_FOR patterns
 * (relations/learned.ts), so it may claim a pair before the weaker EVALUATED_ON … CONJUNCTION cues do.
 */
export const RELATION_RULES: readonly RelationRule[] = withLearnedUsedFor(defaultPairClassifier);

/** The pattern rules with the learnt USED_FOR rule reading `get()`'s classifier right after `usedFor`. */
export function withLearnedUsedFor(get: Parameters<typeof learnedUsedFor>[0]): RelationRule[] {
  return PATTERN_RULES.flatMap((rule) => (rule === usedFor ? [rule, learnedUsedFor(get)] : [rule]));
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

/** Runs every relation rule over each sentence's non-generic mentions (sorted by start); one relation per pair. */
export function findRelations(mentions: PlacedMention[], ctx: Context, rules: readonly RelationRule[] = RELATION_RULES): FoundRelation[] {
  const out: FoundRelation[] = [];
  const seen = new Set<string>();
  let from = 0;
  while (from < mentions.length) {
    const sentence = (mentions[from] as PlacedMention).sentence;
    let to = from;
    while (to < mentions.length && (mentions[to] as PlacedMention).sentence === sentence) to++;
    const inSentence = mentions.slice(from, to).filter((m) => m.type !== 'generic');
    if (inSentence.length >= 2) {
      const neighbours = neighbourPairs(inSentence, ctx);
      for (const rule of rules) {
        for (const pair of rule.find(inSentence, neighbours, ctx)) {
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
