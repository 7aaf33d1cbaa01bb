/**
 * The corpus-level steps between extraction and the graph, in order: lists split into their members (before anything
 * is keyed), acronym definitions the corpus overrules dropped, acronyms resolved across the corpus, metric suffixes
 * merged, entity keys merged (case twins, slips, empty heads) with variants found, and names spread to every paper
 * that writes them. The extractor's own output (what `kg eval` scores) is not changed by any of them.
 */
import type { ExtractionResult } from '../core/types.js';
import { corpusAcronyms, corpusKey, resolveCorpusAcronyms } from './corpus-acronyms.js';
import { applyEntityMerges, entityMerges } from './corpus-entities.js';
import { splitListMentions } from './corpus-lists.js';
import { mergeMetricSuffixes, metricSuffixMerges } from './corpus-metrics.js';
import { nameMentions } from './corpus-names.js';
import { applyOverruled } from './corpus-senses.js';

/**
 * A corpus's results with every corpus-level step applied, the variants found (variant key → family key), and the key
 * the corpus gives a canonical key that no mention has (`kg eval --aliases` keys forms never extracted as written so).
 */
export interface CorpusResolution {
  results: ExtractionResult[];
  variants: Map<string, string>;
  keyOf: (canonical: string) => string;
}

/** Applies the corpus-level steps (see the file header); `text(id)` is the text a result's offsets index. Pure. */
export function resolveCorpus(
  results: readonly ExtractionResult[],
  text: (id: string) => string | undefined,
): CorpusResolution {
  const split = applyOverruled(splitListMentions(results));
  const table = corpusAcronyms(split);
  const acronyms = resolveCorpusAcronyms(split, table);
  const metrics = metricSuffixMerges(acronyms);
  const resolved = mergeMetricSuffixes(acronyms, metrics);
  const { merges, variants, names } = entityMerges(resolved, text, table.resolved);
  const keyOf = (canonical: string): string => {
    const k = corpusKey(table, canonical);
    const m = metrics.get(k) ?? k;
    return merges.get(m) ?? m;
  };
  return { results: nameMentions(applyEntityMerges(resolved, merges), text, names), variants, keyOf };
}
