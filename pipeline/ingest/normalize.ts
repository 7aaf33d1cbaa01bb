/** Text clean-up (one normaliser for every source format), the title key that deduplication compares, and the id of a paper without a source id. */
import { createHash } from 'node:crypto';
import { removeMarkup } from './markup.js';

/** What {@link removeControls} changed. */
export interface ControlCleanup {
  text: string;
  /** Control characters removed (C0 but tab and line breaks, DEL, C1). */
  controls: number;
  /** Unpaired UTF-16 surrogates (`"\ud800"` in JSON) replaced by U+FFFD, which UTF-8 output and Neo4j need. */
  surrogates: number;
}

/** What {@link cleanText} changed, counted per kind so a warning can say it. */
export interface TextCleanup extends ControlCleanup {
  /** Invisible formatting characters removed: zero-width ones, soft hyphens, bidi controls, stray or stacked combining marks. */
  invisible: number;
  /** Pieces of markup removed or decoded: HTML/JATS tags, HTML entities, LaTeX commands and math, Markdown marks. */
  markup: number;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
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

/** Controls and separators that break a line (VT, FF, NEL, U+2028, U+2029): a space, so the words either side stay apart. */
// eslint-disable-next-line no-control-regex
const LINE_BREAKERS = /[\u000b\u000c\u0085\u2028\u2029]/g;

/**
 * Formatting characters nobody sees: soft hyphen, zero-width space, word joiner, BOM, bidi marks, embeddings, overrides
 * and isolates, invisible operators, fillers, interlinear annotation, tag characters. Left in, "graph\u200bmatching"
 * and "graph matching" were two papers and two entities, and a title of them alone was accepted.
 */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
/** Zero-width (non-)joiners: spelling in Persian or Indic words and inside emoji sequences, invisible junk elsewhere. */
const JOINERS = /[\u200c\u200d]/g;
const NON_LATIN_LETTER = /^(?!\p{Script=Latin})[\p{L}\p{M}]$/u;
const EMOJI_PART = /^[\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0f]$/u;
/** A combining mark with nothing to combine with (at the start, after a space), or the fifth and later on one letter. */
const STRAY_MARKS = /(?<=^|\s)\p{M}+|(?<=\p{M}{4})\p{M}+/gu;

function charBefore(s: string, i: number): string {
  const low = s.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? s.slice(i - 2, i) : s.slice(i - 1, i);
}

function charAfter(s: string, i: number): string {
  const c = s.codePointAt(i);
  return c === undefined ? '' : String.fromCodePoint(c);
}

/** Removes invisible formatting characters, keeping a joiner between two non-Latin letters or two parts of an emoji. */
export function removeInvisible(text: string): { text: string; invisible: number } {
  let invisible = 0;
  const drop = (): string => {
    invisible++;
    return '';
  };
  const out = text
    .replace(INVISIBLE, drop)
    .replace(JOINERS, (j: string, i: number, s: string) => {
      const before = charBefore(s, i);
      const after = charAfter(s, i + 1);
      if (NON_LATIN_LETTER.test(before) && NON_LATIN_LETTER.test(after)) return j;
      if (j === '\u200d' && EMOJI_PART.test(before) && EMOJI_PART.test(after)) return j;
      return drop();
    })
    .normalize('NFC')
    .replace(STRAY_MARKS, drop);
  return { text: out, invisible };
}

/** Quick check: the characters any clean-up step acts on; a plain ASCII sentence has none of them. */
const NEEDS_CLEANING = /[^\t\n\r\u0020-\u007e]|[<&;\\${}*_`~#|[]/u;

/**
 * The one normaliser of titles and abstracts, whatever the source format: markup reduced to its text, entities decoded
 * once, controls removed (line-breaking ones become a space), lone surrogates replaced, invisible characters removed,
 * NFC. Then a title's whitespace is folded to single spaces; an abstract keeps its line breaks (see cleanAbstract).
 */
export function cleanText(raw: string, field: 'title' | 'abstract'): TextCleanup {
  if (!NEEDS_CLEANING.test(raw)) {
    const text = field === 'title' ? cleanTitle(raw) : cleanAbstract(raw);
    return { text, controls: 0, surrogates: 0, invisible: 0, markup: 0 };
  }
  const unmarked = removeMarkup(raw);
  const controls = removeControls(unmarked.text.replace(LINE_BREAKERS, ' '));
  const visible = removeInvisible(controls.text);
  const text = field === 'title' ? cleanTitle(visible.text) : cleanAbstract(visible.text);
  return {
    text,
    controls: controls.controls,
    surrogates: controls.surrogates,
    invisible: visible.invisible,
    markup: unmarked.markup,
  };
}

/** What a clean-up removed, for messages: ["control characters", "invisible characters", "markup"] as they apply. */
export function removedKinds(c: Omit<TextCleanup, 'text'>): string[] {
  return [
    c.controls > 0 ? 'control characters' : '',
    c.invisible > 0 ? 'invisible characters' : '',
    c.markup > 0 ? 'markup' : '',
  ].filter(Boolean);
}

/** A title as stored: whitespace runs (line breaks, tabs, non-breaking spaces) folded to one space, trimmed. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/gu, ' ').trim();
}

/**
 * An abstract as stored (extraction offsets index this exact text): line breaks kept as "\n", every other run of
 * whitespace (tabs, no-break spaces) one space, no space at either end of a line, trimmed.
 */
export function cleanAbstract(abstract: string): string {
  return abstract
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/** Cyrillic and Greek letters drawn like Latin ones (lower case), for words that mix them with Latin letters. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
};

/** "Аttention" with a Cyrillic А is "attention": a word mixing Latin letters with lookalikes is read as Latin. */
function foldLookalikes(lower: string): string {
  return lower.replace(/[\p{L}\p{M}]+/gu, (word) =>
    /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word)
      ? word.replace(/./gu, (c) => LOOKALIKES[c] ?? c)
      : word,
  );
}

/**
 * The key two titles share when they name the same paper: NFKC, lower case, lookalike letters in Latin words folded,
 * accents and invisible formatting characters stripped, and every run of punctuation or whitespace folded to one space
 * (so `in-context`, `in–context` and `in  context` agree, and NFC and NFD spellings of one title meet).
 */
export function titleKey(title: string): string {
  const key = foldLookalikes(title.normalize('NFKC').toLowerCase())
    .normalize('NFD')
    .replace(/[\p{M}\p{Cf}]+/gu, '')
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
