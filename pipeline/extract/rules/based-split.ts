/** Rule: "CNN-based segmentation" is two mentions, a named method and a task, so USED_FOR can link them. */
import { mentionRule, type Candidate, type Chunk, type Context, type Token, type Unit } from '../core/model.js';
import { canonicalKey } from '../core/canonical.js';
import { namedType } from '../core/lexicon.js';
import { ACRONYM_SHAPE, typePhrase } from '../core/typing.js';

/** A chunk and the index of its "X-based" unit. */
export interface BasedSpan {
  chunk: Chunk;
  unit: number;
}

function find(ctx: Context): BasedSpan[] {
  const found: BasedSpan[] = [];
  for (const chunk of ctx.chunks) {
    for (let u = chunk.first; u < chunk.last - 1; u++) {
      const unit = ctx.units[u] as Unit;
      if (unit.last - unit.first >= 2 && unit.lower.endsWith('-based')) found.push({ chunk, unit: u });
    }
  }
  return found;
}

function parse({ chunk, unit: u }: BasedSpan, ctx: Context): Candidate[] {
  const { units, tokens, text } = ctx;
  const unit = units[u] as Unit;
  const lastX = tokens[unit.last - 2] as Token;
  const xText = text.slice(unit.start, lastX.end);
  const xKey = canonicalKey(xText);
  const acronym = ctx.acronyms.get(xText);
  const xType = acronym?.type ?? namedType(xKey) ?? (ACRONYM_SHAPE.test(xText) ? 'method' : undefined);
  if (xType === undefined || u !== chunk.first) return [];
  const yStart = (units[u + 1] as Unit).start;
  const yEnd = (units[chunk.last - 1] as Unit).end;
  const y = typePhrase(text.slice(yStart, yEnd), units, u + 1, chunk.last);
  if (y === null || y.type !== 'task') return [];
  return [
    { start: unit.start, end: lastX.end, type: xType, key: acronym?.long ?? xKey, rule: 'based-split' },
    { start: yStart, end: yEnd, type: 'task', key: y.key, rule: 'based-split' },
  ];
}

/** Runs before noun-phrase, which would read "CNN-based segmentation" as one task. */
export const basedSplit = mentionRule<BasedSpan>({ name: 'based-split', find, parse });
