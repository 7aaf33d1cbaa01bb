/** Assembles the `kg` program: shared settings (exit override, help) and one `register…` per subcommand, loaded only when needed. */
import { Command } from 'commander';
import { KG_VERSION } from '../run/version.js';
import { linesForTerminal } from '../pipeline/text/terminal.js';

/** A module that adds one subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/** A command module: the subcommands it adds, and how to load its `register…`. */
export interface CommandModule {
  names: readonly string[];
  load: () => Promise<RegisterCommand>;
}

/**
 * Subcommand modules in the order `kg --help` lists them. Loaded on demand: a module brings its stage's libraries
 * (compromise and the tagger tables, BullMQ, the viewer), which took 0.7 s to load all together, longer than
 * `kg trace` takes to answer from a snapshot's index.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [
  // The pipeline first, then the Neo4j commands, then the viewer.
  { names: ['run'], load: async () => (await import('./commands/run.js')).registerRun },
  { names: ['worker'], load: async () => (await import('./commands/worker.js')).registerWorker },
  { names: ['extract'], load: async () => (await import('./commands/extract.js')).registerExtract },
  { names: ['eval'], load: async () => (await import('./commands/eval.js')).registerEval },
  { names: ['train'], load: async () => (await import('./commands/train.js')).registerTrain },
  { names: ['services'], load: async () => (await import('./commands/services.js')).registerServices },
  { names: ['mirror', 'query', 'trace'], load: async () => (await import('./commands/neo4j.js')).registerNeo4j },
  { names: ['trends'], load: async () => (await import('./commands/trends.js')).registerTrends },
  { names: ['task'], load: async () => (await import('./commands/task.js')).registerTask },
  { names: ['export'], load: async () => (await import('./commands/export.js')).registerExport },
  { names: ['serve'], load: async () => (await import('./commands/serve.js')).registerServe },
  { names: ['bench'], load: async () => (await import('./commands/bench.js')).registerBench },
];

/** Commander's own errors quote what the user typed (`unknown option '--x…'`): escaped like every other message. */
const ERROR_OUTPUT = {
  outputError: (message: string, write: (s: string) => void): void =>
    write(`${linesForTerminal(message.replace(/\n$/, ''))}\n`),
};

/**
 * Builds a fresh program; every subcommand throws instead of exiting so `kg.ts` owns the exit code. Given the
 * arguments (without node and the script), only the module of the subcommand they start with is loaded; with none,
 * an option first (`kg --help`) or an unknown name, all are, so help and "unknown command" see every command.
 */
export async function buildProgram(args?: readonly string[]): Promise<Command> {
  const program = new Command('kg')
    .description('Turn scientific abstracts into a knowledge graph of methods, tasks, datasets and metrics.')
    .version(KG_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput(ERROR_OUTPUT);
  program.configureHelp({ sortSubcommands: false });
  const named = COMMAND_MODULES.find((m) => args?.[0] !== undefined && m.names.includes(args[0]));
  const registrations = await Promise.all((named ? [named] : COMMAND_MODULES).map((m) => m.load()));
  for (const register of registrations) register(program);
  program.commands.forEach((command) =>
    command.exitOverride().showHelpAfterError('(run with --help for usage)').configureOutput(ERROR_OUTPUT),
  );
  return program;
}
