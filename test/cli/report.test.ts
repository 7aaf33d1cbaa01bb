// What kg run prints of ingest's rejections and warnings (issue 27, item 12): capped per file and kind, capped in all,
// and the full list in OUT/rejections.txt when anything was left out.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  REJECTION_LINES_SHOWN,
  REJECTIONS_SHOWN,
  REPORT_FILE,
  reportIngest,
  WARNINGS_SHOWN,
} from '../../run/report.js';
import type { IngestRejection, IngestWarning } from '../../pipeline/ingest/index.js';
import { tempDir } from '../utils/cli.js';

const tmp = tempDir('report');
afterAll(() => tmp.cleanup());
let printed: string[] = [];
beforeEach(() => {
  printed = [];
});
/** What kg run's note would print, line by line. */
const note = (line: string): void => void printed.push(line);

const bad = (file: string, line: number): IngestRejection => ({
  file,
  line,
  code: 'malformed-json',
  reason: 'malformed JSON',
});

describe('reportIngest', () => {
  it(`prints ${REJECTIONS_SHOWN} rejections of a kind per file, then a count, and writes them all`, async () => {
    const rejections = [...Array.from({ length: 1000 }, (_, i) => bad('big.jsonl', i + 1)), bad('small.jsonl', 3)];
    const full = await reportIngest(rejections, [], tmp.dir, note);
    expect(printed).toHaveLength(REJECTIONS_SHOWN + 2);
    expect(printed).toContain('small.jsonl:3: malformed JSON');
    expect(printed.at(-1)).toBe(
      `big.jsonl: 980 more "malformed-json" rejection(s) not shown (all in ${path.join(tmp.dir, REPORT_FILE)})`,
    );
    expect(readFileSync(full!, 'utf8').trim().split('\n')).toHaveLength(1001);
  });

  it(`prints at most ${REJECTION_LINES_SHOWN} lines however many files are bad`, async () => {
    const rejections: IngestRejection[] = Array.from({ length: 5000 }, (_, i) => ({
      file: `empty-${i}.jsonl`,
      code: 'empty-file',
      reason: 'empty file',
    }));
    await reportIngest(rejections, [], tmp.dir, note);
    expect(printed).toHaveLength(REJECTION_LINES_SHOWN + 1);
    expect(printed.at(-1)).toMatch(
      /^kg: 4,000 more rejection\(s\) not shown, past 1,000 lines \(all in .*rejections\.txt\)$/,
    );
  });

  it('caps warnings per kind and lists them in the file too', async () => {
    const warnings: IngestWarning[] = Array.from({ length: 30 }, (_, i) => ({
      file: 'w.jsonl',
      line: i + 1,
      code: 'not-english',
      reason: 'warning: not English',
    }));
    const full = await reportIngest([], warnings, tmp.dir, note);
    expect(printed).toHaveLength(WARNINGS_SHOWN + 1);
    expect(readFileSync(full!, 'utf8').trim().split('\n')).toHaveLength(30);
  });

  it('writes no list when everything was printed, and removes an earlier one', async () => {
    writeFileSync(path.join(tmp.dir, REPORT_FILE), 'old\n');
    expect(await reportIngest([bad('a.jsonl', 1)], [], tmp.dir, note)).toBeUndefined();
    expect(printed).toEqual(['a.jsonl:1: malformed JSON']);
    expect(existsSync(path.join(tmp.dir, REPORT_FILE))).toBe(false);
  });
});
