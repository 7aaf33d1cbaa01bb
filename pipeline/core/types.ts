/** Domain model of the pure pipeline: papers in, typed mentions and relations out. */

/** Where a record came from: a file and, where one applies, a 1-based line. */
export interface SourceRef {
  file: string;
  line?: number;
}

/** One paper after ingest and deduplication. */
export interface Paper {
  /** Stable across runs: the source's id as written (any characters but controls, at most 256), e.g. `P19-1001`, `2301/00001`, or `hf-3f2a9c1b7d40` for a record without one. */
  id: string;
  title: string;
  abstract: string;
  /** ISO date (`2023-04-30`) or year (`2023`) when the source gives one. */
  date?: string;
  /** Year, when known (from `date`, `year` or the page). */
  year?: number;
  /** The date exactly as the source wrote it (`Apr 30, 2023`, `Feb 11`). */
  dateText?: string;
  url?: string;
  venue?: string;
  /** Organisation line of a daily-papers entry (`Apple`). */
  organization?: string;
  /** Author count of a daily-papers entry (`• 6 authors` → 6). */
  authorCount?: number;
  /** The places this paper was read from (several after deduplication), by file then line: the first 20 of them. */
  sources: SourceRef[];
  /** How many places there were in all, when more than `sources` lists. */
  sourceCount?: number;
}

/** A record that could not be used, reported as `FILE:LINE: reason`. */
export interface Rejection {
  file: string;
  line?: number;
  reason: string;
}

/** The kinds of mention the extractor emits (SciERC's six types, renamed). */
export type MentionType = 'method' | 'task' | 'dataset' | 'metric' | 'concept' | 'generic';

/** The kinds of entity that become graph nodes (generic mentions such as "this approach" do not). */
export type EntityKind = Exclude<MentionType, 'generic'>;

export const MENTION_TYPES: readonly MentionType[] = ['method', 'task', 'dataset', 'metric', 'concept', 'generic'];
export const ENTITY_KINDS: readonly EntityKind[] = ['method', 'task', 'dataset', 'metric', 'concept'];

/** A typed span of the text: `text.slice(start, end) === mention.text` (end exclusive). */
export interface Mention {
  start: number;
  end: number;
  text: string;
  type: MentionType;
  /** Canonical key: lower case, singular, hyphen/space folded, acronyms resolved to their long form. */
  key: string;
  /** Set on a use of a name that the corpus stage added where the tagger had none (corpus-names.ts); such a use counts for the paper but not for its topics. */
  inferred?: true;
}

export type RelationType = 'USED_FOR' | 'HYPONYM_OF' | 'EVALUATED_ON' | 'COMPARE' | 'PART_OF' | 'CONJUNCTION';

/** A relation between two mentions of the same text; `head` and `tail` index `mentions`. */
export interface Relation {
  type: RelationType;
  head: number;
  tail: number;
}

/**
 * A result the text states, "achieves 92.1 F1 on CoNLL-2003": the metric's mention and, when the sentence names them,
 * the dataset's and the method's (indexes into `mentions`, kept valid as relations' are), the number and its sentence.
 */
export interface ReportedResult {
  metric: number;
  dataset?: number;
  method?: number;
  /** The number as written (92.1 for "92.1 %"). */
  value: number;
  /** `%` for a percentage, `points` for "2.3 points"; none for a bare score ("92.1 F1"). */
  unit?: '%' | 'points';
  /** A change rather than a level: "improves BLEU by 2.3" (absolute), "a 15 % relative reduction in WER" (relative). */
  delta?: 'absolute' | 'relative';
  /** The number's offsets in the text (end exclusive). */
  start: number;
  end: number;
  /** The sentence's offsets in the text: the evidence shown with the row. */
  sentence: [number, number];
}

/** An acronym defined in the text, "Invariant Risk Minimization (IRM)": short form and the long form's key. */
export interface AcronymDefinition {
  short: string;
  long: string;
}

/** The extractor's output for one text (the `kg extract` contract, plus `acronyms`). */
export interface ExtractionResult {
  id: string;
  mentions: Mention[];
  relations: Relation[];
  acronyms: AcronymDefinition[];
  /** Results the text states (absent from extractors before results were read). */
  results?: ReportedResult[];
}

/** What the extractor reads: offsets index `title + "\n" + abstract`, or `text`. */
export type ExtractionInput = { id: string; text: string } | { id: string; title: string; abstract: string };
