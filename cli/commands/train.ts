/** `kg train`: trains the extractor's data files from the eval-data folder, checks them against the shipped ones, or cross-validates. */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../../pipeline/core/errors.js';
import { defaultDataDir, loadGoldSet } from '../../pipeline/eval/gold.js';
import { createAnalyser, loadModels, shippedModelsDir } from '../../pipeline/extract/index.js';
import { swallowedByNpm, swallowedMessage } from '../../pipeline/core/npm-args.js';
import {
  CLASS_DEFAULTS,
  CRF_DEFAULTS,
  JOURNAL_BIAS_GRID,
  LEARNERS,
  MIX_SHARE,
  NETWORK_DEFAULTS,
  RELATION_DEFAULTS,
  SCIERC_TYPES,
  TRAIN_DEFAULTS,
  VECTOR_DEFAULTS,
  crossValidate,
  crossValidateJournal,
  crossValidateRelations,
  trainModelFiles,
  type Learner,
  type RunOptions,
} from '../../pipeline/train/index.js';
import { note, parseChoice, parseInteger } from '../util/options.js';

interface TrainOptions {
  data: string;
  learner: Learner;
  networkWeight?: number;
  networkHidden?: number;
  networks?: number;
  epochs?: number;
  runs?: number;
  seed?: number;
  cv?: number;
  cvJournal?: number;
  cvRelations?: number;
  check?: boolean;
  out?: string;
}

/** A number ≥ 0 (the network's share). */
function parseShare(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new InvalidArgumentError(`${flag} must be a number ≥ 0, got "${value}"`);
    return n;
  };
}

