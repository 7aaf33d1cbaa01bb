// Escaping corpus and user text for a terminal (issue 27 item 4): controls, ESC sequences, bidi overrides and line
// breaks are shown as escapes, so printed text can neither drive the terminal nor forge a FILE:LINE line.
import { describe, expect, it } from 'vitest';
import { formatCsv, formatJson, formatTable } from '../../cli/util/format.js';
import { formatRejection } from '../../pipeline/ingest/index.js';
import { fileForTerminal, forTerminal, jsonForTerminal, linesForTerminal } from '../../pipeline/text/terminal.js';

describe('forTerminal', () => {
  it.each([
    // [label, input, output]
    ['plain text, accents, emoji and right-to-left letters stay', 'Naïve BERT 🚀 الترجمة', 'Naïve BERT 🚀 الترجمة'],
    ['an OSC sequence that retitles the window', '\u001b]0;pwned\u0007', '\\u001b]0;pwned\\u0007'],
    ['a CSI sequence that clears the screen', '\u001b[2J\u001b[H', '\\u001b[2J\\u001b[H'],
    ['C1 CSI (U+009B) and DEL', 'a\u009b2Jb\u007f', 'a\\u009b2Jb\\u007f'],
    ['a line break cannot start a new line', 'a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['bidi override and isolate are visible', 'x\u202eexe.gnp\u2066y\u2069', 'x\\u202eexe.gnp\\u2066y\\u2069'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['zero-width space and BOM', 'a\u200bb\ufeff', 'a\\u200bb\\ufeff'],
    ['a lone surrogate', 'a\ud800b', 'a\\ud800b'],
  ])('%s', (_, input, output) => {
    expect(forTerminal(input)).toBe(output);
  });

  it('keeps kg’s own line breaks in a message, escaping within each line', () => {
    expect(linesForTerminal('first \u001b[31m\nsecond')).toBe('first \\u001b[31m\nsecond');
  });
});

describe('fileForTerminal', () => {
  it.each([
    ['a plain path as is', 'corpus/a b.jsonl', 'corpus/a b.jsonl'],
    ['a newline: JSON-quoted', 'x\ny.jsonl:3: forged', '"x\\ny.jsonl:3: forged"'],
    ['an ESC: quoted and escaped', '\u001b]0;t\u0007.jsonl', '"\\u001b]0;t\\u0007.jsonl"'],
    ['a colon and digit that reads as a line number', 'a.jsonl:12', '"a.jsonl:12"'],
    ['a bidi override', 'evil\u202elmth.jsonl', '"evil\\u202elmth.jsonl"'],
    ['a quote', 'say "hi".jsonl', '"say \\"hi\\".jsonl"'],
  ])('%s', (_, input, output) => {
    expect(fileForTerminal(input)).toBe(output);
  });

  it('so a rejection is always one line, whatever its file name and reason', () => {
    const line = formatRejection({
      file: 'x\n/y.jsonl:9: forged',
      line: 3,
      reason: 'title "\u001b]0;t\u0007\nz" has no abstract',
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('"x\\n/y.jsonl:9: forged":3: title "\\u001b]0;t\\u0007\\nz" has no abstract');
  });
});

describe('printed query and trace output', () => {
  const rows = [{ title: 'T\u001b]0;x\u0007 \u202eevil', n: 1 }];
  it('a table escapes its cells', () => {
    // eslint-disable-next-line no-control-regex
    expect(formatTable(['title', 'n'], rows)).not.toMatch(/[\u001b\u0007\u202e]/);
  });
  it('JSON escapes what JSON.stringify leaves raw, and parses to the same value', () => {
    const json = formatJson([{ t: 'a\u009b\u202e\u2028b' }]);
    expect(json).not.toMatch(/[\u009b\u202e\u2028]/);
    expect(JSON.parse(json)).toEqual([{ t: 'a\u009b\u202e\u2028b' }]);
    expect(JSON.parse(jsonForTerminal({ a: '\u001b' }))).toEqual({ a: '\u001b' });
  });
  it('CSV keeps data raw for a file or pipe, escapes it for a terminal', () => {
    expect(formatCsv(['title'], rows)).toContain('\u001b');
    // eslint-disable-next-line no-control-regex
    expect(formatCsv(['title'], rows, true)).not.toMatch(/[\u001b\u0007\u202e]/);
  });
});
