/** Text clean-up, the title key that deduplication compares, and the id of a paper without a source id. */
import { createHash } from 'node:crypto';

/** What {@link removeControls} changed. */
export interface ControlCleanup {
  text: string;
  /** Control characters removed (C0 but tab and line breaks, DEL, C1). */
  controls: number;
  /** Unpaired UTF-16 surrogates (`"\ud800"` in JSON) replaced by U+FFFD, which UTF-8 output and Neo4j need. */
  surrogates: number;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const ANY_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes control characters and replaces lone surrogates, counting both, so bad bytes in a field cost nothing else. */
export function removeControls(text: string): ControlCleanup {
  // Almost every text has neither: one scan without allocation, and done.
  if (!ANY_BAD.test(text)) return { text, controls: 0, surrogates: 0 };
  let controls = 0;
  let surrogates = 0;
  const out = text
    .replace(CONTROLS, () => {
      controls++;
      return '';
    })
    .replace(LONE_SURROGATES, () => {
      surrogates++;
      return '\ufffd';
    });
  return { text: out, controls, surrogates };
}

/** A title as stored: whitespace runs (line breaks, tabs, non-breaking spaces) folded to one space, trimmed. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/gu, ' ').trim();
}

/** An abstract as stored: trimmed only, because extraction offsets index this exact text. */
export function cleanAbstract(abstract: string): string {
  return abstract.trim();
}

/**
 * The key two titles share when they name the same paper: NFKC, lower case, accents stripped, and every run of
 * punctuation or whitespace folded to one space (so `in-context`, `in–context` and `in  context` agree).
 */
export function titleKey(title: string): string {
  const key = title
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // A title of punctuation alone would fold to "" and collide with every other such title.
  return key === '' ? title.trim() : key;
}

/** The id of a paper without a source id: `hf-` and 12 hex digits of the SHA-1 of its title key. */
export function titleId(key: string): string {
  // Hashing the key, not the title or the file, keeps the id stable across runs, file names and spellings.
  return `hf-${createHash('sha1').update(key, 'utf8').digest('hex').slice(0, 12)}`;
}
