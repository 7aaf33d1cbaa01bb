/**
 * Training of the extractor's data files from the eval-data folder, for `kg train` (cli/commands/train.ts), which
 * writes them to pipeline/extract/tagger/ or checks them against it:
 * - model.json, the "abstracts" tagger (an averaged perceptron and a CRF mixed into one table), on SciERC train;
 * - model-journal.json, the "journal" tagger, on ScienceIE train together with SciERC train with domain-augmented
 *   features (every feature also in a copy private to its set), the journal view merged into one table;
 * - relations.json, the USED_FOR pair classifier (train/relations.ts), on SciERC train's gold mentions;
 * - domain.json, the router between them, on the texts of both train sets plus ACL abstracts (no labels);
 * - word-classes.json, the word classes both taggers read (train/clusters.ts), on all ACL abstracts (no labels),
 *   learnt first;
 * - word-vectors.json, word vectors (train/vectors.ts) from the same ACL sentences (no labels), and network.json,
 *   the abstracts tagger's window network over them (train/network.ts), on SciERC train.
 * Deterministic: the same data and options give the same bytes (`kg train --check` verifies the shipped files).
 * Training imports the extractor (its parse, rules and features), never the other way.
 */
import fs from 'node:fs';
import { GENERIC_LABEL, SCHEME_LABELS, labelOf, loadGoldSet, type GoldDoc, type LabelScheme } from '../eval/gold.js';
import { score, type ScoredDoc, type Scores } from '../eval/score.js';
import { labelDocument, type Labelling, type TypedSpan } from './sequences.js';
import { Tagger, spansOf, type TaggerFile } from '../extract/tagger/perceptron.js';
import {
  addWeights,
  averageTaggers,
  mixTaggers,
  train,
  weightTable,
  withLabelBias,
  type TrainingSequence,
} from './perceptron.js';
import {
  MODEL_FILE_NAMES,
  NETWORK_FILE_NAME,
  RELATIONS_FILE_NAME,
  ROUTER_FILE_NAME,
  WORD_CLASSES_FILE_NAME,
  WORD_VECTORS_FILE_NAME,
} from '../extract/load-models.js';
import { WordClasses } from '../extract/tagger/clusters.js';
import { CLASS_DEFAULTS, exchangeClasses, sentenceWords, serialiseClasses } from './clusters.js';
import type { PairClassifierFile } from '../extract/relations/learned.js';
import { RELATION_DEFAULTS, trainPairClassifier } from './relations.js';
import { oneEntryPerLine } from './serialise.js';
import { CRF_DEFAULTS, trainCrf } from './crf.js';
import type { Domain } from '../extract/tagger/domain.js';
import { trainRouter } from './router.js';
import path from 'node:path';
import type { MentionType } from '../core/types.js';
import { closeBracket, createAnalyser, inputText, type Analyser } from '../extract/extract.js';
import { WordVectors } from '../extract/tagger/vectors.js';
import { WindowNetwork, type NetworkFile } from '../extract/tagger/network.js';
import { NETWORK_DEFAULTS, joinNetworks, serialiseNetwork, trainNetwork } from './network.js';
import { VECTOR_DEFAULTS, ppmiVectors, serialiseVectors } from './vectors.js';

export { RELATION_DEFAULTS, crossValidateRelations } from './relations.js';
export { CLASS_DEFAULTS } from './clusters.js';
export { CRF_DEFAULTS } from './crf.js';
export { NETWORK_DEFAULTS } from './network.js';
export { VECTOR_DEFAULTS } from './vectors.js';

/** SciERC labels in kg's types (the inverse of `kg eval`'s mapping). */
export const SCIERC_TYPES: Record<string, MentionType> = {
  Method: 'method',
  Task: 'task',
  Material: 'dataset',
  Metric: 'metric',
  OtherScientificTerm: 'concept',
  Generic: 'generic',
};

/** ScienceIE labels in kg's types (what the journal tagger learns). Process as method, not concept: chosen by 3-fold
 * cross-validation on ScienceIE train (untyped span F1 0.417 against 0.410). */
const SCIENCEIE_TYPES: Record<string, MentionType> = { Process: 'method', Task: 'task', Material: 'dataset' };

