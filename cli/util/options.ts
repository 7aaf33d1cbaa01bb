/** Option parsers for commander: each checks its value once and says what was wrong and what was received. */
import { InvalidArgumentError } from 'commander';
import { redactCredentials } from '../../workers/connection.js';
import { linesForTerminal } from '../../pipeline/text/terminal.js';

/** A parser for a whole number in [min, max], for `.option(flags, description, parseInteger('--workers', 1, 64))`. */
export function parseInteger(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return n;
  };
}

/** A parser that accepts one of a fixed set of words. */
export function parseChoice<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
    }
    return value as T;
  };
}

/** Writes one line to stderr (diagnostics, progress notes): URL passwords hidden, controls shown escaped; stdout is kept for results. */
export function note(message: string): void {
  process.stderr.write(`${linesForTerminal(redactCredentials(message))}
`);
}
