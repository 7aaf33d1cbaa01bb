/** Exit codes and messages for errors that reach the top of the CLI: 2 for usage, 1 for everything else. */
import { KgError, UsageError } from '../pipeline/core/errors.js';
import { redactCredentials } from '../workers/connection.js';
import { linesForTerminal } from '../pipeline/text/terminal.js';

/** Process exit codes of every `kg` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The exit code an error maps to. */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? EXIT.usage : EXIT.failed;
}

/** One readable line (plus the cause, when there is one) for an error, prefixed with `kg:`: URL passwords hidden, controls shown escaped. */
export function formatError(error: unknown): string {
  return linesForTerminal(redactCredentials(describeError(error)));
}

function describeError(error: unknown): string {
  if (error instanceof KgError) {
    const cause =
      error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${error.cause.message})` : '';
    return `kg: ${error.message}${cause}`;
  }
  if (error instanceof Error) return `kg: ${error.message}`;
  return `kg: ${String(error)}`;
}