/**
 * Epochs of the abstracts tagger, runs averaged into it (seeds seed, seed+1, …), epochs of the journal tagger, and
 * the first shuffling seed. Averaging 4 runs scored better in 5-fold cross-validation on SciERC train (mean strict
 * F1 0.5585 against 0.5536, Task 0.539 against 0.527) but worse on SciERC dev (58.2 against 58.9, Task 52.4
 * against 53.6): within the noise of either, so the default stays one run (a smaller file); `--runs` remains.
 * With the word classes (train/clusters.ts) 4 runs again led in cross-validation (seeds 1-3: strict 0.5621 against
 * 0.5563, Task 0.536 against 0.530), and the default stays. The other figures here predate the word classes.
 * 10 and 12 epochs tie in 5-fold CV (0.5534 and 0.5532); the shipped weights use 12.
 * The journal tagger's "O" bias: the perceptron under-predicts spans on ScienceIE (precision 0.46, recall 0.38 in
 * 3-fold CV on ScienceIE train); a bias of -40 on "O" at every token trades some precision for recall, mean untyped
 * F1 0.417 → 0.445 (`--cv-journal 3`: 0 0.417, -16 0.431, -24 0.438, -32 0.441, -40 0.445, -50 0.442). With the
 * word classes: 0 0.427, -16 0.436, -32 0.447, -40 0.448, -48 0.450; the gap is within noise and the bias stays.
 */
export const TRAIN_DEFAULTS = {
  epochs: 12,
  runs: 1,
  journalEpochs: 10,
  journalOutsideBias: -40,
  seed: 1,
  learner: 'mix',
} as const;

/**
 * What learns the abstracts tagger: the averaged perceptron and a CRF (train/crf.ts) mixed into one table (`mix`,
 * shipped since extract-v2.10; perceptron.ts' mixTaggers, the CRF's share MIX_SHARE), or either alone (experiments).
 */
export type Learner = 'perceptron' | 'crf' | 'mix';
export const LEARNERS: readonly Learner[] = ['perceptron', 'crf', 'mix'];

/**
 * The CRF's share of `--learner mix`. In 5-fold cross-validation on SciERC train (seeds 1-6, before the window
 * network) the mix at 0.5 beat the perceptron on every seed, strict 0.5612 → 0.5666 and Task 0.544 → 0.551, and the
 * CRF alone (0.5632, 0.544); shares 0.3 and 0.7 scored alike (seed 1: 0.5674, 0.5696; 0.7 over seeds 1-6 0.5662).
 * SciERC dev did not confirm it then (seeds 1-3: strict 60.1, 60.5, 59.2 → 59.7, 59.3, 59.2). With the window
 * network beside it (extract-v2.9) the mix is higher in cross-validation on every seed of 1-5 (strict 0.5731 →
 * 0.5768, Task 0.556 → 0.561) and dev's mean over seeds 1-8 confirms it (strict 60.4 → 60.7, Task 53.0 → 53.9,
 * Method 68.8 → 69.3), so it is the shipped learner since extract-v2.10; see README.
 */
export const MIX_SHARE = 0.5;

/** How the abstracts tagger is trained (`kg train`'s options). */
export interface RunOptions {
  /** Epochs of the perceptron; the CRF's are CRF_DEFAULTS.epochs unless `crfEpochs` is given. */
  epochs: number;
  seed: number;
  runs: number;
  learner?: Learner;
  crfEpochs?: number;
  /**
   * The window network's share in the abstracts tagger's scores (network.ts): 0 for the tagger's table alone; default
   * NETWORK_DEFAULTS.weight. Cross-validation trains one network per fold, on the shipped word vectors.
   */
  networkWeight?: number;
  /** Epochs of the window network (default NETWORK_DEFAULTS.epochs). */
  networkEpochs?: number;
  /** Hidden units of the window network (default NETWORK_DEFAULTS.hidden). */
  networkHidden?: number;
  /** Networks of consecutive seeds joined into one (joinNetworks; default 1). */
  networks?: number;
  log?: (s: string) => void;
}

/** The CRF's settings for these options: CRF_DEFAULTS, with `crfEpochs` when given. */
function crfSettings(options: RunOptions): { epochs: number; c2: number; eta0: number; averageFrom: number } {
  return { ...CRF_DEFAULTS, epochs: options.crfEpochs ?? CRF_DEFAULTS.epochs };
}

