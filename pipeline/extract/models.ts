/** The trained parts an extractor reads, as one value: loaded at the edge (load-models.ts) and passed in. */
import type { Domain, DomainRouter } from './tagger/domain.js';
import type { Tagger } from './tagger/perceptron.js';
import type { PairClassifier } from './relations/learned.js';
import type { WordClasses } from './tagger/clusters.js';
import type { WordVectors } from './tagger/vectors.js';

/**
 * What `createExtractor` reads besides the text. Nothing in pipeline/extract holds a model of its own: two
 * extractors made with different models share no state. `{ ...models, tagger: null }` is the hand rules alone.
 */
export interface Models {
  /**
   * A domain's tagger (the abstracts one carries its window network, `tagger.network`); the same tagger for the same
   * domain on every call. `loadModels` reads a domain's weights on its first call, so a process that never meets a
   * journal text never loads that tagger. `null`: no tagger, the hand rules' mentions are the output.
   */
  tagger: ((domain: Domain) => Tagger) | null;
  /** Routes a text to a domain's tagger (`domain: 'auto'`). */
  router: DomainRouter;
  /** The learnt USED_FOR classifier (relations/learned.ts); `null`: the relation patterns alone. */
  pairs: PairClassifier | null;
  /** The word classes the taggers' features read (they were trained with these). */
  wordClasses: WordClasses;
  /** The word vectors the abstracts tagger's window network reads. */
  wordVectors: WordVectors;
}
