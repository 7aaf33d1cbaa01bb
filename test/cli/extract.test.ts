// `kg extract` honours the ARCHITECTURE contract: one output line per input line, in order, offsets that slice the text.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKg, tempDir } from '../utils/cli.js';

const tmp = tempDir('extract');
afterAll(() => tmp.cleanup());

interface OutLine {
  id: string;
  mentions: { start: number; end: number; text: string; type: string; key: string }[];
  relations: { type: string; head: number; tail: number }[];
}

const INPUT = [
  {
    id: 'irm',
    text: 'We propose Invariant Risk Minimization (IRM), a learning paradigm for out-of-distribution generalization. IRM learns invariant predictors.',
  },
  {
    id: 'gnn',
    title: 'Graph neural networks for molecules',
    abstract:
      'Graph Neural Networks (GNNs) are used for molecular property prediction. We compare several GNNs and a GNN baseline on the QM9 dataset.',
  },
  { id: 'empty', text: '' },
];

describe('kg extract --in --out', () => {
  it('writes one line per input line with exact offsets, merging acronyms with their long forms', async () => {
    const input = path.join(tmp.dir, 'in.jsonl');
    const output = path.join(tmp.dir, 'out.jsonl');
    writeFileSync(input, INPUT.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await runKg(['extract', '--in', input, '--out', output, '--quiet']);
    expect(r.code).toBe(0);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OutLine);
    expect(lines.map((l) => l.id)).toEqual(['irm', 'gnn', 'empty']);
    const texts = [INPUT[0]!.text!, `${INPUT[1]!.title}\n${INPUT[1]!.abstract}`, ''];
    lines.forEach((line, i) => {
      expect(Object.keys(line).sort()).toEqual(['id', 'mentions', 'relations']);
      for (const m of line.mentions) {
        expect(texts[i]!.slice(m.start, m.end)).toBe(m.text);
        expect(['method', 'task', 'dataset', 'metric', 'concept', 'generic']).toContain(m.type);
      }
      for (const rel of line.relations) expect(line.mentions[rel.head] && line.mentions[rel.tail]).toBeTruthy();
    });
    const irmKeys = new Set(
      lines[0]!.mentions.filter((m) => /IRM|Invariant Risk Minimization/.test(m.text)).map((m) => m.key),
    );
    // SciERC's convention (and so the tagger's): the definition is one mention, "Invariant Risk Minimization (IRM)".
    expect(lines[0]!.mentions.filter((m) => /IRM/.test(m.text))).toHaveLength(2);
    expect(irmKeys.size).toBe(1);
    const gnnKeys = new Set(
      lines[1]!.mentions.filter((m) => /^(GNNs?|Graph Neural Networks( \(GNNs\))?)$/i.test(m.text)).map((m) => m.key),
    );
    expect(lines[1]!.mentions.filter((m) => /^GNNs?$/.test(m.text)).length).toBeGreaterThanOrEqual(1);
    expect(gnnKeys.size).toBe(1);
    expect(lines[2]!.mentions).toEqual([]);
  });

  it('reports unreadable lines as FILE:LINE and keeps going', async () => {
    const input = path.join(tmp.dir, 'bad.jsonl');
    writeFileSync(
      input,
      `${JSON.stringify({ id: 'a', text: 'We use BERT for parsing.' })}\nnot json\n{"text": "no id"}\n${JSON.stringify({ id: 'b', text: 'CRFs for tagging.' })}\n`,
    );
    const r = await runKg(['extract', '--in', input, '--out', '-', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${input}:2: malformed JSON`);
    expect(r.stderr).toContain(`${input}:3: missing "id"`);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as OutLine).id),
    ).toEqual(['a', 'b']);
  });

  it('echoes every id as written, numbers past 2^53 by their digits', async () => {
    const input = path.join(tmp.dir, 'ids.jsonl');
    const text = 'We propose a new method for machine translation.';
    writeFileSync(
      input,
      [
        '{"id": 9007199254740993, "text": "' + text + '"}',
        '{"id": 9007199254740992, "text": "' + text + '"}',
        JSON.stringify({ id: '2301/00001 论文', text }),
      ].join('\n') + '\n',
    );
    const r = await runKg(['extract', '--in', input, '--out', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as OutLine).id),
    ).toEqual(['9007199254740993', '9007199254740992', '2301/00001 论文']);
  });

  it('skips a line over 16 MiB as it streams (FILE:LINE: line too long) and keeps the lines after it (issue 27, item 12)', async () => {
    const input = path.join(tmp.dir, 'long.jsonl');
    const output = path.join(tmp.dir, 'long-out.jsonl');
    // readline held the whole line (a 1 GB one would exhaust memory) and then reported it as malformed JSON.
    writeFileSync(input, `{"id":"long","text":"${'x'.repeat(17 * 1024 * 1024)}\r\n${JSON.stringify(INPUT[0])}\r\n`);
    const r = await runKg(['extract', '--in', input, '--out', output, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${input}:1: line too long: over 16,777,216 bytes`);
    expect(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as OutLine).id),
    ).toEqual(['irm']);
  });

  it('a missing input file is an error naming it, exit 1', async () => {
    const r = await runKg([
      'extract',
      '--in',
      path.join(tmp.dir, 'nope.jsonl'),
      '--out',
      path.join(tmp.dir, 'x.jsonl'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.jsonl');
  });
});