/** Trains `runs` taggers on the same sequences with consecutive seeds and averages them. */
function trainRuns(
  sequences: readonly TrainingSequence[],
  options: RunOptions,
  trainedOn: Record<string, unknown>,
): TaggerFile {
  const files: TaggerFile[] = [];
  for (let r = 0; r < options.runs; r++) {
    const seed = options.seed + r;
    const progress = `run ${r + 1}/${options.runs}, epoch`;
    const crf = (): TaggerFile =>
      trainCrf(
        sequences,
        {
          ...crfSettings(options),
          seed,
          onEpoch: (e, loss, forbidden) =>
            options.log?.(
              `${progress} ${e} (CRF): log loss ${loss.toFixed(1)}${forbidden > 0 ? ` (${forbidden} sentence${forbidden === 1 ? '' : 's'} left out of it: gold labels that break the BIO order)` : ''}`,
            ),
        },
        {},
      );
    const perceptron = (): TaggerFile =>
      train(
        sequences,
        {
          epochs: options.epochs,
          seed,
          onEpoch: (e, errors) => options.log?.(`${progress} ${e}: ${errors} token errors`),
        },
        {},
      );
    if (options.learner === 'crf') files.push(crf());
    else if (options.learner === 'mix') files.push(mixTaggers(perceptron(), crf(), MIX_SHARE, {}));
    else files.push(perceptron());
  }
  return averageTaggers(files, trainedOn);
}

/** ACL abstracts the router reads as examples of the abstracts domain: every sixth line, at most this many. */
const ROUTER_ACL_ABSTRACTS = 5000;

function spansOfDoc(doc: GoldDoc, types: Record<string, MentionType> = SCIERC_TYPES): TypedSpan[] {
  return doc.entities.flatMap((e) => {
    const type = types[e.type];
    return type === undefined ? [] : [{ start: e.start, end: e.end, type }];
  });
}

interface Prepared {
  doc: GoldDoc;
  sequences: TrainingSequence[];
}

function prepare(
  docs: readonly GoldDoc[],
  labelling: Labelling,
  types: Record<string, MentionType> = SCIERC_TYPES,
): { prepared: Prepared[]; unaligned: number; overlapping: number } {
  let unaligned = 0;
  let overlapping = 0;
  const prepared = docs.map((doc) => {
    const labelled = labelDocument(doc.text, spansOfDoc(doc, types), labelling);
    unaligned += labelled.unaligned;
    overlapping += labelled.overlapping;
    return { doc, sequences: labelled.sequences };
  });
  return { prepared, unaligned, overlapping };
}

/** Trains on `docs`, labelled (`prepare`); the file records how. */
function trainTagger(
  docs: readonly GoldDoc[],
  options: RunOptions & { source: string },
  labelled: ReturnType<typeof prepare>,
): TaggerFile {
  const { prepared, unaligned, overlapping } = labelled;
  options.log?.(
    `${docs.length} documents; ${unaligned} gold spans not on token edges and ${overlapping} nested ones left out`,
  );
  const sequences = prepared.flatMap((p) => p.sequences);
  const how =
    options.learner === 'crf'
      ? { learner: 'crf', ...crfSettings(options) }
      : options.learner === 'mix'
        ? { learner: 'mix', crfShare: MIX_SHARE, epochs: options.epochs, crf: crfSettings(options) }
        : { epochs: options.epochs };
  return trainRuns(sequences, options, {
    data: options.source,
    documents: docs.length,
    ...how,
    runs: options.runs,
    seed: options.seed,
  });
}

/** Separates a domain's private copy of a feature from the feature's name. */
const DOMAIN_SEPARATOR = '\u0001';

/** Every feature twice: shared, and private to `domain` (Daumé III 2007). */
function augment(sequences: readonly TrainingSequence[], domain: Domain): TrainingSequence[] {
  return sequences.map((s) => ({
    gold: s.gold,
    features: s.features.map((fs) => [...fs, ...fs.map((f) => `${domain}${DOMAIN_SEPARATOR}${f}`)]),
  }));
}

/** The view of an augmented model from `domain`: shared plus that domain's private weights, in one table. */
export function domainView(file: TaggerFile, domain: Domain): TaggerFile {
  const sums = new Map<string, Float64Array>();
  for (const [name, flat] of Object.entries(file.features)) {
    const cut = name.indexOf(DOMAIN_SEPARATOR);
    if (cut < 0) addWeights(sums, name, flat);
    else if (name.slice(0, cut) === domain) addWeights(sums, name.slice(cut + 1), flat);
  }
  return { ...file, features: weightTable(sums) };
}

