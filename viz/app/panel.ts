/** The side panel: an entity (kind, aliases, community, trace, relations, papers with the sentence) or a paper (abstract with its mentions). */
import type { CommunityInfo } from '../../graph/core/types.js';
import type { ApiEntity, ApiPaper, ApiRelated, ApiTrace, Snippet } from '../api/types.js';
import { traceSection } from './compare.js';
import { byId, formatCount, h, safeHref } from './dom.js';
import { segmentText } from './highlight.js';
import { KIND_COLORS } from './palette.js';
import { taskSection } from './task-panel.js';

/** What the panel needs from the app. */
export interface PanelContext {
  communities: ReadonlyMap<number, CommunityInfo>;
  color(community: number): string;
  /** Opens a node (entity key or `paper:<id>`). */
  open(key: string): void;
  /** True when the node is loaded in the map. */
  onMap(key: string): boolean;
  close(): void;
  /** Focus actions of an entity (expand, path; focus.ts), shown under its chips. */
  actions?(key: string): Node | null;
}

const panel = (): HTMLElement => byId('panel');

/** Chip colour of an umbrella term: grey, it is a caveat rather than a category. */
const UMBRELLA_COLOR = '#6b7280';

function chip(text: string, color: string, title?: string): HTMLElement {
  const element = h('span', { class: 'chip', title }, text);
  element.style.setProperty('--chip', color);
  return element;
}

function communityChip(ctx: PanelContext, id: number): HTMLElement {
  const info = ctx.communities.get(id);
  return chip(info ? info.label : `community ${id}`, ctx.color(id), 'community');
}

function linkButton(text: string, key: string, ctx: PanelContext, className = 'link'): HTMLButtonElement {
  const button = h('button', { type: 'button', class: className, 'data-key': key }, text);
  button.addEventListener('click', () => ctx.open(key));
  return button;
}

function snippet(s: Snippet): HTMLElement {
  const [a, b] = s.highlight;
  return h('p', { class: 'snippet' }, s.text.slice(0, a), h('mark', {}, s.text.slice(a, b)), s.text.slice(b));
}

/** Where the keyboard focus was before the panel opened: closing the panel gives it back. */
let returnFocus: Element | null = null;

/**
 * Shows the panel with a header and body, wiring the close button. Opening a node (`opening`) gives the panel the
 * keyboard focus on its heading (tabindex -1), remembering where the focus was; content that replaces the panel's
 * (loading → entity) keeps the focus on the heading when it was in the panel.
 */
