/**
 * Word vectors learnt from unlabelled ACL abstracts (`kg train`, train/vectors.ts): positive PMI of the words
 * within two tokens of each other, reduced to a few dimensions, so that words used alike lie close ("summarization":
 * "extractive", "abstractive", "captioning"; "accurate": "precise", "reliable", "robust"). The window network
 * (network.ts) reads them. Kept as unit vectors in 8-bit steps (a component `q` stands for `q / 127`), in base64.
 */

/** The saved vectors: what `kg train` writes beside the taggers. */
export interface WordVectorsFile {
  format: 'kg-word-vectors/1';
  /** How the vectors were made (data, window, dimensions), for the reader of the file. */
  trainedOn: Record<string, unknown>;
  dims: number;
  /** Lower-case word → its components as signed bytes, base64. */
  words: Record<string, string>;
}

/** The scale of a stored component: `q / QUANTUM`. */
export const QUANTUM = 127;

export class WordVectors {
  readonly dims: number;
  private readonly words: Map<string, string>;

  constructor(file: WordVectorsFile) {
    if (file.format !== 'kg-word-vectors/1') throw new Error(`unknown word vectors format ${String(file.format)}`);
    this.dims = file.dims;
    this.words = new Map(Object.entries(file.words));
  }

  /** The vector of a lower-case word, or undefined when the unlabelled text had too few of it. */
  of(lower: string): Float64Array | undefined {
    const stored = this.words.get(lower);
    if (stored === undefined) return undefined;
    const q = new Int8Array(Buffer.from(stored, 'base64'));
    const v = new Float64Array(this.dims);
    for (let d = 0; d < this.dims; d++) v[d] = (q[d] as number) / QUANTUM;
    return v;
  }

  /** Whether the lower-case word has a vector. */
  has(lower: string): boolean {
    return this.words.has(lower);
  }
}
