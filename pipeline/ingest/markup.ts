/** Markup in titles and abstracts (HTML and JATS tags, HTML entities, LaTeX, Markdown) reduced to the text it marks up. */
// Without this, "textbf{graph} matching", "**graph** matching" and "quot;machine translation" became entities.
// Each rule needs markup's own shape, so text that merely looks odd stays: "C++", "F#", "k-NN", "x_i", "<s>", "$5".

/** HTML and JATS/MathML tags whose text is kept; a block tag leaves a space so "<p>a</p><p>b</p>" is "a b". */
const BLOCK_TAGS =
  'p|div|br|hr|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|tfoot|caption|h[1-6]|blockquote|pre|section|article|header|footer|abstract|sec|title|list|list-item';
const INLINE_TAGS =
  'a|abbr|b|bdi|big|cite|code|del|dfn|em|font|i|img|ins|kbd|mark|q|small|span|strike|strong|sub|sup|tt|u|var|wbr|' +
  'math|mi|mn|mo|ms|mtext|mrow|msub|msup|msubsup|mfrac|msqrt|mover|munder|semantics|annotation|' +
  'italic|bold|sc|underline|monospace|inline-formula|tex-math|ext-link|xref|uri|named-content|styled-content';
const TAG_NAME = `(?:(?:jats|mml|xhtml):)?(?:(${BLOCK_TAGS})|(?:${INLINE_TAGS}))`;
/** `<b>`, `</i>`, `<jats:p>`, `<a href="…">`, `<br/>`: a known name right after `<`, so `a < b > c` and `<unk>` stay. */
const TAG = new RegExp(`<\\/?${TAG_NAME}(?:\\s[^<>]*)?\\/?>`, 'giu');
/** Script and style elements lose their content too: it is code, never the paper's text. */
const CODE_ELEMENT = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?(?:script|style)\b[^>]*>/giu;
/** HTML comments, found with indexOf: a regex re-scanned the rest of the text from every unclosed `<!--`. */
function removeComments(text: string, counted: () => void): string {
  let start = text.indexOf('<!--');
  if (start === -1) return text;
  let out = '';
  let from = 0;
  while (start !== -1) {
    const end = text.indexOf('-->', start + 4);
    if (end === -1) break;
    counted();
    out += `${text.slice(from, start)} `;
    from = end + 3;
    start = text.indexOf('<!--', from);
  }
  return out + text.slice(from);
}

/** Named HTML entities common in scraped abstracts; accented letters are built from their base letter and mark. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  middot: '·',
  bull: '•',
  sect: '§',
  para: '¶',
  micro: 'µ',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup2: '²',
  sup3: '³',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  minus: '−',
  infin: '∞',
  larr: '←',
  rarr: '→',
  harr: '↔',
  uarr: '↑',
  darr: '↓',
  rArr: '⇒',
  lArr: '⇐',
  hArr: '⇔',
  prime: '′',
  Prime: '″',
  szlig: 'ß',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  eth: 'ð',
  ETH: 'Ð',
  thorn: 'þ',
  THORN: 'Þ',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  zwj: '\u200d',
  zwnj: '\u200c',
  lrm: '\u200e',
  rlm: '\u200f',
};
const MARKS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
  ring: '\u030a',
  cedil: '\u0327',
  caron: '\u030c',
};
const GREEK =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(
    ' ',
  );
for (const [i, name] of GREEK.entries()) {
  // Greek letters in order from U+03B1 (α); final sigma sits before σ, so σ and what follows are one further on.
  const code = 0x3b1 + i + (i >= GREEK.indexOf('sigma') ? 1 : 0);
  NAMED[name] = String.fromCodePoint(code);
  NAMED[name[0]!.toUpperCase() + name.slice(1)] = String.fromCodePoint(code - 0x20);
}

function namedEntity(name: string): string | undefined {
  const direct = NAMED[name];
  if (direct !== undefined) return direct;
  const m = /^([A-Za-z])(acute|grave|circ|uml|tilde|ring|cedil|caron)$/.exec(name);
  return m ? `${m[1]}${MARKS[m[2]!]}`.normalize('NFC') : undefined;
}

/** `&amp;`, `&#39;`, `&#x27;`, `&eacute;`; and the scraper's `quot;` whose `&` was lost, only before or after no letter. */
const ENTITY =
  /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|(?<![\p{L}\p{N}&;])(quot|amp|lt|gt|apos|nbsp);/gu;