/** The journal tagger: ScienceIE train and SciERC train, domain-augmented, seen from the journal domain. */
export function trainJournalTagger(
  scierc: readonly GoldDoc[],
  scienceie: readonly GoldDoc[],
  options: { epochs: number; seed: number; outsideBias: number; log?: (s: string) => void },
  labelling: Labelling,
): TaggerFile {
  const a = prepare(scierc, labelling);
  const j = prepare(scienceie, labelling, SCIENCEIE_TYPES);
  options.log?.(
    `journal tagger: ${scienceie.length} ScienceIE and ${scierc.length} SciERC documents; ${j.unaligned} ScienceIE spans not on token edges left out`,
  );
  const sequences = [
    ...augment(
      a.prepared.flatMap((p) => p.sequences),
      'abstracts',
    ),
    ...augment(
      j.prepared.flatMap((p) => p.sequences),
      'journal',
    ),
  ];
  const file = train(
    sequences,
    {
      epochs: options.epochs,
      seed: options.seed,
      onEpoch: (e, errors) => options.log?.(`journal epoch ${e}: ${errors} token errors`),
    },
    {
      data: 'scienceie-train + scierc-train, domain-augmented; journal view',
      documents: scierc.length + scienceie.length,
      epochs: options.epochs,
      seed: options.seed,
      outsideBias: options.outsideBias,
    },
  );
  return withLabelBias(domainView(file, 'journal'), { O: options.outsideBias });
}

/**
 * Every ACL abstract (eval-data/corpus) as the extractor reads a paper, title and abstract (`inputText`): read once
 * for the word classes (all of them) and the router (every sixth, see {@link routerAbstracts}).
 */
function aclTexts(dataDir: string): string[] {
  const file = path.join(dataDir, 'corpus', 'acl-anthology.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = JSON.parse(line) as { id?: unknown; title?: unknown; abstract?: unknown };
      return inputText({
        id: String(record.id ?? ''),
        title: String(record.title ?? ''),
        abstract: String(record.abstract ?? ''),
      });
    });
}

/** The ACL abstracts the router reads as examples of the abstracts domain: every sixth, from the second. */
function routerAbstracts(texts: readonly string[]): string[] {
  return texts.filter((_, i) => i % 6 === 1).slice(0, ROUTER_ACL_ABSTRACTS);
}

/** Strict typed F1 of a tagger on prepared documents (tagger spans only, as the extractor emits them). */
function scoreTagger(
  tagger: Tagger,
  prepared: readonly Prepared[],
  analyser: Analyser,
  scheme: LabelScheme = 'scierc',
): Scores {
  const docs: ScoredDoc[] = prepared.map((p) => {
    // Re-run the labelling to get token offsets: decode each sentence and map spans back to characters.
    const gold = p.doc.entities.map((e) => ({ start: e.start, end: e.end, type: e.type }));
    const predicted: { start: number; end: number; type: string }[] = [];
    const tokens = analyser.analyse(p.doc.text).ctx.tokens;
    let offset = 0;
    for (const seq of p.sequences) {
      for (const s of spansOf(tagger.decode(seq.features, seq.words))) {
        const a = tokens[offset + s.first];
        const b = tokens[offset + s.last - 1];
        const type = labelOf(scheme, s.type);
        if (a !== undefined && b !== undefined && type !== undefined)
          predicted.push({ start: a.start, end: closeBracket(p.doc.text, a.start, b.end), type });
      }
      offset += seq.gold.length;
    }
    return { gold, predicted };
  });
  return score(docs, { labels: SCHEME_LABELS[scheme], genericLabel: GENERIC_LABEL[scheme] });
}

/**
 * The window network of these options (NETWORK_DEFAULTS where they name nothing), or `networks` of them with
 * consecutive seeds joined into one (joinNetworks: their mean).
 */
function trainNetworks(
  sequences: readonly TrainingSequence[],
  vectors: WordVectors,
  options: RunOptions,
  trainedOn: Record<string, unknown>,
  log?: (s: string) => void,
): NetworkFile {
  const n = options.networks ?? 1;
  const files = Array.from({ length: n }, (_, r) =>
    trainNetwork(
      sequences,
      vectors,
      {
        ...NETWORK_DEFAULTS,
        hidden: options.networkHidden ?? NETWORK_DEFAULTS.hidden,
        epochs: options.networkEpochs ?? NETWORK_DEFAULTS.epochs,
        weight: options.networkWeight ?? NETWORK_DEFAULTS.weight,
        seed: options.seed + r,
        ...(log === undefined
          ? {}
          : {
              onEpoch: (e: number, loss: number) =>
                log(`window network ${n > 1 ? `${r + 1}/${n} ` : ''}epoch ${e}: log loss ${loss.toFixed(4)}`),
            }),
      },
      trainedOn,
    ),
  );
  return files.length === 1 ? (files[0] as NetworkFile) : joinNetworks(files, trainedOn);
}

