// The ACL alias fixture (pipeline/eval/aliases-acl.json) and `kg eval --aliases --graph`. The corpus check needs the
// eval-data folder beside the project (see README, Development); without it, it fails with the path it looked for.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACL_ALIAS_PAIRS,
  aliasCategories,
  createAliasTally,
  parseAliasFixture,
  type AliasPair,
} from '../../pipeline/eval/index.js';
import { canonicalKey } from '../../pipeline/extract/core/canonical.js';
import { readSnapshotPapers } from '../../graph/index.js';
import { runKg } from '../utils/cli.js';
import { ROOT } from '../utils/papers.js';

const DATA = process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
const CORPUS = path.join(DATA, 'corpus', 'acl-anthology.jsonl');
const FIXTURE_FILE = path.join(ROOT, 'pipeline', 'eval', 'aliases-acl.json');
const TINY = path.join(ROOT, 'test', 'fixtures', 'aliases');
const TINY_SNAPSHOT = path.join(TINY, 'snapshot');
const TINY_FIXTURE = path.join(TINY, 'fixture.json');

/** Titles and abstracts of the ACL corpus, one text per paper, as one string. */
function aclText(): string {
  if (!existsSync(CORPUS))
    throw new Error(`${CORPUS}: not found; put the eval-data folder beside the project or set KG_EVAL_DATA`);
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { title, abstract } = JSON.parse(line) as { title?: string; abstract?: string };
      return `${title ?? ''}\n${abstract ?? ''}`;
    })
    .join('\n\n');
}

const WORD_CHAR = /[A-Za-z0-9]/;
/** Whether `phrase` occurs in `text` as written (case-sensitive) with no letter or digit right before or after it. */
function occursAsPhrase(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + phrase.length] ?? ' ';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

