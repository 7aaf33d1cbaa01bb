/** Assembles the `kg` program: shared settings (exit override, help) and one `register…` per subcommand. */
import { Command } from 'commander';
import { registerExtract } from './commands/extract.js';
import { registerEval } from './commands/eval.js';
import { registerNeo4j } from './commands/neo4j.js';
import { registerRun } from './commands/run.js';
import { registerServices } from './commands/services.js';
import { registerServe } from './commands/serve.js';
import { registerWorker } from './commands/worker.js';
import { KG_VERSION } from './version.js';

/** A module that adds one subcommand to the program. */
export type RegisterCommand = (program: Command) => void;

/** Subcommands in the order `kg --help` lists them. */
const registrations: RegisterCommand[] = [
  // The pipeline first, then the Neo4j commands, then the viewer.
  registerRun,
  registerWorker,
  registerExtract,
  registerEval,
  registerServices,
  registerNeo4j,
  registerServe,
];

/** Builds a fresh program; every subcommand throws instead of exiting so `kg.ts` owns the exit code. */
export function buildProgram(): Command {
  const program = new Command('kg')
    .description('Turn scientific abstracts into a knowledge graph of methods, tasks, datasets and metrics.')
    .version(KG_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureHelp({ sortSubcommands: false });
  for (const register of registrations) register(program);
  program.commands.forEach((command) => command.exitOverride().showHelpAfterError('(run with --help for usage)'));
  return program;
}
