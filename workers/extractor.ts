/** The extractor of a kg process (a `kg worker`, an extraction thread, in-process `kg run`): made here, at the edge. */
import { createExtractor, loadModels, type Extractor } from '../pipeline/extract/index.js';

/**
 * An extractor on the shipped models, loaded now. `KG_TEST_EXTRACT_THROW=MARKER` in `env` makes it fail on a text
 * holding MARKER, as a bug inside it would (the tests' hook; see ExtractorOptions.failOn).
 */
export function createShippedExtractor(env: NodeJS.ProcessEnv = process.env): Extractor {
  const marker = env.KG_TEST_EXTRACT_THROW;
  return createExtractor({ models: loadModels(), ...(marker ? { failOn: marker } : {}) });
}
