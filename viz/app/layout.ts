/**
 * The responsive frame (styles.css draws it): on a narrow screen (a phone) the sidebar is a drawer over the map behind
 * the ☰ button and the entity panel a bottom sheet; on a wider one the button folds the sidebar away to give the map
 * its width.
 */
import { byId } from './dom.js';

/** Where the sidebar becomes a drawer and the panel a bottom sheet; styles.css uses the same width. */
export const NARROW_QUERY = '(max-width: 760px)';

/** Share of the map's height the bottom sheet covers on a narrow screen (styles.css: `.panel` height). */
const SHEET_SHARE = 0.55;

/** True when the layout is the phone one. */
export function isNarrow(): boolean {
  return window.matchMedia(NARROW_QUERY).matches;
}

/**
 * The point of the map's viewport, relative to its centre, that the open panel leaves in the middle of what it does
 * not cover: left of centre beside the side panel, above it over the bottom sheet.
 */
export function panelOffset(width: number, height: number): { x: number; y: number } {
  return isNarrow() ? { x: 0, y: (height * SHEET_SHARE) / 2 } : { x: Math.min(420, width * 0.45) / 2, y: 0 };
}

/** Wires the ☰ button: opens and closes the sidebar (a drawer when narrow), and tells the map its size changed. */
export function setupSidebarToggle(): void {
  const button = byId<HTMLButtonElement>('sidebar-toggle');
  const query = window.matchMedia(NARROW_QUERY);
  const set = (open: boolean): void => {
    document.body.dataset.sidebar = open ? 'open' : 'closed';
    button.setAttribute('aria-expanded', String(open));
    // Sigma reads its container's size on a window resize.
    window.dispatchEvent(new Event('resize'));
  };
  // Open beside the map on a wide screen, closed over it on a narrow one.
  set(!query.matches);
  query.addEventListener('change', () => set(!query.matches));
  button.addEventListener('click', () => set(document.body.dataset.sidebar !== 'open'));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && query.matches && document.body.dataset.sidebar === 'open') {
      set(false);
      button.focus();
    }
  });
}