function decodeEntity(whole: string, body: string | undefined, bare: string | undefined): string {
  if (bare !== undefined) return namedEntity(bare) ?? whole;
  const b = body ?? '';
  if (b.startsWith('#')) {
    const code = b[1] === 'x' || b[1] === 'X' ? parseInt(b.slice(2), 16) : parseInt(b.slice(1), 10);
    // Surrogates and out-of-range numbers are no characters: left as written.
    return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  }
  return namedEntity(b) ?? whole;
}

/** LaTeX commands whose argument is the text: `\textbf{graph}`, also as scrapers leave it, `textbf{graph}`. */
const FORMAT_COMMANDS =
  'textbf|textit|textsl|textsc|texttt|textrm|textsf|textup|textmd|textnormal|emph|underline|mathrm|mathbf|mathit|mathcal|mathbb|mathsf|mathtt|mathfrak|boldsymbol|bm|operatorname|mbox|text|url';
const FORMAT = new RegExp(`(?:\\\\|(?<![\\p{L}\\\\]))(?:${FORMAT_COMMANDS})\\s*\\{([^{}]*)\\}`, 'gu');
/** `\cite{x}`, `~\citep[p. 3]{a,b}`, `\ref{fig}`, `\footnote{…}` (and `cite{x}` without its backslash) are dropped whole. */
// The spaces before it go too, matched only from just after a non-space: a run of spaces is not re-scanned from each of
// its places (that was quadratic on an abstract of spaces).
const REFERENCE =
  /(?:(?<=\S)[ \t]*)?~?(?:\\|(?<![\p{L}\\]))(?:cite[a-z]*|ref|eqref|autoref|cref|Cref|label|footnote)\*?(?:\[[^\]]*\])*\{[^{}]*\}/gu;
