/**
 * Relation rule USED_FOR: "X for Y", "apply X to Y", "X to <verb> Y", "X-based Y", "Y using/with/via/based on X",
 * "Y from X". Which mention types may take part was read off SciERC train, where the cue, not the types, carries
 * the relation: "X for Y" between neighbours is a USED-FOR in 74 % of pairs of any non-generic types (method for
 * dataset, concept for task, task for task …), "Y from X" (X used for Y) in 68 %.
 * Issue 31: a negated clause states no use ("X is not suitable for Y", "we do not use X for Y"); "X is/are used
 * for/in Y" and "X can be applied to Y" keep X → Y; a bare "Y from X" needs a dataset X ("lexicons from Wikipedia",
 * not "into English from Finnish"); "a task for a dataset" ("translation tasks for Chinese-English") is no use.
 */
import type { MentionType } from '../../core/types.js';
import type { Context, FoundRelation, Pair, PlacedMention, RelationRule } from '../core/model.js';
import { DET, gapOf } from './patterns.js';
import { isLanguage, negated } from './cues.js';

const FOR = gapOf('for');
const TO = gapOf('to');
const TO_VERB = new RegExp(String.raw`^\s+to\s+(?!be\b|have\b)[a-z]+\s+${DET}$`);
const BASED = /^-based\s+$/;
const BY_MEANS = gapOf(
  'using|via|through|by using|based on|by means of|by applying|leveraging|employing|exploiting|utilizing|utilising|relying on',
);
const WITH = gapOf('with|by');
const FROM = gapOf(
  'obtained from|derived from|extracted from|learned from|learnt from|induced from|built from|mined from',
);
const BARE_FROM = gapOf('from');
/** "X is used for Y", "X can be applied to Y", "X has been employed in Y": X used for Y. */
const IS_USED = new RegExp(
  String.raw`^\s+(?:(?:is|are|was|were|be|been|can be|could be|may be|has been|have been|is being|are being|is then|are then|can then be|is also|are also|can also be)\s+)?(?:widely\s+|commonly\s+|successfully\s+|also\s+|then\s+|often\s+|typically\s+)?(?:used|employed|applied|utili[sz]ed|adopted|exploited|leveraged)\s+(?:for|to|in)\s+${DET}$`,
);
const APPLY = /^(?:apply|applies|applied|applying|use|uses|used|using|employ|employs|employed|adapt|adapted)$/;

/** What can be used: methods, data and concepts (features, resources); what it is used for: tasks and methods. */
const USER: ReadonlySet<MentionType> = new Set(['method', 'dataset', 'concept']);
const USED: ReadonlySet<MentionType> = new Set(['task', 'method']);
/** Either side of the strong cues ("for", "from", "using"): anything named but a metric. */
const NAMED: ReadonlySet<MentionType> = new Set(['method', 'task', 'dataset', 'concept']);

function find(_mentions: PlacedMention[], neighbours: Pair[]): Pair[] {
  return neighbours;
}

function parse(pair: Pair, ctx: Context): FoundRelation | null {
  const { first, second, gap, before } = pair;
  if (negated(pair, ctx) || isLanguage(first, ctx) || isLanguage(second, ctx)) return null;
  const forward = USER.has(first.type) && USED.has(second.type);
  const named = NAMED.has(first.type) && NAMED.has(second.type);
  if (named && FOR.test(gap)) return first.type === 'task' && second.type === 'dataset' ? null : rel(first, second);
  if (named && IS_USED.test(gap)) return rel(first, second);
  if (forward && BASED.test(gap)) return rel(first, second);
  if (forward && TO.test(gap) && APPLY.test(before)) return rel(first, second);
  if (first.type === 'method' && second.type === 'task' && TO_VERB.test(gap)) return rel(first, second);
  // "Y using X" names what X is used for whatever X is; the looser "Y with X" / "Y by X" only for a method X.
  if (named && BY_MEANS.test(gap)) return rel(second, first);
  if (named && FROM.test(gap)) return rel(second, first);
  if (named && second.type === 'dataset' && first.type !== 'dataset' && BARE_FROM.test(gap)) return rel(second, first);
  if (first.type === 'task' && second.type === 'method' && WITH.test(gap)) return rel(second, first);
  return null;
}

const rel = (head: PlacedMention, tail: PlacedMention): FoundRelation => ({
  type: 'USED_FOR',
  head: head.index,
  tail: tail.index,
});

export const usedFor: RelationRule = { name: 'used-for', find, parse };
