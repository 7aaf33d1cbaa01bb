/** The sidebar's venue filter: venue families with their paper counts; ticking some keeps the entities with a paper in them. */
import type { ApiVenue } from '../api/types.js';
import { api } from './api.js';
import { byId, formatCount, h } from './dom.js';

/** Builds the control once; `load` fetches the families, `show` ticks the chosen ones. */
export function setupVenues(onChange: (keys: string[]) => void): {
  load(): Promise<ApiVenue[]>;
  show(keys: readonly string[]): void;
} {
  const list = byId('venue-list');
  const note = byId('venue-note');
  const clear = byId<HTMLButtonElement>('venue-clear');
  const boxes = new Map<string, HTMLInputElement>();
  const chosen = (): string[] => [...boxes].filter(([, box]) => box.checked).map(([key]) => key);
  clear.addEventListener('click', () => onChange([]));
  let loaded: Promise<ApiVenue[]> | undefined;
  return {
    load() {
      loaded ??= api.venues().then((venues) => {
        if (venues.length === 0) {
          note.textContent = 'No paper in this graph has a venue.';
          byId('venue-section').classList.add('is-empty');
          return venues;
        }
        const papers = venues.reduce((sum, v) => sum + v.papers, 0);
        const raw = venues.reduce((sum, v) => sum + v.venues, 0);
        note.textContent = `${formatCount(papers)} papers in ${formatCount(venues.length)} venue families (${formatCount(raw)} venue names, editions and tracks grouped). Ticked: entities with a paper in one of them.`;
        for (const venue of venues) {
          const box = h('input', { type: 'checkbox', value: venue.key, 'data-venue': venue.key });
          box.addEventListener('change', () => onChange(chosen()));
          boxes.set(venue.key, box);
          list.append(
            h(
              'li',
              {},
              h(
                'label',
                {
                  title: `${venue.label}: ${venue.papers} papers, ${venue.entities} entities, ${venue.venues} venue names`,
                },
                box,
                ` ${venue.label} `,
                h('span', { class: 'muted small' }, formatCount(venue.papers)),
              ),
            ),
          );
        }
        return venues;
      });
      return loaded;
    },
    show(keys) {
      for (const [key, box] of boxes) box.checked = keys.includes(key);
      clear.hidden = keys.length === 0;
    },
  };
}
