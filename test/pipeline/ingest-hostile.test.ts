// Ingest of hostile text, unit by unit: control characters and lone surrogates, the English check, pretty-printed JSON,
// over-long titles. The whole bad corpus through the CLI is test/cli/bad-corpus.test.ts.
import { describe, expect, it } from 'vitest';
import { ingest, looksEnglish, parseSource, removeControls } from '../../pipeline/ingest/index.js';
import { seedPapers } from '../utils/papers.js';

const file = (name: string, text: string) => ({ file: name, content: Buffer.from(text) });
const ABSTRACT =
  'We propose a new method for parsing that is trained on a treebank and improves accuracy over the baselines.';

describe('removeControls', () => {
  it.each([
    // [label, input, output, controls, surrogates]
    ['plain text is untouched', 'Deep learning', 'Deep learning', 0, 0],
    ['tab and line breaks are text, kept', 'a\tb\nc\r\nd', 'a\tb\nc\r\nd', 0, 0],
    ['NUL and BEL removed', 'Bell\u0007 and NUL\u0000', 'Bell and NUL', 2, 0],
    ['ANSI escape: ESC removed, the rest is visible text', '\u001b[31mred\u001b[0m', '[31mred[0m', 2, 0],
    ['DEL and C1 controls removed', 'a\u007fb\u0085c', 'abc', 2, 0],
    ['a lone high surrogate becomes U+FFFD', 'x\ud83dy', 'x\ufffdy', 0, 1],
    ['a lone low surrogate becomes U+FFFD', 'x\udc00y', 'x\ufffdy', 0, 1],
    ['a real emoji (a surrogate pair) is kept', 'x\ud83d\ude00y', 'x\ud83d\ude00y', 0, 0],
  ])('%s', (_, input, text, controls, surrogates) => {
    expect(removeControls(input)).toEqual({ text, controls, surrogates });
  });
});

describe('looksEnglish', () => {
  it('every seed abstract reads as English', () => {
    const seeds = seedPapers();
    expect(seeds.filter((p) => !looksEnglish(p.abstract)).map((p) => p.id)).toEqual([]);
  });

  it.each([
    [
      'French (JEP-TALN style)',
      "Nous proposons une nouvelle méthode d'analyse syntaxique fondée sur des réseaux de neurones. Le modèle est entraîné sur un grand corpus annoté et améliore les résultats des systèmes de référence.",
      false,
    ],
    [
      'German',
      'Wir stellen ein neues Verfahren für die maschinelle Übersetzung vor, das auf neuronalen Netzen beruht. Das Modell wird auf einem großen parallelen Korpus trainiert und übertrifft die Vergleichssysteme deutlich.',
      false,
    ],
    ['Chinese', '本文提出了一种基于规则的双重否定结构自动识别方法，并在大规模语料上进行了实验。', false],
    [
      'English without "the"',
      'We propose a method for parsing which is trained on treebanks and is compared with baselines for accuracy, speed and memory, and we show that it is faster than all of them by far.',
      true,
    ],
    ['too short to judge', 'Résumé court.', true],
  ])('%s → %s', (_, text, english) => {
    expect(looksEnglish(text)).toBe(english);
  });
});

describe('pretty-printed JSON', () => {
  it.each([
    ['an object over many lines, .json', 'a.json', JSON.stringify({ title: 'T', abstract: ABSTRACT }, null, 2)],
    ['an object over many lines, .jsonl', 'a.jsonl', JSON.stringify({ title: 'T', abstract: ABSTRACT }, null, 2)],
    ['several pretty objects one after another', 'a.jsonl', `{\n  "title": "A"\n}\n{\n  "title": "B"\n}\n`],
    ['opening brace on the first line with a field', 'a.jsonl', '{"title": "T",\n "abstract": "A"}\n'],
  ])('%s: one rejection at the first line', (_, name, text) => {
    const parsed = parseSource(file(name, `\n${text}`));
    expect(parsed.records).toEqual([]);
    expect(parsed.rejections).toEqual([expect.objectContaining({ line: 2, code: 'multi-line-json' })]);
  });

  it('JSON Lines whose first line is broken stays line by line', () => {
    const parsed = parseSource(
      file('a.jsonl', `{"title": "T", "abs\n${JSON.stringify({ id: 'ok', title: 'T2', abstract: ABSTRACT })}\n`),
    );
    expect(parsed.rejections).toEqual([expect.objectContaining({ line: 1, code: 'malformed-json' })]);
    expect(parsed.records).toHaveLength(1);
  });
});

describe('record limits and clean-up', () => {
  it('a title over 2,000 characters is rejected with its length; one at 2,000 is kept', () => {
    const lines = [
      JSON.stringify({ id: 'long', title: 'x'.repeat(2001), abstract: ABSTRACT }),
      JSON.stringify({ id: 'max', title: 'y'.repeat(2000), abstract: ABSTRACT }),
    ];
    const r = ingest([file('t.jsonl', lines.join('\n'))]);
    expect(r.papers.map((p) => p.id)).toEqual(['max']);
    expect(r.rejections).toEqual([expect.objectContaining({ line: 1, code: 'title-too-long', field: 'title' })]);
  });

  it('control characters are removed with a warning, and a title of nothing else is rejected', () => {
    const lines = [
      '{"id": "a", "title": "Bell\\u0007", "abstract": "' + ABSTRACT + '"}',
      '{"id": "b", "title": "\\u0007\\u0000", "abstract": "' + ABSTRACT + '"}',
    ];
    const r = ingest([file('c.jsonl', lines.join('\n'))]);
    expect(r.papers.map((p) => [p.id, p.title])).toEqual([['a', 'Bell']]);
    expect(r.warnings).toEqual([expect.objectContaining({ line: 1, code: 'control-characters', field: 'title' })]);
    expect(r.rejections).toEqual([expect.objectContaining({ line: 2, code: 'missing-field', field: 'title' })]);
  });

  it('non-English records are kept, each with one warning', () => {
    const fr =
      "Nous proposons une nouvelle méthode d'analyse syntaxique fondée sur des réseaux de neurones. Le modèle est entraîné sur un grand corpus annoté et améliore les résultats des systèmes de référence.";
    const r = ingest([file('fr.jsonl', JSON.stringify({ id: 'fr', title: 'Analyse syntaxique', abstract: fr }))]);
    expect(r.papers.map((p) => p.id)).toEqual(['fr']);
    expect(r.warnings).toEqual([expect.objectContaining({ line: 1, code: 'not-english' })]);
  });
});
