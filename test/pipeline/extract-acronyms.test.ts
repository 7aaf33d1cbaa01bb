// Acronym definitions (Schwartz & Hearst 2003) and their corpus-level resolution across abstracts.
import { describe, expect, it } from 'vitest';
import {
  corpusAcronyms,
  corpusKey,
  createExtractor,
  loadModels,
  longFormSignature,
  resolveCorpusAcronyms,
} from '../../pipeline/extract/index.js';
import {
  acceptLongForm,
  bestLongFormStart,
  longFormStart,
  singularShort,
} from '../../pipeline/extract/core/acronyms.js';
import type { ExtractionResult } from '../../pipeline/core/types.js';

const { extract } = createExtractor({ models: loadModels() });

describe('Schwartz & Hearst long-form matching', () => {
  it.each([
    ['paper example', 'HSF', 'with a heat shock transcription factor', 'heat shock transcription factor'],
    ['brief', 'IRM', 'we study Invariant Risk Minimization', 'Invariant Risk Minimization'],
    ['plural short form singularised first', 'GNN', 'propose Graph Neural Networks', 'Graph Neural Networks'],
    ['hyphenated word', 'MLP', 'a Multi-Layer Perceptron', 'Multi-Layer Perceptron'],
    [
      'letters inside words',
      'BiLSTM',
      'a bidirectional long short-term memory',
      'bidirectional long short-term memory',
    ],
  ])('%s: %s', (_label, sf, window, lf) => {
    const at = longFormStart(sf, window);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(window.slice(at)).toBe(lf);
  });

  it('word initials beat the shortest match: Proximal Policy Optimization (PPO), not Policy Optimization', () => {
    const window = 'We study Proximal Policy Optimization';
    expect(longFormStart('PPO', window)).toBe(window.indexOf('Policy'));
    expect(window.slice(bestLongFormStart('PPO', window))).toBe('Proximal Policy Optimization');
    const moe = 'a sparse Mixture of Experts';
    expect(moe.slice(bestLongFormStart('MoE', moe))).toBe('Mixture of Experts');
  });

  it('no match when a letter is missing', () => {
    expect(longFormStart('XYZ', 'graph neural network')).toBe(-1);
  });

  it.each([
    ['GNNs', 'GNN'],
    ['LLMs', 'LLM'],
    ['IRM', 'IRM'],
    ['AS', 'AS'],
    ['SVMs', 'SVM'],
  ])('singularShort(%s) = %s', (s, e) => {
    expect(singularShort(s)).toBe(e);
  });

  it('rejects a long form that contains the short form as a word', () => {
    expect(acceptLongForm('BERT', 'BERT base')).toBe(false);
    expect(acceptLongForm('IRM', 'Invariant Risk Minimization')).toBe(true);
  });
});

const result = (id: string, mentions: [string, string][], acronyms: [string, string][] = []): ExtractionResult => ({
  id,
  mentions: mentions.map(([text, key], i) => ({ start: i * 10, end: i * 10 + text.length, text, type: 'method', key })),
  relations: [],
  acronyms: acronyms.map(([short, long]) => ({ short, long })),
});

