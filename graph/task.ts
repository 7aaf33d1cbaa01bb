/**
 * A task's page (`kg task`, the explorer's task panel): the methods, datasets and metrics that serve a task, ranked by
 * the papers they share with it and how tied to it they are, and the results its papers report. Pure: the evidence
 * is read from a snapshot here (`snapshotTaskEvidence`, `snapshotTaskResults`) or from Neo4j (graph/task-neo4j.ts),
 * and both go through {@link rankTask} and {@link finishTask}, so the two answers are the same.
 */
import { UsageError } from '../pipeline/core/errors.js';
import { canonicalKey } from '../pipeline/extract/core/canonical.js';
import type { EntityAttributes, KnowledgeGraph, PaperAttributes } from './core/types.js';
import type { PaperRecord } from './snapshot.js';
import { chooseCandidate, suggestions, type TraceCandidate, type TraceSource } from './trace.js';
import { paperYear, slope } from './trends.js';
import { isUmbrellaTerm } from './umbrella.js';

/** The kinds a task page lists, in its order. */
export const TASK_LIST_KINDS = ['method', 'dataset', 'metric'] as const;
export type TaskListKind = (typeof TASK_LIST_KINDS)[number];

/** Typed relations between a candidate and the task that count as strong evidence (each of their papers counts twice). */
export const STRONG_RELATIONS = ['USED_FOR', 'EVALUATED_ON'] as const;

/** Options of a task page. */
export interface TaskOptions {
  /** Only papers from this year on (undated papers are left out). */
  since?: number;
  /** Rows per list. @defaultValue 10 */
  top: number;
  /** A candidate is listed only with at least this many papers shared with the task. @defaultValue 2 */
  minPapers: number;
  /** Years in which the task has fewer papers are left out of a row's trend. @defaultValue 3 */
  minYearPapers: number;
}

export const DEFAULT_TASK_OPTIONS: TaskOptions = { top: 10, minPapers: 2, minYearPapers: 3 };

/** What the ranking reads, from a snapshot or from Neo4j. */
export interface TaskEvidence {
  /** Papers mentioning the task (or a member of its family), with their year (null: undated). */
  papers: { id: string; year: number | null }[];
  /** Papers in the whole graph: the denominator of a candidate's overall rate. */
  totalPapers: number;
  /** Methods, datasets and metrics mentioned in the task's papers, each with those papers (ids). */
  candidates: {
    key: string;
    label: string;
    kind: string;
    specificity: number | null;
    /** Papers mentioning it in the whole graph. */
    paperCount: number;
    papers: string[];
  }[];
  /** Typed relation edges (STRONG_RELATIONS, either direction) between the task and a candidate, with their papers. */
  relations: { key: string; type: string; papers: string[] }[];
}

/** One method, dataset or metric of a task. */
export interface TaskRow {
  key: string;
  label: string;
  /** Papers mentioning both it and the task (within `--since`). */
  papers: number;
  /** Of those, papers where a typed relation (USED_FOR, EVALUATED_ON) links the two. */
  related: number;
  firstYear: number | null;
  lastYear: number | null;
  /** From its yearly share of the task's papers; null when the task has too few dated years for a slope. */
  trend: 'rising' | 'declining' | 'flat' | null;
  /** Local mutual information: evidence × log2(evidence / expected), the ranking score (rounded). */
  score: number;
  umbrella: boolean;
  /** Named after the task ("NER datasets", "MT system": its key holds the task's, its label one of the task's names): says nothing new; listed after others. */
  ownName: boolean;
}

/** A result as the source reads it: the entities' keys and labels (null: none named, or not a graph entity). */
export interface TaskResultInput {
  paper: string;
  title: string;
  year: number | null;
  value: number;
  unit: string | null;
  delta: string | null;
  sentence: string;
  metric: { key: string; label: string } | null;
  dataset: { key: string; label: string } | null;
  method: { key: string; label: string } | null;
}

/** One row of the results table. */
export interface TaskResultRow {
  method: string | null;
  dataset: string | null;
  metric: string | null;
  value: number;
  unit: string | null;
  delta: string | null;
  paper: string;
  title: string;
  year: number | null;
  sentence: string;
  methodKey: string | null;
  datasetKey: string | null;
  metricKey: string | null;
}

