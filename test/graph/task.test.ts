// Task pages without services: the ranking (shared papers against how common a term is, typed edges, umbrella and
// own-name terms last, the floor, --since, trends) and the results table, on hand-made evidence and on a built corpus.
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotTraceSource, type KnowledgeGraph, type PaperRecord } from '../../graph/index.js';
import {
  rankTask,
  snapshotTaskPage,
  snapshotTaskSource,
  taskPage,
  taskResults,
  type TaskEvidence,
} from '../../graph/task.js';
import { taskGraph } from '../utils/task.js';

const task = { key: 'named entity recognition', label: 'NER', aliases: ['named entity recognition', 'NER'] };

/** 100 papers in all; the task in 20 (2010-2019, two a year). */
function evidence(): TaskEvidence {
  const papers = Array.from({ length: 20 }, (_v, i) => ({ id: `t${i}`, year: 2010 + Math.floor(i / 2) }));
  const ids = (from: number, to: number): string[] => papers.slice(from, to).map((p) => p.id);
  const c = (key: string, kind: string, paperCount: number, shared: string[], specificity: number | null = 0.9) => ({
    key,
    label: key,
    kind,
    specificity,
    paperCount,
    papers: shared,
  });
  return {
    papers,
    totalPapers: 100,
    candidates: [
      // Everywhere: in 80 of 100 papers, 16 of the task's 20.
      c('accuracy', 'metric', 80, ids(0, 16)),
      // Tied to the task: 8 papers, all of them the task's.
      c('f1', 'metric', 8, ids(4, 12)),
      // Umbrella, tied to the task.
      c('score', 'metric', 10, ids(0, 10), 0.2),
      // One shared paper: under the floor.
      c('bleu', 'metric', 1, ids(0, 1)),
      c('conll 2003', 'dataset', 6, ids(14, 20)),
      c('named entity recognition dataset', 'dataset', 10, ids(0, 10)),
      { ...c('stanford named entity recognition dataset', 'dataset', 3, ids(0, 3)), label: 'SNERD' },
      c('crf', 'method', 10, ids(0, 10)),
      c('bert', 'method', 10, ids(10, 20)),
      c('wikipedia', 'concept', 50, ids(0, 20)),
    ],
    relations: [{ key: 'bert', type: 'USED_FOR', papers: ['t12', 't13', 'x1'] }],
  };
}

describe('rankTask', () => {
  const { lists, papers } = rankTask(evidence(), task);
  const keys = (list: { key: string }[]): string[] => list.map((r) => r.key);

  it('puts a term tied to the task above one found everywhere, and umbrella terms last; one shared paper is not enough', () => {
    expect(keys(lists.metric)).toEqual(['f1', 'accuracy', 'score']);
    // Found in the task's papers exactly as often as anywhere: no tie at all.
    expect(lists.metric[1]!.score).toBe(0);
    expect(lists.metric.find((r) => r.key === 'score')?.umbrella).toBe(true);
  });
  it('lists terms named after the task after the others, but not a name of its own that holds the task key', () => {
    expect(keys(lists.dataset)).toEqual([
      'conll 2003',
      'stanford named entity recognition dataset',
      'named entity recognition dataset',
    ]);
    expect(lists.dataset.map((r) => r.ownName)).toEqual([false, false, true]);
  });
  it('counts a typed edge’s papers (within the task’s) a second time', () => {
    const bert = lists.method.find((r) => r.key === 'bert')!;
    const crf = lists.method.find((r) => r.key === 'crf')!;
    expect([bert.related, crf.related]).toEqual([2, 0]);
    expect(bert.score).toBeGreaterThan(crf.score);
    expect(keys(lists.method)).toEqual(['bert', 'crf']);
  });
  it('gives years and a trend from the share of the task’s papers', () => {
    const bert = lists.method.find((r) => r.key === 'bert')!;
    const crf = lists.method.find((r) => r.key === 'crf')!;
    expect([bert.firstYear, bert.lastYear, bert.trend]).toEqual([2015, 2019, null]);
    const yearly = rankTask(evidence(), task, { minYearPapers: 2 }).lists.method;
    expect(yearly.find((r) => r.key === 'bert')!.trend).toBe('rising');
    expect(yearly.find((r) => r.key === 'crf')!.trend).toBe('declining');
    expect(crf.firstYear).toBe(2010);
    expect(papers).toHaveLength(20);
  });
  it('keeps papers from --since on, and cuts each list at --top', () => {
    const since = rankTask(evidence(), task, { since: 2015, top: 1 });
    expect(since.papers).toHaveLength(10);
    expect(keys(since.lists.method)).toEqual(['bert']);
    expect(since.lists.metric.map((r) => [r.key, r.papers])).toEqual([['f1', 2]]);
  });
});

