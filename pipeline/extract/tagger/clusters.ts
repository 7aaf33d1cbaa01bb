/**
 * Word classes learnt from unlabelled ACL abstracts (`kg train`, train/clusters.ts): words that occur in the
 * same neighbourhoods share a class ("parser", "treebank", "parsing"; "BLEU", "ROUGE", "F1"; "LSTM", "CRF", "SVM"),
 * so the tagger can generalise from a word seen in SciERC train to one it never saw there. The tagger reads the
 * class of each token as one more feature (features.ts); a word outside the file has the class "u".
 */

/** The saved classes: what `kg train` writes beside the taggers. */
export interface WordClassesFile {
  format: 'kg-word-classes/1';
  /** How the classes were made (data, classes, iterations), for the reader of the file. */
  trainedOn: Record<string, unknown>;
  classes: number;
  /** Lower-case word → class, `0 … classes - 1`. */
  words: Record<string, number>;
}

export class WordClasses {
  private readonly words: Map<string, number>;

  constructor(file: WordClassesFile) {
    if (file.format !== 'kg-word-classes/1') throw new Error(`unknown word classes format ${String(file.format)}`);
    this.words = new Map(Object.entries(file.words));
  }

  /** The class of a lower-case word, or undefined when the unlabelled text had too few of it. */
  of(lower: string): number | undefined {
    return this.words.get(lower);
  }
}
