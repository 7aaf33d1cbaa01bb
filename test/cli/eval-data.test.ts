// `kg eval` finds the gold sets where the README says: KG_EVAL_DATA when set (issue 28), else ../shared/eval-data.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findEvalData } from '../setup/system.js';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('eval-data');
afterAll(() => tmp.cleanup());

describe('kg eval and KG_EVAL_DATA', () => {
  it('reads the set from KG_EVAL_DATA when no --data is given', async () => {
    // A two-document SciERC dev in a folder of its own: the 50-document one beside the project must not be read.
    const real = findEvalData();
    if (real === undefined) throw new Error('eval-data not found: put it beside the project or set KG_EVAL_DATA');
    const lines = readFileSync(path.join(real, 'scierc', 'derived', 'dev.text.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const dir = path.join(tmp.dir, 'scierc', 'derived');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'dev.text.jsonl'), `${lines.slice(0, 2).join('\n')}\n`);
    const out = await runKg(['eval', '--set', 'scierc-dev', '--bootstrap', '0', '--json'], { KG_EVAL_DATA: tmp.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).docs).toBe(2);
  });

  it('names the KG_EVAL_DATA path when the set is not there', async () => {
    const missing = path.join(tmp.dir, 'nowhere');
    const out = await runKg(['eval', '--set', 'scierc-dev', '--bootstrap', '0', '--json'], { KG_EVAL_DATA: missing });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`${missing}/scierc/derived/dev.text.jsonl: not found`);
  });
});
