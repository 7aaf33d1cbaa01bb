// Search ranking: exact before prefix before word prefix before substring; entities before papers; then paper count.
import { describe, expect, it } from 'vitest';
import { createSearchIndex, matchTier, MATCH_TIER, normalizeSearchText, search, typoMatches, type SearchEntry } from '../../viz/search.js';

const entries: SearchEntry[] = [
  { key: 'entity:reinforcement learning', kind: 'method', label: 'RL', terms: ['RL', 'reinforcement learning', 'Reinforcement Learning'], paperCount: 54 },
  { key: 'entity:online rl', kind: 'method', label: 'online RL', terms: ['online RL'], paperCount: 3 },
  { key: 'entity:rlhf', kind: 'method', label: 'RLHF', terms: ['RLHF', 'reinforcement learning from human feedback'], paperCount: 8 },
  { key: 'entity:curl', kind: 'method', label: 'CURL', terms: ['CURL'], paperCount: 20 },
  { key: 'entity:large language model', kind: 'method', label: 'LLMs', terms: ['LLMs', 'large language models', 'LLM'], paperCount: 60 },
  { key: 'paper:p1', kind: 'paper', label: 'RL for robots', terms: ['RL for robots', 'p1'], paperCount: 0 },
];
const index = createSearchIndex(entries);
const keys = (q: string): string[] => search(index, q).map((h) => h.key);

describe('search', () => {
  it('normalises case, accents, hyphens and spaces', () => {
    expect(normalizeSearchText('  Self-Supervised   Léarning ')).toBe('self supervised learning');
  });

  it('tiers matches', () => {
    expect(matchTier('rl', 'rl')).toBe(MATCH_TIER.exact);
    expect(matchTier('rlhf', 'rl')).toBe(MATCH_TIER.prefix);
    expect(matchTier('online rl', 'rl')).toBe(MATCH_TIER.wordPrefix);
    expect(matchTier('curl', 'rl')).toBe(MATCH_TIER.substring);
    expect(matchTier('bert', 'rl')).toBeUndefined();
  });

  it('ranks exact, then prefix, then word prefix, then substring', () => {
    expect(keys('rl')).toEqual(['entity:reinforcement learning', 'entity:rlhf', 'paper:p1', 'entity:online rl', 'entity:curl']);
  });

  it('finds entities by alias and acronym and says what matched', () => {
    const [hit] = search(index, 'LLM');
    expect(hit).toMatchObject({ key: 'entity:large language model', label: 'LLMs', matched: 'LLM' });
    expect(keys('reinforcement learning')[0]).toBe('entity:reinforcement learning');
  });

  it('puts entities before papers in a tier and more papers first', () => {
    expect(keys('reinforcement')).toEqual(['entity:reinforcement learning', 'entity:rlhf']);
  });

  it('falls back to names holding every query word give or take a typo or two, fewest typos first', () => {
    expect(keys('reinforcment learning')).toEqual(['entity:reinforcement learning', 'entity:rlhf']);
    expect(search(index, 'reinforcment lerning')[0]).toMatchObject({ key: 'entity:reinforcement learning', label: 'RL' });
    expect(keys('lerning')).toEqual(['entity:reinforcement learning', 'entity:rlhf']);
    expect(keys('human feedbak reinforcement')).toEqual(['entity:rlhf']);
    expect([...typoMatches(index, 'larg languag models')]).toEqual([[4, 2]]);
    // No typos in words of three characters or fewer (acronyms), and none at all once the other tiers fill the limit.
    expect(keys('CRL')).toEqual([]);
    expect(keys('curl rx')).toEqual([]);
    expect(search(index, 'reinforcement', 2).map((h) => h.key)).toEqual(['entity:reinforcement learning', 'entity:rlhf']);
  });

  it('finds papers by title and honours the limit; empty queries find nothing', () => {
    expect(keys('robots')).toEqual(['paper:p1']);
    expect(search(index, 'r', 2)).toHaveLength(2);
    expect(search(index, '   ')).toEqual([]);
  });
});