const HREF = /\\href\{[^{}]*\}\{([^{}]*)\}/gu;
/** Symbols written as commands, in math or out: `$\alpha$` is "α". */
const SYMBOLS: Record<string, string> = {
  ...Object.fromEntries(GREEK.map((g) => [g, NAMED[g]!])),
  ...Object.fromEntries(GREEK.map((g) => [g[0]!.toUpperCase() + g.slice(1), NAMED[g[0]!.toUpperCase() + g.slice(1)]!])),
  varepsilon: 'ε',
  vartheta: 'ϑ',
  varphi: 'φ',
  varrho: 'ϱ',
  varsigma: 'ς',
  ell: 'ℓ',
  times: '×',
  cdot: '·',
  cdots: '⋯',
  ldots: '…',
  dots: '…',
  pm: '±',
  mp: '∓',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  simeq: '≃',
  equiv: '≡',
  propto: '∝',
  infty: '∞',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  int: '∫',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  forall: '∀',
  exists: '∃',
  neg: '¬',
  wedge: '∧',
  vee: '∨',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  mapsto: '↦',
  log: 'log',
  exp: 'exp',
  max: 'max',
  min: 'min',
  arg: 'arg',
  sqrt: '√',
  circ: '∘',
  star: '⋆',
  ast: '∗',
  prime: '′',
  degree: '°',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
};
/** A backslash before a character LaTeX reserves: `\%`, `\&`, `\_`, `\#`, `\$`, `\{`, `\}`. */
const ESCAPED = /\\([%&_#${}])/gu;
const COMMAND = /\\([A-Za-z]+)\b\s?/gu;
/** `$…$` or `$$…$$`, not money: no space just inside, and no digit after the closing `$` ("$5 and $10" stays). */
const MATH = /\$\$([^$]+?)\$\$|(?<![\\$\p{N}])\$(?=[^\s$])([^$\n]*?[^\s$\\])\$(?![\p{N}$])|\\\(([^]{0,1000}?)\\\)/gu;
/** A brace pair around a word, left from LaTeX or BibTeX ("{BERT}: pre-training"). */
const BRACED = /(?<=^|[\s(["'“‘])\{(\p{L}[^{}\s]*)\}(?=$|[\s.,;:!?)\]"'”’-])/gu;

/** Markdown: `![alt](url)`, `[text](url)` with a URL-looking target, `**b**`, `*i*`, `` `c` ``, `~~s~~`, `# heading`, tables. */
// The text holds no "[", so each "[" starts at most one scan (an unclosed run of "![" was quadratic).
const MD_LINK = /!?\[([^\][\n]*)\]\((?:https?:\/\/|www\.|mailto:|\/|#|\.\.?\/)[^()\s]*\)/gu;
// Emphasis marks only open after a space or an opening bracket and close before one or punctuation, so "M^*", "x_i",
// "a*b*c" and "p* < 0.05" stay as written.
const OPENS = `(?<=^|[\\s(\\["'“‘])`;
const CLOSES = `(?=$|[\\s.,;:!?)\\]"'”’-])`;
// Underscores are left alone: identifiers ("__init__", "_private") outnumber Markdown's underscore emphasis.
const MD_STRONG = new RegExp(`${OPENS}\\*\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*\\*${CLOSES}`, 'gu');
const MD_EMPHASIS = new RegExp(`${OPENS}\\*(?=[^\\s*])([^*\\n]+?)(?<=[^\\s*])\\*${CLOSES}`, 'gu');
const MD_CODE = /`([^`\n]+)`/gu;
/** LaTeX's quotes, ``like this'': typographic quotes, before a backtick is read as Markdown code. */
const TEX_QUOTES = /``([^`'\n]+)''/gu;
const MD_STRIKE = /~~(?=\S)([^~\n]+?)(?<=\S)~~/gu;
const MD_HEADING = /^[ \t]{0,3}#{1,6}[ \t]+/gmu;
/** A table's rule row (`|---|:--:|`), on a line of its own or flattened into one line. */
// It starts at a pipe, so a long run of dashes is not re-scanned from each of its places.
const MD_TABLE_RULE = /\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*(?=\s|$))?/gu;
/** A table row on a line of its own: its cells joined with "; ". */
const MD_TABLE_ROW = /^[ \t]*\|([^\n]*)\|[ \t]*$/gmu;

/** The text with its markup removed, and how many pieces of markup went (tags, entities, commands, Markdown marks). */
export function removeMarkup(text: string): { text: string; markup: number } {
  // Nearly every abstract has none of the characters markup needs: done in one scan.
  if (!/[<&;\\${}*_`~#|[]/u.test(text)) return { text, markup: 0 };
  let markup = 0;
  const count =
    (to: string | ((...groups: string[]) => string)) =>
    (...args: string[]): string => {
      markup++;
      return typeof to === 'string' ? to : to(...args);
    };
  let out = removeComments(text, () => markup++)
    .replace(CODE_ELEMENT, count(' '))
    .replace(
      TAG,
      count((_, block) => (block ? ' ' : '')),
    )
    // Decoded once: "&amp;lt;" becomes "&lt;" and stays so.
    .replace(ENTITY, (whole, body, bare) => {
      const decoded = decodeEntity(whole, body, bare);
      if (decoded !== whole) markup++;
      return decoded;
    });
  if (/[\\${}]/u.test(out)) {
    out = out
      .replace(REFERENCE, count(''))
      .replace(
        HREF,
        count((_, t) => t),
      )
      .replace(
        FORMAT,
        count((_, t) => t),
      )
      // Nested commands, `\textbf{\emph{x}}`, come off one level per pass.
      .replace(
        FORMAT,
        count((_, t) => t),
      )
      .replace(
        FORMAT,
        count((_, t) => t),
      )
      .replace(
        MATH,
        count((_, display, inline, paren) => display ?? inline ?? paren ?? ''),
      )
      .replace(
        ESCAPED,
        count((_, c) => c),
      )
      .replace(COMMAND, (whole, name: string) => {
        const symbol = SYMBOLS[name];
        if (symbol === undefined) return whole;
        markup++;
        // The space that ended the command word is kept only where a word follows it.
        return /\s$/u.test(whole) ? `${symbol} ` : symbol;
      })
      .replace(
        BRACED,
        count((_, t) => t),
      );
  }
  if (/[*`~#|[]/u.test(out)) {
    out = out
      .replace(
        TEX_QUOTES,
        count((_, t) => `“${t}”`),
      )
      .replace(
        MD_LINK,
        count((_, t) => t),
      )
      .replace(
        MD_STRONG,
        count((_, t) => t),
      )
      .replace(
        MD_EMPHASIS,
        count((_, t) => t),
      )
      .replace(
        MD_CODE,
        count((_, t) => t),
      )
      .replace(
        MD_STRIKE,
        count((_, t) => t),
      )
      .replace(MD_HEADING, count(''))
      .replace(MD_TABLE_RULE, count(' '))
      .replace(MD_TABLE_ROW, (row: string, cells: string) => {
        // A row has two cells at least; "|x|" alone is left as written.
        if (!cells.includes('|')) return row;
        markup++;
        return cells
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean)
          .join('; ');
      });
  }
  return { text: out, markup };
}
