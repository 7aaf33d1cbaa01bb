/** `kg extract --in IN.jsonl --out OUT.jsonl`: the extractor alone, on a JSONL file, with no services (the ARCHITECTURE contract). */
import { createReadStream, createWriteStream } from 'node:fs';
import { DEFAULT_EXTRACT_OPTIONS } from '../../run/defaults.js';
import { sameFile } from '../../run/files.js';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import { once } from 'node:events';
import type { Command } from 'commander';
import { InvalidInputError, UsageError } from '../../pipeline/core/errors.js';
import { rawNumber } from '../../pipeline/ingest/index.js';
import type { ExtractionInput } from '../../pipeline/core/types.js';
import { boundedLines } from '../util/lines.js';
import { note, parseInteger } from '../util/options.js';
import { MAX_LINE_BYTES, thousands } from '../../pipeline/ingest/index.js';
import { extractInThreads, isFailure } from '../../workers/threads.js';
import { fileForTerminal, forTerminal } from '../../pipeline/text/terminal.js';

interface ExtractOptions {
  in: string;
  out: string;
  quiet?: boolean;
  threads?: number;
}

/** Parses one input line into an ExtractionInput, or says why it cannot be used. */
export function parseExtractLine(line: string): ExtractionInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `malformed JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  // A number is echoed with the digits of its line: JSON.parse rounds ids past 2^53 into another paper's.
  const id =
    typeof record.id === 'string'
      ? record.id
      : typeof record.id === 'number'
        ? (rawNumber(line, 'id') ?? String(record.id))
        : undefined;
  if (id === undefined) return 'missing "id" (a string)';
  if (typeof record.text === 'string') return { id, text: record.text };
  if (typeof record.title === 'string' && typeof record.abstract === 'string')
    return { id, title: record.title, abstract: record.abstract };
  return 'needs "text", or "title" and "abstract" (strings)';
}

/** Adds `kg extract`. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('Extract typed mentions and relations from a JSONL file; needs no services.')
    .requiredOption(
      '-i, --in <file>',
      'input JSONL: {"id","text"} or {"id","title","abstract"} per line ("-" for stdin)',
    )
    .requiredOption(
      '-o, --out <file>',
      'output JSONL: {"id","mentions":[{"start","end","text","type","key"}],"relations":[{"type","head","tail"}]} per line ("-" for stdout)',
    )
    .option(
      '-t, --threads <n>',
      `extraction threads (default: all cores for inputs over ${DEFAULT_EXTRACT_OPTIONS.threadsFromBytes / 1e6} MB, else 1)`,
      parseInteger('--threads', 1, 64),
    )
    .option('-q, --quiet', 'no progress line')
    .addHelpText(
      'after',
      '\nOffsets are end-exclusive character offsets into "text" (or into title + "\\n" + abstract).\nLines that cannot be read, or that the extractor fails on, are reported as FILE:LINE: reason on stderr and skipped.',
    )
    .action(async (options: ExtractOptions) => {
      let size = 0;
      if (options.in !== '-') {
        const info = await stat(options.in).catch((cause: unknown) => {
          throw new InvalidInputError(
            `cannot read ${options.in}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`,
            { code: 'KG_UNREADABLE', cause },
          );
        });
        size = info.size;
      }
      if (options.in !== '-' && options.out !== '-' && (await sameFile(options.in, options.out))) {
        throw new UsageError(
          `--out ${options.out} is the input file: writing it would empty it first; write to another file`,
          { code: 'KG_OUTPUT_IS_INPUT' },
        );
      }
      // Threads pay for themselves from about a thousand abstracts (~1 MB); each one loads compromise.
      const threads =
        options.threads ?? (size >= DEFAULT_EXTRACT_OPTIONS.threadsFromBytes ? os.availableParallelism() : 1);
      const input = options.in === '-' ? process.stdin : createReadStream(options.in);
      const output = options.out === '-' ? process.stdout : createWriteStream(options.out);
      let rejected = 0;
      // Line numbers of the inputs sent, in order: outcomes come back in input order, so a failure gets its FILE:LINE.
      const lines: number[] = [];
      async function* inputs(): AsyncGenerator<ExtractionInput> {
        let lineNo = 0;
        for await (const raw of boundedLines(input)) {
          lineNo += 1;
          if (raw === undefined) {
            rejected += 1;
            note(
              `${options.in}:${lineNo}: line too long: over ${thousands(MAX_LINE_BYTES)} bytes (skipped as it was read)`,
            );
            continue;
          }
          if (raw.trim() === '') continue;
          const parsed = parseExtractLine(raw);
          if (typeof parsed === 'string') {
            rejected += 1;
            note(`${fileForTerminal(options.in)}:${lineNo}: ${forTerminal(parsed)}`);
          } else {
            lines.push(lineNo);
            yield parsed;
          }
        }
      }
      const started = Date.now();
      let lastNote = started;
      let written = 0;
      for await (const result of extractInThreads(inputs(), { threads })) {
        const lineNo = lines.shift();
        if (isFailure(result)) {
          rejected += 1;
          note(`${fileForTerminal(options.in)}:${lineNo}: extraction failed: ${forTerminal(result.failed)}`);
          continue;
        }
        const line = `${JSON.stringify({ id: result.id, mentions: result.mentions, relations: result.relations })}\n`;
        if (!output.write(line)) await once(output, 'drain');
        written += 1;
        if (!options.quiet && Date.now() - lastNote > 5000) {
          lastNote = Date.now();
          note(`extract: ${written} done (${((written * 1000) / (lastNote - started)).toFixed(0)}/s)`);
        }
      }
      if (output !== process.stdout) {
        (output as NodeJS.WritableStream).end();
        await once(output, 'finish');
      }
      const seconds = (Date.now() - started) / 1000;
      if (!options.quiet)
        note(
          `extract: ${written} written to ${options.out} in ${seconds.toFixed(1)} s on ${threads} thread(s), ${rejected} rejected`,
        );
    });
}
