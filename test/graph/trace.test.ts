// Trace resolution and provenance, without services: exact names win, ambiguous terms list the choices, sentences come from spans.
import { describe, expect, it } from 'vitest';
import { chooseCandidate, editDistance, sentenceAt, suggestions, type TraceCandidate } from '../../graph/index.js';

const c = (key: string, label: string, paperCount = 1): TraceCandidate => ({
  key,
  label,
  kind: 'method',
  aliases: [label],
  community: 0,
  paperCount,
});

describe('editDistance', () => {
  it.each([
    ['transformer', 'transformer', 0],
    ['transfomer', 'transformer', 1],
    ['reinforcment', 'reinforcement', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s: %i', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
    expect(editDistance(b, a, 5)).toBe(d);
  });
  it('stops at max + 1', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('suggestions for a term that names nothing', () => {
  const entities = [
    c('transformer', 'Transformers', 12),
    c('vision transformer', 'ViT', 3),
    c('graph neural network', 'GNNs', 2),
    c('neural network', 'neural networks', 51),
    c('recurrent neural network', 'RNNs', 8),
    c('machine translation task', 'machine translation tasks', 1),
    c('bert', 'BERT', 9),
    c('brt', 'BRT', 1),
  ];
  const keys = (term: string, limit?: number): string[] => suggestions(term, entities, limit).map((x) => x.key);

  it('offers names a typo or two away, closest first', () => {
    expect(keys('transfomer')).toEqual(['transformer', 'vision transformer']);
    expect(keys('graph neural netwrk')).toEqual(['graph neural network']);
  });
  it('offers names holding every word of the term, most papers first, then the same with typos', () => {
    expect(keys('neural')).toEqual(['neural network', 'recurrent neural network', 'graph neural network']);
    expect(keys('neural', 2)).toEqual(['neural network', 'recurrent neural network']);
    expect(keys('machine traslation')).toEqual(['machine translation task']);
  });
  it('allows no typo in an acronym, and offers nothing for a term near nothing', () => {
    expect(keys('BRX')).toEqual([]);
    expect(keys('zzqx')).toEqual([]);
    expect(keys('  ')).toEqual([]);
  });
  it('lists them in the message of a term not found', () => {
    expect(() => chooseCandidate('transfomer', [], suggestions('transfomer', entities))).toThrow(
      'no entity named "transfomer" in the graph; did you mean:\n  Transformers (method, key "transformer", 12 papers)\n  ViT (method, key "vision transformer", 3 papers)',
    );
    expect(() => chooseCandidate('zzqx', [], [])).toThrow(/^no entity named "zzqx" in the graph$/);
  });
});

describe('chooseCandidate', () => {
  it('takes the only match, or the one whose key is the canonical form of the term', () => {
    expect(chooseCandidate('RL', [c('reinforcement learning', 'RL')]).chosen.key).toBe('reinforcement learning');
    expect(
      chooseCandidate('Transformers', [c('transformer', 'Transformers'), c('vision transformer', 'ViT')]).chosen.key,
    ).toBe('transformer');
  });

  it('takes the sense most papers mean when one clearly dominates, and lists the others', () => {
    const { chosen, others } = chooseCandidate('CRF', [
      c('crystal field', 'CRF', 2),
      c('conditional random field', 'CRF', 126),
    ]);
    expect(chosen.key).toBe('conditional random field');
    expect(others.map((o) => o.key)).toEqual(['crystal field']);
  });

  it('prefers the form written exactly as asked over a case twin with more papers', () => {
    // "TER" is the metric's own form; "ter" only a lower-case alias of the bigger node.
    expect(
      chooseCandidate('TER', [c('ter language', 'ter', 90), c('translation edit rate', 'TER', 40)]).chosen.key,
    ).toBe('translation edit rate');
  });

  it('refuses a term two senses share in comparable numbers (UsageError, exit 2) and an unknown one with InvalidInputError', () => {
    expect(() =>
      chooseCandidate('CRF', [c('conditional random field', 'CRF', 5), c('crystal field', 'CRF', 3)]),
    ).toThrow(expect.objectContaining({ name: 'UsageError', code: 'KG_TRACE_AMBIGUOUS' }));
    expect(() => chooseCandidate('nothing', [])).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', code: 'KG_TRACE_NOT_FOUND' }),
    );
  });
});

describe('sentenceAt', () => {
  const text = 'A title line\nWe study parsing. We propose BERT-CRF for tagging, e.g. NER! It works.';
  it.each([
    ['BERT-CRF', 'We propose BERT-CRF for tagging, e.g. NER!'],
    ['parsing', 'We study parsing.'],
    ['title', 'A title line'],
    ['works', 'It works.'],
  ])('the sentence around "%s"', (word, sentence) => {
    const start = text.indexOf(word);
    expect(sentenceAt(text, start, start + word.length)).toBe(sentence);
  });
});
