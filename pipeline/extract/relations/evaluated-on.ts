/** Relation rule EVALUATED_ON: a method on a dataset ("BERT on SQuAD"), a metric of a method ("accuracy of BERT"). */
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';
import { gapOf } from './patterns.js';

const ON = gapOf('on|over|across');
const OF = gapOf('of');

function find(_mentions: PlacedMention[], neighbours: Pair[]): Pair[] {
  return neighbours;
}

function parse({ first, second, gap }: Pair, _ctx: Context): FoundRelation | null {
  if (first.type === 'method' && (second.type === 'dataset' || second.type === 'metric') && ON.test(gap)) {
    return { type: 'EVALUATED_ON', head: first.index, tail: second.index };
  }
  if (first.type === 'metric' && second.type === 'method' && OF.test(gap)) {
    return { type: 'EVALUATED_ON', head: second.index, tail: first.index };
  }
  return null;
}

export const evaluatedOn: RelationRule = { name: 'evaluated-on', find, parse };
