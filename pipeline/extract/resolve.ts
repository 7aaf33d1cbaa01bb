/** Turns the rules' candidates into the final mentions: first rule wins an overlap, then bare acronyms take their long form. */
import type { Mention } from '../core/types.js';
import type { Candidate, Context } from './core/model.js';
import { canonicalKey } from './core/canonical.js';
import { singularShort } from './core/acronyms.js';
import { ACRONYM_SHAPE } from './core/typing.js';

/**
 * Accepts candidates in the order given (rule order, then position) unless they overlap an accepted one, and
 * returns mentions sorted by start. A bare use of an acronym defined anywhere in the text ("IRM", "GNNs") takes the
 * definition's key and type.
 */
export function resolveMentions(candidates: Candidate[], ctx: Context): Mention[] {
  const claimed = new Uint8Array(ctx.text.length + 1);
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    if (c.end <= c.start || c.start < 0 || c.end > ctx.text.length) continue;
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (claimed[i] === 1) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    claimed.fill(1, c.start, c.end);
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);
  return accepted.map((c) => keyMention(ctx, c.start, c.end, c.type, c.key, c.rule === 'acronym-definition'));
}

/**
 * The mention for `[start, end)`: its key is `key` when given, else the canonical key of its text; a bare use of
 * an acronym defined in the text ("IRM", "GNNs") takes the definition's key and type (unless it is the definition).
 */
export function keyMention(
  ctx: Context,
  start: number,
  end: number,
  type: Mention['type'],
  key?: string,
  definition = false,
  retype = true,
): Mention {
  const text = ctx.text.slice(start, end);
  let t = type;
  let k = key ?? canonicalKey(text);
  if (!definition && ctx.acronyms.size > 0 && ACRONYM_SHAPE.test(text)) {
    const def = ctx.acronyms.get(singularShort(text));
    if (def !== undefined) {
      k = def.long;
      if (retype) t = def.type;
    }
  }
  return { start, end, text, type: t, key: k };
}
