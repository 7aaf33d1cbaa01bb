// The program loads only the module of the subcommand asked for, so each module must list the commands it adds.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES } from '../../cli/program.js';

describe('buildProgram', () => {
  it('knows which commands each module adds', async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command('kg');
      (await module.load())(program);
      expect(program.commands.map((c) => c.name())).toEqual(module.names);
    }
  });

  it('loads every module without a subcommand, and one module with one', async () => {
    const all = COMMAND_MODULES.flatMap((m) => m.names);
    for (const args of [[], ['--help'], ['no-such-command'], ['help', 'trace']]) expect((await buildProgram(args)).commands.map((c) => c.name()), args.join(' ')).toEqual(all);
    expect((await buildProgram(['trace', 'BERT'])).commands.map((c) => c.name())).toEqual(['mirror', 'query', 'trace']);
    expect((await buildProgram(['run', '--inline'])).commands.map((c) => c.name())).toEqual(['run']);
  });
});
