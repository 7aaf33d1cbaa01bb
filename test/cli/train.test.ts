// kg train is training's one front door (npm run train builds and runs it): its help names the modes, and a wrong
// combination of options is a usage error before any data is read.
import { describe, expect, it } from 'vitest';
import { runKg } from '../utils/cli.js';

describe('kg train', () => {
  it('--help lists --check, --cv and the other options, and the files it writes', async () => {
    const out = await runKg(['train', '--help']);
    expect(out.code).toBe(0);
    for (const option of [
      '--check',
      '--cv <k>',
      '--cv-journal <k>',
      '--cv-relations <k>',
      '--learner <name>',
      '--data <dir>',
      '--out <dir>',
      '--seed <n>',
      '--epochs <n>',
      '--runs <n>',
      '--network-weight <w>',
      '--network-hidden <h>',
      '--networks <n>',
    ]) {
      expect(out.stdout).toContain(option);
    }
    for (const file of [
      'model.json',
      'model-journal.json',
      'domain.json',
      'relations.json',
      'word-classes.json',
      'word-vectors.json',
      'network.json',
    ])
      expect(out.stdout).toContain(file);
  });

  it.each([
    [['train', '--cv', '2', '--cv-relations', '2'], /--cv, --cv-journal and --cv-relations go one at a time/],
    [['train', '--cv', '2', '--check'], /--check and --out go with training the files/],
    [['train', 'check'], /kg train takes options only, got "check"/],
    [['train', '--cv', '1'], /--cv must be a whole number from 2 to 1000, got "1"/],
    [['train', '--cv', '2', '--data', '/nonexistent/eval-data'], /not found; pass --data DIR/],
  ])('kg %j exits 2 without training', async (args, message) => {
    const out = await runKg(args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });
});