/** The window network for a tagger trained on `sequences` with `options`, or none when its share is 0. */
function foldNetwork(
  sequences: readonly TrainingSequence[],
  options: RunOptions,
  vectors: WordVectors,
): WindowNetwork | undefined {
  if ((options.networkWeight ?? NETWORK_DEFAULTS.weight) === 0) return undefined;
  return new WindowNetwork(trainNetworks(sequences, vectors, options, {}), vectors);
}

/**
 * What cross-validation reads besides the gold documents: an analyser, and the word classes and vectors the folds'
 * taggers and networks read (`kg train` passes the shipped ones, from `loadModels()`).
 */
export interface CrossValidation extends Labelling {
  wordVectors: WordVectors;
}

/** K-fold cross-validation on `docs` (folds by position); strict F1 of each fold. */
export function crossValidate(
  docs: readonly GoldDoc[],
  k: number,
  options: RunOptions,
  shipped: CrossValidation,
): number[] {
  const { prepared } = prepare(docs, shipped);
  const f1s: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const test = prepared.filter((_, i) => i % k === fold);
    const trainSet = prepared.filter((_, i) => i % k !== fold);
    const sequences = trainSet.flatMap((p) => p.sequences);
    const file = trainRuns(sequences, { ...options, log: undefined }, {});
    const scores = scoreTagger(
      new Tagger(file, foldNetwork(sequences, options, shipped.wordVectors)),
      test,
      shipped.analyser,
    );
    const f1 = scores.strict.f1;
    const s = scores.strict;
    options.log?.(
      `fold ${fold + 1}/${k}: strict F1 ${f1.toFixed(4)}, Method ${scores.byType.Method?.f1.toFixed(4)}, Task ${scores.byType.Task?.f1.toFixed(4)} (strict P ${s.precision.toFixed(4)}, R ${s.recall.toFixed(4)})`,
    );
    f1s.push(f1);
  }
  return f1s;
}

/** The "O" biases `--cv-journal` scores on each fold (the journal tagger's is chosen from them). */
export const JOURNAL_BIAS_GRID: readonly number[] = [0, -8, -16, -24, -32, -40, -48];

/**
 * K-fold cross-validation of the journal tagger on ScienceIE train (folds by position; SciERC train always in the
 * training side): each fold's tagger is trained once and scored with every "O" bias of JOURNAL_BIAS_GRID. Returns,
 * per bias, the untyped span F1 of each held-out fold.
 */
export function crossValidateJournal(
  scierc: readonly GoldDoc[],
  scienceie: readonly GoldDoc[],
  k: number,
  options: { epochs: number; seed: number; runs?: number; biases?: readonly number[]; log?: (s: string) => void },
  labelling: Labelling,
): Map<number, number[]> {
  const a = augment(
    prepare(scierc, labelling).prepared.flatMap((p) => p.sequences),
    'abstracts',
  );
  const { prepared } = prepare(scienceie, labelling, SCIENCEIE_TYPES);
  const biases = options.biases ?? JOURNAL_BIAS_GRID;
  const f1s = new Map<number, number[]>(biases.map((b) => [b, []]));
  for (let fold = 0; fold < k; fold++) {
    const test = prepared.filter((_, i) => i % k === fold);
    const trainSet = prepared.filter((_, i) => i % k !== fold);
    const file = trainRuns(
      [
        ...a,
        ...augment(
          trainSet.flatMap((p) => p.sequences),
          'journal',
        ),
      ],
      { epochs: options.epochs, seed: options.seed, runs: options.runs ?? 1 },
      {},
    );
    const view = domainView(file, 'journal');
    for (const bias of biases) {
      const s = scoreTagger(new Tagger(withLabelBias(view, { O: bias })), test, labelling.analyser, 'scienceie');
      options.log?.(
        `journal fold ${fold + 1}/${k}, O bias ${bias}: untyped F1 ${s.untyped.f1.toFixed(4)} (P ${s.untyped.precision.toFixed(4)}, R ${s.untyped.recall.toFixed(4)}), strict ${s.strict.f1.toFixed(4)}`,
      );
      f1s.get(bias)?.push(s.untyped.f1);
    }
  }
  return f1s;
}

