// kg task from the command line on a snapshot whose papers carry results: the table, JSON and CSV, --since and --top,
// and the errors (a task not found exits 1 with suggestions, usage errors exit 2).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSnapshot } from '../../graph/index.js';
import { runKg, tempDir } from '../utils/cli.js';
import { taskGraph } from '../utils/task.js';

const tmp = tempDir('task-cli');
let dir: string;

beforeAll(async () => {
  const { graph, records } = taskGraph();
  dir = path.join(tmp.dir, 'snap');
  await saveSnapshot(dir, graph, [...records.values()]);
}, 60_000);
afterAll(() => tmp.cleanup());

describe('kg task', () => {
  it('prints the lists and the results as tables', async () => {
    const out = await runKg(['task', 'NER', '--graph', dir]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^Named entity recognition \(task, key "named entity recognition"\): 24 paper\(s\)/);
    for (const title of ['Methods\n', 'Datasets\n', 'Metrics\n', 'Results (25)\n']) expect(out.stdout).toContain(title);
    expect(out.stdout).toMatch(/1 +\| F1 +\| 24 /);
    expect(out.stdout).toContain('Our BERT model achieves 93.0 F1 on CoNLL-2003');
  });
  it('prints the JSON of the contract, and CSV', async () => {
    const json = await runKg([
      'task',
      'named entity recognition',
      '--graph',
      dir,
      '--format',
      'json',
      '--since',
      '2020',
      '--top',
      '2',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const answer = JSON.parse(json.stdout) as Record<string, { key: string; papers: number; firstYear: number }[]> & {
      task: { key: string; label: string };
      results: {
        method: string;
        dataset: string;
        metric: string;
        value: number;
        unit: string | null;
        paper: string;
        year: number;
        sentence: string;
      }[];
    };
    expect(answer.task).toMatchObject({ key: 'named entity recognition' });
    for (const list of ['methods', 'datasets', 'metrics']) {
      expect(answer[list]!.length).toBeLessThanOrEqual(2);
      expect(answer[list]![0]).toEqual(
        expect.objectContaining({
          key: expect.any(String),
          label: expect.any(String),
          papers: expect.any(Number),
          firstYear: 2020,
          lastYear: 2021,
        }),
      );
    }
    expect(answer.results[0]).toEqual(
      expect.objectContaining({
        method: 'BERT model',
        dataset: 'CoNLL-2003',
        metric: 'F1',
        value: 93,
        unit: null,
        paper: 'ner-2021-0',
        year: 2021,
      }),
    );
    expect(answer.results.every((r) => r.year >= 2020)).toBe(true);
    const csv = await runKg(['task', 'NER', '--graph', dir, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^list,key,label,papers/);
    expect(csv.stdout).toMatch(/^results,/m);
  });
  it.each([
    [
      ['task', 'named entity recogniton'],
      1,
      /no entity named "named entity recogniton" in the graph; did you mean:\n {2}Named entity recognition/,
    ],
    [['task', ' '], 2, /give the name of a task/],
    [['task', 'NER', '--top', '0'], 2, /--top/],
    [['task', 'NER', '--format', 'xml'], 2, /--format/],
  ])('kg %j exits %i', async (args, code, message) => {
    const out = await runKg([...args, '--graph', dir]);
    expect(out.code).toBe(code);
    expect(out.stderr).toMatch(message);
  });
});
