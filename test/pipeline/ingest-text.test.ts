// Ingest's one text normaliser (issue 27 item 4 and its "Also" items), unit by unit: markup to text, HTML entities
// decoded once, invisible characters, titles that must meet, years, and titles in other languages. The whole
// bad corpus through the CLI is test/cli/bad-corpus.test.ts (rows in bad-corpus-text.ts).
import { describe, expect, it } from 'vitest';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import { yearProblem } from '../../pipeline/ingest/dates.js';
import { ingest, titleKey } from '../../pipeline/ingest/index.js';
import { removeMarkup } from '../../pipeline/ingest/markup.js';
import { cleanText } from '../../pipeline/ingest/normalize.js';
import { titleLooksEnglish } from '../../pipeline/text/language.js';

const { extract } = createExtractor({ models: loadModels() });

describe('removeMarkup', () => {
  it.each([
    // [label, input, output]
    ['LaTeX bold without its backslash (as scrapers leave it)', 'textbf{graph} matching', 'graph matching'],
    ['LaTeX commands, nested', '\\textbf{\\emph{graph}} matching', 'graph matching'],
    ['math with a Greek letter', '$\\alpha$-divergence', 'α-divergence'],
    ['a citation goes with its tie', 'matching~\\cite{smith2020}.', 'matching.'],
    ['an escaped percent', '93\\% accuracy', '93% accuracy'],
    ['LaTeX quotes', "``horizon-free''", '“horizon-free”'],
    [
      'Markdown strong and emphasis',
      '**graph** matching with *sparse* attention',
      'graph matching with sparse attention',
    ],
    ['a Markdown link and image', '[link](http://example.com/a) ![fig](http://x/f.png)', 'link fig'],
    ['inline code', 'use `torch.sparse` here', 'use torch.sparse here'],
    ['HTML sub and italics', 'CO<sub>2</sub> and <i>graph</i>', 'CO2 and graph'],
    ['JATS paragraphs leave a space', '<jats:p>one</jats:p><jats:p>two</jats:p>', ' one  two '],
    ['a script and a comment go with their content', 'a<script>alert(1)</script>b<!-- x -->c', 'a b c'],
    [
      'HTML entities, decoded once',
      '&quot;x&quot; &amp;lt; &#39;y&#39; &#x27;z&#x27; &eacute;',
      "\"x\" &lt; 'y' 'z' é",
    ],
    ['the scraper’s quot; without its ampersand', 'quot;machine translation', '"machine translation'],
  ])('%s', (_, input, output) => {
    expect(removeMarkup(input).text).toBe(output);
  });

  it.each([
    ['C++, F#, k-NN, x_i', 'C++, F#, k-NN and x_i'],
    ['money', 'costs $5 and $10, or $5-$10'],
    ['NLP tokens and comparisons', '<s> and </s>, <unk>, <mask>; a < b > c; x<y'],
    ['exponents and stars', 'M^* in R^{n}, a*b*c, p* < 0.05 and q*'],
    ['identifiers', '__init__, snake_case_name, _private'],
    ['a hash tag and a number sign', '#MeToo and #1 in F#'],
    ['an ampersand in prose', 'R&D and AT&T; Q&A'],
  ])('leaves %s alone', (_, text) => {
    expect(removeMarkup(text)).toEqual({ text, markup: 0 });
  });
});