/** The file's bytes: stable key order, one feature per line (diffs stay readable). */
export function serialise(file: TaggerFile | PairClassifierFile): string {
  return oneEntryPerLine(file, 'features');
}

/** One trained file: its name among the models' files (load-models.ts), its bytes, and a line on what it holds. */
export interface TrainedFile {
  name: string;
  bytes: string;
  what: string;
}

/**
 * Trains every data file of the extractor from the eval-data folder `dataDir` and returns them, in the order they
 * were made (`kg train` writes or checks them). Reads no shipped model: the word classes are learnt first, and the
 * taggers' features read those.
 */
export function trainModelFiles(dataDir: string, tagging: RunOptions): TrainedFile[] {
  const log = tagging.log;
  const scierc = loadGoldSet('scierc-train', dataDir);
  const scienceie = loadGoldSet('scienceie-train', dataDir);
  const analyser = createAnalyser();
  const files: TrainedFile[] = [];
  // The word classes first: both taggers' features read them.
  const texts = aclTexts(dataDir);
  log?.(`word classes: reading ${texts.length} ACL abstracts`);
  const sentences = texts.flatMap(sentenceWords);
  const classes = exchangeClasses(
    sentences,
    { ...CLASS_DEFAULTS, log },
    { data: `${texts.length} ACL abstracts (eval-data/corpus), title and abstract` },
  );
  const labelling: Labelling = { analyser, wordClasses: new WordClasses(classes) };
  files.push({
    name: WORD_CLASSES_FILE_NAME,
    bytes: serialiseClasses(classes),
    what: `${Object.keys(classes.words).length} words in ${classes.classes} classes`,
  });
  const vectorsFile = ppmiVectors(
    sentences,
    { ...VECTOR_DEFAULTS, log },
    { data: `${texts.length} ACL abstracts (eval-data/corpus), title and abstract` },
  );
  files.push({
    name: WORD_VECTORS_FILE_NAME,
    bytes: serialiseVectors(vectorsFile),
    what: `${Object.keys(vectorsFile.words).length} words, ${vectorsFile.dims} dimensions`,
  });
  // SciERC train's sequences once, for the tagger and its window network.
  const labelled = prepare(scierc.docs, labelling);
  const abstracts = trainTagger(scierc.docs, { ...tagging, source: 'scierc-train' }, labelled);
  files.push({
    name: MODEL_FILE_NAMES.abstracts,
    bytes: serialise(abstracts),
    what: `${Object.keys(abstracts.features).length} features`,
  });
  const network = trainNetworks(
    labelled.prepared.flatMap((p) => p.sequences),
    new WordVectors(vectorsFile),
    tagging,
    { data: 'scierc-train', documents: scierc.docs.length },
    log,
  );
  files.push({
    name: NETWORK_FILE_NAME,
    bytes: serialiseNetwork(network),
    what: `${network.hidden} hidden units, share ${network.weight}`,
  });
  const journal = trainJournalTagger(
    scierc.docs,
    scienceie.docs,
    { epochs: TRAIN_DEFAULTS.journalEpochs, seed: tagging.seed, outsideBias: TRAIN_DEFAULTS.journalOutsideBias, log },
    labelling,
  );
  files.push({
    name: MODEL_FILE_NAMES.journal,
    bytes: serialise(journal),
    what: `${Object.keys(journal.features).length} features`,
  });
  const router = trainRouter(
    [...scierc.docs.map((d) => d.text), ...routerAbstracts(texts)],
    scienceie.docs.map((d) => d.text),
    {
      data: `scierc-train and ${ROUTER_ACL_ABSTRACTS} ACL abstracts (every sixth) vs scienceie-train`,
    },
  );
  const relations = trainPairClassifier(scierc.docs, SCIERC_TYPES, RELATION_DEFAULTS, analyser);
  files.push({
    name: RELATIONS_FILE_NAME,
    bytes: serialise(relations),
    what: `${Object.keys(relations.features).length} features`,
  });
  files.push({
    name: ROUTER_FILE_NAME,
    bytes: `${JSON.stringify(router, null, 0).replace('"words":{', '"words":{\n').replace(/,"/g, ',\n"')}\n`,
    what: `${Object.keys(router.words).length} words`,
  });
  return files;
}
