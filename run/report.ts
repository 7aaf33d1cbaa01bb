/** How `kg run` prints what ingest rejected and warned about: capped on the terminal, in full in a file when capped. */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { formatRejection, thousands, type IngestRejection, type IngestWarning } from '../pipeline/ingest/index.js';

/** Warnings of one kind printed before the rest are only counted. */
export const WARNINGS_SHOWN = 20;

/** Rejections of one kind in one file printed before the rest are only counted (a million bad lines print 20). */
export const REJECTIONS_SHOWN = 20;

/** Rejection lines printed in all, whatever the files: a folder of 100,000 empty files prints this many. */
export const REJECTION_LINES_SHOWN = 1_000;

/** The file in the snapshot folder that lists every rejection and warning when the terminal showed only some. */
export const REPORT_FILE = 'rejections.txt';

/**
 * Prints rejections (at most REJECTIONS_SHOWN per file and kind, then one count line `FILE: N more "code"
 * rejection(s) not shown`; REJECTION_LINES_SHOWN lines in all, then one count) and warnings (at most WARNINGS_SHOWN per kind); when anything was left out, writes the full
 * list to `out/rejections.txt` and says so. Each line goes to `note` (kg run: stderr). Returns that file's path, or undefined when it was not needed.
 */
export async function reportIngest(
  rejections: readonly IngestRejection[],
  warnings: readonly IngestWarning[],
  out: string,
  note: (line: string) => void,
): Promise<string | undefined> {
  const full = path.join(out, REPORT_FILE);
  const perFile = new Map<string, { file: string; code: string; n: number }>();
  let printed = 0;
  let unprinted = 0;
  for (const r of rejections) {
    const key = `${r.code}\u0000${r.file}`;
    const seen = perFile.get(key) ?? { file: r.file, code: r.code, n: 0 };
    seen.n++;
    perFile.set(key, seen);
    if (seen.n > REJECTIONS_SHOWN) continue;
    if (printed < REJECTION_LINES_SHOWN) {
      note(formatRejection(r));
      printed++;
    } else unprinted++;
  }
  let capped = unprinted > 0;
  for (const { file, code, n } of perFile.values()) {
    if (n <= REJECTIONS_SHOWN) continue;
    capped = true;
    if (printed < REJECTION_LINES_SHOWN) {
      note(`${file}: ${thousands(n - REJECTIONS_SHOWN)} more "${code}" rejection(s) not shown (all in ${full})`);
      printed++;
    } else unprinted += n - REJECTIONS_SHOWN;
  }
  if (unprinted > 0)
    note(
      `kg: ${thousands(unprinted)} more rejection(s) not shown, past ${thousands(REJECTION_LINES_SHOWN)} lines (all in ${full})`,
    );
  // Warnings are for kept records: the first few of each kind are enough to act on (a corpus can hold thousands).
  const shown = new Map<string, number>();
  for (const warning of warnings) {
    const n = (shown.get(warning.code) ?? 0) + 1;
    shown.set(warning.code, n);
    if (n <= WARNINGS_SHOWN) note(formatRejection(warning));
  }
  for (const [code, n] of shown) {
    if (n <= WARNINGS_SHOWN) continue;
    capped = true;
    note(
      `kg: ${thousands(n - WARNINGS_SHOWN)} more "${code}" warning(s) not shown (those records are kept; all in ${full})`,
    );
  }
  if (!capped) {
    // A list left by an earlier run would describe other input.
    await rm(full, { force: true });
    return undefined;
  }
  const stream = createWriteStream(full);
  for (const r of [...rejections, ...warnings]) {
    if (!stream.write(`${formatRejection(r)}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  return full;
}
