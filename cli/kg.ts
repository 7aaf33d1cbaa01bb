#!/usr/bin/env node
/** The `kg` command: builds the commander program from one module per subcommand and maps errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { exitCodeOf, formatError } from './errors.js';
import { forTerminal } from '../pipeline/terminal.js';

// `kg … | head`: a reader that closes the pipe early ends the output quietly, as with other command-line tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(argv: string[]): Promise<number> {
  const program: Command = await buildProgram(argv.slice(2));
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; commander has already printed its message.
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`${formatError(error)}\n`);
    return exitCodeOf(error);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kg: unexpected failure: ${forTerminal(String(error))}\n`);
    process.exitCode = 1;
  },
);
