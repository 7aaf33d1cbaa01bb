// Relations between mentions of one sentence: USED_FOR patterns from the brief, then HYPONYM_OF, COMPARE, EVALUATED_ON.
import { describe, expect, it } from 'vitest';
import { createExtractor, loadModels } from '../../pipeline/extract/index.js';
import { placeMentions } from '../../pipeline/extract/extract.js';
import { PATTERN_RULES, findRelations } from '../../pipeline/extract/relations/index.js';
import type { RelationType } from '../../pipeline/core/types.js';

const { extract, analyse } = createExtractor({ models: loadModels() });

const relations = (text: string): [RelationType, string, string][] => {
  const r = extract({ id: 't', text });
  return r.relations.map((x) => [x.type, r.mentions[x.head]?.text ?? '?', r.mentions[x.tail]?.text ?? '?']);
};

describe('relations', () => {
  it.each<[string, string, [RelationType, string, string]]>([
    [
      'brief: X for Y',
      'We use support vector machines for text classification.',
      ['USED_FOR', 'support vector machines', 'text classification'],
    ],
    [
      'brief: apply X to Y',
      'We apply conditional random fields to named entity recognition.',
      ['USED_FOR', 'conditional random fields', 'named entity recognition'],
    ],
    [
      'brief: X to <verb> Y',
      'We train a convolutional neural network to perform image classification.',
      ['USED_FOR', 'convolutional neural network', 'image classification'],
    ],
    [
      'brief: Y using X',
      'We address machine translation using recurrent neural networks.',
      ['USED_FOR', 'recurrent neural networks', 'machine translation'],
    ],
    [
      'brief: Y based on X',
      'We present question answering based on knowledge graphs.',
      ['USED_FOR', 'knowledge graphs', 'question answering'],
    ],
    ['brief: X-based Y', 'We apply CNN-based segmentation to medical images.', ['USED_FOR', 'CNN', 'segmentation']],
    [
      'SciERC train, paraphrased: Y for Z',
      'The method learns the intrinsic object structure for robust visual tracking.',
      ['USED_FOR', 'intrinsic object structure', 'robust visual tracking'],
    ],
    [
      'Y from X (X is used for Y)',
      'We build a sentiment lexicon from Twitter data.',
      ['USED_FOR', 'Twitter data', 'sentiment lexicon'],
    ],
    [
      'Y such as X',
      'We compare Transformers with recurrent neural networks such as LSTMs and GRUs.',
      ['HYPONYM_OF', 'LSTMs', 'recurrent neural networks'],
    ],
    [
      'compared to',
      'The Transformer compared to recurrent neural networks trains faster.',
      ['COMPARE', 'Transformer', 'recurrent neural networks'],
    ],
    ['method on dataset', 'We evaluate BERT on SQuAD.', ['EVALUATED_ON', 'BERT', 'SQuAD']],
    ['metric of method', 'We report the accuracy of BERT.', ['EVALUATED_ON', 'BERT', 'accuracy']],
  ])('%s', (_label, sentence, expected) => {
    expect(relations(sentence)).toContainEqual(expected);
  });

  it('no relation across sentences; a generic mention only at one end of a learnt USED_FOR', () => {
    expect(relations('We use support vector machines. For text classification, it is enough.')).toEqual([]);
    // SciERC annotates "method" here (its generic mentions leave the determiner out) as used for the task.
    const text = 'We use this method for text classification.';
    const r = extract({ id: 't', text });
    expect(r.mentions.map((m) => [m.text, m.type])).toEqual([
      ['method', 'generic'],
      ['text classification', 'task'],
    ]);
    expect(relations(text)).toEqual([['USED_FOR', 'method', 'text classification']]);
    // Two generic mentions are never linked, and no pattern reads a generic mention.
    expect(relations('The approach is used for this task.')).toEqual([]);
    const { ctx } = analyse(text);
    expect(findRelations(placeMentions(r.mentions, ctx), ctx, PATTERN_RULES)).toEqual([]);
  });
});