describe('the ACL alias fixture', () => {
  const pairs = ACL_ALIAS_PAIRS;

  it('is a well-formed fixture of at least 200 pairs, each with a category', () => {
    expect(parseAliasFixture(JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')), FIXTURE_FILE)).toEqual(pairs);
    expect(pairs.length).toBeGreaterThanOrEqual(200);
    for (const [a, b, , category] of pairs) {
      expect(a).not.toBe(b);
      expect(category, `${a} / ${b}`).toMatch(/^[a-z-]+$/);
    }
  });

  it('holds both classes, each at least 40 % of the pairs', () => {
    const same = pairs.filter((p) => p[2]).length;
    expect(same / pairs.length).toBeGreaterThanOrEqual(0.4);
    expect((pairs.length - same) / pairs.length).toBeGreaterThanOrEqual(0.4);
  });

  it('has no pair twice, in either order', () => {
    const seen = new Set<string>();
    for (const [a, b] of pairs) {
      const id = JSON.stringify([a, b].sort());
      expect(seen.has(id), `${a} / ${b}`).toBe(false);
      seen.add(id);
    }
  });

  it('gives each category one label: a category is a kind of same pair or a kind of different pair', () => {
    for (const row of aliasCategories({
      pairs: 0,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 0,
      recall: 0,
      outcomes: pairs.map(([a, b, same, category]) => ({
        a,
        b,
        same,
        category,
        keyA: a,
        keyB: b,
        seenA: false,
        seenB: false,
        matchA: 'unseen',
        matchB: 'unseen',
        merged: false,
      })),
    })) {
      expect(row.same, row.category).toBeDefined();
    }
  });

  it('writes every surface form as it occurs, whole, in the ACL abstracts', () => {
    const text = aclText();
    const absent = [...new Set(pairs.flatMap(([a, b]) => [a, b]))].filter((form) => !occursAsPhrase(text, form));
    expect(absent).toEqual([]);
  });
});

describe('alias pairs scored on a built snapshot', () => {
  const fixture = parseAliasFixture(JSON.parse(readFileSync(TINY_FIXTURE, 'utf8')), TINY_FIXTURE);

  it('keys each form by its exact mentions, then by mentions up to case, then by its canonical key', async () => {
    const tally = createAliasTally(fixture);
    for await (const paper of readSnapshotPapers(TINY_SNAPSHOT)) tally.add(paper.mentions);
    const report = tally.report();
    expect(report).toMatchObject({
      pairs: 7,
      truePositives: 3,
      falsePositives: 1,
      falseNegatives: 2,
      precision: 0.75,
      recall: 0.6,
    });
    const by = (a: string, b: string) => report.outcomes.find((o) => o.a === a && o.b === b)!;
    // "BERT": two mentions keyed bert, one "bert model": the majority wins.
    expect(by('BERT', 'BERT model')).toMatchObject({ keyA: 'bert', matchA: 'exact', merged: true });
    // "Bleu" is never written so: the mentions "BLEU" and "bleu" key it.
    expect(by('BLEU', 'Bleu')).toMatchObject({ keyB: 'bleu', matchB: 'case', seenB: true, merged: true });
    // "ELMO" is written once, as a generic mention, which has no node: it is keyed as "ELMo" is.
    expect(by('ELMo', 'ELMO')).toMatchObject({ keyB: 'elmo', matchB: 'case', merged: true });
    expect(by('SQuAD', 'SQuAD dataset')).toMatchObject({
      keyB: canonicalKey('SQuAD dataset'),
      matchB: 'unseen',
      seenB: false,
      merged: false,
    });
    expect(by('SQuAD', 'SQuAD 2.0')).toMatchObject({ same: false, merged: true });
    expect(aliasCategories(report)).toEqual([
      { category: 'empty-head', same: true, pairs: 2, right: 1, wronglyMerged: 0, missed: 1 },
      { category: 'case', same: true, pairs: 2, right: 2, wronglyMerged: 0, missed: 0 },
      { category: 'near-name', same: false, pairs: 1, right: 1, wronglyMerged: 0, missed: 0 },
      { category: 'variant', same: false, pairs: 1, right: 0, wronglyMerged: 1, missed: 0 },
      { category: 'plural', same: true, pairs: 1, right: 0, wronglyMerged: 0, missed: 1 },
    ]);
  });

  it('rejects a malformed fixture as a usage error', () => {
    for (const data of [
      null,
      {},
      { pairs: [] },
      { pairs: [['a', 'b']] },
      { pairs: [['a', 'b', 'yes']] },
      { pairs: [['a', '', true]] },
      { pairs: [['a', 'b', true, 3]] },
    ]) {
      expect(() => parseAliasFixture(data, 'f.json')).toThrow(
        expect.objectContaining({ name: 'UsageError', code: 'KG_FIXTURE_INVALID' }),
      );
    }
    const ok: AliasPair[] = [
      ['a', 'b', true],
      ['c', 'd', false, 'near-name'],
    ];
    expect(parseAliasFixture({ pairs: ok }, 'f.json')).toEqual(ok);
  });
});

describe('kg eval --aliases --graph (CLI)', () => {
  it('prints the scores, per-category counts and the wrong pairs, or JSON with --json', async () => {
    const json = await runKg(['eval', '--aliases', '--graph', TINY_SNAPSHOT, '--fixture', TINY_FIXTURE, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({
      graph: TINY_SNAPSHOT,
      fixture: TINY_FIXTURE,
      papers: 3,
      pairs: 7,
      precision: 0.75,
      recall: 0.6,
    });
    expect(out.categories).toHaveLength(5);
    const text = await runKg(['eval', '--aliases', '--graph', TINY_SNAPSHOT, '--fixture', TINY_FIXTURE]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/pair precision 75\.0 {2}recall 60\.0/);
    expect(text.stdout).toMatch(/variant/);
    expect(text.stdout.split('\n').filter((l) => /^ {2}(missed|merged) \[/.test(l))).toHaveLength(3);
  });

  it.each([
    [['--fixture', TINY_FIXTURE]],
    [['--aliases', 'seeds', '--graph', TINY_SNAPSHOT]],
    [['--aliases', '--graph', TINY_SNAPSHOT, '--fixture', path.join(TINY, 'no-such-fixture.json')]],
    [['--aliases', '--graph', TINY_SNAPSHOT, '--fixture', path.join(TINY_SNAPSHOT, 'papers.jsonl')]],
    [['--aliases', '--graph']],
  ])('exits 2 on the usage error %j', async (args) => {
    const result = await runKg(['eval', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^(kg: |error: )/);
  });

  it('exits 1 when the folder holds no snapshot, naming the missing papers.jsonl', async () => {
    const result = await runKg(['eval', '--aliases', '--graph', path.join(TINY, 'no-such-snapshot')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kg: /);
    expect(result.stderr).toContain(path.join(TINY, 'no-such-snapshot'));
  });
});
