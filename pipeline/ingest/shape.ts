/** What a title and an abstract look like in a text dump, where nothing but shape tells them apart. */
import { LONG_TEXT_CHARS, MAX_TITLE_CHARS, MIN_ABSTRACT_CHARS } from './limits.js';

/** Ends with a sentence's full stop (not an ellipsis), perhaps followed by closing quotes or brackets. */
function endsWithFullStop(text: string): boolean {
  return /(?<!\.)[.。]["'”’)\]]*$/u.test(text);
}

/** A title: short, has letters, and does not end with a full stop (`?` and `:` are common in titles). */
export function isTitleLike(text: string): boolean {
  return text.length <= MAX_TITLE_CHARS && !endsWithFullStop(text) && /\p{L}/u.test(text);
}

/** An abstract: long, or at least MIN_ABSTRACT_CHARS and ending like a sentence (some end in a URL instead). */
export function isAbstractLike(text: string): boolean {
  return text.length >= LONG_TEXT_CHARS || (text.length >= MIN_ABSTRACT_CHARS && endsWithFullStop(text));
}
