/** Entry point for one file: checks its type and bytes, then hands it to the JSON Lines or the text-dump parser. */
import { decodeSource } from './decode.js';
import { parseJsonl } from './jsonl.js';
import { MAX_PRETTY_JSON_CHARS } from './limits.js';
import { reject } from './rejection.js';
import type { Layout } from './detect.js';
import { parseTxtDump, txtLayouts } from './txt.js';
import type { ParsedSource, RejectionCode, SourceFile } from './types.js';

/** Which parser reads which extension (compared in lower case). */
export const SOURCE_FORMATS: Readonly<Record<string, 'jsonl' | 'txt'>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.txt': 'txt',
};

/** Extensions of compressed files (`papers.jsonl.gz`): named, since the fix is one command. */
const COMPRESSED = new Set(['.gz', '.bz2', '.xz', '.zst', '.zip', '.7z', '.tgz']);

/** The extension of a path's last segment in lower case (`.jsonl`), or `""` when it has none. */
export function extensionOf(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Parse one file: its records, and a rejection for each line or for the whole file that could not be used. */
export function parseSource(src: SourceFile): ParsedSource {
  const { file } = src;
  const ext = extensionOf(file);
  const format = SOURCE_FORMATS[ext];
  if (format === undefined) {
    const got = ext === '' ? '(no extension)' : JSON.stringify(ext);
    const hint = COMPRESSED.has(ext) ? '; decompress it first' : '';
    return fileRejected(file, 'unsupported-type', `unsupported file type ${got} (expected .txt or .jsonl${hint})`);
  }
  const decoded = decodeSource(src.content);
  if (decoded.kind === 'empty') return fileRejected(file, 'empty-file', 'empty file');
  if (decoded.kind === 'binary') return fileRejected(file, 'binary-file', decoded.reason);
  if (format === 'txt') return parseTxtDump(file, decoded);
  if (
    ext === '.json' &&
    decoded.lines
      .find((l) => l.trim() !== '')
      ?.trim()
      .startsWith('[')
  ) {
    // A JSON array would otherwise fail line by line with a screenful of "malformed JSON".
    return fileRejected(
      file,
      'json-array',
      'a JSON array is not supported: write one JSON object per line (JSON Lines)',
    );
  }
  const pretty = prettyPrintedStart(decoded.lines);
  if (pretty !== undefined) {
    // One JSON document spread over many lines would otherwise give one "malformed JSON" per line.
    const reason = 'a multi-line (pretty-printed) JSON document, not JSON Lines: write one JSON object per line';
    return { records: [], rejections: [reject(file, pretty + 1, 'multi-line-json', reason)] };
  }
  return parseJsonl(file, decoded);
}

/**
 * The 0-based line where a pretty-printed JSON document starts, or undefined for JSON Lines: the first non-blank line
 * is a lone `{` or `[`, or it is not JSON by itself while the whole text is.
 */
function prettyPrintedStart(lines: readonly string[]): number | undefined {
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first === -1) return undefined;
  const head = lines[first]!.trim();
  if (head === '{' || head === '[') return first;
  if (!head.startsWith('{')) return undefined;
  try {
    JSON.parse(head);
    return undefined;
  } catch {
    // Not a record by itself: is the whole file one document?
  }
  // Joining a big file would double its memory (past V8's longest string, 512 M characters, the join fails).
  let length = 0;
  for (const l of lines) if ((length += l.length + 1) > MAX_PRETTY_JSON_CHARS) return undefined;
  try {
    JSON.parse(lines.join('\n'));
    return first;
  } catch {
    return undefined;
  }
}

function fileRejected(file: string, code: RejectionCode, reason: string): ParsedSource {
  return { records: [], rejections: [reject(file, undefined, code, reason)] };
}

/** The layouts `parseSource` would use for a text dump, one per region; empty for anything else. */
export function layoutsOf(src: SourceFile): Layout[] {
  if (SOURCE_FORMATS[extensionOf(src.file)] !== 'txt') return [];
  const decoded = decodeSource(src.content);
  return decoded.kind === 'text' ? txtLayouts(decoded) : [];
}
