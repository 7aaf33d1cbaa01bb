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
 * EVALUATED_ON and USED_FOR are the most telling, EVALUATED_ON first so that "D, a benchmark for T" is an
 * evaluation rather than a use (it fires only with an evaluation cue, issue 31); "such as" lists come next because a list item is otherwise also
 * a CONJUNCTION of its neighbour; COMPARE before CONJUNCTION for "X than Y"; CONJUNCTION, the weakest cue, last.
 */
export const PATTERN_RULES: readonly RelationRule[] = [evaluatedOn, usedFor, hyponymOf, compare, conjunction];

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

/** The relation types whose end, when it is one member of a list, stands for each member (issue 31). */
const SPREAD: ReadonlySet<string> = new Set(['USED_FOR', 'EVALUATED_ON']);
/** The gap between two members of a list: ", ", " and ", ", and ", " or ". */
const LIST_GAP = /^\s*(?:,\s*)?(?:(?:and|or|as well as)\s+)?$/;

/**
 * "We evaluate X on A, B and C": the rules link X to its neighbour A only; each list member is its own end, so X is
 * evaluated on B and C too. Lists are runs of neighbours of one type joined by commas and coordinators; a relation
 * with one end in a list and the other outside it is repeated for every member, unless a rule already named the pair.
 */
function listMembers(found: readonly FoundRelation[], neighbours: readonly Pair[], seen: Set<string>): FoundRelation[] {
  const listOf = new Map<number, PlacedMention[]>();
  let run: PlacedMention[] = [];
  const close = (): void => {
    if (run.length > 1) for (const m of run) listOf.set(m.index, run);
    run = [];
  };
  for (const pair of neighbours) {
    if (pair.first.type === pair.second.type && pair.gap.trim() !== '' && LIST_GAP.test(pair.gap)) {
      if (run.length === 0 || (run[run.length - 1] as PlacedMention).index !== pair.first.index) {
        close();
        run = [pair.first];
      }
      run.push(pair.second);
    } else close();
  }
  close();
  const out: FoundRelation[] = [];
  for (const r of found) {
    if (!SPREAD.has(r.type)) continue;
    const heads = listOf.get(r.head);
    const tails = listOf.get(r.tail);
    if (heads !== undefined && tails !== undefined) continue; // both ends in lists (or in one): too loose
    for (const m of tails ?? heads ?? []) {
      const [head, tail] = tails !== undefined ? [r.head, m.index] : [m.index, r.tail];
      if (head === r.head && tail === r.tail) continue;
      const key = head < tail ? `${head}:${tail}` : `${tail}:${head}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: r.type, head, tail });
    }
  }
  return out;
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
      const found: FoundRelation[] = [];
      for (const rule of rules) {
        for (const pair of rule.find(rule.generic === true ? all : named, neighbours, ctx)) {
          const pairKey = `${pair.first.index}:${pair.second.index}`;
          if (seen.has(pairKey)) continue;
          const relation = rule.parse(pair, ctx);
          if (relation === null) continue;
          seen.add(pairKey);
          found.push(relation);
        }
      }
      out.push(...found, ...listMembers(found, neighbours, seen));
    }
    from = to;
  }
  return out;
}
