/** Relation rule CONJUNCTION: "X and Y", "X, Y", "X or Y" between two mentions of the same type. */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';

const AND = /^\s*(?:,\s*)?(?:(?:and|or|as well as)\s+)?$/;

function find(_mentions: PlacedMention[], neighbours: Pair[]): Pair[] {
  return neighbours;
}

function parse({ first, second, gap }: Pair, _ctx: Context): FoundRelation | null {
  if (first.type !== second.type || gap.trim() === '' || !AND.test(gap)) return null;
  return { type: 'CONJUNCTION', head: first.index, tail: second.index };
}

export const conjunction: RelationRule = { name: 'conjunction', find, parse };
