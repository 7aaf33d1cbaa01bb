/** Relation rule COMPARE: "X compared to/with Y", "X versus Y", "X outperforms Y", between mentions of one type. */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';
import { gapOf } from './patterns.js';

const COMPARED = gapOf(
  String.raw`compared (?:to|with)|in comparison (?:to|with)|versus|vs\.?|against|outperforms?|outperformed|surpass(?:es|ed)?|than`,
);

function find(_mentions: PlacedMention[], neighbours: Pair[]): Pair[] {
  return neighbours;
}

function parse({ first, second, gap }: Pair, _ctx: Context): FoundRelation | null {
  if (first.type !== second.type || !COMPARED.test(gap)) return null;
  return { type: 'COMPARE', head: first.index, tail: second.index };
}

export const compare: RelationRule = { name: 'compare', find, parse };
