/** Where the shipped tagger weights and domain router live, and loading them once per process (or thread). */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tagger, type TaggerFile } from './perceptron.js';
import { DomainRouter, type Domain, type DomainRouterFile } from './domain.js';
import { PairClassifier, type PairClassifierFile } from '../relations/learned.js';
import { WordClasses, type WordClassesFile } from './clusters.js';
import { WordVectors, type WordVectorsFile } from './vectors.js';
import { WindowNetwork, type NetworkFile } from './network.js';

/** The weights file of each domain's tagger, beside this module in the source tree (`npm run train` writes them). */
export const MODEL_FILE_NAMES: Record<Domain, string> = { abstracts: 'model.json', journal: 'model-journal.json' };
/** The domain router's file. */
export const ROUTER_FILE_NAME = 'domain.json';
/** The USED_FOR pair classifier's file (relations/learned.ts). */
export const RELATIONS_FILE_NAME = 'relations.json';
/** The word classes both taggers read (clusters.ts). */
export const WORD_CLASSES_FILE_NAME = 'word-classes.json';
/** The word vectors the window network reads (vectors.ts). */
export const WORD_VECTORS_FILE_NAME = 'word-vectors.json';
/** The window network of the abstracts tagger (network.ts); the journal tagger has none. */
export const NETWORK_FILE_NAME = 'network.json';
/** The abstracts tagger's file (the default). */
export const MODEL_FILE_NAME = MODEL_FILE_NAMES.abstracts;

/**
 * A shipped data file of the tagger: `pipeline/extract/tagger/NAME`. From the compiled `dist/pipeline/extract/tagger/`
 * the source tree is four levels up; from the TypeScript sources (tests) it is this folder.
 */
export function dataPath(name: string): string {
  const candidates = [new URL(`./${name}`, import.meta.url), new URL(`../../../../pipeline/extract/tagger/${name}`, import.meta.url)];
  for (const url of candidates) {
    const file = fileURLToPath(url);
    if (fs.existsSync(file)) return file;
  }
  return fileURLToPath(candidates[candidates.length - 1] as URL);
}

/** The weights file of a domain's tagger (default: abstracts). */
export function modelPath(domain: Domain = 'abstracts'): string {
  return dataPath(MODEL_FILE_NAMES[domain]);
}

function readJson<T>(file: string, what: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (cause) {
    throw new Error(`cannot load the extractor's ${what} from ${file} (run \`npm run train\` to rebuild it)`, { cause });
  }
}

const loaded = new Map<Domain, Tagger>();

/** A domain's shipped tagger, read on first use. Throws when the file is missing or unreadable (a broken install). */
export function defaultTagger(domain: Domain = 'abstracts'): Tagger {
  let tagger = loaded.get(domain);
  if (tagger === undefined) {
    const file = domain === 'abstracts' ? readJson<NetworkFile>(dataPath(NETWORK_FILE_NAME), 'window network') : undefined;
    // A network trained with share 0 (`npm run train -- --network-weight 0`) would add nothing: the perceptron alone.
    const network = file !== undefined && file.weight > 0 ? new WindowNetwork(file, defaultWordVectors()) : undefined;
    tagger = new Tagger(readJson<TaggerFile>(modelPath(domain), `${domain} tagger weights`), network);
    loaded.set(domain, tagger);
  }
  return tagger;
}

let router: DomainRouter | undefined;

/** The shipped domain router, read on first use. */
export function defaultRouter(): DomainRouter {
  router ??= new DomainRouter(readJson<DomainRouterFile>(dataPath(ROUTER_FILE_NAME), 'domain router'));
  return router;
}

let pairs: PairClassifier | undefined;

/** The shipped USED_FOR pair classifier, read on first use. */
export function defaultPairClassifier(): PairClassifier {
  pairs ??= new PairClassifier(readJson<PairClassifierFile>(dataPath(RELATIONS_FILE_NAME), 'USED_FOR pair classifier'));
  return pairs;
}

let classes: WordClasses | undefined;

/** The shipped word classes, read on first use. */
export function defaultWordClasses(): WordClasses {
  classes ??= new WordClasses(readJson<WordClassesFile>(dataPath(WORD_CLASSES_FILE_NAME), 'word classes'));
  return classes;
}

let vectors: WordVectors | undefined;

/** The shipped word vectors, read on first use. */
export function defaultWordVectors(): WordVectors {
  vectors ??= new WordVectors(readJson<WordVectorsFile>(dataPath(WORD_VECTORS_FILE_NAME), 'word vectors'));
  return vectors;
}
