// The trace index answers as the whole loaded snapshot does: found, ambiguous and misspelt terms, related and family.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  indexedTraceSource,
  loadSnapshot,
  loadSnapshotPapers,
  saveSnapshot,
  snapshotTraceSource,
  trace,
  TRACE_INDEX_FILES,
  TRACE_INDEX_RELATED,
  type EdgeAttributes,
  type EntityAttributes,
  type KnowledgeGraph,
  type PaperRecord,
  type TraceSource,
} from '../../graph/index.js';
import { canonicalKey } from '../../pipeline/extract/index.js';
import { tempDir } from '../utils/cli.js';
import { seedExtraction, seedGraph } from '../utils/graph.js';

const tmp = tempDir('trace-index');
afterAll(() => tmp.cleanup());
const good = path.join(tmp.dir, 'ok');
let graph: KnowledgeGraph;
let full: TraceSource;
let indexed: TraceSource;
/** The family the test makes by hand: three variants pointing to one entity. */
let family: { key: string; variants: string[] };

const entities = (g: KnowledgeGraph): EntityAttributes[] =>
  g.filterNodes((_n, a) => a.kind !== 'paper').map((n) => g.getNodeAttributes(n) as EntityAttributes);

beforeAll(async () => {
  graph = seedGraph();
  const { papers, results } = seedExtraction();
  const byId = new Map(results.map((r) => [r.id, r]));
  const records: PaperRecord[] = papers.map((p) => ({
    ...p,
    mentions: byId.get(p.id)!.mentions,
    relations: byId.get(p.id)!.relations,
  }));
  // VARIANT_OF edges (variant -> family) and a specificity attribute, which the graph builder does not make yet.
  const ranked = entities(graph).sort((a, b) => b.paperCount - a.paperCount || (a.key < b.key ? -1 : 1));
  const head = ranked.find((e) => e.kind === 'method')!;
  const variants = ranked.filter((e) => e.key !== head.key && e.key.includes(head.key.split(' ')[0]!)).slice(0, 3);
  expect(variants).toHaveLength(3);
  for (const v of variants) {
    graph.addDirectedEdgeWithKey(
      `VARIANT_OF|entity:${v.key}|entity:${head.key}`,
      `entity:${v.key}`,
      `entity:${head.key}`,
      { type: 'VARIANT_OF', weight: 1, papers: [] } as unknown as EdgeAttributes,
    );
  }
  [...ranked.slice(0, 40), variants[0]!].forEach((e, i) =>
    graph.mergeNodeAttributes(`entity:${e.key}`, { specificity: i / 41 } as Partial<EntityAttributes>),
  );
  family = { key: head.key, variants: variants.map((v) => v.key) };
  // Names the index must spell as the graph does: accents, a Kelvin sign (lower case "k"), quotes, a backslash, brackets.
  const paper = graph.filterNodes((_n, a) => a.kind === 'paper')[0]!;
  for (const [key, label, aliases] of [
    ['élan net', 'Élan-Net', ['Élan-Net', 'ÉLAN']],
    ['kelvin model', '\u212Aelvin model', ['\u212Aelvin model']],
    ['quoted model', 'the "quoted" \\ model', ['the "quoted" \\ model', '"Q"']],
    ['x y net', 'X]Y-Net', ['X]Y-Net', '[XY]']],
  ] as const) {
    graph.addNode(`entity:${key}`, {
      kind: 'method',
      key,
      label,
      aliases: [...aliases],
      paperCount: 1,
      mentionCount: 1,
      community: 0,
      x: 0,
      y: 0,
    });
    graph.addDirectedEdgeWithKey(`MENTIONS|${paper}|entity:${key}`, paper, `entity:${key}`, {
      type: 'MENTIONS',
      count: 1,
      spans: [[0, 4]],
    });
  }
  await saveSnapshot(good, graph, records);
  const loaded = await loadSnapshot(good);
  full = snapshotTraceSource(loaded.graph, await loadSnapshotPapers(good));
  indexed = (await indexedTraceSource(good))!;
});

/** A trace's answer, or the error's name, code and message: both sources must give the same. */
const outcome = (source: TraceSource, term: string) =>
  trace(source, term).then(
    (result) => ({ result }),
    (error: Error & { code?: string }) => ({ error: { name: error.name, code: error.code, message: error.message } }),
  );

