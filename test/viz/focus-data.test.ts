// Focus logic without a browser (issue 29 item 4): venue families, the venue answers on a graph whose papers carry
// venues, the strongest-neighbour rule of hover, and the focus part of the URL.
import { describe, expect, it } from 'vitest';
import { loadSnapshot, loadSnapshotPapers, type PaperAttributes } from '../../graph/index.js';
import { createVizIndex, venueFamily } from '../../viz/index.js';
import { decodeFocusState, encodeFocusState, EMPTY_FOCUS, type FocusState } from '../../viz/app/focus-state.js';
import { DIM_COLOR } from '../../viz/app/palette.js';
import {
  createEdgeReducer,
  createNodeReducer,
  LIT_EDGE_COLOR,
  strongestNeighbourhood,
  type HighlightState,
} from '../../viz/app/reducers.js';
import { FIXTURE_SNAPSHOT } from './helpers.js';

describe('venueFamily', () => {
  it.each([
    [
      'Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics',
      'Annual Meeting of the Association for Computational Linguistics',
    ],
    [
      'Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics: System Demonstrations',
      'Annual Meeting of the Association for Computational Linguistics',
    ],
    ['Proceedings of Machine Translation Summit IX: Papers', 'Machine Translation Summit'],
    ['Proceedings of Machine Translation Summit VII', 'Machine Translation Summit'],
    [
      'Proceedings of the Sixth International Workshop on Parsing Technologies',
      'International Workshop on Parsing Technologies',
    ],
    ['Proceedings of the 8th Global WordNet Conference (GWC)', 'Global WordNet Conference'],
    [
      'Actes de la 18e conférence sur le Traitement Automatique des Langues Naturelles. Articles courts',
      'Conférence sur le Traitement Automatique des Langues Naturelles',
    ],
    [
      'Actes de la 12ème conférence sur le Traitement Automatique des Langues Naturelles. Articles longs',
      'Conférence sur le Traitement Automatique des Langues Naturelles',
    ],
  ])('%s is in the family %s', (venue, label) => {
    expect(venueFamily(venue)?.label).toBe(label);
  });

  it('groups spellings that differ only in case and accents under one key', () => {
    expect(venueFamily('Proceedings of the 9th Global Wordnet Conference')?.key).toBe(
      venueFamily('Proceedings of the 10th Global WordNet Conference')?.key,
    );
    expect(venueFamily('Proceedings of the 9th Global Wordnet Conference')?.key).toMatch(/^[a-z0-9-]+$/);
    expect(venueFamily('')).toBeUndefined();
    expect(venueFamily('Proceedings of the 3rd')).toBeUndefined();
  });
});

describe('venue answers on the fixture with venues set on its papers', async () => {
  const { graph } = await loadSnapshot(FIXTURE_SNAPSHOT);
  const papers = await loadSnapshotPapers(FIXTURE_SNAPSHOT);
  const venues: Record<string, string> = {
    'paper:p2': 'Proceedings of the 60th Annual Meeting of the Association for Computational Linguistics',
    'paper:p3': 'Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics: Short Papers',
    'paper:p4': 'Proceedings of the Sixth Workshop on Graphs',
  };
  for (const [node, venue] of Object.entries(venues)) graph.setNodeAttribute(node, 'venue' as never, venue as never);
  const index = createVizIndex(graph, papers);

  it('lists the families with paper and entity counts, largest first', () => {
    const list = index.focus.venues();
    expect(list.map((v) => [v.label, v.papers, v.venues])).toEqual([
      ['Annual Meeting of the Association for Computational Linguistics', 2, 2],
      ['Workshop on Graphs', 1, 1],
    ]);
    expect(list.every((v) => v.entities > 0)).toBe(true);
  });

  it('gives exactly the entities mentioned by a paper of the chosen families', () => {
    const acl = index.focus.venues()[0]!;
    const answer = index.focus.venueEntities([acl.key]);
    const expected = new Set<string>();
    for (const paper of ['paper:p2', 'paper:p3'])
      graph.forEachOutNeighbor(paper, (entity) => {
        if (entity.startsWith('entity:')) expected.add(entity);
      });
    expect(answer.entities).toEqual([...expected].sort());
    expect(answer.entities).toHaveLength(acl.entities);
    const both = index.focus.venueEntities(index.focus.venues().map((v) => v.key));
    expect(both.entities.length).toBeGreaterThan(answer.entities.length);
    // The papers without a venue stay out of every family.
    expect((graph.getNodeAttributes('paper:p5') as PaperAttributes).venue).toBeUndefined();
  });
});