/** The answer of `kg task` (its `--format json`) and of `GET /api/task`. */
export interface TaskAnswer {
  task: { key: string; label: string; kind: string };
  /** The variants taken in with it (VARIANT_OF edges into it). */
  family: { key: string; label: string }[];
  /** The task's papers within `since`. */
  papers: number;
  since: number | null;
  methods: TaskRow[];
  datasets: TaskRow[];
  metrics: TaskRow[];
  results: TaskResultRow[];
}

/** The task a term names: its key and its family's. */
export interface ResolvedTask {
  task: TraceCandidate;
  family: TraceCandidate[];
}

/**
 * Resolves a term as `kg trace` does (exact name, alias, acronym, key; suggestions when nothing matches), preferring
 * entities of kind task among those it names, and takes in the task's family.
 */
export async function resolveTask(
  source: Pick<TraceSource, 'candidates' | 'nearby' | 'family'>,
  term: string,
): Promise<ResolvedTask> {
  const trimmed = term.trim();
  if (!trimmed)
    throw new UsageError('give the name of a task ("machine translation", "NER")', { code: 'KG_TASK_EMPTY' });
  const key = canonicalKey(trimmed);
  const tasksFirst = (list: TraceCandidate[]): TraceCandidate[] => {
    const tasks = list.filter((c) => c.kind === 'task');
    return tasks.length > 0 ? tasks : list;
  };
  const candidates = tasksFirst(await source.candidates(trimmed, key));
  const near = candidates.length === 0 ? suggestions(trimmed, tasksFirst(await source.nearby(trimmed, key))) : [];
  const { chosen } = chooseCandidate(trimmed, candidates, near);
  return { task: chosen, family: await source.family(chosen.key) };
}

const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Ranks the candidates of each kind. Evidence = papers shared with the task + papers where a typed relation links
 * them (so a relation counts twice); expected = the task's papers × the candidate's share of all papers. Score =
 * evidence × log2(evidence / expected) (local mutual information: frequent and tied to the task, so "accuracy" or
 * "model", everywhere, sink under CoNLL-2003 or BLEU). Terms named after the task ("NER datasets") come after the
 * others, umbrella terms (specificity under 0.5) last; candidates sharing fewer than `minPapers` papers are left out. Returns the lists and the papers kept.
 */