describe('indexedTraceSource', () => {
  it('is written with the snapshot and listed in its manifest', async () => {
    expect(readdirSync(good).sort()).toEqual(
      ['graph.json', 'manifest.json', 'papers.jsonl', ...Object.values(TRACE_INDEX_FILES)].sort(),
    );
    const manifest = JSON.parse(readFileSync(path.join(good, 'manifest.json'), 'utf8'));
    expect(manifest.files).toMatchObject({
      traceNames: TRACE_INDEX_FILES.names,
      traceKeys: TRACE_INDEX_FILES.keys,
      tracePostings: TRACE_INDEX_FILES.postings,
    });
    expect(indexed).toBeDefined();
  });

  it('traces every tenth entity, the most mentioned ones and their aliases as the loaded snapshot does', async () => {
    const all = entities(graph);
    const top = [...all].sort((a, b) => b.paperCount - a.paperCount).slice(0, 15);
    const terms = new Set<string>([
      'élan-net',
      'ÉLAN-NET',
      'Élan',
      'élan',
      'elan',
      'KELVIN MODEL',
      '\u212Aelvin model',
      'the "quoted" \\ model',
      '"q"',
      'quoted model',
      'x]y-net',
      '[xy]',
      'method',
      'task',
      '2024',
    ]);
    for (const e of [...top, ...all.filter((_e, i) => i % 10 === 0)]) {
      terms.add(e.label);
      terms.add(e.key.toUpperCase());
      for (const alias of e.aliases.slice(0, 2)) terms.add(alias);
    }
    let found = 0;
    for (const term of terms) {
      const expected = await outcome(full, term);
      expect(await outcome(indexed, term), term).toEqual(expected);
      if ('result' in expected) found += 1;
    }
    expect(found).toBeGreaterThan(terms.size / 2);
    for (const term of ['ÉLAN-NET', 'élan', 'KELVIN MODEL', 'the "quoted" \\ model', '"q"', 'x]y-net', '[XY]'])
      expect(await outcome(indexed, term), term).toHaveProperty('result');
  });

  it('answers a name several entities share with the same choice, or the same refusal', async () => {
    // Names shared by several entities, none of which has the name's key: one sense is chosen, or none if comparable.
    const owners = new Map<string, Set<string>>();
    for (const e of entities(graph))
      for (const name of [e.label, ...e.aliases])
        owners.set(name.toLowerCase(), (owners.get(name.toLowerCase()) ?? new Set()).add(e.key));
    const shared = [...owners]
      .filter(([name, keys]) => keys.size > 1 && !keys.has(canonicalKey(name)) && !keys.has(name))
      .map(([name]) => name);
    expect(shared.length).toBeGreaterThan(0);
    for (const term of shared.slice(0, 20)) {
      const expected = await outcome(full, term);
      if ('result' in expected) expect(expected.result.others.length, term).toBeGreaterThan(0);
      else expect(expected, term).toMatchObject({ error: { name: 'UsageError', code: 'KG_TRACE_AMBIGUOUS' } });
      expect(await outcome(indexed, term), term).toEqual(expected);
    }
  });

  it('suggests the same names for terms that name nothing', async () => {
    const typos = [
      'elan nett',
      'kelvin modle',
      'quoted modl',
      'transfomer',
      'reinforcment learning',
      'graph neural netwrk',
      'neural netwrk',
      'machine traslation',
      'languag model',
      'zzqx nonexistent entity',
      'BRX',
      'q',
    ];
    // And a letter dropped from the middle of names of every length.
    for (const e of entities(graph).filter((_e, i) => i % 97 === 0))
      typos.push(e.key.slice(0, e.key.length >> 1) + e.key.slice((e.key.length >> 1) + 1));
    let suggested = 0;
    for (const term of typos) {
      const expected = await outcome(full, term);
      expect(await outcome(indexed, term), term).toEqual(expected);
      if ('error' in expected && expected.error.message.includes('\n')) suggested += 1;
    }
    expect(suggested).toBeGreaterThan(10);
  });

  it('keeps as many related methods and tasks as the index holds, in the same order', async () => {
    const top = entities(graph)
      .sort((a, b) => b.paperCount - a.paperCount)
      .slice(0, 10);
    for (const e of top) {
      const related = await full.related(e.key, TRACE_INDEX_RELATED);
      expect(related.length, e.key).toBeGreaterThan(0);
      expect(await indexed.related(e.key, TRACE_INDEX_RELATED), e.key).toEqual(related);
      expect(await indexed.related(e.key, 3), e.key).toEqual(related.slice(0, 3));
    }
    await expect(indexed.related(top[0]!.key, TRACE_INDEX_RELATED + 1)).rejects.toMatchObject({
      name: 'UsageError',
      code: 'KG_TRACE_RELATED_LIMIT',
    });
  });

  it('finds the family of an entity: the entities with a VARIANT_OF edge into it, with their specificity', async () => {
    const expected = await full.family(family.key);
    // The hand-made variants, beside those the builder found.
    expect(expected.map((c) => c.key)).toEqual(expect.arrayContaining(family.variants));
    expect(expected.some((c) => typeof c.specificity === 'number')).toBe(true);
    expect(await indexed.family(family.key)).toEqual(expected);
    for (const e of entities(graph).filter((_e, i) => i % 50 === 0))
      expect(await indexed.family(e.key), e.key).toEqual(await full.family(e.key));
    expect(await indexed.family('no such entity')).toEqual([]);
    expect(await full.family('no such entity')).toEqual([]);
    // Candidates carry the attribute where it exists, and null elsewhere.
    const [withIt] = await indexed.candidates(family.key, family.key);
    expect(withIt).toMatchObject({ key: family.key, specificity: expect.any(Number) });
    expect(await indexed.candidates(family.key, family.key)).toEqual(await full.candidates(family.key, family.key));
  });
});

