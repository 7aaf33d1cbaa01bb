// GET /api/task over a snapshot whose papers carry results: kg task's answer with node keys, and parameter validation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSnapshot, snapshotTraceSource, type KnowledgeGraph, type PaperRecord } from '../../graph/index.js';
import { snapshotTaskSource, taskPage } from '../../graph/task.js';
import type { ApiTask } from '../../viz/api/task.js';
import { startVizServer, type RunningVizServer } from '../../viz/index.js';
import { taskGraph } from '../utils/task.js';

let server: RunningVizServer;
let dir: string;
let graph: KnowledgeGraph;
let records: Map<string, PaperRecord>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kg-task-api-'));
  ({ graph, records } = taskGraph());
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kg</title>');
  await saveSnapshot(path.join(dir, 'snap'), graph, [...records.values()]);
  server = await startVizServer({ dir: path.join(dir, 'snap'), port: 0, appDir: dir, limit: 20 });
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(pathname: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(pathname, server.url));
  return { status: response.status, body: await response.json() };
}

describe('GET /api/task', () => {
  it('answers what kg task answers, with node keys', async () => {
    const { status, body } = await get('/api/task?key=entity:named%20entity%20recognition');
    expect(status).toBe(200);
    const page = body as ApiTask;
    const expected = await taskPage(
      snapshotTaskSource(graph, records, snapshotTraceSource(graph, records)),
      'named entity recognition',
    );
    expect(page.task.key).toBe('entity:named entity recognition');
    expect(page.metrics.map((r) => [r.key, r.label, r.papers])).toEqual(
      expected.metrics.map((r) => [`entity:${r.key}`, r.label, r.papers]),
    );
    expect(page.datasets.map((r) => r.key)).toEqual(expected.datasets.map((r) => `entity:${r.key}`));
    expect(page.results).toHaveLength(25);
    expect(page.results[0]).toMatchObject({ metric: 'F1', metricKey: 'entity:f1', datasetKey: 'entity:conll 2003' });
    expect(page.results.map((r) => r.sentence)).toEqual(expected.results.map((r) => r.sentence));
  });
  it('takes since and top', async () => {
    const page = (await get('/api/task?key=entity:named%20entity%20recognition&since=2020&top=1')).body as ApiTask;
    expect(page.since).toBe(2020);
    expect(page.papers).toBe(8);
    expect(page.methods).toHaveLength(1);
    expect(page.results.every((r) => r.year! >= 2020)).toBe(true);
  });
  it.each([
    ['/api/task', 400],
    ['/api/task?key=entity:named%20entity%20recognition&since=20', 400],
    ['/api/task?key=entity:named%20entity%20recognition&top=0', 400],
    ['/api/task?key=entity:named%20entity%20recognition&evil=1', 400],
    ['/api/task?key=entity:no%20such%20task', 404],
    ['/api/task?key=paper:ner-2016-0', 404],
  ])('%s → %i', async (url, status) => {
    const answer = await get(url);
    expect(answer.status).toBe(status);
    expect((answer.body as { error: { code: string } }).error.code).toBe(
      status === 400 ? 'KG_BAD_PARAMETER' : 'KG_NOT_FOUND',
    );
  });
});
