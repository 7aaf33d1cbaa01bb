// The program loads only the module of the subcommand asked for, so each module must list the commands it adds.
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMAND_MODULES } from '../../cli/program.js';
import { ROOT } from '../utils/papers.js';

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
    for (const args of [[], ['--help'], ['no-such-command'], ['help', 'trace']])
      expect(
        (await buildProgram(args)).commands.map((c) => c.name()),
        args.join(' '),
      ).toEqual(all);
    expect((await buildProgram(['trace', 'BERT'])).commands.map((c) => c.name())).toEqual(['mirror', 'query', 'trace']);
    expect((await buildProgram(['run', '--inline'])).commands.map((c) => c.name())).toEqual(['run']);
  });
});

describe('what kg trace loads', () => {
  it('does not reach the extractor (compromise and the taggers take longer to load than a trace takes)', async () => {
    // madge follows the built modules' imports; a path from the trace command to the extractor's barrel loads compromise.
    const { default: madge } = await import('madge');
    const tree = (await madge(path.join(ROOT, 'dist', 'cli', 'commands', 'neo4j.js'))).obj();
    const reached = new Set<string>(['neo4j.js']);
    for (let grew = true; grew;) {
      grew = false;
      for (const [file, deps] of Object.entries(tree)) {
        if (!reached.has(file)) continue;
        for (const d of deps)
          if (!reached.has(d)) {
            reached.add(d);
            grew = true;
          }
      }
    }
    expect([...reached].filter((f) => /pipeline\/extract\/(index|extract)\.js$/.test(f))).toEqual([]);
    expect(reached.size).toBeGreaterThan(5);
  });
});
