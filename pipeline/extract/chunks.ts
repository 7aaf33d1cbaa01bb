/** Noun-phrase chunks over word units: [determiners] [modifiers] nouns, trimmed to the SciERC span convention. */
import { F, type Chunk, type Unit } from './core/model.js';
import { DROPPED_MODIFIERS } from './core/lexicon.js';

/**
 * Maximal runs of det/mod/noun units inside one clause (no punctuation between), with leading determiners,
 * numbers and evaluative modifiers ("novel", "proposed") dropped and trailing modifiers trimmed, so each chunk
 * ends on a noun. Linear in the number of units.
 */
export function findChunks(units: Unit[]): Chunk[] {
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < units.length) {
    const u0 = units[i] as Unit;
    if (u0.cls === 'other') {
      i++;
      continue;
    }
    let j = i;
    let seenContent = false;
    while (j < units.length) {
      const u = units[j] as Unit;
      if (u.cls === 'other' || (j > i && u.broken)) break;
      if (u.cls === 'det' && seenContent) break;
      if (u.cls !== 'det') seenContent = true;
      j++;
    }
    let a = i;
    while (a < j - 1 && isDroppable(units[a] as Unit)) a++;
    if (a === j - 1 && (units[a] as Unit).cls !== 'noun') a = j;
    let b = j;
    while (b > a && !endsPhrase(units, b - 1)) b--;
    if (b > a) chunks.push({ first: a, last: b, sentence: u0.sentence });
    i = j > i ? j : i + 1;
  }
  return chunks;
}

function isDroppable(u: Unit): boolean {
  return u.cls === 'det' || u.cls === 'num' || DROPPED_MODIFIERS.has(u.lower.replace(/-/g, ' '));
}

/** A phrase may end on a noun, or on a number right after a name ("Llama 2"). */
function endsPhrase(units: Unit[], k: number): boolean {
  const u = units[k] as Unit;
  if (u.cls === 'noun') return true;
  if (u.cls !== 'num' || k === 0) return false;
  const prev = units[k - 1] as Unit;
  return prev.cls === 'noun' && (prev.flags & (F.Proper | F.Acronym)) !== 0;
}
