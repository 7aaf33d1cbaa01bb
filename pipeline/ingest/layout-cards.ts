/** Layout (c): paper cards, each abstract followed by a byline, a lone `·` and a date (seed 004). */
// The byline is an organisation (`apple Apple`: HF prints the handle, then the display name) or an author count
// (`• 6 authors`); the date may carry the upvote count (`Sep 30 2`, `Jun 22, 2024 1`). In the seeds the byline
// belongs to the card above it: `apple Apple · Sep 30` follows Apple's "Learning to Reason as Action Abstractions…".
import { paragraphUnits } from './layout-blocks.js';
import type { Item, Meta } from './pair.js';
import { isAbstractLike } from './shape.js';
import type { TxtLine } from './txt-lines.js';

/** An organisation line is short: a handle and a display name of a few words. */
const MAX_BYLINE_CHARS = 80;
const MAX_BYLINE_WORDS = 8;

/** Title and abstract paragraphs as in layout (b), with each card's byline and date as one Meta item. */
export function cardItems(lines: readonly TxtLine[]): Item[] {
  const { metaAt, used } = findBylines(lines);
  const items: Item[] = [];
  let paragraph: TxtLine[] = [];
  lines.forEach((l, i) => {
    const meta = metaAt.get(i);
    if (l.kind === 'text' && !used.has(i)) {
      paragraph.push(l);
      return;
    }
    items.push(...paragraphUnits(paragraph));
    paragraph = [];
    if (meta) items.push(meta);
    else if (l.kind === 'authors' && !used.has(i)) items.push({ kind: 'meta', line: l.line, authorCount: l.authors });
  });
  items.push(...paragraphUnits(paragraph));
  return items;
}

/** Each `·` with the byline above it (up to two lines) and the date below it, keyed by the byline's first index. */
function findBylines(lines: readonly TxtLine[]): { metaAt: Map<number, Meta>; used: Set<number> } {
  const metaAt = new Map<number, Meta>();
  const used = new Set<number>();
  lines.forEach((sep, i) => {
    if (sep.kind !== 'sep') return;
    const meta: Meta = { kind: 'meta', line: sep.line };
    let start = i;
    for (let j = prevNonBlank(lines, i), n = 0; j !== undefined && n < 2; j = prevNonBlank(lines, j), n++) {
      const l = lines[j];
      if (!l || used.has(j)) break;
      if (l.kind === 'authors' && meta.authorCount === undefined) meta.authorCount = l.authors;
      else if (meta.organization === undefined && isOrganisationLine(lines, j)) meta.organization = displayName(l.text);
      else break;
      start = j;
    }
    const k = nextNonBlank(lines, i);
    const below = k === undefined ? undefined : lines[k];
    if (k !== undefined && below?.kind === 'date') {
      meta.date = below.date;
      used.add(k);
    }
    for (let j = start; j <= i; j++) used.add(j);
    meta.line = lines[start]?.line ?? sep.line;
    metaAt.set(start, meta);
  });
  return { metaAt, used };
}

/** A short text line directly under an abstract (or an author count): a byline, not a title. */
function isOrganisationLine(lines: readonly TxtLine[], j: number): boolean {
  const l = lines[j];
  if (!l || l.kind !== 'text' || l.text.length > MAX_BYLINE_CHARS) return false;
  if (l.text.split(/\s+/).length > MAX_BYLINE_WORDS || isAbstractLike(l.text)) return false;
  const above = prevNonBlank(lines, j);
  const prev = above === undefined ? undefined : lines[above];
  return prev !== undefined && (prev.kind === 'authors' || (prev.kind === 'text' && isAbstractLike(prev.text)));
}

/** `apple Apple` → `Apple`, `zai-org Z.ai` → `Z.ai`: HF prints the org's handle before its display name. */
function displayName(byline: string): string {
  const words = byline.split(/\s+/);
  return words.length > 1 ? words.slice(1).join(' ') : byline;
}

function prevNonBlank(lines: readonly TxtLine[], i: number): number | undefined {
  for (let j = i - 1; j >= 0; j--) if (lines[j]?.kind !== 'blank') return j;
  return undefined;
}

function nextNonBlank(lines: readonly TxtLine[], i: number): number | undefined {
  for (let j = i + 1; j < lines.length; j++) if (lines[j]?.kind !== 'blank') return j;
  return undefined;
}
