/** Training sequences for the tagger: gold character spans turned into BIO labels over the extractor's own tokens. */
import type { MentionType } from '../core/types.js';
import type { Token } from '../extract/core/model.js';
import type { Analyser } from '../extract/extract.js';
import type { WordClasses } from '../extract/tagger/clusters.js';
import { sequenceFeatures } from '../extract/tagger/features.js';
import { labelIndex } from '../extract/tagger/perceptron.js';
import type { TrainingSequence } from './perceptron.js';

/** A gold mention in kg's types. */
export interface TypedSpan {
  start: number;
  end: number;
  type: MentionType;
}

/**
 * What labelling reads: the extractor's parse and hand rules (`createAnalyser()`), and the word classes the tagger's
 * features read (the shipped ones for cross-validation, the ones just learnt when `kg train` makes new files).
 */
export interface Labelling {
  analyser: Analyser;
  wordClasses: WordClasses;
}

/** What labelling one document found: its sentences as sequences, and gold spans that fall inside a token. */
export interface LabelledDoc {
  sequences: TrainingSequence[];
  unaligned: number;
  overlapping: number;
}

/**
 * Labels the tokens of `text` with `spans` (longest first; a span overlapping one already placed is skipped) and
 * cuts the document into sentences. A span whose edges are not token edges cannot be learnt and is counted.
 */
export function labelDocument(text: string, spans: readonly TypedSpan[], labelling: Labelling): LabelledDoc {
  const { ctx, ruleMentions } = labelling.analyser.analyse(text);
  const features = sequenceFeatures(ctx, ruleMentions, labelling.wordClasses);
  const tokens = ctx.tokens;
  const labels = new Array<string>(tokens.length).fill('O');
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  tokens.forEach((t: Token, i) => {
    byStart.set(t.start, i);
    byEnd.set(t.end, i);
  });
  // "Spoken Language Systems (SLS)": a span may end on the ")" after a token (the tagger's spans are extended alike).
  tokens.forEach((t: Token, i) => {
    if (text[t.end] === ')' && !byEnd.has(t.end + 1)) byEnd.set(t.end + 1, i);
  });
  let unaligned = 0;
  let overlapping = 0;
  const ordered = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const s of ordered) {
    const first = byStart.get(s.start);
    const last = byEnd.get(s.end);
    if (first === undefined || last === undefined || last < first) {
      unaligned++;
      continue;
    }
    let free = true;
    for (let k = first; k <= last; k++) if (labels[k] !== 'O') free = false;
    if (!free) {
      overlapping++;
      continue;
    }
    labels[first] = `B-${s.type}`;
    for (let k = first + 1; k <= last; k++) labels[k] = `I-${s.type}`;
  }
  const sequences: TrainingSequence[] = [];
  let from = 0;
  while (from < tokens.length) {
    const sentence = tokens[from]?.sentence;
    let to = from;
    while (to < tokens.length && tokens[to]?.sentence === sentence) to++;
    sequences.push({
      features: features.slice(from, to),
      gold: labels.slice(from, to).map(labelIndex),
      words: tokens.slice(from, to).map((t) => t.text.toLowerCase()),
    });
    from = to;
  }
  return { sequences, unaligned, overlapping };
}
