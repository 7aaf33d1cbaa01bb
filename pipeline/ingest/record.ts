/** The checks every record passes whatever its source format, on its cleaned title and abstract, with the warnings they give. */
import { englishParts } from '../text/language.js';
import { MAX_ABSTRACT_CHARS, MAX_RECORD_TITLE_CHARS } from './limits.js';
import { removedKinds, type TextCleanup } from './normalize.js';
import { quote, reject, thousands, tooLong, warn } from './rejection.js';
import type { IngestRejection, IngestWarning } from './types.js';

/** What the clean-up of one field removed, without the text (a text dump's unit sums its lines'). */
export type CleanupCounts = Omit<TextCleanup, 'text'>;

/** Nothing removed. */
export const NO_CLEANUP: CleanupCounts = { controls: 0, surrogates: 0, invisible: 0, markup: 0 };

/** The counts of several cleaned pieces of one field, added up. */
export function sumCleanups(parts: readonly (CleanupCounts | undefined)[]): CleanupCounts {
  const sum = { ...NO_CLEANUP };
  for (const p of parts) {
    if (!p) continue;
    sum.controls += p.controls;
    sum.surrogates += p.surrogates;
    sum.invisible += p.invisible;
    sum.markup += p.markup;
  }
  return sum;
}

/** A cleaned field with what its clean-up removed. */
export interface CleanField extends CleanupCounts {
  text: string;
}

/**
 * The rejection of a record whose cleaned title or abstract cannot make a paper (empty once cleaned, a title with no
 * letter or digit, over a size limit), else undefined. `line` is the record's line (jsonl) or its title's (txt).
 */
export function recordProblem(
  file: string,
  line: number,
  title: CleanField,
  abstract: CleanField,
): IngestRejection | undefined {
  for (const [field, c] of [
    ['title', title],
    ['abstract', abstract],
  ] as const) {
    if (c.text !== '') continue;
    const kinds = removedKinds(c);
    const reason =
      kinds.length === 0
        ? `${field} is empty`
        : `${field} is empty once ${kinds.join(' and ')} ${kinds.length === 1 && kinds[0] === 'markup' ? 'is' : 'are'} removed`;
    return reject(file, line, 'missing-field', reason, field);
  }
  // Emoji or punctuation alone name no paper, and would give every such title one key.
  if (!/[\p{L}\p{N}]/u.test(title.text))
    return reject(file, line, 'missing-field', `title has no letters or digits: ${quote(title.text)}`, 'title');
  if (title.text.length > MAX_RECORD_TITLE_CHARS) {
    return reject(
      file,
      line,
      'title-too-long',
      `title too long: ${thousands(title.text.length)} characters (max ${thousands(MAX_RECORD_TITLE_CHARS)})`,
      'title',
    );
  }
  if (abstract.text.length > MAX_ABSTRACT_CHARS) return tooLong(file, line, abstract.text.length);
  return undefined;
}

/**
 * The warnings of a kept record: controls and invisible characters cleaning removed, and text the English-only extractor
 * will not read. Markup is cleaned silently, as whitespace is: scraped abstracts are full of it (41 of the seeds).
 */
export function recordWarnings(file: string, line: number, title: CleanField, abstract: CleanField): IngestWarning[] {
  const out: IngestWarning[] = [];
  for (const [field, c] of [
    ['title', title],
    ['abstract', abstract],
  ] as const) {
    const controls = [
      c.controls > 0 ? `removed ${c.controls} control character(s)` : '',
      c.surrogates > 0 ? `replaced ${c.surrogates} unpaired surrogate(s) with U+FFFD` : '',
    ].filter(Boolean);
    if (controls.length > 0)
      out.push(warn(file, line, 'control-characters', `${field}: ${controls.join(', ')}`, field));
    if (c.invisible > 0) {
      out.push(
        warn(
          file,
          line,
          'invisible-characters',
          `${field}: removed ${c.invisible} invisible character(s) (zero-width, soft hyphen, bidi control or stray combining mark)`,
          field,
        ),
      );
    }
  }
  const parts = englishParts({ title: title.text, abstract: abstract.text });
  if (parts === 'none')
    out.push(
      warn(
        file,
        line,
        'not-english',
        'the text does not look like English; kept, but no entities are extracted from it',
        'abstract',
      ),
    );
  if (parts === 'abstract')
    out.push(
      warn(
        file,
        line,
        'not-english',
        'the title does not look like English; kept, but entities come from the abstract only',
        'title',
      ),
    );
  return out;
}