describe('cleanText', () => {
  // Each was quadratic in an earlier version of markup.ts (1.5 s, 4.7 s and 0.1 s at 50,000 characters, 4x that at the
  // abstract limit); linear, they take milliseconds. The bound is loose for a loaded machine.
  it.each([
    ['a run of spaces after a backslash', `\\x${' '.repeat(100_000)}b`],
    ['a run of dashes after a pipe', `|${'-'.repeat(100_000)}`],
    ['unclosed HTML comments', '<!--'.repeat(25_000)],
    ['a table row without its closing pipe', `|${'a|'.repeat(50_000)}b`],
    ['unclosed Markdown images', '!['.repeat(50_000)],
    ['unclosed LaTeX inline math', '\\('.repeat(50_000)],
  ])('stays linear on %s', (_, text) => {
    const started = performance.now();
    cleanText(text, 'abstract');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('removes invisible characters and counts them, keeping a joiner inside Persian words and emoji', () => {
    expect(cleanText('gra\u200bph\u00ad match\u2060ing\ufeff \u202eok', 'title')).toMatchObject({
      text: 'graph matching ok',
      invisible: 5,
    });
    expect(cleanText('زبان\u200cهای', 'title')).toMatchObject({ text: 'زبان\u200cهای', invisible: 0 });
    expect(cleanText('👨\u200d👩\u200d👧', 'title')).toMatchObject({ invisible: 0 });
  });

  it('turns line-breaking controls and separators into spaces, so words stay apart', () => {
    expect(cleanText('a\u2028b\u2029c\u0085d\u000be\u000cf', 'abstract').text).toBe('a b c d e f');
  });

  it('folds tabs and no-break spaces in an abstract and keeps its line breaks', () => {
    expect(cleanText(' a\u00a0\tb \r\n c ', 'abstract').text).toBe('a b\nc');
  });

  it('trims stacked combining marks to four and drops marks with no letter', () => {
    expect(cleanText(`e${'\u0301\u0300\u0302\u0303\u0304\u0306'}x`, 'title').text).toBe('é\u0300\u0302\u0303\u0304x');
    expect(cleanText('\u0301\u0300 \u0302', 'title').text).toBe('');
  });

  it('stores NFC', () => {
    expect(cleanText('cafe\u0301', 'title').text).toBe('café');
  });
});

describe('titleKey: variants of one title meet', () => {
  it.each([
    ['zero-width space', 'Graph mat\u200bching'],
    ['soft hyphen', 'Graph match\u00ading'],
    ['word joiner and BOM', '\ufeffGraph\u2060 matching'],
    ['NFD', 'Graph matching'.normalize('NFD')],
    ['Cyrillic lookalikes in a Latin word', 'Gr\u0430ph m\u0430tching'],
    ['fullwidth letters', 'Ｇｒａｐｈ matching'],
    ['no-break space and tab', 'Graph\u00a0\tmatching'],
  ])('%s', (_, title) => {
    expect(titleKey(title)).toBe(titleKey('Graph matching'));
  });

  it('a Russian title is not folded to Latin', () => {
    expect(titleKey('Нейронный перевод')).not.toMatch(/[a-z]/);
  });
});

describe('years: one rule for numbers, strings and dates', () => {
  const ABSTRACT =
    'We propose a new method for parsing that is trained on a treebank and improves accuracy over the baselines.';
  const record = (fields: Record<string, unknown>): string =>
    JSON.stringify({ title: 'T', abstract: ABSTRACT, ...fields });
  it.each([
    ['"0999"', { year: '0999' }, false],
    ['999', { year: 999 }, false],
    ['"0000-01-01"', { date: '0000-01-01' }, false],
    ['next year + 1', { year: 2028 }, false],
    ['next year', { year: 2027 }, true],
    ['1000', { year: 1000 }, true],
    ['"2023"', { year: '2023' }, true],
  ])('%s', (_, fields, kept) => {
    const result = ingest([{ file: 'a.jsonl', content: Buffer.from(record(fields)) }], { maxYear: 2027 });
    expect(result.papers.length).toBe(kept ? 1 : 0);
    if (!kept) expect(result.rejections).toEqual([expect.objectContaining({ code: 'year-out-of-range', line: 1 })]);
  });

  it('yearProblem names the range', () => {
    expect(yearProblem(999, 2027)).toMatch(/from 1000 to 2027/);
    expect(yearProblem(2027, 2027)).toBeUndefined();
  });
});

describe('titles in other languages', () => {
  it.each([
    ['French', 'Traduction automatique neuronale pour les langues peu dotées', false],
    ['Russian', 'Нейронный машинный перевод', false],
    ['Chinese', '基于深度学习的机器翻译方法研究', false],
    ['English', 'Attention Is All You Need', true],
    ['English with one foreign-looking word', 'De novo peptide sequencing with deep learning', true],
    ['English with a name', 'El Niño forecasting with graph networks', true],
  ])('%s', (_, title, english) => {
    expect(titleLooksEnglish(title)).toBe(english);
  });

  it('give no mentions, while their English abstract does', () => {
    const abstract =
      'We propose a new method for machine translation based on neural networks. The model is trained on a large parallel corpus and improves over the baseline systems.';
    const title = 'Traduction automatique neuronale pour les langues peu dotées';
    const result = extract({ id: 'x', title, abstract });
    expect(result.mentions.length).toBeGreaterThan(0);
    expect(result.mentions.every((m) => m.start > title.length)).toBe(true);
    const text = `${title}\n${abstract}`;
    for (const m of result.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});
