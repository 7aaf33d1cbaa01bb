/** Rule: "the task/problem of Y" (Y is a task) and "<task head> of <phrase>" ("tracking of non-rigid motions"). */
import { mentionRule, type Candidate, type Chunk, type Context, type Unit } from '../core/model.js';
import { canonicalKey } from '../core/canonical.js';
import { headType } from '../core/lexicon.js';
import { typePhrase } from '../core/typing.js';

/** Two chunks joined by "of": the first, the second. */
export interface OfPair {
  a: Chunk;
  b: Chunk;
}

/** Heads that announce a task: "the task of", "the problem of". */
const TASK_FRAMES: ReadonlySet<string> = new Set(['task', 'problem', 'challenge']);

function find(ctx: Context): OfPair[] {
  const pairs: OfPair[] = [];
  const { chunks, units } = ctx;
  for (let c = 0; c + 1 < chunks.length; c++) {
    const a = chunks[c] as Chunk;
    const b = chunks[c + 1] as Chunk;
    if (a.sentence !== b.sentence) continue;
    const between = ctx.text.slice((units[a.last - 1] as Unit).end, (units[b.first] as Unit).start).toLowerCase();
    if (/^\s+of\s+(?:(?:the|a|an)\s+)?$/.test(between)) pairs.push({ a, b });
  }
  return pairs;
}

function parse({ a, b }: OfPair, ctx: Context): Candidate[] {
  const { units, text } = ctx;
  const aStart = (units[a.first] as Unit).start;
  const aEnd = (units[a.last - 1] as Unit).end;
  const bStart = (units[b.first] as Unit).start;
  const bEnd = (units[b.last - 1] as Unit).end;
  const aKey = canonicalKey(text.slice(aStart, aEnd));
  if (TASK_FRAMES.has(aKey)) {
    // "the problem of word sense disambiguation": the frame is generic, what follows is the task.
    const typed = typePhrase(text.slice(bStart, bEnd), units, b.first, b.last);
    if (typed === null) return [];
    return [
      { start: aStart, end: aEnd, type: 'generic', key: aKey, rule: 'task-of' },
      {
        start: bStart,
        end: bEnd,
        type: typed.type === 'generic' ? typed.type : 'task',
        key: typed.key,
        rule: 'task-of',
      },
    ];
  }
  if (headType(aKey) !== 'task') return [];
  // A task head takes its object: "detection of abnormal behaviours", "dependency parsing of long sentences".
  const whole = text.slice(aStart, bEnd);
  return [{ start: aStart, end: bEnd, type: 'task', key: canonicalKey(whole), rule: 'task-of' }];
}

/** Runs before noun-phrase, which would otherwise claim each side of "of" alone. */
export const taskOf = mentionRule<OfPair>({ name: 'task-of', find, parse });
