/**
 * `npm run train`: trains the extractor's tagger on SciERC train and writes pipeline/extract/tagger/model.json.
 * Deterministic: the same data and options give the same bytes (`--check` verifies the shipped file).
 *
 *   npm run train [-- --data DIR] [--epochs N] [--seed N] [--cv K] [--check] [--out FILE]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir, loadGoldSet, type GoldDoc } from '../eval/gold.js';
import { score, type ScoredDoc } from '../eval/score.js';
import { labelDocument, type TypedSpan } from '../extract/tagger/sequences.js';
import { LABELS, Tagger, spansOf, train, type TaggerFile, type TrainingSequence } from '../extract/tagger/perceptron.js';
import { modelPath } from '../extract/tagger/model-file.js';
import type { MentionType } from '../types.js';
import { analyse, closeBracket } from '../extract/extract.js';

/** SciERC labels in kg's types (the inverse of `kg eval`'s mapping). */
const SCIERC_TYPES: Record<string, MentionType> = {
  Method: 'method',
  Task: 'task',
  Material: 'dataset',
  Metric: 'metric',
  OtherScientificTerm: 'concept',
  Generic: 'generic',
};

export const TRAIN_DEFAULTS = { epochs: 12, seed: 1 } as const;

function spansOfDoc(doc: GoldDoc): TypedSpan[] {
  return doc.entities.flatMap((e) => {
    const type = SCIERC_TYPES[e.type];
    return type === undefined ? [] : [{ start: e.start, end: e.end, type }];
  });
}

interface Prepared {
  doc: GoldDoc;
  sequences: TrainingSequence[];
}

function prepare(docs: readonly GoldDoc[]): { prepared: Prepared[]; unaligned: number; overlapping: number } {
  let unaligned = 0;
  let overlapping = 0;
  const prepared = docs.map((doc) => {
    const labelled = labelDocument(doc.text, spansOfDoc(doc));
    unaligned += labelled.unaligned;
    overlapping += labelled.overlapping;
    return { doc, sequences: labelled.sequences };
  });
  return { prepared, unaligned, overlapping };
}

/** Trains on `docs`; the file records how. */
export function trainTagger(docs: readonly GoldDoc[], options: { epochs: number; seed: number; source: string; log?: (s: string) => void }): TaggerFile {
  const { prepared, unaligned, overlapping } = prepare(docs);
  options.log?.(`${docs.length} documents; ${unaligned} gold spans not on token edges and ${overlapping} nested ones left out`);
  const sequences = prepared.flatMap((p) => p.sequences);
  return train(sequences, { epochs: options.epochs, seed: options.seed, onEpoch: (e, errors) => options.log?.(`epoch ${e}: ${errors} token errors`) }, {
    data: options.source,
    documents: docs.length,
    epochs: options.epochs,
    seed: options.seed,
  });
}

/** Strict typed F1 of a tagger on prepared documents (tagger spans only, as the extractor emits them). */
function scoreTagger(tagger: Tagger, prepared: readonly Prepared[]): number {
  const docs: ScoredDoc[] = prepared.map((p) => {
    // Re-run the labelling to get token offsets: decode each sentence and map spans back to characters.
    const gold = p.doc.entities.map((e) => ({ start: e.start, end: e.end, type: e.type }));
    const predicted: { start: number; end: number; type: string }[] = [];
    const label = Object.fromEntries(Object.entries(SCIERC_TYPES).map(([k, v]) => [v, k]));
    let offset = 0;
    const tokens = tokenOffsets(p.doc.text);
    for (const seq of p.sequences) {
      for (const s of spansOf(tagger.decode(seq.features))) {
        const a = tokens[offset + s.first];
        const b = tokens[offset + s.last - 1];
        if (a !== undefined && b !== undefined) predicted.push({ start: a[0], end: closeBracket(p.doc.text, a[0], b[1]), type: label[s.type] as string });
      }
      offset += seq.gold.length;
    }
    return { gold, predicted };
  });
  return score(docs, { labels: Object.keys(SCIERC_TYPES) }).strict.f1;
}

function tokenOffsets(text: string): [number, number][] {
  // The same parse labelDocument used: token offsets in order.
  return analyseTokens(text);
}

function analyseTokens(text: string): [number, number][] {
  return analyse(text).ctx.tokens.map((t) => [t.start, t.end]);
}

/** K-fold cross-validation on `docs` (folds by position); mean strict F1. */
export function crossValidate(docs: readonly GoldDoc[], k: number, options: { epochs: number; seed: number; log?: (s: string) => void }): number[] {
  const { prepared } = prepare(docs);
  const f1s: number[] = [];
  for (let fold = 0; fold < k; fold++) {
    const test = prepared.filter((_, i) => i % k === fold);
    const trainSet = prepared.filter((_, i) => i % k !== fold);
    const file = train(trainSet.flatMap((p) => p.sequences), { epochs: options.epochs, seed: options.seed }, {});
    const f1 = scoreTagger(new Tagger(file), test);
    options.log?.(`fold ${fold + 1}/${k}: strict F1 ${f1.toFixed(4)}`);
    f1s.push(f1);
  }
  return f1s;
}

/** The file's bytes: stable key order, one feature per line (diffs stay readable). */
export function serialise(file: TaggerFile): string {
  const head = JSON.stringify({ format: file.format, trainedOn: file.trainedOn, labels: file.labels, transitions: file.transitions });
  const lines = Object.entries(file.features).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `${head.slice(0, -1)},"features":{\n${lines.join(',\n')}\n}}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      epochs: { type: 'string' },
      seed: { type: 'string' },
      cv: { type: 'string' },
      check: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage: npm run train -- [--data DIR] [--epochs N] [--seed N] [--cv K] [--check] [--out FILE]

Trains the extractor's tagger (averaged perceptron, ${LABELS.length} BIO labels) on SciERC train from the
eval-data folder (default ../shared/eval-data) and writes ${modelPath()}.
  --cv K     K-fold cross-validation on SciERC train instead (prints strict F1 per fold; writes nothing)
  --check    train and compare with the shipped file byte for byte; exit 1 if they differ`);
    return;
  }
  const dataDir = values.data ?? defaultDataDir();
  const epochs = values.epochs === undefined ? TRAIN_DEFAULTS.epochs : Number(values.epochs);
  const seed = values.seed === undefined ? TRAIN_DEFAULTS.seed : Number(values.seed);
  const set = loadGoldSet('scierc-train', dataDir);
  const log = (s: string): void => console.error(s);
  if (values.cv !== undefined) {
    const f1s = crossValidate(set.docs, Number(values.cv), { epochs, seed, log });
    console.log(`mean strict F1 over ${f1s.length} folds: ${(f1s.reduce((a, b) => a + b, 0) / f1s.length).toFixed(4)}`);
    return;
  }
  const started = performance.now();
  const file = trainTagger(set.docs, { epochs, seed, source: 'scierc-train', log });
  const bytes = serialise(file);
  const out = values.out ?? modelPath();
  if (values.check) {
    const shipped = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (shipped !== bytes) {
      console.error(`${out}: differs from a fresh training run (${shipped.length} vs ${bytes.length} bytes); run \`npm run train\` and commit`);
      process.exitCode = 1;
      return;
    }
    console.log(`${out}: identical to a fresh training run (${bytes.length} bytes)`);
    return;
  }
  fs.writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${Object.keys(file.features).length} features, ${bytes.length} bytes, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}
