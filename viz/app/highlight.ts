/** Splits a text into plain runs and mention runs for highlighting; pure, so the panel's markup logic is testable. */
import type { ApiMention } from '../api/types.js';

/** A run of text, a mention when `mention` is set. */
export interface Segment {
  text: string;
  mention?: ApiMention;
}

/**
 * The runs of `text[from, to)`: mentions inside it, in order, each once; a mention overlapping an earlier (or, at the
 * same start, a longer) one is dropped, and one crossing the window's edge is clipped.
 */
export function segmentText(text: string, mentions: readonly ApiMention[], from = 0, to = text.length): Segment[] {
  const inside = mentions
    .filter((m) => m.end > from && m.start < to && m.start < m.end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = from;
  for (const m of inside) {
    const start = Math.max(m.start, from);
    const end = Math.min(m.end, to);
    if (start < at) continue;
    if (start > at) out.push({ text: text.slice(at, start) });
    out.push({ text: text.slice(start, end), mention: m });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to) });
  return out;
}