describe('strongestNeighbourhood', () => {
  it('keeps the node and its k heaviest neighbours, ties by key, the heavier of parallel edges', () => {
    const edges: [string, number][] = [
      ['d', 1],
      ['b', 5],
      ['c', 5],
      ['e', 2],
      ['d', 9],
      ['a', 1],
    ];
    expect([...strongestNeighbourhood('x', edges, 3)]).toEqual(['x', 'd', 'b', 'c']);
    expect(strongestNeighbourhood('x', edges, 20).size).toBe(6);
  });
});

describe('reducers under focus', () => {
  const ends: Record<string, [string, string]> = { ab: ['a', 'b'], ac: ['a', 'c'], cd: ['c', 'd'], de: ['d', 'e'] };
  const node = { label: 'N', color: '#e6194b', size: 5, x: 0, y: 0 };
  const reducers = (state: HighlightState) => ({
    node: createNodeReducer(() => state),
    edge: createEdgeReducer(
      () => state,
      (e) => ends[e]!,
    ),
  });

  it('a hover draws only the edges to the lit (strongest) neighbours', () => {
    const { edge } = reducers({ hidden: new Set(), center: 'a', lit: new Set(['a', 'b']) });
    expect(edge('ab', { size: 1 })).toMatchObject({ color: LIT_EDGE_COLOR });
    expect(edge('ac', { size: 1 }).hidden).toBe(true);
    expect(edge('cd', { size: 1 }).hidden).toBe(true);
  });

  it('a working set or path draws its nodes even when filters hide them, and only its own edges', () => {
    const set = new Set(['c', 'd', 'e']);
    const { node: n, edge } = reducers({
      hidden: new Set(['d', 'b']),
      lit: set,
      forced: set,
      litEdges: new Set(['cd']),
    });
    expect(n('d', node).hidden).toBeUndefined();
    expect(n('b', node).hidden).toBe(true);
    expect(n('a', node)).toMatchObject({ color: DIM_COLOR });
    expect(edge('cd', { size: 1 })).toMatchObject({ color: LIT_EDGE_COLOR });
    expect(edge('de', { size: 1 }).hidden).toBe(true);
    expect(edge('ac', { size: 1 }).hidden).toBe(true);
  });
});

describe('focus URL state', () => {
  it('round-trips a working set, a path and venues; keys with commas survive', () => {
    const state: FocusState = {
      seeds: ['entity:bert', 'entity:1,000 language web text corpus'],
      hops: 2,
      pinned: true,
      path: ['entity:bert', 'entity:wordnet'],
      venues: ['machine-translation-summit', 'global-wordnet-conference'],
    };
    const query = encodeFocusState(state).toString();
    expect(decodeFocusState(query)).toEqual(state);
    expect(encodeFocusState(EMPTY_FOCUS).toString()).toBe('');
  });

  it('drops what a tampered link cannot be trusted with', () => {
    const back = decodeFocusState(
      '?ws=entity:bert&ws=javascript:alert(1)&ws=paper:p2&hops=7&pin=yes&path=entity:a&venue=Bad Key,ok-key',
    );
    expect(back).toEqual({ seeds: ['entity:bert'], hops: 1, pinned: false, venues: ['ok-key'] });
    expect(decodeFocusState('?path=entity:a&path=entity:a').path).toBeUndefined();
    expect(decodeFocusState('?pin=1').pinned).toBe(false);
  });
});
