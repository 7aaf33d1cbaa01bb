/** Rule: acronym definitions in parentheses, "Invariant Risk Minimization (IRM)" and "IRM (Invariant Risk Minimization)". */
import { mentionRule, type Candidate, type Context, type Unit } from '../core/model.js';
import { acceptLongForm, bestLongFormStart, isShortForm, longFormWindow, singularShort } from '../core/acronyms.js';
import { typePhrase } from '../core/typing.js';

/** A parenthesis: the units inside it, `[first, last)`; the unit before it is `first - 1`. */
export interface Parenthesis {
  first: number;
  last: number;
}

const MAX_INSIDE = 80;

/** Finds every "( … )" whose content is short and holds whole units. */
function find(ctx: Context): Parenthesis[] {
  const { units, text } = ctx;
  const found: Parenthesis[] = [];
  for (let u = 1; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (!unit.broken || !unit.gap.endsWith('(')) continue;
    const close = text.indexOf(')', unit.start);
    if (close < 0 || close - unit.start > MAX_INSIDE) continue;
    if (text.lastIndexOf('(', close) !== unit.start - 1) continue;
    let last = u;
    while (
      last < units.length &&
      (units[last] as Unit).end <= close &&
      (units[last] as Unit).sentence === unit.sentence
    )
      last++;
    if (last > u) found.push({ first: u, last });
  }
  return found;
}

/** Turns a parenthesis into a long-form mention and a short-form mention, and records the acronym. */
function parse(p: Parenthesis, ctx: Context): Candidate[] {
  const { units, text } = ctx;
  const inside = units[p.first] as Unit;
  const before = units[p.first - 1] as Unit;
  if (before.sentence !== inside.sentence) return [];
  if (p.last - p.first === 1 && isShortForm(inside.text)) {
    // Long form before the parenthesis: walk back over unbroken units, at most the Schwartz & Hearst window.
    const sf = singularShort(inside.text);
    let k = p.first - 1;
    let words = 1;
    const window = longFormWindow(sf);
    while (k > 0 && !(units[k] as Unit).broken && words < window) {
      k--;
      words++;
    }
    const from = (units[k] as Unit).start;
    const lf = text.slice(from, before.end);
    const at = bestLongFormStart(sf, lf);
    if (at < 0) return [];
    let first = k;
    while (first < p.first - 1 && (units[first] as Unit).end <= from + at) first++;
    return define(ctx, sf, first, p.first, p.first, p.last);
  }
  if (p.last - p.first >= 2 && isShortForm(before.text) && /[A-Z].*[A-Z]/.test(before.text)) {
    // Long form inside the parenthesis: it must match from its first word.
    const sf = singularShort(before.text);
    const lf = text.slice(inside.start, (units[p.last - 1] as Unit).end);
    if (bestLongFormStart(sf, lf) !== 0) return [];
    return define(ctx, sf, p.first, p.last, p.first - 1, p.first);
  }
  return [];
}

function define(
  ctx: Context,
  sf: string,
  lfFirst: number,
  lfLast: number,
  sfFirst: number,
  sfLast: number,
): Candidate[] {
  const { units, text } = ctx;
  const start = (units[lfFirst] as Unit).start;
  const end = (units[lfLast - 1] as Unit).end;
  const lf = text.slice(start, end);
  if (!acceptLongForm(sf, lf)) return [];
  const typed = typePhrase(lf, units, lfFirst, lfLast);
  if (typed === null) return [];
  const type = typed.type === 'generic' ? 'concept' : typed.type;
  if (!ctx.acronyms.has(sf)) ctx.acronyms.set(sf, { short: sf, long: typed.key, type });
  const def = ctx.acronyms.get(sf);
  const key = def?.long ?? typed.key;
  const shortStart = (units[sfFirst] as Unit).start;
  const shortEnd = (units[sfLast - 1] as Unit).end;
  return [
    { start, end, type, key: typed.key, rule: 'acronym-definition' },
    { start: shortStart, end: shortEnd, type: def?.type ?? type, key, rule: 'acronym-definition' },
  ];
}

/** Acronym definitions come first: parentheses give exact boundaries and the key every later use of the acronym takes. */
export const acronymDefinition = mentionRule<Parenthesis>({ name: 'acronym-definition', find, parse });
