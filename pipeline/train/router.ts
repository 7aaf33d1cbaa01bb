/** Training of the domain router (extract/tagger/domain.ts reads it): which tagger a text goes to. */
import { domainWords, type DomainRouterFile } from '../extract/tagger/domain.js';

/** Smallest total count for a word to get a weight, and smallest |log ratio| kept (smaller ones barely move a mean). */
const MIN_COUNT = 5;
const MIN_RATIO = 0.5;

/** Trains the router on texts of each domain (Laplace-smoothed unigram models). Deterministic. */
export function trainRouter(
  abstracts: readonly string[],
  journal: readonly string[],
  trainedOn: Record<string, unknown>,
): DomainRouterFile {
  const count = (texts: readonly string[]): [Map<string, number>, number] => {
    const counts = new Map<string, number>();
    let n = 0;
    for (const t of texts)
      for (const w of domainWords(t)) {
        counts.set(w, (counts.get(w) ?? 0) + 1);
        n++;
      }
    return [counts, n];
  };
  const [a, na] = count(abstracts);
  const [j, nj] = count(journal);
  const vocabulary = [...new Set([...a.keys(), ...j.keys()])].sort();
  const v = vocabulary.length;
  const words: Record<string, number> = {};
  for (const w of vocabulary) {
    const ca = a.get(w) ?? 0;
    const cj = j.get(w) ?? 0;
    if (ca + cj < MIN_COUNT) continue;
    const ratio = Math.round(100 * (Math.log((cj + 1) / (nj + v)) - Math.log((ca + 1) / (na + v)))) / 100;
    if (Math.abs(ratio) >= MIN_RATIO) words[w] = ratio;
  }
  return {
    format: 'kg-domain/1',
    trainedOn: { ...trainedOn, abstracts: abstracts.length, journal: journal.length },
    words,
  };
}
