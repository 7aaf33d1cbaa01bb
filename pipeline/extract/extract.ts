/** The extractor: one compromise parse, the ordered mention rules, overlap resolution, acronyms, then relations. */
import type { ExtractionInput, ExtractionResult, Relation } from '../types.js';
import type { Candidate, Context, PlacedMention } from './model.js';
import { tokenize } from './tokens.js';
import { buildUnits } from './units.js';
import { findChunks } from './chunks.js';
import { MENTION_RULES } from './rules/index.js';
import { findRelations } from './relations/index.js';
import { resolveMentions } from './resolve.js';

/** Bump whenever the output for some input changes: caches of extraction results key on it. */
export const EXTRACTOR_VERSION = 'extract-v1.0.0';

/** The text an input's offsets index: `text`, or `title + "\n" + abstract`. */
export function inputText(input: ExtractionInput): string {
  const text = 'text' in input ? input.text : `${String(input.title ?? '')}\n${String(input.abstract ?? '')}`;
  return typeof text === 'string' ? text : String(text ?? '');
}

/**
 * Extracts typed mentions, relations and acronym definitions from one text. Mentions are sorted by start, never
 * overlap and satisfy `text.slice(start, end) === mention.text`; relations link non-generic mentions of one
 * sentence. Never throws: an input the parser cannot handle yields an empty result.
 */
export function extract(input: ExtractionInput): ExtractionResult {
  const id = String(input?.id ?? '');
  try {
    return run(id, inputText(input));
  } catch {
    return { id, mentions: [], relations: [], acronyms: [] };
  }
}

function run(id: string, text: string): ExtractionResult {
  const tokens = tokenize(text);
  const units = buildUnits(tokens, text);
  const ctx: Context = { text, tokens, units, chunks: findChunks(units), acronyms: new Map() };
  const candidates: Candidate[] = [];
  for (const rule of MENTION_RULES) for (const c of rule.apply(ctx)) candidates.push(c);
  const mentions = resolveMentions(candidates, ctx);
  const placed = placeMentions(mentions, ctx);
  const relations: Relation[] = findRelations(placed, ctx);
  const acronyms = [...ctx.acronyms.values()].map(({ short, long }) => ({ short, long }));
  return { id, mentions, relations, acronyms };
}

/** Mentions with their sentence index (the sentence of the token they start at). */
function placeMentions(mentions: ExtractionResult['mentions'], ctx: Context): PlacedMention[] {
  const placed: PlacedMention[] = [];
  let t = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m === undefined) continue;
    while (t + 1 < ctx.tokens.length && (ctx.tokens[t + 1]?.start ?? Infinity) <= m.start) t++;
    placed.push({ index: i, start: m.start, end: m.end, type: m.type, key: m.key, sentence: ctx.tokens[t]?.sentence ?? 0 });
  }
  return placed;
}
