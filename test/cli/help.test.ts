// Every command answers --help; usage errors exit 2 with a message that names the option and the value.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../utils/papers.js';
import { runKg } from '../utils/cli.js';

const COMMANDS = [
  'run',
  'worker',
  'extract',
  'train',
  'services',
  'mirror',
  'query',
  'trace',
  'trends',
  'task',
  'export',
  'serve',
];

describe('kg --help and usage errors', () => {
  it('lists the commands', async () => {
    const out = await runKg(['--help']);
    expect(out.code).toBe(0);
    for (const command of COMMANDS) expect(out.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('stops quietly, exit 0, when the reader has closed the pipe (kg --help | true)', () => {
    const kg = JSON.stringify(path.join(ROOT, 'dist', 'cli', 'kg.js'));
    const out = spawnSync('bash', ['-c', `set -o pipefail; node ${kg} --help | true`], { encoding: 'utf8' });
    expect(out.stderr).not.toMatch(/EPIPE|Error/);
    expect(out.status).toBe(0);
  });

  it.each(COMMANDS)('kg %s --help exits 0 with its options', async (command) => {
    const out = await runKg([command, '--help']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`Usage: kg ${command}`));
    expect(out.stdout).toMatch(/--/);
  });

  it.each([
    [['run', '--workers', 'abc'], /--workers must be a whole number from 0 to 64, got "abc"/],
    [['run', '--no-such-option'], /unknown option/],
    [['run', '--inline', '--redis', 'redis://127.0.0.1:1'], /--inline and --redis/],
    [['run', '--prefix', 'a b'], /--prefix/],
    [['extract', '--in', 'x.jsonl'], /--out/],
    [['no-such-command'], /unknown command/],
  ])('kg %j exits 2', async (args, message) => {
    const out = await runKg(args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
