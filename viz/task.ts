/** The explorer's task page (`GET /api/task`): `kg task`'s answer for an entity of the snapshot, keys as node keys. */
import type { KnowledgeGraph } from '../graph/core/types.js';
import type { PaperRecord } from '../graph/snapshot.js';
import { snapshotTaskPage, type TaskOptions } from '../graph/task.js';
import type { ApiTask } from './api/task.js';

const node = (key: string): string => `entity:${key}`;
const nodeOrNull = (key: string | null): string | null => (key === null ? null : node(key));

/** The page of the entity `entity:<key>`, or undefined when the graph has no such entity. */
export function apiTask(
  graph: KnowledgeGraph,
  papers: ReadonlyMap<string, PaperRecord>,
  entityKey: string,
  options: Partial<TaskOptions>,
): ApiTask | undefined {
  const answer = snapshotTaskPage(graph, papers, entityKey, options);
  if (!answer) return undefined;
  const rows = (list: typeof answer.methods) => list.map((r) => ({ ...r, key: node(r.key) }));
  return {
    ...answer,
    task: { ...answer.task, key: node(answer.task.key) },
    family: answer.family.map((f) => ({ ...f, key: node(f.key) })),
    methods: rows(answer.methods),
    datasets: rows(answer.datasets),
    metrics: rows(answer.metrics),
    results: answer.results.map((r) => ({
      ...r,
      methodKey: nodeOrNull(r.methodKey),
      datasetKey: nodeOrNull(r.datasetKey),
      metricKey: nodeOrNull(r.metricKey),
    })),
  };
}