describe('resolveCorpusAcronyms', () => {
  it('one long form in the corpus: bare uses elsewhere take it', () => {
    const corpus = [
      result(
        'a',
        [
          ['Invariant Risk Minimization', 'invariant risk minimization'],
          ['IRM', 'invariant risk minimization'],
        ],
        [['IRM', 'invariant risk minimization']],
      ),
      result('b', [
        ['IRM', 'irm'],
        ['IRMs', 'irm'],
        ['ERM', 'erm'],
      ]),
    ];
    const out = resolveCorpusAcronyms(corpus);
    expect(out[1]?.mentions.map((m) => m.key)).toEqual([
      'invariant risk minimization',
      'invariant risk minimization',
      'erm',
    ]);
    expect(out[0]).toEqual(corpus[0]);
  });

  it('two competing long forms: left alone (never merge different things sharing an acronym)', () => {
    const corpus = [
      result('a', [], [['RL', 'reinforcement learning']]),
      result('b', [], [['RL', 'representation learning']]),
      result('c', [['RL', 'rl']]),
    ];
    expect(resolveCorpusAcronyms(corpus)[2]?.mentions[0]?.key).toBe('rl');
  });

  it('long forms of one acronym differing in prepositions, number or "-ed" are one name, counted together', () => {
    const corpus = [
      result(
        'a',
        [['Reinforcement Learning from Human Feedback (RLHF)', 'reinforcement learning from human feedback']],
        [['RLHF', 'reinforcement learning from human feedback']],
      ),
      result(
        'b',
        [['Reinforcement Learning from Human Feedback (RLHF)', 'reinforcement learning from human feedback']],
        [['RLHF', 'reinforcement learning from human feedback']],
      ),
      result(
        'c',
        [
          ['Reinforcement Learning with Human Feedback (RLHF)', 'reinforcement learning with human feedback'],
          ['RLHF', 'reinforcement learning with human feedback'],
        ],
        [['RLHF', 'reinforcement learning with human feedback']],
      ),
      result('d', [
        ['reinforcement learning with human feedback', 'reinforcement learning with human feedback'],
        ['RLHF', 'rlhf'],
      ]),
      result('e', [['mean squared error (MSE)', 'mean squared error']], [['MSE', 'mean squared error']]),
      result('f', [['mean square error (MSE)', 'mean square error']], [['MSE', 'mean square error']]),
    ];
    const out = resolveCorpusAcronyms(corpus);
    // The variant takes the most frequent form's key, in the abstract that defined it and where it is spelt out.
    expect(out[2]?.mentions.map((m) => m.key)).toEqual([
      'reinforcement learning from human feedback',
      'reinforcement learning from human feedback',
    ]);
    expect(out[2]?.acronyms).toEqual([{ short: 'RLHF', long: 'reinforcement learning from human feedback' }]);
    expect(out[3]?.mentions.map((m) => m.key)).toEqual([
      'reinforcement learning from human feedback',
      'reinforcement learning from human feedback',
    ]);
    // A tie is broken by key order.
    expect(out[4]?.mentions[0]?.key).toBe(out[5]?.mentions[0]?.key);
    const table = corpusAcronyms(corpus);
    expect(corpusKey(table, 'reinforcement learning with human feedback')).toBe(
      'reinforcement learning from human feedback',
    );
    expect(corpusKey(table, 'rlhf')).toBe('reinforcement learning from human feedback');
    expect(corpusKey(table, 'something else')).toBe('something else');
    expect(longFormSignature('alternating direction method of multipliers')).toBe(
      longFormSignature('alternating direction method of multiplier'),
    );
    expect(longFormSignature('maximum likelihood estimation')).not.toBe(longFormSignature('maximum likelihood'));
  });

  it("long forms written partly count towards the full one by the acronym's letters, and keep their own keys", () => {
    const corpus = [
      result('a', [['long short-term memory (LSTM)', 'long short term memory']], [['LSTM', 'long short term memory']]),
      result(
        'b',
        [['long short-term memory networks (LSTMs)', 'long short term memory network']],
        [['LSTMs', 'long short term memory network']],
      ),
      result(
        'c',
        [['maximum likelihood estimation (MLE)', 'maximum likelihood estimation']],
        [['MLE', 'maximum likelihood estimation']],
      ),
      result('d', [['maximum likelihood (MLE)', 'maximum likelihood']], [['MLE', 'maximum likelihood']]),
      result('e', [
        ['LSTM', 'lstm'],
        ['MLE', 'mle'],
        ['long short-term memory networks', 'long short term memory network'],
        ['maximum likelihood', 'maximum likelihood'],
      ]),
      // Different words behind one acronym stay competing: a bare DP is left alone.
      result('f', [], [['DP', 'dependency parsing']]),
      result('g', [], [['DP', 'dynamic programming']]),
      result('h', [['DP', 'dp']]),
    ];
    const out = resolveCorpusAcronyms(corpus);
    expect(out[4]?.mentions.map((m) => m.key)).toEqual([
      'long short term memory',
      'maximum likelihood estimation',
      'long short term memory network',
      'maximum likelihood',
    ]);
    expect(out[7]?.mentions[0]?.key).toBe('dp');
    // Without the letters' judgement each pair was two competing long forms and neither acronym resolved.
    expect(corpusAcronyms(corpus.slice(0, 2)).resolved.get('lstm')).toBe('long short term memory');
    expect(corpusAcronyms(corpus.slice(2, 4)).resolved.get('mle')).toBe('maximum likelihood estimation');
  });

  it("a long form one letter off another of its acronym's is a slip and takes the more frequent spelling's key", () => {
    const corpus = [
      result('a', [['Kullback-Leibler (KL)', 'kullback leibler']], [['KL', 'kullback leibler']]),
      result('b', [['Kullback-Leibler (KL)', 'kullback leibler']], [['KL', 'kullback leibler']]),
      result(
        'c',
        [
          ['Kullback-Leilbler (KL)', 'kullback leilbler'],
          ['KL', 'kullback leilbler'],
        ],
        [['KL', 'kullback leilbler']],
      ),
      result('d', [['KL', 'kl']]),
      // Long forms under ten letters one letter apart may well be two names, and two letters apart are never taken
      // for a slip: each acronym below keeps two competing long forms.
      result('e', [], [['RS', 'red shift']]),
      result('f', [], [['RS', 'red shirt']]),
      result('g', [], [['MTL', 'multitask learning']]),
      result('h', [], [['MTL', 'multitrack learning']]),
    ];
    const out = resolveCorpusAcronyms(corpus);
    expect(out[2]?.mentions.map((m) => m.key)).toEqual(['kullback leibler', 'kullback leibler']);
    expect(out[3]?.mentions[0]?.key).toBe('kullback leibler');
    const table = corpusAcronyms(corpus);
    expect(table.resolved.has('rs')).toBe(false);
    expect(table.resolved.has('mtl')).toBe(false);
  });

  it('an acronym among other words is spelt out in the key where the text writes it in capitals', () => {
    const corpus = [
      result(
        'a',
        [
          ['Kullback-Leibler (KL)', 'kullback leibler'],
          ['reinforcement learning (RL)', 'reinforcement learning'],
        ],
        [
          ['KL', 'kullback leibler'],
          ['RL', 'reinforcement learning'],
        ],
      ),
      result('b', [
        ['KL divergence', 'kl divergence'],
        ['kl divergence', 'kl divergence'],
        ['offline RL', 'offline rl'],
      ]),
      result('c', [
        ['rl objective', 'rl objective'],
        ['MPI-ESM1.2-RL model', 'mpi esm1.2 rl model'],
        ['RL-based tuning', 'rl based tuning'],
        ['reinforcement learning RL agents', 'reinforcement learning rl agent'],
        ['DM_RL team', 'dm rl team'],
        ['Rl-guided search', 'rl guided search'],
      ]),
      // An abstract's own definition comes first, and its bare uses keyed by the definition follow it.
      result(
        'd',
        [
          ['Variational Subgoal-Conditioned RL (VSC-RL)', 'variational subgoal conditioned rl'],
          ['VSC-RL', 'variational subgoal conditioned rl'],
          ['offline RL', 'offline rl'],
        ],
        [
          ['VSC-RL', 'variational subgoal conditioned rl'],
          ['RL', 'representation learning'],
        ],
      ),
      // Four more definitions of RL, so that reinforcement learning has 80 % of them.
      ...[1, 2, 3, 4].map((k) => result(`e${k}`, [], [['RL', 'reinforcement learning']])),
    ];
    const keys = resolveCorpusAcronyms(corpus).map((r) => r.mentions.map((m) => m.key));
    // "KL divergence" and its lower-case spelling share a key: the capitals in one mention speak for the key.
    expect(keys[1]).toEqual([
      'kullback leibler divergence',
      'kullback leibler divergence',
      'offline reinforcement learning',
    ]);
    // Lower or mixed case, or a name joined by hyphens or underscores to a part with a capital or digit, spells
    // nothing out; a lower-case hyphened word ("-based") does not stop it.
    expect(keys[2]).toEqual([
      'rl objective',
      'mpi esm1.2 rl model',
      'reinforcement learning based tuning',
      'reinforcement learning agent',
      'dm rl team',
      'rl guided search',
    ]);
    expect(keys[3]).toEqual([
      'variational subgoal conditioned representation learning',
      'variational subgoal conditioned representation learning',
      'offline representation learning',
    ]);
  });

  it("an abstract's own definition spells out its phrases also when the corpus resolves no acronym", () => {
    const corpus = [
      result(
        'a',
        [
          ['reinforcement learning (RL)', 'reinforcement learning'],
          ['offline RL', 'offline rl'],
        ],
        [['RL', 'reinforcement learning']],
      ),
      result('b', [['offline RL', 'offline rl']], [['RL', 'representation learning']]),
    ];
    expect(corpusAcronyms(corpus).resolved.size).toBe(0);
    const out = resolveCorpusAcronyms(corpus);
    expect(out.map((r) => r.mentions.at(-1)?.key)).toEqual([
      'offline reinforcement learning',
      'offline representation learning',
    ]);
  });

  it('an acronym right after its own long form is dropped from the key, not spelt out twice', () => {
    const corpus = [
      result('a', [['linear regression (LR)', 'linear regression']], [['LR', 'linear regression']]),
      result('b', [
        ['linear regression LR baseline', 'linear regression lr baseline'],
        ['nonlinear regression LR model', 'nonlinear regression lr model'],
      ]),
    ];
    expect(resolveCorpusAcronyms(corpus)[1]?.mentions.map((m) => m.key)).toEqual([
      'linear regression baseline',
      'nonlinear regression linear regression model',
    ]);
  });

  it('a long form with at least 80 % of the definitions wins', () => {
    const defs = [1, 2, 3, 4].map((i) => result(`d${i}`, [], [['RL', 'reinforcement learning']]));
    const corpus = [...defs, result('x', [], [['RL', 'representation learning']]), result('y', [['RL', 'rl']])];
    expect(resolveCorpusAcronyms(corpus)[5]?.mentions[0]?.key).toBe('reinforcement learning');
  });

  it('pure: inputs untouched, new objects, deterministic', () => {
    const corpus = [result('a', [], [['IRM', 'invariant risk minimization']]), result('b', [['IRM', 'irm']])];
    const before = JSON.stringify(corpus);
    const out = resolveCorpusAcronyms(corpus);
    expect(JSON.stringify(corpus)).toBe(before);
    expect(out[1]).not.toBe(corpus[1]);
    expect(out[1]?.mentions[0]).not.toBe(corpus[1]?.mentions[0]);
    expect(resolveCorpusAcronyms(corpus)).toEqual(out);
  });

  it('only a mention written as an acronym takes its long form: the pronoun "it" is not Italian (IT)', () => {
    const corpus = [
      result('a', [['Italian', 'italian']], [['IT', 'italian']]),
      result('b', [
        ['it', 'it'],
        ['It', 'it'],
        ['IT', 'it'],
        ['ITs', 'it'],
        ['it (YK02)', 'it'],
        ['IT (Europarl)', 'it'],
      ]),
    ];
    expect(resolveCorpusAcronyms(corpus)[1]?.mentions.map((m) => m.key)).toEqual([
      'it',
      'it',
      'italian',
      'italian',
      'it',
      'italian',
    ]);
    // Nor a generic mention, whatever its case ("THIS" in a shouting title).
    const generic = resolveCorpusAcronyms([
      corpus[0]!,
      { ...result('c', [['IT', 'it']]), mentions: [{ start: 0, end: 2, text: 'IT', type: 'generic', key: 'it' }] },
    ]);
    expect(generic[1]?.mentions[0]).toMatchObject({ key: 'it', type: 'generic' });
    // End to end on text: a pronoun elsewhere stays a pronoun.
    const a = extract({ id: 'a', text: 'We translate Italian (IT) and English (EN) news.' });
    const b = extract({ id: 'b', text: 'We propose a parser and evaluate it on news. IT terms are hard.' });
    const [, rb] = resolveCorpusAcronyms([a, b]);
    expect(rb?.mentions.filter((m) => m.text.toLowerCase() === 'it').map((m) => [m.text, m.key])).not.toContainEqual([
      'it',
      'italian',
    ]);
  });

  it("resolved mentions take the type most of the long form's and the acronym's mentions have together", () => {
    const typed = (
      id: string,
      mentions: [string, string, ExtractionResult['mentions'][number]['type']][],
      acronyms: [string, string][] = [],
    ): ExtractionResult => ({
      ...result(id, [], acronyms),
      mentions: mentions.map(([text, key, type], i) => ({ start: i * 10, end: i * 10 + text.length, text, type, key })),
    });
    const corpus = [
      typed(
        'a',
        [['bilingual evaluation understudy (BLEU)', 'bilingual evaluation understudy', 'dataset']],
        [['BLEU', 'bilingual evaluation understudy']],
      ),
      typed('b', [['BLEU', 'bleu', 'metric']]),
      typed('c', [
        ['BLEU', 'bleu', 'metric'],
        ['BLEU', 'bleu', 'concept'],
      ]),
    ];
    const out = resolveCorpusAcronyms(corpus);
    expect(out.slice(1).flatMap((r) => r.mentions.map((m) => [m.key, m.type]))).toEqual([
      ['bilingual evaluation understudy', 'metric'],
      ['bilingual evaluation understudy', 'metric'],
      ['bilingual evaluation understudy', 'metric'],
    ]);
    // The defining abstract keeps its own mention as it was.
    expect(out[0]?.mentions[0]?.type).toBe('dataset');
  });

  it('end to end: the acronym defined in one abstract resolves a bare use in another, with its type', () => {
    const a = extract({ id: 'a', text: 'We study Proximal Policy Optimization (PPO) for control.' });
    const b = extract({ id: 'b', text: 'We tune PPO carefully.' });
    expect(b.mentions.find((m) => m.text === 'PPO')?.key).toBe('ppo');
    const [, rb] = resolveCorpusAcronyms([a, b]);
    expect(rb?.mentions.find((m) => m.text === 'PPO')).toMatchObject({
      key: 'proximal policy optimization',
      type: 'method',
    });
  });
});
