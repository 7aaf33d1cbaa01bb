/**
 * The task page in a task's panel (GET /api/task, as `kg task` prints it): its methods, datasets and metrics, each
 * opening its node, and the results its papers report, each row with its sentence and paper.
 */
import type { ApiTask, ApiTaskResult, ApiTaskRow } from '../api/task.js';
import { api } from './api.js';
import { formatCount, h } from './dom.js';

/** What the section needs from the panel. */
export interface TaskPanelContext {
  /** Opens a node (entity key or `paper:<id>`). */
  open(key: string): void;
}

/** Results rows shown before "show all". */
const RESULTS_SHOWN = 20;

function openButton(ctx: TaskPanelContext, text: string, key: string, className = 'link'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: className, 'data-key': key }, text);
  button.addEventListener('click', () => ctx.open(key));
  return button;
}

const years = (r: ApiTaskRow): string =>
  r.firstYear === null ? '' : r.firstYear === r.lastYear ? `${r.firstYear}` : `${r.firstYear}–${r.lastYear}`;

function rankedList(ctx: TaskPanelContext, title: string, id: string, rows: ApiTaskRow[]): HTMLElement {
  const list = h('ol', { class: 'task-list', 'data-testid': `task-${id}` });
  for (const r of rows) {
    const trend = r.trend === 'rising' ? ' ↑' : r.trend === 'declining' ? ' ↓' : '';
    const note = `${formatCount(r.papers)} paper${r.papers === 1 ? '' : 's'}${r.related ? `, ${r.related} with a relation` : ''} · ${years(r)}${trend}`;
    const attributes =
      r.umbrella || r.ownName ? { class: 'is-umbrella', title: 'broad term: listed after specific ones' } : {};
    list.append(h('li', attributes, openButton(ctx, r.label, r.key), h('span', { class: 'muted small' }, ` ${note}`)));
  }
  return h('div', {}, h('h4', {}, title), rows.length ? list : h('p', { class: 'muted small' }, 'none'));
}

const valueText = (r: ApiTaskResult): string =>
  `${r.delta ? (r.delta === 'relative' ? 'Δ rel. ' : 'Δ ') : ''}${r.value}${r.unit === '%' ? ' %' : r.unit === 'points' ? ' pts' : ''}`;

function resultsTable(ctx: TaskPanelContext, results: ApiTaskResult[], all: boolean): HTMLElement {
  const cell = (text: string | null, key: string | null): HTMLElement =>
    h('td', {}, text === null ? '–' : key === null ? text : openButton(ctx, text, key));
  const body = h('tbody', {});
  for (const r of all ? results : results.slice(0, RESULTS_SHOWN)) {
    body.append(
      h(
        'tr',
        { class: 'task-result' },
        cell(r.method, r.methodKey),
        cell(r.dataset, r.datasetKey),
        cell(r.metric, r.metricKey),
        h('td', { class: 'num' }, valueText(r)),
        h('td', {}, r.year === null ? '' : String(r.year)),
      ),
      h(
        'tr',
        { class: 'task-sentence' },
        h(
          'td',
          { colspan: '5' },
          h('span', { class: 'snippet' }, r.sentence),
          ' ',
          openButton(ctx, '(paper)', `paper:${r.paper}`, 'link small'),
        ),
      ),
    );
  }
  return h(
    'table',
    { class: 'task-results', 'data-testid': 'task-results' },
    h('thead', {}, h('tr', {}, ...['method', 'dataset', 'metric', 'value', 'year'].map((c) => h('th', {}, c)))),
    body,
  );
}

/** Renders an answer of /api/task into `slot`. */
export function renderTask(ctx: TaskPanelContext, slot: HTMLElement, page: ApiTask): void {
  const results = h('div', {});
  const fill = (all: boolean): void => {
    const more =
      !all && page.results.length > RESULTS_SHOWN
        ? h('button', { type: 'button', class: 'link small' }, `show all ${formatCount(page.results.length)}`)
        : null;
    more?.addEventListener('click', () => fill(true));
    results.replaceChildren(
      page.results.length
        ? resultsTable(ctx, page.results, all)
        : h('p', { class: 'muted small' }, 'No result read from these papers yet.'),
      more ?? '',
    );
  };
  fill(false);
  slot.replaceChildren(
    h(
      'p',
      { class: 'muted small' },
      `${formatCount(page.papers)} papers${page.family.length ? ` with ${page.family.length} variants` : ''}. Ranked by papers shared with the task against how common a term is everywhere.`,
    ),
    rankedList(ctx, 'Methods', 'methods', page.methods),
    rankedList(ctx, 'Datasets', 'datasets', page.datasets),
    rankedList(ctx, 'Metrics', 'metrics', page.metrics),
    h('h4', {}, `Results (${formatCount(page.results.length)})`),
    results,
  );
}

/** The task page section of a task entity's panel: loads /api/task and fills itself in. */
export function taskSection(ctx: TaskPanelContext, key: string): HTMLElement {
  const slot = h('div', { class: 'task-page' }, h('p', { class: 'muted small' }, 'Loading…'));
  api.task(key).then(
    (page) => renderTask(ctx, slot, page),
    (error: unknown) =>
      slot.replaceChildren(h('p', { class: 'error' }, `Could not load the task page: ${(error as Error).message}`)),
  );
  return h('section', { 'data-testid': 'task-page' }, h('h3', {}, 'Task: methods, datasets, metrics, results'), slot);
}
