/** Corpus-level acronym resolution: a bare "IRM" in one abstract takes the long form another abstract defined. */
import type { ExtractionResult, Mention, MentionType } from '../types.js';
import { canonicalKey } from './canonical.js';
import { singularShort } from './acronyms.js';

/** Share of an acronym's definitions its majority long form needs before bare uses are resolved to it. */
export const CORPUS_ACRONYM_AGREEMENT = 0.8;

/**
 * Maps bare acronym mentions (key = the lower-case singular acronym) to the long form the corpus defines for that
 * acronym, when one long-form key accounts for at least 80 % of its definitions; an acronym with competing long
 * forms is left alone. The type becomes the most frequent type of that long form's mentions. Pure: returns new
 * result objects, inputs untouched; deterministic (ties broken by key order).
 */
export function resolveCorpusAcronyms(results: ExtractionResult[]): ExtractionResult[] {
  const definitions = new Map<string, Map<string, number>>();
  for (const r of results) {
    for (const a of r.acronyms) {
      const short = canonicalKey(singularShort(a.short));
      const longs = definitions.get(short) ?? new Map<string, number>();
      longs.set(a.long, (longs.get(a.long) ?? 0) + 1);
      definitions.set(short, longs);
    }
  }
  const resolved = new Map<string, string>();
  for (const [short, longs] of definitions) {
    let total = 0;
    let best: string | undefined;
    let bestCount = 0;
    for (const [long, n] of [...longs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      total += n;
      if (n > bestCount) {
        best = long;
        bestCount = n;
      }
    }
    if (best !== undefined && bestCount / total >= CORPUS_ACRONYM_AGREEMENT && best !== short) resolved.set(short, best);
  }
  if (resolved.size === 0) return results.map(copy);
  const longTypes = typesOfLongForms(results, new Set(resolved.values()));
  return results.map((r) => {
    const own = new Set(r.acronyms.map((a) => canonicalKey(singularShort(a.short))));
    return {
      ...copy(r),
      mentions: r.mentions.map((m): Mention => {
        const long = own.has(m.key) ? undefined : resolved.get(m.key);
        if (long === undefined) return { ...m };
        return { ...m, key: long, type: longTypes.get(long) ?? m.type };
      }),
    };
  });
}

function copy(r: ExtractionResult): ExtractionResult {
  return {
    id: r.id,
    mentions: r.mentions.map((m) => ({ ...m })),
    relations: r.relations.map((x) => ({ ...x })),
    acronyms: r.acronyms.map((a) => ({ ...a })),
  };
}

/** The most frequent non-generic type among mentions of each long-form key. */
function typesOfLongForms(results: ExtractionResult[], longs: Set<string>): Map<string, MentionType> {
  const counts = new Map<string, Map<MentionType, number>>();
  for (const r of results) {
    for (const m of r.mentions) {
      if (!longs.has(m.key) || m.type === 'generic') continue;
      const byType = counts.get(m.key) ?? new Map<MentionType, number>();
      byType.set(m.type, (byType.get(m.type) ?? 0) + 1);
      counts.set(m.key, byType);
    }
  }
  const out = new Map<string, MentionType>();
  for (const [key, byType] of counts) {
    let best: MentionType | undefined;
    let n = 0;
    for (const t of ['method', 'task', 'dataset', 'metric', 'concept'] as const) {
      const c = byType.get(t) ?? 0;
      if (c > n) {
        best = t;
        n = c;
      }
    }
    if (best !== undefined) out.set(key, best);
  }
  return out;
}
