/** `GET /api/task?key=entity:…`: a task's page (the answer of `kg task`), its rows' keys as node keys (`entity:…`). */

/** A method, dataset or metric of the task. */
export interface ApiTaskRow {
  /** `entity:<key>`. */
  key: string;
  label: string;
  /** Papers mentioning both it and the task. */
  papers: number;
  /** Of those, papers with a typed relation (USED_FOR, EVALUATED_ON) between the two. */
  related: number;
  firstYear: number | null;
  lastYear: number | null;
  trend: 'rising' | 'declining' | 'flat' | null;
  score: number;
  umbrella: boolean;
  ownName: boolean;
}

/** A result a paper reports, with its sentence; the `…Key` fields are node keys (null: no entity). */
export interface ApiTaskResult {
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

export interface ApiTask {
  task: { key: string; label: string; kind: string };
  family: { key: string; label: string }[];
  papers: number;
  since: number | null;
  methods: ApiTaskRow[];
  datasets: ApiTaskRow[];
  metrics: ApiTaskRow[];
  results: ApiTaskResult[];
}