describe('taskResults', () => {
  it('lists results newest first, within --since', () => {
    const row = (paper: string, year: number | null, value: number) => ({
      paper,
      title: paper,
      year,
      value,
      unit: null,
      delta: null,
      sentence: `s ${paper}`,
      metric: { key: 'f1', label: 'F1' },
      dataset: null,
      method: null,
    });
    const rows = [row('a', 2018, 1), row('b', 2020, 2), row('c', null, 3), row('a', 2018, 0)];
    expect(taskResults(rows).map((r) => [r.paper, r.value])).toEqual([
      ['b', 2],
      ['a', 0],
      ['a', 1],
      ['c', 3],
    ]);
    expect(taskResults(rows, 2019).map((r) => r.paper)).toEqual(['b']);
  });
});

describe('a task page of a built corpus', () => {
  let graph: KnowledgeGraph;
  let records: Map<string, PaperRecord>;
  beforeAll(() => {
    ({ graph, records } = taskGraph());
  }, 60_000);

  it('resolves an acronym to the task and lists its methods, datasets and metrics', async () => {
    const answer = await taskPage(snapshotTaskSource(graph, records, snapshotTraceSource(graph, records)), 'NER');
    expect(answer.task.key).toBe('named entity recognition');
    expect(answer.papers).toBe(24);
    expect(answer.datasets.map((d) => d.label)).toEqual(expect.arrayContaining(['CoNLL-2003', 'OntoNotes']));
    expect(answer.metrics[0]!.label).toBe('F1');
    expect(answer.metrics.map((m) => m.key)).toContain('accuracy');
    expect(answer.metrics.findIndex((m) => m.key === 'accuracy')).toBeGreaterThan(0);
    const bilstm = answer.methods.find((m) => m.key.startsWith('bilstm crf'))!;
    expect([bilstm.firstYear, bilstm.lastYear, bilstm.trend]).toEqual([2016, 2018, 'declining']);
  });
  it('lists the results of its papers and on its datasets, newest first, each with its sentence', async () => {
    const answer = (await snapshotTaskPage(graph, records, 'named entity recognition'))!;
    // 24 task papers with one result each, and the tagging paper's result on CoNLL-2003; not the sentiment papers'.
    expect(answer.results).toHaveLength(25);
    expect(answer.results[0]).toMatchObject({
      paper: 'ner-2021-0',
      year: 2021,
      metric: 'F1',
      dataset: 'CoNLL-2003',
      value: 93,
    });
    expect(answer.results[0]!.sentence).toBe(
      'Our BERT model achieves 93.0 F1 on CoNLL-2003 and improves results on OntoNotes.',
    );
    expect(answer.results.find((r) => r.paper === 'pos-2020')).toMatchObject({ metricKey: 'accuracy', value: 97.1 });
    expect(answer.results.some((r) => r.dataset === 'SST-2')).toBe(false);
    expect(answer.results.map((r) => r.year)).toEqual([...answer.results.map((r) => r.year)].sort((a, b) => b! - a!));
  });
  it('gives the same answer through the async source and the synchronous page, and none for an unknown key', async () => {
    const source = snapshotTaskSource(graph, records, snapshotTraceSource(graph, records));
    const viaSource = await taskPage(source, 'named entity recognition', { since: 2019 });
    const direct = snapshotTaskPage(graph, records, 'named entity recognition', { since: 2019 })!;
    expect({ ...direct, task: viaSource.task }).toEqual(viaSource);
    expect(viaSource.results.every((r) => r.year! >= 2019)).toBe(true);
    expect(snapshotTaskPage(graph, records, 'no such task')).toBeUndefined();
  });
  it('suggests near names for a task not found', async () => {
    const source = snapshotTaskSource(graph, records, snapshotTraceSource(graph, records));
    await expect(taskPage(source, 'named entity recogniton')).rejects.toThrow(
      /did you mean:\n {2}Named entity recognition/,
    );
  });
});
