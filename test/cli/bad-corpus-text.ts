// The text/ part of the bad-input corpus (issue 27 item 4 and its "Also" items): markup, entities, invisible and
// control characters, other languages, dates, and file names that would forge a FILE:LINE line. Rows only; the
// runs and checks are test/cli/bad-corpus.test.ts'.
import { titleId, titleKey } from '../../pipeline/ingest/index.js';

const hf = (title: string): string => titleId(titleKey(title));

/** Two files made in the test (a newline and an ESC sequence in their names), each with one malformed line. */
export const ODD_NAMES = [
  'text/evil\nfake.jsonl:9: forged rejection.jsonl',
  'text/\u001b]0;pwned\u0007\u001b[2J.jsonl',
];

/** [file under the corpus, line or null, what the reason must say]. */
export const TEXT_REJECTED: [string, number | null, RegExp][] = [
  ['text/combining.jsonl', 2, /title is empty once invisible characters are removed/],
  ['text/comment-title.jsonl', 1, /title is empty once markup is removed/],
  ['text/dates.jsonl', 1, /year 999 is out of range \(a year from 1000 to \d{4}\)/],
  ['text/dates.jsonl', 2, /year 999 is out of range/],
  ['text/dates.jsonl', 3, /year 0 is out of range .*"0000-01-01"/],
  ['text/dates.jsonl', 7, /year 9999 is out of range/],
  ['text/dates.jsonl', 8, /year 3023 is out of range .*"3023-01-01"/],
  ['text/emoji.jsonl', 1, /title has no letters or digits/],
  ['text/markup-only-title.jsonl', 1, /title is empty once markup is removed/],
  ['text/markup-only-title.jsonl', 2, /title has no letters or digits/],
  ['text/markup-only-title.txt', 2, /text with no title before it/],
  ['text/txt-future-date.txt', 3, /year 2099 is out of range .*"Apr 30, 2099"/],
  ['text/zero-width.jsonl', 5, /title is empty once invisible characters are removed/],
  [ODD_NAMES[0]!, 1, /malformed JSON/],
  [ODD_NAMES[1]!, 1, /malformed JSON/],
];

const INVISIBLE = /warning: title: removed \d+ invisible character/;
const FOREIGN_TITLE = /warning: the title does not look like English; kept, but entities come from the abstract only/;

/** [file, line, what the warning says]. */
export const TEXT_WARNED: [string, number, RegExp][] = [
  ['text/bidi.jsonl', 1, /warning: title: removed 4 invisible character/],
  ['text/combining.jsonl', 1, INVISIBLE],
  ['text/dates.jsonl', 4, /warning: date "2023-02-30" has no day 30 .*read as 2023-02/],
  ['text/dates.jsonl', 9, /warning: date "sometime soon" is not a date kg reads/],
  ['text/dates.jsonl', 10, /warning: date "2023-13-01" has no month 13/],
  ['text/foreign-title.jsonl', 1, FOREIGN_TITLE],
  ['text/foreign-title.jsonl', 2, FOREIGN_TITLE],
  ['text/rtl.jsonl', 1, /warning: the text does not look like English; kept, but no entities are extracted from it/],
  ['text/rtl.jsonl', 2, FOREIGN_TITLE],
  ['text/txt-controls.txt', 1, /warning: title: removed 4 control character/],
  ['text/txt-controls.txt', 1, /warning: abstract: removed 2 control character/],
  ['text/txt-controls.txt', 3, INVISIBLE],
  ['text/txt-controls.txt', 5, FOREIGN_TITLE],
  ['text/txt-separators.txt', 1, INVISIBLE],
  ['text/zero-width.jsonl', 2, INVISIBLE],
  ['text/zero-width.jsonl', 3, INVISIBLE],
  ['text/zero-width.jsonl', 4, INVISIBLE],
];

