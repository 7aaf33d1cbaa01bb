/** Relation rule HYPONYM_OF: "Y such as X1, X2 and X3", "Y including X", "Y like X": each X is a kind of Y. */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';

const INTRO = /^,?\s+(?:such as|including|like|e\.g\.,?|especially|particularly|namely)\s+(?:the\s+)?$/;
const LIST = /^\s*(?:,\s*)?(?:(?:and|or)\s+)?$/;

/** Pairs each listed X with the Y that introduces the list. */
function find(_mentions: PlacedMention[], neighbours: Pair[], ctx: Context): Pair[] {
  const out: Pair[] = [];
  for (let p = 0; p < neighbours.length; p++) {
    const pair = neighbours[p] as Pair;
    if (!INTRO.test(pair.gap)) continue;
    out.push(pair);
    // Follow the list "X1, X2 and X3" while the items share X1's type.
    for (let q = p + 1; q < neighbours.length; q++) {
      const next = neighbours[q] as Pair;
      if (!LIST.test(next.gap) || next.second.type !== pair.second.type) break;
      out.push({
        first: pair.first,
        second: next.second,
        gap: ctx.text.slice(pair.first.end, next.second.start),
        before: pair.before,
      });
    }
  }
  return out;
}

function parse({ first, second }: Pair, _ctx: Context): FoundRelation | null {
  return { type: 'HYPONYM_OF', head: second.index, tail: first.index };
}

export const hyponymOf: RelationRule = { name: 'hyponym-of', find, parse };
