/** Gold sets for `kg eval`: SciERC and ScienceIE read from the eval-data folder into one shape with character spans. */
import fs from 'node:fs';
import path from 'node:path';
import type { MentionType } from '../core/types.js';
import { UsageError } from '../core/errors.js';

/** The sets `kg eval --set` knows, with the file each reads (relative to the eval-data folder). */
export const EVAL_SETS = {
  'scierc-train': { file: 'scierc/derived/train.text.jsonl', scheme: 'scierc' },
  'scierc-dev': { file: 'scierc/derived/dev.text.jsonl', scheme: 'scierc' },
  'scienceie-train': { file: 'scienceie-semeval2017/train.jsonl', scheme: 'scienceie' },
  'scienceie-dev': { file: 'scienceie-semeval2017/dev.jsonl', scheme: 'scienceie' },
} as const satisfies Record<string, { file: string; scheme: LabelScheme }>;

export type EvalSetName = keyof typeof EVAL_SETS;
export type LabelScheme = 'scierc' | 'scienceie';

/** A gold mention: `[start, end)` into the document text, and the set's own label ("Method", "Process"). */
export interface GoldSpan {
  start: number;
  end: number;
  type: string;
}

/** A gold relation between two spans, with the set's label ("USED-FOR"). */
export interface GoldRelation {
  head: [number, number];
  tail: [number, number];
  type: string;
}

export interface GoldDoc {
  id: string;
  text: string;
  entities: GoldSpan[];
  relations: GoldRelation[];
}

export interface GoldSet {
  name: EvalSetName;
  scheme: LabelScheme;
  file: string;
  docs: GoldDoc[];
}

/** The labels each scheme scores, in table order. */
export const SCHEME_LABELS: Record<LabelScheme, readonly string[]> = {
  scierc: ['Method', 'Task', 'Material', 'Metric', 'OtherScientificTerm', 'Generic'],
  scienceie: ['Process', 'Task', 'Material'],
};

/**
 * How kg's mention types read in each scheme (issue #6): SciERC's six types are kg's six; ScienceIE's Process
 * covers methods and other concepts, Material covers datasets; metrics and generic mentions have no ScienceIE label.
 */
const TYPE_LABELS: Record<LabelScheme, Partial<Record<MentionType, string>>> = {
  scierc: {
    method: 'Method',
    task: 'Task',
    dataset: 'Material',
    metric: 'Metric',
    concept: 'OtherScientificTerm',
    generic: 'Generic',
  },
  scienceie: { method: 'Process', concept: 'Process', task: 'Task', dataset: 'Material' },
};

/** The scheme's label for a kg mention type, or undefined when the scheme has none. */
export function labelOf(scheme: LabelScheme, type: MentionType): string | undefined {
  return TYPE_LABELS[scheme][type];
}

/** The label of mentions that name nothing (left out of untyped span F1), if the scheme has one. */
export const GENERIC_LABEL: Record<LabelScheme, string | undefined> = { scierc: 'Generic', scienceie: undefined };

/** The default eval-data folder: `KG_EVAL_DATA` when set (as the tests and README say), else `../shared/eval-data` from the working directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KG_EVAL_DATA ? path.resolve(env.KG_EVAL_DATA) : path.resolve('..', 'shared', 'eval-data');
}

/** Reads one gold set; a missing folder or file, or a malformed line, is a UsageError naming FILE:LINE. */
export function loadGoldSet(name: string, dataDir: string = defaultDataDir()): GoldSet {
  if (!Object.hasOwn(EVAL_SETS, name)) {
    throw new UsageError(`unknown set "${name}"; choose one of ${Object.keys(EVAL_SETS).join(', ')}`);
  }
  const { file: rel, scheme } = EVAL_SETS[name as EvalSetName];
  const file = path.join(dataDir, rel);
  if (!fs.existsSync(file)) {
    throw new UsageError(`${file}: not found; pass --data DIR with the eval-data folder (SciERC and ScienceIE sets)`);
  }
  const docs: GoldDoc[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    try {
      docs.push(parseDoc(JSON.parse(line) as RawDoc));
    } catch (err) {
      throw new UsageError(`${file}:${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { name: name as EvalSetName, scheme, file, docs };
}

interface RawDoc {
  doc_key?: string;
  id?: string;
  text?: unknown;
  entities?: { start: number; end: number; type: string }[];
  relations?: { head: [number, number]; tail: [number, number]; type: string }[];
}

function parseDoc(raw: RawDoc): GoldDoc {
  const id = String(raw.doc_key ?? raw.id ?? '');
  if (typeof raw.text !== 'string') throw new Error('no "text" string');
  if (!Array.isArray(raw.entities)) throw new Error('no "entities" array');
  const text = raw.text;
  const entities = raw.entities.map((e) => {
    if (!(
      Number.isInteger(e.start) &&
      Number.isInteger(e.end) &&
      e.start >= 0 &&
      e.end <= text.length &&
      e.start < e.end
    )) {
      throw new Error(`entity span [${e.start}, ${e.end}) outside the text`);
    }
    return { start: e.start, end: e.end, type: String(e.type) };
  });
  const relations = (raw.relations ?? []).map((r) => ({ head: r.head, tail: r.tail, type: String(r.type) }));
  return { id, text, entities, relations };
}