/** A copy of the good snapshot with `change` applied to its folder. */
function copy(name: string, change: (dir: string) => void): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(good)) writeFileSync(path.join(dir, f), readFileSync(path.join(good, f)));
  change(dir);
  return dir;
}

/** Drops the manifest's id and file checks, as in a snapshot of a kg before them: the index's own checks are then what is tested. */
function unchecked(dir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  delete manifest.id;
  delete manifest.integrity;
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}

describe('papers per year (the denominators of yearly shares)', () => {
  it('come from the index header as from the loaded snapshot, and from papers.jsonl for an index without them', async () => {
    const fromGraph = await full.yearTotals();
    expect(fromGraph.undated + [...fromGraph.totals.values()].reduce((a, b) => a + b, 0)).toBe(
      graph.filterNodes((_n, a) => a.kind === 'paper').length,
    );
    expect(fromGraph.totals.size).toBeGreaterThan(0);
    expect(await indexed.yearTotals()).toEqual(fromGraph);
    // An index written before the header held them: the fields blanked out, the file the same size.
    const dir = copy('no-years', (d) => {
      const file = path.join(d, TRACE_INDEX_FILES.names);
      const text = readFileSync(file, 'utf8');
      const blanked = text.replace(/,"papersPerYear":\{[^}]*\},"undatedPapers":\d+/, (m) => ' '.repeat(m.length));
      expect(blanked).not.toBe(text);
      writeFileSync(file, blanked);
      unchecked(d);
    });
    expect(await (await indexedTraceSource(dir))!.yearTotals()).toEqual(fromGraph);
  });

  it("give each trace its share of every dated year's papers", async () => {
    const dated = entities(graph)
      .filter((e) => e.firstSeen !== undefined)
      .sort((a, b) => b.paperCount - a.paperCount)[0]!;
    const result = await trace(indexed, dated.key);
    const { totals } = await indexed.yearTotals();
    const years = Object.keys(result.perYear).filter((y) => y !== 'undated');
    expect(years.length).toBeGreaterThan(0);
    for (const y of years) expect(result.perYearShare[y]).toBeCloseTo(result.perYear[y]! / totals.get(Number(y))!, 10);
    expect(result.perYearShare.undated).toBeUndefined();
  });
});

describe('papers without a line in papers.jsonl', () => {
  it('are traced by their title from the graph, as the loaded snapshot does', async () => {
    const dir = path.join(tmp.dir, 'few-records');
    const some = [...(await loadSnapshotPapers(good)).values()].filter((_r, i) => i % 3 === 0);
    await saveSnapshot(dir, graph, some);
    const loaded = await loadSnapshot(dir);
    const partial = snapshotTraceSource(loaded.graph, await loadSnapshotPapers(dir));
    const source = (await indexedTraceSource(dir))!;
    for (const e of entities(graph)
      .sort((a, b) => b.paperCount - a.paperCount)
      .slice(0, 10)) {
      expect(await outcome(source, e.label), e.label).toEqual(await outcome(partial, e.label));
    }
  });
});

