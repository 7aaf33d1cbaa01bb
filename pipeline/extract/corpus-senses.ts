/**
 * Acronym definitions the corpus overrules: a paper whose "non-autoregressive neural machine translation (NAT)" was
 * read as NAT = "neural machine translation" would put NAT inside Neural Machine Translation. Where the corpus
 * defines that long form with another acronym far more often (NMT) and that acronym with other long forms too, the
 * paper's definition is dropped and its uses of the acronym keep the acronym's own key.
 */
import type { ExtractionResult, Mention } from '../core/types.js';
import { canonicalKey } from './core/canonical.js';

/** A definition stands when its pair is at least this share of the long form's most frequent pair. */
export const OVERRULED_BELOW = 0.1;

/** The definitions the corpus overrules, as "short|long" (short as a canonical key). */
export function overruledDefinitions(results: readonly ExtractionResult[]): Set<string> {
  const pairs = new Map<string, number>();
  const byLong = new Map<string, Map<string, number>>();
  const byShort = new Map<string, Map<string, number>>();
  for (const r of results) {
    for (const a of r.acronyms) {
      const short = canonicalKey(a.short);
      pairs.set(`${short}|${a.long}`, (pairs.get(`${short}|${a.long}`) ?? 0) + 1);
      const shorts = byLong.get(a.long) ?? new Map<string, number>();
      shorts.set(short, (shorts.get(short) ?? 0) + 1);
      byLong.set(a.long, shorts);
      const longs = byShort.get(short) ?? new Map<string, number>();
      longs.set(a.long, (longs.get(a.long) ?? 0) + 1);
      byShort.set(short, longs);
    }
  }
  const out = new Set<string>();
  for (const [pair, n] of pairs) {
    const bar = pair.indexOf('|');
    const short = pair.slice(0, bar);
    const long = pair.slice(bar + 1);
    const best = Math.max(...byLong.get(long)!.values());
    const otherLongs = [...byShort.get(short)!].filter(([l]) => l !== long).reduce((sum, [, c]) => sum + c, 0);
    if (n < OVERRULED_BELOW * best && otherLongs > n) out.add(pair);
  }
  return out;
}

/** Drops overruled definitions and gives their acronym's uses in that paper the acronym's own key. New objects. */
export function applyOverruled(
  results: readonly ExtractionResult[],
  overruled: ReadonlySet<string> = overruledDefinitions(results),
): ExtractionResult[] {
  if (overruled.size === 0) return [...results];
  return results.map((r) => {
    const dropped = r.acronyms.filter((a) => overruled.has(`${canonicalKey(a.short)}|${a.long}`));
    if (dropped.length === 0) return r;
    const longOf = new Map(dropped.map((a) => [canonicalKey(a.short), a.long]));
    return {
      ...r,
      acronyms: r.acronyms.filter((a) => !dropped.includes(a)),
      mentions: r.mentions.map((m): Mention => {
        const short = canonicalKey(m.text);
        return longOf.get(short) === m.key ? { ...m, key: short } : m;
      }),
    };
  });
}
