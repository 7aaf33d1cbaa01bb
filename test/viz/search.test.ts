// Search ranking: exact before prefix before word prefix before substring; entities before papers; umbrella terms after
// specific ones (but an exact match first); then specificity-weighted paper count.
import { describe, expect, it } from 'vitest';
import { editDistance, typoDistance } from '../../pipeline/text/edit-distance.js';
import {
  createSearchIndex,
  matchTier,
  MATCH_TIER,
  normalizeSearchText,
  search,
  typoMatches,
  wholeNameTypo,
  weightedPapers,
  type SearchEntry,
} from '../../viz/search.js';

const entries: SearchEntry[] = [
  {
    key: 'entity:reinforcement learning',
    kind: 'method',
    label: 'RL',
    terms: ['RL', 'reinforcement learning', 'Reinforcement Learning'],
    paperCount: 54,
  },
  { key: 'entity:online rl', kind: 'method', label: 'online RL', terms: ['online RL'], paperCount: 3 },
  {
    key: 'entity:rlhf',
    kind: 'method',
    label: 'RLHF',
    terms: ['RLHF', 'reinforcement learning from human feedback'],
    paperCount: 8,
  },
  { key: 'entity:curl', kind: 'method', label: 'CURL', terms: ['CURL'], paperCount: 20 },
  {
    key: 'entity:large language model',
    kind: 'method',
    label: 'LLMs',
    terms: ['LLMs', 'large language models', 'LLM'],
    paperCount: 60,
  },
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
    expect(keys('rl')).toEqual([
      'entity:reinforcement learning',
      'entity:rlhf',
      'paper:p1',
      'entity:online rl',
      'entity:curl',
    ]);
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
    expect(search(index, 'reinforcment lerning')[0]).toMatchObject({
      key: 'entity:reinforcement learning',
      label: 'RL',
    });
    expect(keys('lerning')).toEqual(['entity:reinforcement learning', 'entity:rlhf']);
    expect(keys('human feedbak reinforcement')).toEqual(['entity:rlhf']);
    expect([...typoMatches(index, 'larg languag models')]).toEqual([[4, 2]]);
    // No typos in words of three characters or fewer (acronyms), and none at all once the other tiers fill the limit.
    expect(keys('CRL')).toEqual([]);
    expect(keys('curl rx')).toEqual([]);
    expect(search(index, 'reinforcement', 2).map((h) => h.key)).toEqual([
      'entity:reinforcement learning',
      'entity:rlhf',
    ]);
  });

  describe('typos ranked by closeness, then by papers (issue 29: "trasnformer" on ACL)', () => {
    // As on ACL: the hub, one-paper names one letter off the query, and BERT, with more papers, by a word of an alias.
    const acl = createSearchIndex([
      { key: 'entity:transformer', kind: 'method', label: 'Transformer', terms: ['Transformer'], paperCount: 139 },
      {
        key: 'entity:tranformer based nmt',
        kind: 'method',
        label: 'Tranformer-based neural machine translation architecture',
        terms: ['Tranformer-based neural machine translation architecture'],
        paperCount: 1,
      },
      { key: 'entity:trasformer', kind: 'method', label: 'trasformer', terms: ['trasformer'], paperCount: 1 },
      {
        key: 'entity:bert',
        kind: 'method',
        label: 'BERT',
        terms: ['BERT', 'Bidirectional Encoder Representations from Transformer'],
        paperCount: 1871,
      },
      { key: 'entity:bleu', kind: 'metric', label: 'BLEU', terms: ['BLEU', 'BLEU score'], paperCount: 235 },
      {
        key: 'entity:bleu scores',
        kind: 'metric',
        label: 'SMT BLEU scores',
        terms: ['SMT BLEU scores'],
        paperCount: 1,
      },
    ]);
    const ranked = (q: string): string[] => search(acl, q).map((h) => h.key);

    it('counts a swap of two adjacent letters as one typo', () => {
      expect(typoDistance('trasnformer', 'transformer', 2)).toBe(1);
      expect(typoDistance('scroe', 'score', 1)).toBe(1);
      expect(typoDistance('word2vce', 'word2vec', 2)).toBe(1);
      expect(editDistance('trasnformer', 'transformer', 2)).toBe(2);
      // Otherwise as Levenshtein: insertions, deletions, substitutions, and the bound.
      expect(typoDistance('transformer', 'trasformer', 2)).toBe(1);
      expect(typoDistance('kitten', 'sitting', 5)).toBe(3);
      expect(typoDistance('abcdef', 'badcfe', 2)).toBe(3);
    });

    it('puts the well-attested entity before one-paper names as close to the query, and whole names before words of longer ones', () => {
      expect(ranked('trasnformer')).toEqual([
        'entity:transformer',
        'entity:trasformer',
        'entity:bert',
        'entity:tranformer based nmt',
      ]);
      expect(wholeNameTypo(acl, 0, 'trasnformer')).toBe(true);
      expect(wholeNameTypo(acl, 3, 'trasnformer')).toBe(false);
    });

    it('finds a word with two letters swapped, which Levenshtein counts as two typos', () => {
      expect(ranked('bleu scroe')).toEqual(['entity:bleu']);
    });
  });

  it('finds papers by title and honours the limit; empty queries find nothing', () => {
    expect(keys('robots')).toEqual(['paper:p1']);
    expect(search(index, 'r', 2)).toHaveLength(2);
    expect(search(index, '   ')).toEqual([]);
  });

  describe('specificity', () => {
    // Scores as graph/specificity.ts gives them on ACL-like data: umbrella words below 0.5, named methods and tasks above;
    // "feature extraction" has none, as on a snapshot made before the score, and counts as specific.
    const scored: SearchEntry[] = [
      {
        key: 'entity:nlp',
        kind: 'task',
        label: 'NLP',
        terms: ['NLP', 'natural language processing'],
        paperCount: 900,
        specificity: 0.21,
      },
      {
        key: 'entity:nlp pipeline',
        kind: 'method',
        label: 'NLP pipeline',
        terms: ['NLP pipeline'],
        paperCount: 12,
        specificity: 0.7,
      },
      {
        key: 'entity:nlp model',
        kind: 'method',
        label: 'NLP models',
        terms: ['NLP models'],
        paperCount: 80,
        specificity: 0.3,
      },
      {
        key: 'entity:feature',
        kind: 'concept',
        label: 'features',
        terms: ['features', 'feature'],
        paperCount: 900,
        specificity: 0.1,
      },
      {
        key: 'entity:feature selection',
        kind: 'method',
        label: 'feature selection',
        terms: ['feature selection'],
        paperCount: 40,
        specificity: 0.8,
      },
      {
        key: 'entity:feature extraction',
        kind: 'method',
        label: 'feature extraction',
        terms: ['feature extraction'],
        paperCount: 30,
      },
      {
        key: 'entity:sentiment',
        kind: 'concept',
        label: 'sentiment',
        terms: ['sentiment'],
        paperCount: 100,
        specificity: 0.55,
      },
      {
        key: 'entity:sentiment analysis',
        kind: 'task',
        label: 'sentiment analysis',
        terms: ['sentiment analysis'],
        paperCount: 60,
        specificity: 0.95,
      },
      {
        key: 'entity:sentiment lexicon',
        kind: 'dataset',
        label: 'sentiment lexicons',
        terms: ['sentiment lexicons'],
        paperCount: 20,
        specificity: 0.9,
      },
    ];
    const ranked = (q: string, options = {}): string[] =>
      search(createSearchIndex(scored, options), q).map((h) => h.key);

    it.each<[string, string, string[]]>([
      [
        'an exact match of an umbrella term still comes first',
        'NLP',
        ['entity:nlp', 'entity:nlp pipeline', 'entity:nlp model'],
      ],
      ['an exact match by alias too', 'natural language processing', ['entity:nlp']],
      [
        'umbrella terms go after specific ones of the same tier, however many papers',
        'feat',
        ['entity:feature selection', 'entity:feature extraction', 'entity:feature'],
      ],
      [
        'among specific terms, papers weighted by specificity: 60 × 0.95 before 100 × 0.55',
        'sentim',
        ['entity:sentiment analysis', 'entity:sentiment', 'entity:sentiment lexicon'],
      ],
      ['the word prefix tier orders the same way', 'selection', ['entity:feature selection']],
      [
        'a typo match of an umbrella term goes after a specific one',
        'featre',
        ['entity:feature selection', 'entity:feature extraction', 'entity:feature'],
      ],
    ])('%s: %s', (_label, q, expected) => {
      expect(ranked(q)).toEqual(expected);
    });

    it('weights papers by specificity, a missing score counting as 1', () => {
      expect(weightedPapers(scored[3]!)).toBeCloseTo(90);
      expect(weightedPapers(scored[5]!)).toBe(30);
    });

    it('honours the threshold it is given', () => {
      // At 0.05 "features" is specific, and its 900 × 0.1 = 90 weighted papers put it first.
      expect(ranked('feat', { umbrellaBelow: 0.05 })).toEqual([
        'entity:feature',
        'entity:feature selection',
        'entity:feature extraction',
      ]);
      // At 0.6 "sentiment" is an umbrella term: after "sentiment lexicons" (20 × 0.9) though it has more weighted papers.
      expect(ranked('sentim', { umbrellaBelow: 0.6 })).toEqual([
        'entity:sentiment analysis',
        'entity:sentiment lexicon',
        'entity:sentiment',
      ]);
    });
  });
});
