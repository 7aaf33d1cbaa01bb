// Canonical keys: case, plurals, hyphen/space/prefix variants, British/American spelling, determiners (brief examples).
import { describe, expect, it } from 'vitest';
import { canonicalKey } from '../../pipeline/extract/index.js';
import { americanize, singularize } from '../../pipeline/extract/core/inflect.js';

describe('canonicalKey: variants that must meet', () => {
  it.each([
    [
      'brief: GNN family',
      ['Graph Neural Networks', 'graph neural network', 'Graph-Neural-Networks', 'graph  neural\tnetworks'],
      'graph neural network',
    ],
    [
      'brief: IRM long form',
      ['Invariant Risk Minimization', 'invariant risk minimisation'],
      'invariant risk minimization',
    ],
    [
      'brief: in-context learning',
      ['in-context learning', 'In context learning', 'in‑context learning'],
      'in context learning',
    ],
    [
      'bound prefix joins: pre-training',
      ['pre-training', 'pre training', 'pretraining', 'Pre-Training'],
      'pretraining',
    ],
    [
      'bound prefix joins: multi-task',
      ['multi-task learning', 'multitask learning', 'multi task learning'],
      'multitask learning',
    ],
    ['plural acronym', ['GNNs', 'GNN', 'gnn'], 'gnn'],
    ['trailing acronym in parentheses dropped', ['Graph Neural Networks (GNNs)'], 'graph neural network'],
    [
      'an acronym defined inside the phrase dropped',
      ['Kullback-Leibler (KL) divergence', 'Kullback-Leibler divergence'],
      'kullback leibler divergence',
    ],
    [
      '… also with a plural acronym',
      ['long short-term memory (LSTMs) units', 'long short-term memory unit'],
      'long short term memory unit',
    ],
    [
      'determiners and possessives dropped',
      ['the transformer', 'our Transformers', 'a transformer', 'its transformer'],
      'transformer',
    ],
    ['British -isation/-ise', ['tokenisation', 'tokenization'], 'tokenization'],
    ['British -our and -lling', ['colour modelling', 'color modeling'], 'color modeling'],
    ['underscores and NFKC (fullwidth letters)', ['word_embeddings', 'ｗｏｒｄ embeddings'], 'word embedding'],
    [
      'head of an "of" phrase singular, not the object',
      ['detections of objects', 'detection of objects'],
      'detection of objects',
    ],
  ])('%s', (_label, variants, key) => {
    for (const v of variants) expect(canonicalKey(v)).toBe(key);
  });

  it.each([
    ['different things stay apart', 'graph neural network', 'graph network'],
    ['"self" is no bound prefix', 'self-attention', 'selfattention'],
    ['a bracketed word that is no acronym stays', 'BERT (base) model', 'BERT model'],
    ['a phrase opening with a bracketed acronym keeps it', '(GNN) model', 'model'],
  ])('%s', (_label, a, b) => {
    expect(canonicalKey(a)).not.toBe(canonicalKey(b));
  });
});

describe('singularize / americanize (lexicons/singular.json, spelling.json)', () => {
  it.each([
    ['networks', 'network'],
    ['models', 'model'],
    ['strategies', 'strategy'],
    ['approaches', 'approach'],
    ['analysis', 'analysis'],
    ['loss', 'loss'],
    ['bias', 'bias'],
    ['process', 'process'],
    ['corpora', 'corpus'],
    ['criteria', 'criterion'],
    ['data', 'data'],
    ['semantics', 'semantics'],
    ['metrics', 'metric'],
    ['classes', 'class'],
    ['hypotheses', 'hypothesis'],
    ['indices', 'index'],
    ['potatoes', 'potato'],
    ['series', 'series'],
    ['corpus', 'corpus'],
  ])('singularize(%s) = %s', (word, expected) => {
    expect(singularize(word)).toBe(expected);
  });

  it('gaussian process keeps its s', () => {
    expect(canonicalKey('Gaussian processes')).toBe('gaussian process');
    expect(canonicalKey('Gaussian process')).toBe('gaussian process');
  });

  it.each([
    ['optimisation', 'optimization'],
    ['normalised', 'normalized'],
    ['tokeniser', 'tokenizer'],
    ['behaviour', 'behavior'],
    ['supervised', 'supervised'],
    ['noise', 'noise'],
    ['exercise', 'exercise'],
    ['pairwise', 'pairwise'],
    ['promising', 'promising'],
  ])('americanize(%s) = %s', (word, expected) => {
    expect(americanize(word)).toBe(expected);
  });
});
