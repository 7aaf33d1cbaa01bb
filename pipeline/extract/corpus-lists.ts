/**
 * Mentions that are whole lists become one mention per member before anything is keyed: "WordNet, Wikipedia,
 * Wiktionary", "Multi-task learning (MTL) and transfer learning (TL)". Left whole, a list becomes one alias of its
 * first member's node (the bracketed or trailing parts are dropped by the key) and the other members are lost.
 */
import type { ExtractionResult, Mention, Relation, ReportedResult } from '../core/types.js';
import { canonicalKey } from './core/canonical.js';
import { namesLanguages } from './relations/cues.js';

/** A bracketed acronym right before a comma or coordinator: "(MTL) and", "(SVM), ", "(NER) or", also inside brackets. */
const DEFINED_THEN_AND = /\([^()]*[A-Z][^()]*\)\s*(?:[,;]\s*(?:(?:and|or|&)\s+)?|(?:and|or|&)\s+)/gu;
/** A bracketed acronym: "(NLG)", "(Bi-LSTM)". */
const DEFINED = /\([^()]*[A-Z][^()]*\)/gu;
/** The last coordinator in a stretch of text: " and ", " or ", ", ". */
const COORDINATOR = /\s+(?:and|or|&)\s+(?!.*\s(?:and|or|&)\s)|,\s*(?!.*,)/u;
/** Words a list member may open with that belong to the list, not to the member: "(b)", "and", "or", "i)". */
const MEMBER_OPENER = /^(?:\(?[a-z0-9]{1,2}\)\s*|(?:and|or|&|as well as)\s+)+/iu;
/** A thousands separator, not a list: "18,502". */
const NUMBER_COMMA = /\d,\d{3}(?!\d)/gu;

/** `[start, end)` offsets within a mention's text where it should be cut; empty when it is not a list. */
export function listCuts(text: string): [number, number][] {
  const masked = text.replace(NUMBER_COMMA, (s) => s.replace(',', '0'));
  const cuts: [number, number][] = [];
  // Commas and semicolons outside brackets separate members.
  let depth = 0;
  for (let i = 0; i < masked.length; i++) {
    const ch = masked[i]!;
    if (ch === '(' || ch === '[') depth += 1;
    else if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    else if ((ch === ',' || ch === ';') && depth === 0) cuts.push([i, i + 1]);
  }
  // "X (A) and Y": a member closed by its own acronym, then a coordinator.
  for (const m of masked.matchAll(DEFINED_THEN_AND)) {
    const closeAt = m.index + m[0].indexOf(')') + 1;
    if (!cuts.some(([s]) => s >= closeAt && s < m.index + m[0].length)) cuts.push([closeAt, m.index + m[0].length]);
  }
  // "X (A) network and Y (B)": two defined terms with a coordinator between them, outside brackets.
  const defined = [...masked.matchAll(DEFINED)];
  for (let d = 1; d < defined.length; d++) {
    const from = defined[d - 1]!.index + defined[d - 1]![0].length;
    const between = masked.slice(from, defined[d]!.index);
    const coordinator = COORDINATOR.exec(between);
    if (coordinator === null || between.includes('(') || between.includes(')')) continue;
    const at = from + coordinator.index;
    if (!cuts.some(([s, e]) => s < from + between.length && e > from)) cuts.push([at, at + coordinator[0].length]);
  }
  return cuts.sort((a, b) => a[0] - b[0]);
}

/** The members of a list mention: trimmed, openers dropped, each with offsets in the text; none when it is no list. */
export function splitList(m: Mention): Mention[] {
  const cuts = listCuts(m.text);
  if (cuts.length === 0) return [];
  const members: Mention[] = [];
  let from = 0;
  for (const [s, e] of [...cuts, [m.text.length, m.text.length] as [number, number]]) {
    let a = from;
    let b = s;
    const piece = m.text.slice(a, b);
    const opener = MEMBER_OPENER.exec(piece.trimStart());
    a += piece.length - piece.trimStart().length + (opener ? opener[0].length : 0);
    while (b > a && /[\s,;:.]/u.test(m.text[b - 1]!)) b -= 1;
    // A member keeps a bracket only when it opened one: "(BLSTM" and "German)" lose the stray bracket.
    if (m.text[b - 1] === ')' && !m.text.slice(a, b).includes('(')) b -= 1;
    if (m.text[a] === '(' && !m.text.slice(a, b).includes(')')) a += 1;
    while (a < b && /\s/u.test(m.text[a]!)) a += 1;
    while (b > a && /\s/u.test(m.text[b - 1]!)) b -= 1;
    const text = m.text.slice(a, b);
    if (/[\p{L}]/u.test(text))
      members.push({ start: m.start + a, end: m.start + b, text, type: m.type, key: canonicalKey(text) });
    from = e;
  }
  return members.length >= 2 ? members : [];
}

/**
 * Replaces each list mention by its members (typed as the list was) and gives each member the list's relations, so
 * "X, Y USED_FOR Z" becomes two relations. New objects; inputs untouched; mentions stay in text order.
 */
export function splitListMentions(results: readonly ExtractionResult[]): ExtractionResult[] {
  return results.map((r) => {
    let any = false;
    const pieces = r.mentions.map((m) => {
      const members = m.type === 'generic' ? [] : splitList(m);
      if (members.length > 0) any = true;
      return members.length > 0 ? members : [m];
    });
    if (!any) return r;
    const mentions: Mention[] = [];
    const indices = pieces.map((group) => group.map((m) => mentions.push(m) - 1));
    const relations: Relation[] = [];
    const seen = new Set<string>();
    for (const rel of r.relations) {
      for (const head of indices[rel.head] ?? []) {
        for (const tail of indices[rel.tail] ?? []) {
          const id = `${rel.type}|${head}|${tail}`;
          if (head === tail || seen.has(id)) continue;
          // A member that only names a language ("English" of "English, Spanish and Chinese") is a setting, no end
          // of a use or an evaluation (the relation rules drop such ends too).
          const typed = rel.type === 'USED_FOR' || rel.type === 'EVALUATED_ON';
          if (typed && [head, tail].some((i) => namesLanguages((mentions[i] as Mention).text))) continue;
          seen.add(id);
          relations.push({ type: rel.type, head, tail });
        }
      }
    }
    // A result keeps an end only where it stays one mention; a metric split into a list takes its result with it.
    const one = (i: number | undefined): number | undefined =>
      i === undefined || indices[i]?.length !== 1 ? undefined : indices[i]![0];
    const results = r.results?.flatMap((x): ReportedResult[] => {
      const metric = one(x.metric);
      if (metric === undefined) return [];
      const { dataset: _d, method: _m, ...rest } = x;
      const dataset = one(x.dataset);
      const method = one(x.method);
      return [
        { ...rest, metric, ...(dataset === undefined ? {} : { dataset }), ...(method === undefined ? {} : { method }) },
      ];
    });
    return { ...r, mentions, relations, ...(results === undefined ? {} : { results }) };
  });
}
