/** Rule: the pronouns SciERC annotates as Generic ("it", "they", "them"), except expletive "it is … that/to". */
import { F, mentionRule, type Candidate, type Context, type Unit } from '../core/model.js';

const GENERIC_PRONOUNS: ReadonlySet<string> = new Set(['it', 'they', 'them']);

function find(ctx: Context): number[] {
  const found: number[] = [];
  for (let u = 0; u < ctx.units.length; u++) {
    const unit = ctx.units[u] as Unit;
    if (unit.flags & F.Pronoun && GENERIC_PRONOUNS.has(unit.lower)) found.push(u);
  }
  return found;
}

function parse(u: number, ctx: Context): Candidate[] {
  const unit = ctx.units[u] as Unit;
  if (unit.lower === 'it' && isExpletive(ctx.units, u)) return [];
  return [{ start: unit.start, end: unit.end, type: 'generic', key: unit.lower, rule: 'pronoun' }];
}

/** "It is shown that", "it is possible to": copula then an adjective or participle. */
function isExpletive(units: Unit[], u: number): boolean {
  const next = units[u + 1];
  const after = units[u + 2];
  if (next === undefined || !(next.flags & F.Copula) || after === undefined) return false;
  return (after.flags & (F.Adjective | F.PastTense | F.Participle)) !== 0;
}

/** Pronouns never overlap noun phrases, so their place in the order only matters for readability. */
export const pronoun = mentionRule<number>({ name: 'pronoun', find, parse });
