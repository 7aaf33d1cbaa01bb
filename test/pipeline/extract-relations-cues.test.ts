// Issue 31, relations worth reading: negation and direction of USED_FOR, EVALUATED_ON only with an evaluation cue,
// task ↔ dataset and task ↔ metric, lists split so each member is its own end. Sentences written for the cues or
// taken from the ACL corpus (the judged sample's wrong edges, docs/judged/relations-2026-12-07-before.jsonl).
import { describe, expect, it } from 'vitest';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import type { RelationType } from '../../pipeline/core/types.js';

const { extract } = createExtractor({ models: loadModels() });

const relations = (text: string): [RelationType, string, string][] => {
  const r = extract({ id: 't', text });
  return r.relations.map((x) => [x.type, r.mentions[x.head]?.text ?? '?', r.mentions[x.tail]?.text ?? '?']);
};
const ofType = (text: string, type: RelationType): [RelationType, string, string][] =>
  relations(text).filter(([t]) => t === type);

describe('USED_FOR: negation and direction', () => {
  it.each([
    'Support vector machines are not suitable for machine translation.',
    'We do not use conditional random fields for named entity recognition.',
    'Logistic regression cannot be used for machine translation.',
  ])('a negated use is no relation: %s', (sentence) => {
    expect(ofType(sentence, 'USED_FOR')).toEqual([]);
  });

  it.each<[string, string, [RelationType, string, string]]>([
    [
      'we use X for Y',
      'We use support vector machines for text classification.',
      ['USED_FOR', 'support vector machines', 'text classification'],
    ],
    [
      'X is used for Y',
      'Conditional random fields are used for named entity recognition.',
      ['USED_FOR', 'Conditional random fields', 'named entity recognition'],
    ],
    [
      'Y with X',
      'We perform named entity recognition with conditional random fields.',
      ['USED_FOR', 'conditional random fields', 'named entity recognition'],
    ],
    [
      'Y using X',
      'We address machine translation using recurrent neural networks.',
      ['USED_FOR', 'recurrent neural networks', 'machine translation'],
    ],
  ])('%s: X → Y', (_label, sentence, expected) => {
    expect(ofType(sentence, 'USED_FOR')).toEqual([expected]);
  });

  it.each<[string, [RelationType, string, string]]>([
    [
      'It both extracts and exploits these vectors using the attention mechanism in the Transformer architecture.',
      ['USED_FOR', 'Transformer architecture', 'attention mechanism'],
    ],
    [
      'We confirm that SMT systems are highly tolerant to noise, and that performance only degrades seriously at very high noise levels.',
      ['USED_FOR', 'SMT systems', 'noise'],
    ],
    [
      'While statistical MT methods have been replaced by neural approaches with superior performance, the GIZA++ toolkit remains a key component.',
      ['USED_FOR', 'neural approaches', 'statistical MT methods'],
    ],
  ])('no use read backwards or from another verb (ACL): %s', (sentence, wrong) => {
    expect(relations(sentence)).not.toContainEqual(wrong);
  });

  it('the learnt pairs need a use cue: "X learn features of Y" is no use (ACL)', () => {
    expect(
      ofType(
        'Despite their performance, it is unclear whether LSTMs learn structural features of natural languages.',
        'USED_FOR',
      ),
    ).toEqual([]);
  });
});

describe('EVALUATED_ON only with an evaluation cue', () => {
  it.each<[string, string, [RelationType, string, string]]>([
    ['evaluate X on Y', 'We evaluate BERT on SQuAD.', ['EVALUATED_ON', 'BERT', 'SQuAD']],
    ['test X on Y', 'We test the CRF tagger on the Penn Treebank.', ['EVALUATED_ON', 'CRF tagger', 'Penn Treebank']],
    ['results on', 'BERT achieves state-of-the-art results on SQuAD.', ['EVALUATED_ON', 'BERT', 'SQuAD']],
    [
      'outperforms … on',
      'Our parser outperforms the baseline on the Penn Treebank.',
      ['EVALUATED_ON', 'parser', 'Penn Treebank'],
    ],
    [
      'metric of method',
      'The proposed model improves the BLEU score of the NMT system.',
      ['EVALUATED_ON', 'NMT system', 'BLEU score'],
    ],
  ])('%s', (_label, sentence, expected) => {
    expect(relations(sentence)).toContainEqual(expected);
  });

  it.each([
    'We train BERT on SQuAD.',
    'We fine-tune BERT on SQuAD and report results.',
    'Word embedding models are trained on Wikipedia.',
    'The parser is built on the Penn Treebank.',
  ])('never training or building on: %s', (sentence) => {
    expect(ofType(sentence, 'EVALUATED_ON')).toEqual([]);
  });

  it('a metric naming a quality, not a measure, is no end', () => {
    expect(ofType('Hence the robustness of parsing models can be improved.', 'EVALUATED_ON')).toEqual([]);
  });
});

describe('task ↔ dataset and task ↔ metric (EVALUATED_ON: the task evaluated on the dataset, measured with the metric)', () => {
  it.each<[string, string, [RelationType, string, string]]>([
    [
      'a benchmark for',
      'We introduce SQuAD, a new benchmark for question answering.',
      ['EVALUATED_ON', 'question answering', 'SQuAD'],
    ],
    [
      'dataset for',
      'CoNLL-2003 is a dataset for named entity recognition.',
      ['EVALUATED_ON', 'named entity recognition', 'CoNLL-2003'],
    ],
    [
      'the X task on Y',
      'We report results on the named entity recognition task on CoNLL-2003.',
      ['EVALUATED_ON', 'named entity recognition task', 'CoNLL-2003'],
    ],
    [
      'accuracy on D for T',
      'Our method yields the best accuracy on CoNLL-2003 for named entity recognition.',
      ['EVALUATED_ON', 'named entity recognition', 'CoNLL-2003'],
    ],
    [
      'in terms of',
      'Summarization systems are evaluated in terms of ROUGE.',
      ['EVALUATED_ON', 'Summarization systems', 'ROUGE'],
    ],
    [
      'measured by',
      'Machine translation systems are measured by BLEU.',
      ['EVALUATED_ON', 'Machine translation systems', 'BLEU'],
    ],
    [
      'X score on task',
      'We report the F1 score on named entity recognition.',
      ['EVALUATED_ON', 'named entity recognition', 'F1 score'],
    ],
  ])('%s', (_label, sentence, expected) => {
    expect(relations(sentence)).toContainEqual(expected);
  });
});

describe('lists: each member is its own end', () => {
  it('a method evaluated on three datasets', () => {
    expect(ofType('We evaluate BERT on SQuAD, CoQA and QuAC.', 'EVALUATED_ON')).toEqual([
      ['EVALUATED_ON', 'BERT', 'SQuAD'],
      ['EVALUATED_ON', 'BERT', 'CoQA'],
      ['EVALUATED_ON', 'BERT', 'QuAC'],
    ]);
  });

  it('a method used for three tasks', () => {
    expect(
      ofType('We use BERT for question answering, named entity recognition and sentiment analysis.', 'USED_FOR'),
    ).toEqual([
      ['USED_FOR', 'BERT', 'question answering'],
      ['USED_FOR', 'BERT', 'named entity recognition'],
      ['USED_FOR', 'BERT', 'sentiment analysis'],
    ]);
  });
});