describe('a snapshot without its index, or with a damaged one', () => {
  it('has no indexed source when made before the index (manifest without it)', async () => {
    const dir = copy('older', (d) => {
      const manifest = JSON.parse(readFileSync(path.join(d, 'manifest.json'), 'utf8'));
      manifest.files = { graph: manifest.files.graph, papers: manifest.files.papers };
      delete manifest.id;
      delete manifest.integrity;
      writeFileSync(path.join(d, 'manifest.json'), JSON.stringify(manifest));
      for (const file of Object.values(TRACE_INDEX_FILES)) rmSync(path.join(d, file));
    });
    expect(await indexedTraceSource(dir)).toBeUndefined();
    await expect(indexedTraceSource(path.join(tmp.dir, 'nowhere'))).rejects.toMatchObject({
      name: 'InvalidInputError',
      code: 'KG_SNAPSHOT_MISSING',
    });
  });

  it('is KG_SNAPSHOT_CORRUPT when an index file is cut short, missing, or does not match papers.jsonl', async () => {
    const names = readFileSync(path.join(good, TRACE_INDEX_FILES.names), 'utf8');
    const cases = [
      copy('names-cut', (d) => writeFileSync(path.join(d, TRACE_INDEX_FILES.names), names.slice(0, names.length >> 1))),
      copy('names-empty', (d) => writeFileSync(path.join(d, TRACE_INDEX_FILES.names), '')),
      copy('names-gone', (d) => rmSync(path.join(d, TRACE_INDEX_FILES.names))),
      copy('postings-cut', (d) =>
        writeFileSync(
          path.join(d, TRACE_INDEX_FILES.postings),
          readFileSync(path.join(good, TRACE_INDEX_FILES.postings)).subarray(0, 1000),
        ),
      ),
      copy('postings-gone', (d) => rmSync(path.join(d, TRACE_INDEX_FILES.postings))),
      copy('keys-cut', (d) =>
        writeFileSync(
          path.join(d, TRACE_INDEX_FILES.keys),
          readFileSync(path.join(good, TRACE_INDEX_FILES.keys)).subarray(0, 1000),
        ),
      ),
      copy('keys-gone', (d) => rmSync(path.join(d, TRACE_INDEX_FILES.keys))),
      copy('papers-other', (d) =>
        writeFileSync(
          path.join(d, 'papers.jsonl'),
          readFileSync(path.join(good, 'papers.jsonl'), 'utf8').split('\n').slice(1).join('\n'),
        ),
      ),
    ];
    for (const dir of cases)
      await expect(indexedTraceSource(dir), dir).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
        message: expect.stringContaining(dir),
      });
  });

  it('is KG_SNAPSHOT_CORRUPT when a row or line the index reads holds something else (same sizes)', async () => {
    const top = entities(graph).sort((a, b) => b.paperCount - a.paperCount)[0]!;
    // The keys table, and the place of every row, are read for suggestions only: a term that needs them fails.
    const keys = readFileSync(path.join(good, TRACE_INDEX_FILES.keys), 'utf8');
    const names = readFileSync(path.join(good, TRACE_INDEX_FILES.names), 'utf8');
    const lines = names.split('\n');
    const row = lines.findIndex((line) => line.startsWith(`,${JSON.stringify([top.key])!.slice(0, -1)},`));
    expect(row).toBeGreaterThan(1);
    const broken: [string, string, string][] = [
      ['keys-garbled', TRACE_INDEX_FILES.keys, keys.replace('"keys":[', '"keys":{')],
      ['names-extra-row', TRACE_INDEX_FILES.names, names.replace(/\n\]\}\n$/, '\n,["extra"]\n]}\n')],
      [
        'names-bad-row',
        TRACE_INDEX_FILES.names,
        [...lines.slice(0, row), `,["${top.key}", 1]`, ...lines.slice(row + 1)].join('\n'),
      ],
    ];
    for (const [name, file, content] of broken) {
      const dir = copy(name, (d) => {
        writeFileSync(path.join(d, file), content);
        unchecked(d);
      });
      const source = (await indexedTraceSource(dir))!;
      // A typo of the top entity's key: not found, with suggestions read from the keys table and the rows.
      const term = name === 'names-bad-row' ? top.key : `${top.key}${top.key.at(-1)}`;
      await expect(trace(source, term), name).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
        message: expect.stringContaining(file),
      });
    }
    const scramble = (file: string) => (d: string) => {
      const text = readFileSync(path.join(d, file));
      // Same bytes in another order: the sizes match, the lines do not.
      writeFileSync(
        path.join(d, file),
        Buffer.concat([text.subarray(text.length >> 1), text.subarray(0, text.length >> 1)]),
      );
    };
    for (const file of [TRACE_INDEX_FILES.postings, 'papers.jsonl']) {
      const dir = copy(`scrambled-${file}`, scramble(file));
      const source = (await indexedTraceSource(dir))!;
      expect(statSync(path.join(dir, file)).size).toBe(statSync(path.join(good, file)).size);
      await expect(trace(source, top.label), file).rejects.toMatchObject({
        name: 'InvalidInputError',
        code: 'KG_SNAPSHOT_CORRUPT',
        message: expect.stringContaining(file),
      });
    }
  });
});