const mean = (xs: readonly number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(4);

/** Adds `kg train`. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      "Train the extractor's taggers, networks, classifiers and word lists from the eval-data folder (deterministic), check them against the shipped files, or cross-validate.",
    )
    .option(
      '-d, --data <dir>',
      'the eval-data folder (SciERC, ScienceIE, the ACL corpus); default KG_EVAL_DATA, else ../shared/eval-data',
      defaultDataDir(),
    )
    .option(
      '--learner <name>',
      `what learns the abstracts tagger: ${LEARNERS.join(', ')}`,
      parseChoice('--learner', LEARNERS),
      TRAIN_DEFAULTS.learner,
    )
    .option(
      '--network-weight <w>',
      `the window network's share (0: the tagger's table alone; for --cv and for the file) (default: ${NETWORK_DEFAULTS.weight})`,
      parseShare('--network-weight'),
    )
    .option(
      '--network-hidden <h>',
      `the window network's hidden units (default: ${NETWORK_DEFAULTS.hidden})`,
      parseInteger('--network-hidden', 1, 100_000),
    )
    .option(
      '--networks <n>',
      'networks of consecutive seeds, joined into one that scores their mean (default: 1)',
      parseInteger('--networks', 1, 100),
    )
    .option(
      '--epochs <n>',
      `epochs of the abstracts tagger (default: ${TRAIN_DEFAULTS.epochs}; with --learner crf, the CRF's)`,
      parseInteger('--epochs', 1, 10_000),
    )
    .option(
      '--runs <n>',
      `runs (consecutive seeds) averaged into the abstracts tagger (default: ${TRAIN_DEFAULTS.runs})`,
      parseInteger('--runs', 1, 1000),
    )
    .option(
      '--seed <n>',
      `the first shuffling seed (default: ${TRAIN_DEFAULTS.seed})`,
      parseInteger('--seed', 0, 4_294_967_295),
    )
    .option(
      '--cv <k>',
      'K-fold cross-validation of the abstracts tagger on SciERC train: strict F1 per fold (writes nothing)',
      parseInteger('--cv', 2, 1000),
    )
    .option(
      '--cv-journal <k>',
      `K-fold cross-validation of the journal tagger on ScienceIE train: untyped F1 per fold for each "O" bias of ${JOURNAL_BIAS_GRID.join(', ')} (writes nothing)`,
      parseInteger('--cv-journal', 2, 1000),
    )
    .option(
      '--cv-relations <k>',
      "K-fold cross-validation of USED_FOR on SciERC train's gold mentions: the patterns alone, with the pair classifier, and the latter on pairs of two named mentions (writes nothing)",
      parseInteger('--cv-relations', 2, 1000),
    )
    .option('--check', 'train and compare with the shipped files byte for byte; exit 1 if one differs')
    .option('--out <dir>', 'write (or check) the files in DIR instead of the shipped ones')
    // A stray word is reported in the action, after the check for options npm kept (`npm run train --cv 5` leaves "5").
    .allowExcessArguments()
    .addHelpText(
      'after',
      `
Files (written to ${shippedModelsDir()}):
  model.json          the abstracts tagger (averaged perceptron and CRF mixed), SciERC train
  model-journal.json  the journal tagger, ScienceIE + SciERC train domain-augmented, ${TRAIN_DEFAULTS.journalEpochs} epochs, "O" bias ${TRAIN_DEFAULTS.journalOutsideBias}
  domain.json         the router between them (word log-odds), from the train texts and ACL abstracts
  relations.json      the USED_FOR pair classifier (averaged perceptron), SciERC train gold mentions and relations
  word-classes.json   word classes (exchange algorithm, ${CLASS_DEFAULTS.classes} classes) from the ACL abstracts, which both taggers read
  word-vectors.json   word vectors (positive PMI, randomized SVD, ${VECTOR_DEFAULTS.dims} dimensions) from the ACL abstracts
  network.json        the abstracts tagger's window network (${NETWORK_DEFAULTS.hidden} ${NETWORK_DEFAULTS.activation} units over the vectors of 5 words), SciERC train;
                      its log-probabilities join the tagger's label scores with share ${NETWORK_DEFAULTS.weight}
Learners: mix (the default, shipped: the perceptron and the CRF, their weights scaled and summed into one table, the
CRF's share ${MIX_SHARE}), perceptron (averaged) or crf (a linear-chain CRF, SGD with L2, c2 ${CRF_DEFAULTS.c2}, ${CRF_DEFAULTS.epochs} epochs averaged from
epoch ${CRF_DEFAULTS.averageFrom}); either alone is an experiment (docs/extractor.md).
The --cv options read the shipped word classes and vectors. npm run train is this command after a build:
npm run train -- --check.`,
    )
    .action((options: TrainOptions, command: Command) => {
      // `npm run train --check` (no "--"): npm keeps --check for itself, and training would write the shipped files.
      const names = command.options.map((o) => (o.long ?? '').replace(/^--/, '')).filter((n) => n !== '');
      const swallowed = swallowedByNpm(names, process.argv.slice(2));
      if (swallowed.length > 0) throw new UsageError(swallowedMessage('train', swallowed));
      if (command.args.length > 0) throw new UsageError(`kg train takes options only, got "${command.args.join(' ')}"`);
      const modes = (['cv', 'cvJournal', 'cvRelations'] as const).filter((m) => options[m] !== undefined);
      if (modes.length > 1)
        throw new UsageError(`--cv, --cv-journal and --cv-relations go one at a time, got ${modes.length} of them`);
      if (modes.length === 1 && (options.check || options.out !== undefined))
        throw new UsageError('--check and --out go with training the files, not with cross-validation');
      const log = (s: string): void => note(s);
      const epochs = options.epochs ?? TRAIN_DEFAULTS.epochs;
      const seed = options.seed ?? TRAIN_DEFAULTS.seed;
      const runs = options.runs ?? TRAIN_DEFAULTS.runs;
      // The abstracts tagger's training, for --cv and for the file; --epochs is the CRF's too when given.
      const tagging: RunOptions = {
        epochs,
        seed,
        runs,
        learner: options.learner,
        networkWeight: options.networkWeight ?? NETWORK_DEFAULTS.weight,
        networks: options.networks ?? 1,
        networkHidden: options.networkHidden ?? NETWORK_DEFAULTS.hidden,
        ...(options.learner === 'crf' && options.epochs !== undefined ? { crfEpochs: epochs } : {}),
        log,
      };
      if (modes.length === 1) {
        crossValidation(options, tagging);
        return;
      }
      const started = performance.now();
      const files = trainModelFiles(options.data, tagging);
      const dir = options.out ?? shippedModelsDir();
      let differs = 0;
      for (const { name, bytes, what } of files) {
        const out = path.join(dir, name);
        if (options.check) {
          const shipped = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
          if (shipped !== bytes) {
            note(
              `${out}: differs from a fresh training run (${shipped.length} vs ${bytes.length} bytes); run \`kg train\` and commit`,
            );
            differs++;
          } else process.stdout.write(`${out}: identical to a fresh training run (${bytes.length} bytes)\n`);
          continue;
        }
        fs.writeFileSync(out, bytes);
        process.stdout.write(`wrote ${out}: ${what}, ${bytes.length} bytes\n`);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (differs > 0) process.exitCode = 1;
      else process.stdout.write(`${options.check ? 'trained and checked' : 'trained'} in ${seconds} s\n`);
    });
}

/** `--cv`, `--cv-journal` or `--cv-relations`: scores per fold on stderr, the mean on stdout; writes nothing. */
function crossValidation(options: TrainOptions, tagging: RunOptions): void {
  const analyser = createAnalyser();
  const scierc = loadGoldSet('scierc-train', options.data);
  if (options.cvRelations !== undefined) {
    const k = options.cvRelations;
    const r = crossValidateRelations(
      scierc.docs,
      SCIERC_TYPES,
      k,
      { ...RELATION_DEFAULTS, log: tagging.log },
      analyser,
    );
    for (const [name, s] of Object.entries(r)) {
      process.stdout.write(
        `USED_FOR, ${name}: P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} (${s.correct} of ${s.predicted} predicted, ${s.gold} gold, ${k} folds)\n`,
      );
    }
    return;
  }
  // The shipped word classes and vectors: the taggers of the folds read what the shipped taggers read.
  const { wordClasses, wordVectors } = loadModels();
  if (options.cv !== undefined) {
    const f1s = crossValidate(scierc.docs, options.cv, tagging, { analyser, wordClasses, wordVectors });
    process.stdout.write(`mean strict F1 over ${f1s.length} folds: ${mean(f1s)}\n`);
    return;
  }
  const scienceie = loadGoldSet('scienceie-train', options.data);
  const byBias = crossValidateJournal(
    scierc.docs,
    scienceie.docs,
    options.cvJournal as number,
    { epochs: TRAIN_DEFAULTS.journalEpochs, seed: tagging.seed, runs: options.runs ?? 1, log: tagging.log },
    { analyser, wordClasses },
  );
  for (const [bias, f1s] of byBias)
    process.stdout.write(`O bias ${bias}: mean untyped F1 over ${f1s.length} folds ${mean(f1s)}\n`);
}
