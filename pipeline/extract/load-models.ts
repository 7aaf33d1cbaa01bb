/**
 * The one loader of the extractor's models: reads the weights files of a folder (default: the shipped ones, which
 * `kg train` writes) into a {@link Models}. The edge (the CLI, a worker, a benchmark, a test) calls it and passes the
 * result to `createExtractor`; nothing else in pipeline/extract reads a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Models } from './models.js';
import { Tagger, type TaggerFile } from './tagger/perceptron.js';
import { DomainRouter, type Domain, type DomainRouterFile } from './tagger/domain.js';
import { PairClassifier, type PairClassifierFile } from './relations/learned.js';
import { WordClasses, type WordClassesFile } from './tagger/clusters.js';
import { WordVectors, type WordVectorsFile } from './tagger/vectors.js';
import { WindowNetwork, type NetworkFile } from './tagger/network.js';

/** The weights file of each domain's tagger. */
export const MODEL_FILE_NAMES: Record<Domain, string> = { abstracts: 'model.json', journal: 'model-journal.json' };
/** The domain router's file. */
export const ROUTER_FILE_NAME = 'domain.json';
/** The USED_FOR pair classifier's file (relations/learned.ts). */
export const RELATIONS_FILE_NAME = 'relations.json';
/** The word classes both taggers read (tagger/clusters.ts). */
export const WORD_CLASSES_FILE_NAME = 'word-classes.json';
/** The word vectors the window network reads (tagger/vectors.ts). */
export const WORD_VECTORS_FILE_NAME = 'word-vectors.json';
/** The window network of the abstracts tagger (tagger/network.ts); the journal tagger has none. */
export const NETWORK_FILE_NAME = 'network.json';

/**
 * The folder of the shipped models: pipeline/extract/tagger/ in the source tree. From the compiled
 * `dist/pipeline/extract/` that is three levels up; from the TypeScript sources (tests) it is `./tagger/`.
 */
export function shippedModelsDir(): string {
  const candidates = [
    new URL('./tagger/', import.meta.url),
    new URL('../../../pipeline/extract/tagger/', import.meta.url),
  ];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (fs.existsSync(path.join(dir, ROUTER_FILE_NAME))) return dir;
  }
  return fileURLToPath(candidates[candidates.length - 1] as URL);
}

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new Error(`cannot load the extractor's ${what} from ${file} (run \`kg train\` to rebuild it)`, { cause });
  }
}

/**
 * The models in `dir` (default: the shipped ones). The router, the pair classifier, the word classes and vectors are
 * read now, so a missing file shows at once; a domain's tagger is read on its first use (`models.tagger(domain)`:
 * the journal tagger is 8 MB that most corpora never need) and kept in the returned value, never in this module.
 * Throws when a file is missing or unreadable (a broken install).
 */
export function loadModels(dir: string = shippedModelsDir()): Models {
  const file = (name: string): string => path.join(dir, name);
  const wordVectors = new WordVectors(readJson<WordVectorsFile>(file(WORD_VECTORS_FILE_NAME), 'word vectors'));
  const taggers = new Map<Domain, Tagger>();
  return {
    tagger(domain) {
      let tagger = taggers.get(domain);
      if (tagger === undefined) {
        const net =
          domain === 'abstracts' ? readJson<NetworkFile>(file(NETWORK_FILE_NAME), 'window network') : undefined;
        // A network trained with share 0 (`kg train --network-weight 0`) would add nothing: the perceptron alone.
        const network = net !== undefined && net.weight > 0 ? new WindowNetwork(net, wordVectors) : undefined;
        tagger = new Tagger(readJson<TaggerFile>(file(MODEL_FILE_NAMES[domain]), `${domain} tagger weights`), network);
        taggers.set(domain, tagger);
      }
      return tagger;
    },
    router: new DomainRouter(readJson<DomainRouterFile>(file(ROUTER_FILE_NAME), 'domain router')),
    pairs: new PairClassifier(readJson<PairClassifierFile>(file(RELATIONS_FILE_NAME), 'USED_FOR pair classifier')),
    wordClasses: new WordClasses(readJson<WordClassesFile>(file(WORD_CLASSES_FILE_NAME), 'word classes')),
    wordVectors,
  };
}
