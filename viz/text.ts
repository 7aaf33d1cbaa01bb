/** Text helpers of the entity panel: the sentence around a mention, cut to a readable length. */
import type { Snippet } from './api/types.js';

/** Longest snippet sent to the panel, in characters. */
export const MAX_SNIPPET = 320;

/** True where `text[i]` ends a sentence: `.`, `?` or `!` followed by a space, or a line break. */
function endsSentence(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n') return true;
  return (c === '.' || c === '?' || c === '!') && /\s/.test(text[i + 1] ?? ' ');
}

/**
 * The sentence of `text` holding `[start, end)`, with the span's offsets inside it. A sentence longer than
 * `max` is cut around the span and marked with ellipses.
 */
export function sentenceAround(text: string, start: number, end: number, max = MAX_SNIPPET): Snippet {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  let from = s;
  while (from > 0 && !endsSentence(text, from - 1)) from -= 1;
  let to = e;
  while (to < text.length && !endsSentence(text, to)) to += 1;
  if (to < text.length && text[to] !== '\n') to += 1; // keep the full stop
  while (from < s && /\s/.test(text[from] ?? '')) from += 1;
  let prefix = '';
  let suffix = '';
  if (to - from > max) {
    const room = Math.max(0, max - (e - s));
    const before = Math.min(s - from, Math.floor(room / 2));
    const after = Math.min(to - e, room - before);
    const newFrom = s - before;
    const newTo = e + after;
    if (newFrom > from) prefix = '…';
    if (newTo < to) suffix = '…';
    from = newFrom;
    to = newTo;
  }
  const body = text.slice(from, to).trimEnd();
  return { text: prefix + body + suffix, highlight: [prefix.length + s - from, prefix.length + e - from] };
}
