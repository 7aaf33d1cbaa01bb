// Trace resolution and provenance, without services: exact names win, ambiguous terms list the choices, sentences come from spans.
import { describe, expect, it } from 'vitest';
import { chooseCandidate, sentenceAt, type TraceCandidate } from '../../graph/index.js';

const c = (key: string, label: string, paperCount = 1): TraceCandidate => ({ key, label, kind: 'method', aliases: [label], community: 0, paperCount });

describe('chooseCandidate', () => {
  it('takes the only match, or the one whose key is the canonical form of the term', () => {
    expect(chooseCandidate('RL', [c('reinforcement learning', 'RL')]).key).toBe('reinforcement learning');
    expect(chooseCandidate('Transformers', [c('transformer', 'Transformers'), c('vision transformer', 'ViT')]).key).toBe('transformer');
  });

  it('refuses an ambiguous term with a UsageError (exit 2) and an unknown one with InvalidInputError', () => {
    expect(() => chooseCandidate('CRF', [c('conditional random field', 'CRF', 5), c('crystal field', 'CRF', 2)])).toThrow(
      expect.objectContaining({ name: 'UsageError', code: 'KG_TRACE_AMBIGUOUS' }),
    );
    expect(() => chooseCandidate('nothing', [])).toThrow(expect.objectContaining({ name: 'InvalidInputError', code: 'KG_TRACE_NOT_FOUND' }));
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
