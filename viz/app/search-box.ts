/** The search box: suggestions from `/api/search` as you type, chosen with the mouse or the keyboard. */
import type { ApiSearchHit } from '../api/types.js';
import { api } from './api.js';
import { formatCount, h } from './dom.js';
import { KIND_COLORS } from './palette.js';

/** Wires the input and its listbox; `choose` receives the picked hit. `idPrefix` names the options (one per box). */
export function setupSearch(
  input: HTMLInputElement,
  list: HTMLElement,
  choose: (hit: ApiSearchHit) => void,
  idPrefix = 'suggestion',
): void {
  let hits: ApiSearchHit[] = [];
  /** The query `hits` answer: Enter picks from them only while the input still holds it. */
  let hitsFor = '';
  let active = -1;
  let pending: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = (): void => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const pick = (hit: ApiSearchHit | undefined): void => {
    if (!hit) return;
    close();
    input.value = hit.label;
    // No blur: the panel that opens takes the focus, and gives it back to the search when closed.
    choose(hit);
  };
  const render = (): void => {
    if (hits.length === 0) {
      list.replaceChildren(h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, 'No match'));
    } else {
      list.replaceChildren(
        ...hits.map((hit, i) => {
          const dot = h('span', { class: 'dot' });
          dot.style.background = KIND_COLORS[hit.kind];
          const item = h(
            'li',
            {
              role: 'option',
              id: `${idPrefix}-${i}`,
              'aria-selected': i === active ? 'true' : 'false',
              'data-key': hit.key,
            },
            dot,
            h('span', { class: 'suggestion-label' }, hit.label),
            hit.matched ? h('span', { class: 'muted small' }, ` (${hit.matched})`) : null,
            h(
              'span',
              { class: 'suggestion-meta' },
              hit.kind === 'paper' ? 'paper' : `${hit.kind} · ${formatCount(hit.paperCount)}`,
            ),
          );
          item.addEventListener('mousedown', (event) => {
            event.preventDefault(); // keep focus so blur does not close the list first
            pick(hit);
          });
          return item;
        }),
      );
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${idPrefix}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  /** Asks for the current text's hits; with `thenPick` (Enter before they came) opens the top one when they arrive. */
  const query = (thenPick = false): void => {
    clearTimeout(timer);
    const q = input.value.trim();
    pending?.abort();
    if (q === '') return close();
    pending = new AbortController();
    api.search(q.slice(0, 200), pending.signal).then(
      (result) => {
        if (input.value.trim() !== q) return;
        hits = result;
        hitsFor = q;
        active = hits.length ? 0 : -1;
        if (thenPick && hits.length) pick(hits[0]);
        else render();
      },
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') close();
      },
    );
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => query(), 90);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden || hits.length === 0) return;
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // The list may still show an earlier query's hits (typing outran the debounce or the server): ask for these.
      if (!list.hidden && hits.length && hitsFor === input.value.trim()) pick(hits[Math.max(0, active)]);
      else query(true);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  // "/" focuses the search from anywhere, as on many sites.
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && document.activeElement?.tagName !== 'INPUT') {
      event.preventDefault();
      input.focus();
    }
  });
}