export function rankTask(
  evidence: TaskEvidence,
  task: Pick<TraceCandidate, 'key' | 'label' | 'aliases'>,
  partial: Partial<TaskOptions> = {},
): { lists: Record<TaskListKind, TaskRow[]>; papers: string[] } {
  const options: TaskOptions = { ...DEFAULT_TASK_OPTIONS, ...partial };
  const since = options.since;
  const yearOf = new Map<string, number | null>();
  for (const p of evidence.papers)
    if (since === undefined || (p.year !== null && p.year >= since)) yearOf.set(p.id, p.year);
  const T = yearOf.size;
  const N = Math.max(evidence.totalPapers, 1);
  const taskYears = new Map<number, number>();
  for (const y of yearOf.values()) if (y !== null) taskYears.set(y, (taskYears.get(y) ?? 0) + 1);
  const strong = new Map<string, Set<string>>();
  for (const r of evidence.relations) {
    if (!(STRONG_RELATIONS as readonly string[]).includes(r.type)) continue;
    let set = strong.get(r.key);
    if (!set) strong.set(r.key, (set = new Set()));
    for (const id of r.papers) if (yearOf.has(id)) set.add(id);
  }
  const names = [task.label, ...task.aliases].map((n) => n.toLowerCase());
  // "SQuAD" (key "stanford question answering dataset") is a name of its own, "QA datasets" is not.
  const ownName = (c: { key: string; label: string }): boolean => {
    const label = ` ${c.label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
    return (
      ` ${c.key} `.includes(` ${task.key} `) &&
      names.some((n) => label.includes(` ${n.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `))
    );
  };
  const lists: Record<TaskListKind, TaskRow[]> = { method: [], dataset: [], metric: [] };
  for (const c of evidence.candidates) {
    if (!(TASK_LIST_KINDS as readonly string[]).includes(c.kind)) continue;
    const shared = [...new Set(c.papers)].filter((id) => yearOf.has(id));
    if (shared.length < options.minPapers) continue;
    const related = [...(strong.get(c.key) ?? [])].filter((id) => shared.includes(id)).length;
    const observed = shared.length + related;
    const expected = (T * Math.max(c.paperCount, shared.length)) / N;
    const score = observed * Math.log2(observed / expected);
    const years = shared.map((id) => yearOf.get(id)).filter((y): y is number => y !== null && y !== undefined);
    lists[c.kind as TaskListKind].push({
      key: c.key,
      label: c.label,
      papers: shared.length,
      related,
      firstYear: years.length ? Math.min(...years) : null,
      lastYear: years.length ? Math.max(...years) : null,
      trend: trendOf(years, taskYears, options.minYearPapers),
      score: Math.round(score * 1000) / 1000,
      umbrella: isUmbrellaTerm(c.specificity),
      ownName: ownName(c),
    });
  }
  for (const kind of TASK_LIST_KINDS)
    lists[kind] = lists[kind]
      .sort((a, b) => tier(a) - tier(b) || b.score - a.score || b.papers - a.papers || byKey(a, b))
      .slice(0, options.top);
  return { lists, papers: [...yearOf.keys()].sort() };
}

/** Specific terms first, then those named after the task itself, then umbrella terms. */
const tier = (r: TaskRow): number => (r.umbrella ? 2 : r.ownName ? 1 : 0);

/**
 * Rising, declining or flat: the weighted slope (graph/trends.ts) of the row's yearly share of the task's papers over
 * the years with at least `minYearPapers` of them, times the span, against its mean share: half of it up or down or
 * more. Null with fewer than three such years.
 */
function trendOf(
  years: readonly number[],
  taskYears: ReadonlyMap<number, number>,
  minYearPapers: number,
): TaskRow['trend'] {
  const fit = [...taskYears.entries()].filter(([, n]) => n >= minYearPapers).sort((a, b) => a[0] - b[0]);
  if (fit.length < 3) return null;
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  const x = fit.map(([y]) => y);
  const w = fit.map(([, n]) => n);
  const shares = fit.map(([y, n]) => (counts.get(y) ?? 0) / n);
  const total = w.reduce((s, n) => s + n, 0);
  const mean = fit.reduce((s, [y]) => s + (counts.get(y) ?? 0), 0) / total;
  if (mean === 0) return 'flat';
  const change = (slope(x, shares, w) * (x[x.length - 1]! - x[0]!)) / mean;
  return change >= 0.5 ? 'rising' : change <= -0.5 ? 'declining' : 'flat';
}

/** Results rows, newest first (then paper, sentence, metric, dataset, method, value), within `since`. */
export function taskResults(inputs: readonly TaskResultInput[], since?: number): TaskResultRow[] {
  const rows = inputs
    .filter((r) => since === undefined || (r.year !== null && r.year >= since))
    .map((r): TaskResultRow => ({
      method: r.method?.label ?? null,
      dataset: r.dataset?.label ?? null,
      metric: r.metric?.label ?? null,
      value: r.value,
      unit: r.unit,
      delta: r.delta,
      paper: r.paper,
      title: r.title,
      year: r.year,
      sentence: r.sentence,
      methodKey: r.method?.key ?? null,
      datasetKey: r.dataset?.key ?? null,
      metricKey: r.metric?.key ?? null,
    }));
  const cmp = (a: string | null, b: string | null): number =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  return rows.sort(
    (a, b) =>
      (b.year ?? -Infinity) - (a.year ?? -Infinity) ||
      cmp(a.paper, b.paper) ||
      cmp(a.sentence, b.sentence) ||
      cmp(a.metricKey, b.metricKey) ||
      cmp(a.datasetKey, b.datasetKey) ||
      cmp(a.methodKey, b.methodKey) ||
      a.value - b.value,
  );
}

/** The whole answer from the ranking and the results read for its papers and datasets. */
export function finishTask(
  resolved: ResolvedTask,
  ranked: ReturnType<typeof rankTask>,
  results: readonly TaskResultInput[],
  options: Partial<TaskOptions> = {},
): TaskAnswer {
  const { task, family } = resolved;
  return {
    task: { key: task.key, label: task.label, kind: task.kind },
    family: family.map((f) => ({ key: f.key, label: f.label })),
    papers: ranked.papers.length,
    since: options.since ?? null,
    methods: ranked.lists.method,
    datasets: ranked.lists.dataset,
    metrics: ranked.lists.metric,
    results: taskResults(results, options.since),
  };
}

/** Where a task page reads from: resolution as `kg trace`, then the evidence and the results. */
export interface TaskSource extends Pick<TraceSource, 'candidates' | 'nearby' | 'family'> {
  /** The evidence for the task keys (the task and its family); candidates sharing fewer than `minPapers` papers may be left out. */
  evidence(keys: readonly string[], minPapers: number): Promise<TaskEvidence>;
  /** Results reported by these papers, or on these datasets (keys). */
  results(papers: readonly string[], datasets: readonly string[]): Promise<TaskResultInput[]>;
}

/** A task page from a source: resolve, rank, read the results of its papers and listed datasets. */
export async function taskPage(
  source: TaskSource,
  term: string,
  partial: Partial<TaskOptions> = {},
): Promise<TaskAnswer> {
  const options: TaskOptions = { ...DEFAULT_TASK_OPTIONS, ...partial };
  const resolved = await resolveTask(source, term);
  const keys = [resolved.task.key, ...resolved.family.map((f) => f.key)];
  const ranked = rankTask(await source.evidence(keys, options.minPapers), resolved.task, options);
  const results = await source.results(
    ranked.papers,
    ranked.lists.dataset.map((d) => d.key),
  );
  return finishTask(resolved, ranked, results, options);
}

/** The evidence of a snapshot's graph for these task keys (synchronous: the explorer's server answers from it). */
export function snapshotTaskEvidence(graph: KnowledgeGraph, keys: readonly string[]): TaskEvidence {
  const own = new Set(keys.map((k) => `entity:${k}`));
  const paperNodes = new Set<string>();
  for (const node of own) {
    if (!graph.hasNode(node)) continue;
    graph.forEachInEdge(node, (_e, a, source) => {
      if (a.type === 'MENTIONS') paperNodes.add(source);
    });
  }
  const papers: TaskEvidence['papers'] = [];
  const byCandidate = new Map<string, TaskEvidence['candidates'][number]>();
  for (const node of paperNodes) {
    const p = graph.getNodeAttributes(node) as PaperAttributes;
    papers.push({ id: p.id, year: paperYear(p) ?? null });
    graph.forEachOutEdge(node, (_e, a, _s, target, _sa, t) => {
      if (a.type !== 'MENTIONS' || own.has(target) || t.kind === 'paper') return;
      if (!(TASK_LIST_KINDS as readonly string[]).includes(t.kind)) return;
      let c = byCandidate.get(target);
      if (!c)
        byCandidate.set(
          target,
          (c = {
            key: t.key,
            label: t.label,
            kind: t.kind,
            specificity: t.specificity ?? null,
            paperCount: t.paperCount,
            papers: [],
          }),
        );
      c.papers.push(p.id);
    });
  }
  const relations: TaskEvidence['relations'] = [];
  for (const node of own) {
    if (!graph.hasNode(node)) continue;
    graph.forEachEdge(node, (_e, a, source, target) => {
      if (!(STRONG_RELATIONS as readonly string[]).includes(a.type) || !('papers' in a)) return;
      const other = source === node ? target : source;
      if (own.has(other)) return;
      const o = graph.getNodeAttributes(other) as EntityAttributes;
      if ((TASK_LIST_KINDS as readonly string[]).includes(o.kind))
        relations.push({ key: o.key, type: a.type, papers: a.papers });
    });
  }
  let totalPapers = 0;
  graph.forEachNode((_n, a) => {
    if (a.kind === 'paper') totalPapers += 1;
  });
  return { papers, totalPapers, candidates: [...byCandidate.values()], relations };
}

/**
 * The results a snapshot's papers report (papers.jsonl's `results`), from these papers or on these datasets: each
 * named entity as its graph node's key and label (null where the mention's key is no node of the graph, as a Neo4j
 * mirror has no edge to it).
 */
export function snapshotTaskResults(
  graph: KnowledgeGraph,
  records: ReadonlyMap<string, PaperRecord>,
  papers: readonly string[],
  datasets: readonly string[],
): TaskResultInput[] {
  const wanted = new Set(papers);
  const onDataset = new Set(datasets);
  const entity = (record: PaperRecord, index: number | undefined): { key: string; label: string } | null => {
    if (index === undefined) return null;
    const m = record.mentions[index];
    if (!m || !graph.hasNode(`entity:${m.key}`)) return null;
    const a = graph.getNodeAttributes(`entity:${m.key}`) as EntityAttributes;
    return { key: a.key, label: a.label };
  };
  const out: TaskResultInput[] = [];
  for (const record of records.values()) {
    if (!record.results?.length) continue;
    const text = `${record.title}\n${record.abstract}`;
    const node = `paper:${record.id}`;
    const p = graph.hasNode(node) ? (graph.getNodeAttributes(node) as PaperAttributes) : undefined;
    for (const r of record.results) {
      const dataset = entity(record, r.dataset);
      if (!wanted.has(record.id) && !(dataset && onDataset.has(dataset.key))) continue;
      out.push({
        paper: record.id,
        title: record.title,
        year: (p ? paperYear(p) : paperYear(record)) ?? null,
        value: r.value,
        unit: r.unit ?? null,
        delta: r.delta ?? null,
        sentence: text.slice(r.sentence[0], r.sentence[1]).trim(),
        metric: entity(record, r.metric),
        dataset,
        method: entity(record, r.method),
      });
    }
  }
  return out;
}

/** The family of a task in a snapshot: VARIANT_OF edges into it (most papers first, then key), as TraceSource.family. */
function snapshotFamily(graph: KnowledgeGraph, key: string): { key: string; label: string; paperCount: number }[] {
  const node = `entity:${key}`;
  const out: { key: string; label: string; paperCount: number }[] = [];
  graph.forEachInEdge(node, (_e, a, _s, _t, s) => {
    if ((a.type as string) === 'VARIANT_OF' && s.kind !== 'paper')
      out.push({ key: s.key, label: s.label, paperCount: s.paperCount });
  });
  return out.sort((a, b) => b.paperCount - a.paperCount || byKey(a, b));
}

/**
 * The task page of an entity key in a snapshot, synchronously (`GET /api/task`): the same ranking and results as
 * {@link taskPage}; undefined when the key is no entity of the graph.
 */
export function snapshotTaskPage(
  graph: KnowledgeGraph,
  records: ReadonlyMap<string, PaperRecord>,
  key: string,
  partial: Partial<TaskOptions> = {},
): TaskAnswer | undefined {
  const node = `entity:${key}`;
  if (!graph.hasNode(node)) return undefined;
  const a = graph.getNodeAttributes(node);
  if (a.kind === 'paper') return undefined;
  const options: TaskOptions = { ...DEFAULT_TASK_OPTIONS, ...partial };
  const family = snapshotFamily(graph, key);
  const brief = (
    k: string,
    label: string,
    kind: string,
    paperCount: number,
    aliases: string[] = [],
  ): TraceCandidate => ({
    key: k,
    label,
    kind,
    aliases,
    community: null,
    paperCount,
  });
  const resolved: ResolvedTask = {
    task: brief(a.key, a.label, a.kind, a.paperCount, a.aliases),
    family: family.map((f) => brief(f.key, f.label, a.kind, f.paperCount)),
  };
  const ranked = rankTask(snapshotTaskEvidence(graph, [key, ...family.map((f) => f.key)]), resolved.task, options);
  const results = snapshotTaskResults(
    graph,
    records,
    ranked.papers,
    ranked.lists.dataset.map((d) => d.key),
  );
  return finishTask(resolved, ranked, results, options);
}

/** A task source over a loaded snapshot: resolution by the trace source given, the rest from the graph and papers. */
export function snapshotTaskSource(
  graph: KnowledgeGraph,
  records: ReadonlyMap<string, PaperRecord>,
  trace: Pick<TraceSource, 'candidates' | 'nearby' | 'family'>,
): TaskSource {
  return {
    candidates: (term, key) => trace.candidates(term, key),
    nearby: (term, key) => trace.nearby(term, key),
    family: (key) => trace.family(key),
    evidence: (keys) => Promise.resolve(snapshotTaskEvidence(graph, keys)),
    results: (papers, datasets) => Promise.resolve(snapshotTaskResults(graph, records, papers, datasets)),
  };
}
