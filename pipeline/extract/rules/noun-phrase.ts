/** Rule: every noun-phrase chunk not claimed by an earlier rule, typed by its head (typing.ts). */
import { mentionRule, type Candidate, type Chunk, type Context, type Unit } from '../core/model.js';
import { typePhrase } from '../core/typing.js';

function find(ctx: Context): Chunk[] {
  return ctx.chunks;
}

function parse(chunk: Chunk, ctx: Context): Candidate[] {
  const start = (ctx.units[chunk.first] as Unit).start;
  const end = (ctx.units[chunk.last - 1] as Unit).end;
  const typed = typePhrase(ctx.text.slice(start, end), ctx.units, chunk.first, chunk.last);
  return typed === null ? [] : [{ start, end, type: typed.type, key: typed.key, rule: 'noun-phrase' }];
}

/** The catch-all, so it runs last. */
export const nounPhrase = mentionRule<Chunk>({ name: 'noun-phrase', find, parse });