/** Paper ids kept from text/: variants of one title (zero-width, NFD, homoglyph, .txt and .jsonl) are one paper each. */
export const TEXT_KEPT = [
  hf('Naïve Bayes for café review classification'),
  hf('Bell and escape ]0;pwned[2J in a text dump title'),
  hf('Attention over sparse graphs'),
  hf('Zero-width graph matching networks'),
  hf('Markup around a text dump title'),
  hf('Card Dated This Century'),
  hf('Separated title with a softhyphen'),
  hf('Graph and tree matching for code search'),
  'text-comment-inside',
  'text-ar',
  'text-bidi',
  'text-date-feb30',
  'text-date-month13',
  'text-date-monthname',
  'text-date-slash',
  'text-date-words',
  'text-emoji',
  'text-ent-1',
  'text-fa',
  'text-fr-title',
  'text-latex-1',
  'text-latex-2',
  'text-lsep',
  'text-md-1',
  'text-md-2',
  'text-nbsp',
  'text-ru-title',
  'text-tag-1',
  'text-tag-2',
  'text-zalgo',
];

/** Stored titles: markup gone, entities decoded once, invisible characters gone, NFC, legitimate symbols kept. */
export const TEXT_TITLES: [string, string][] = [
  [hf('Naïve Bayes for café review classification'), 'Naïve Bayes for café review classification'.normalize('NFC')],
  [hf('Bell and escape ]0;pwned[2J in a text dump title'), 'Bell and escape ]0;pwned[2J in a text dump title'],
  ['text-bidi', 'Harmless title gnp.exe with isolates'],
  ['text-comment-inside', 'Tree matching with kernels'],
  [hf('Graph and tree matching for code search'), 'Graph and tree matching for code search'],
  [hf('Separated title with a softhyphen'), 'Separated title with a softhyphen'],
  ['text-emoji', '🚀 Rocket-fast graph matching 👨\u200d👩\u200d👧'],
  ['text-ent-1', '"Machine translation" for <low> resource languages & dialects'],
  ['text-fa', 'ترجمه\u200cی ماشینی عصبی برای زبان\u200cهای کم\u200cمنبع'],
  ['text-latex-1', 'Graph matching with optimal transport'],
  ['text-latex-2', 'BERT for x_i-indexed tables costing $5 and $10'],
  ['text-md-1', 'Graph matching with sparse attention'],
  ['text-nbsp', 'Graph neural networks for molecules'],
  ['text-tag-1', 'CO2 emission prediction with graph networks'],
  ['text-tag-2', '<s> and <unk> tokens in a < b > c language models'],
];

/** Stored abstracts hold none of these (markup, raw separators, tabs, escapes) … */
export const TEXT_ABSTRACT_ABSENT: [string, RegExp][] = [
  ['text-latex-1', /\\|\$|cite|smith2020/],
  ['text-latex-2', /footnote|On the test set|\\href|\\%/],
  ['text-md-1', /\*\*|\]\(|!\[|`|^#/m],
  ['text-md-2', /\|---/],
  ['text-ent-1', /&#39;|&#x27;|&amp;amp;/],
  ['text-tag-1', /<|-->|pwned|document\.title/],
  // eslint-disable-next-line no-control-regex
  ['text-lsep', /[\u2028\u2029\u0085\u000b\u000c]/],
  ['text-nbsp', /[\t\u00a0]/],
  [hf('Separated title with a softhyphen'), /[\u2028\u00a0]/],
];

/** … and keep these. */
export const TEXT_ABSTRACT_PRESENT: [string, RegExp][] = [
  ['text-latex-1', /We study graph matching with α-divergences and O\(n\^2\) memory\./],
  [
    'text-latex-2',
    /Prices of \$5 and \$10 stay, as do C\+\+, F#, k-NN and x_i\. We reach 93% accuracy with our code\./,
  ],
  ['text-md-1', /^Abstract\nWe propose graph matching with sparse attention and a figure using torch\.sparse\./],
  ['text-md-2', /model; F1\n+BERT; 91\.2$/],
  ['text-ent-1', /We call it 'neural' 'machine translation' and write &lt; for a literal entity\./],
  ['text-tag-1', /^We propose emission prediction based on graph networks\. We propose/],
  [
    'text-lsep',
    /We propose a new method for dependency parsing based on neural networks\. The model is trained on a large treebank/,
  ],
  ['text-nbsp', /We propose a new method for molecular/],
];

/** Entity labels no paper of text/ may give: markup remnants and words of titles in other languages. */
export const TEXT_BAD_LABELS =
  /textbf|emph|\\|\*\*|\]\(|quot;|&[a-z#0-9]+;|<\/?[a-z]+>|\$|traduction|neuronale|langues|[\u0400-\u04ff]|[\u0600-\u06ff]/i;