export function show(ctx: PanelContext, kindLabel: string, opening: boolean, ...body: (Node | null)[]): void {
  const root = panel();
  const active = document.activeElement;
  const inPanel = active !== null && root.contains(active);
  if (opening && !inPanel) returnFocus = active;
  const takeFocus = opening || inPanel || active === null || active === document.body;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close panel', title: 'Close (Esc)' }, '×');
  close.addEventListener('click', () => ctx.close());
  root.replaceChildren(
    h('div', { class: 'panel-top' }, h('span', { class: 'panel-kind' }, kindLabel), close),
    ...body.filter((n): n is Node => n !== null),
  );
  root.hidden = false;
  root.scrollTop = 0;
  const heading = root.querySelector('h2');
  if (takeFocus && heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

/** A loading line while the API answers; the panel takes the focus (a node is being opened). */
export function showLoading(ctx: PanelContext, key: string): void {
  show(ctx, key.startsWith('paper:') ? 'paper' : 'entity', true, h('h2', { class: 'muted' }, 'Loading…'));
}

/** A failure line (unknown node, server down). */
export function showPanelError(ctx: PanelContext, message: string): void {
  show(ctx, 'error', false, h('h2', {}, 'Could not open this node'), h('p', { class: 'error' }, message));
}

/** Hides the panel; the focus goes back where it was before the panel opened when it was in the panel. */
export function hidePanel(): void {
  const root = panel();
  const active = document.activeElement;
  const hadFocus = active === null || active === document.body || root.contains(active);
  root.hidden = true;
  root.replaceChildren();
  const back = returnFocus;
  returnFocus = null;
  if (hadFocus && back instanceof HTMLElement && back.isConnected && back !== document.body) back.focus();
}

function relatedList(title: string, items: ApiRelated[], ctx: PanelContext): HTMLElement | null {
  if (items.length === 0) return null;
  const list = h('ul', { class: 'related' });
  for (const item of items) {
    const verb =
      item.type === 'CO_OCCURS'
        ? `${item.weight} shared paper${item.weight === 1 ? '' : 's'}`
        : `${item.direction === 'in' ? '← ' : ''}${item.type.replace('_', ' ').toLowerCase()}${item.direction === 'out' ? ' →' : ''}`;
    const dot = h('span', { class: 'dot' });
    dot.style.background = KIND_COLORS[item.kind];
    // The server lists umbrella neighbours last; greyed, so their place after weightier specific ones reads as meant.
    const attributes = item.umbrella
      ? { class: 'is-umbrella', title: 'umbrella term: listed after the specific ones' }
      : {};
    list.append(
      h('li', attributes, dot, linkButton(item.label, item.key, ctx), h('span', { class: 'muted small' }, ` ${verb}`)),
    );
  }
  return h('section', {}, h('h3', {}, title), list);
}

/** Renders an entity, and its trace once it arrives. */
export function showEntity(ctx: PanelContext, entity: ApiEntity, trace: Promise<ApiTrace>): void {
  const kindColor = KIND_COLORS[entity.kind];
  const seen = entity.firstSeen
    ? ` · seen ${entity.firstSeen === entity.lastSeen ? entity.firstSeen : `${entity.firstSeen} – ${entity.lastSeen ?? ''}`}`
    : '';
  const traceSlot = traceSection({ key: entity.key, label: entity.label }, ctx.color(entity.community), trace);
  const aliases = entity.aliases.filter((a) => a !== entity.label);
  const papers = h('ol', { class: 'papers', 'data-testid': 'entity-papers' });
  for (const paper of entity.papers) {
    papers.append(
      h(
        'li',
        {},
        h(
          'div',
          { class: 'paper-head' },
          linkButton(paper.title, `paper:${paper.id}`, ctx, 'link paper-title'),
          paper.dateText || paper.date ? h('span', { class: 'date' }, paper.dateText ?? paper.date ?? '') : null,
        ),
        paper.snippet ? snippet(paper.snippet) : null,
      ),
    );
  }
  show(
    ctx,
    'entity',
    false,
    h('h2', { 'data-testid': 'panel-title' }, entity.label),
    h(
      'div',
      { class: 'chips' },
      chip(entity.kind, kindColor, 'kind'),
      communityChip(ctx, entity.community),
      entity.umbrella
        ? chip(
            'umbrella term',
            UMBRELLA_COLOR,
            `specificity ${entity.specificity ?? '?'}: a broad term, hidden on the map unless “Show umbrella terms” is ticked`,
          )
        : null,
    ),
    h(
      'p',
      { class: 'muted' },
      `${formatCount(entity.paperCount)} paper${entity.paperCount === 1 ? '' : 's'} · ${formatCount(entity.mentionCount)} mentions${seen}`,
    ),
    ctx.actions?.(entity.key) ?? null,
    ctx.onMap(entity.key)
      ? null
      : h('p', { class: 'note' }, 'Not among the entities loaded on the map; use “Show more” to load it.'),
    aliases.length
      ? h('section', {}, h('h3', {}, 'Also written'), h('p', { class: 'aliases' }, aliases.join(' · ')))
      : null,
    h('section', {}, h('h3', {}, 'Papers over time'), traceSlot),
    // A task's page (kg task): its methods, datasets, metrics and reported results.
    entity.kind === 'task' ? taskSection(ctx, entity.key) : null,
    relatedList('Relations', entity.relations.slice(0, 6), ctx),
    h(
      'section',
      {},
      h(
        'h3',
        {},
        `Papers (${formatCount(entity.totalPapers)}${entity.totalPapers > entity.papers.length ? `, newest ${entity.papers.length} shown` : ''})`,
      ),
      papers,
    ),
    relatedList('Often together with', entity.coOccurring, ctx),
  );
}

/** Renders a paper with every mention highlighted in its type's colour; mentions of nodes are buttons. */
export function showPaper(ctx: PanelContext, paper: ApiPaper): void {
  const render = (from: number, to: number, into: HTMLElement): HTMLElement => {
    for (const segment of segmentText(paper.text, paper.mentions, from, to)) {
      const m = segment.mention;
      if (!m) {
        into.append(segment.text);
        continue;
      }
      const mark = m.node
        ? h(
            'button',
            { type: 'button', class: `mention m-${m.type}`, title: `${m.type} — open`, 'data-key': m.node },
            segment.text,
          )
        : h('span', { class: `mention m-${m.type}`, title: m.type }, segment.text);
      const node = m.node;
      if (node) mark.addEventListener('click', () => ctx.open(node));
      into.append(mark);
    }
    return into;
  };
  const meta: string[] = [];
  if (paper.dateText || paper.date) meta.push(paper.dateText ?? paper.date ?? '');
  if (paper.venue) meta.push(paper.venue);
  if (paper.organization) meta.push(paper.organization);
  if (paper.authorCount) meta.push(`${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}`);
  const href = safeHref(paper.url);
  const legend = h('p', { class: 'kind-legend small' });
  for (const type of ['method', 'task', 'dataset', 'metric', 'concept'] as const)
    legend.append(h('span', { class: `mention m-${type}` }, type), ' ');
  show(
    ctx,
    'paper',
    false,
    render(0, paper.titleLength, h('h2', { 'data-testid': 'panel-title' })),
    h('div', { class: 'chips' }, communityChip(ctx, paper.community)),
    meta.length ? h('p', { class: 'muted' }, meta.join(' · ')) : null,
    href ? h('p', {}, h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, href)) : null,
    legend,
    render(paper.titleLength + 1, paper.text.length, h('p', { class: 'abstract', 'data-testid': 'abstract' })),
    h('p', { class: 'muted small' }, `id ${paper.id} · from ${paper.source.join(', ')}`),
  );
}
