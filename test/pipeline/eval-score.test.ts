import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, score, type ScoredDoc, type Span } from '../../pipeline/eval/score.js';

const labels = ['Method', 'Task', 'Generic'];
const opts = { labels, genericLabel: 'Generic', relationLabel: 'USED-FOR' };
/** One gold mention of each label: the hand-made cases below predict against it. */
const GOLD: Span[] = [
  { start: 0, end: 5, type: 'Method' },
  { start: 10, end: 20, type: 'Task' },
  { start: 30, end: 34, type: 'Generic' },
];

describe('the kg eval scorer', () => {
  it('counts an exact span with the right type, and nothing else, as correct', () => {
    const docs: ScoredDoc[] = [
      {
        gold: GOLD,
        predicted: [
          { start: 0, end: 5, type: 'Method' }, // exact
          { start: 10, end: 19, type: 'Task' }, // off by one
          { start: 30, end: 34, type: 'Method' }, // wrong type
        ],
      },
    ];
    const s = score(docs, opts);
    expect(s.strict).toMatchObject({ gold: 3, predicted: 3, correct: 1 });
    expect(s.strict.precision).toBeCloseTo(1 / 3);
    expect(s.strict.recall).toBeCloseTo(1 / 3);
    expect(s.strict.f1).toBeCloseTo(1 / 3);
    expect(s.byType.Method).toMatchObject({ gold: 1, predicted: 2, correct: 1 });
    expect(s.byType.Task).toMatchObject({ gold: 1, predicted: 1, correct: 0, f1: 0 });
    // Overlap: the off-by-one Task overlaps its gold span; the wrong-type Method overlaps no gold Method.
    expect(s.overlapByType.Task).toMatchObject({ correct: 1, found: 1, f1: 1 });
    expect(s.overlapByType.Method!.precision).toBeCloseTo(0.5);
    expect(s.overlapByType.Method!.recall).toBe(1);
    // Untyped leaves Generic out of gold, and the prediction at 30–34 is typed Method so it stays (and is wrong).
    expect(s.untyped).toMatchObject({ gold: 2, predicted: 3, correct: 1 });
  });

  it('scores relations on exact head and tail spans and the label, in direction', () => {
    const docs: ScoredDoc[] = [
      {
        gold: [],
        predicted: [],
        goldRelations: [
          { head: [0, 5], tail: [10, 20], type: 'USED-FOR' },
          { head: [0, 5], tail: [30, 34], type: 'CONJUNCTION' },
        ],
        predictedRelations: [
          { head: [0, 5], tail: [10, 20], type: 'USED-FOR' },
          { head: [10, 20], tail: [0, 5], type: 'USED-FOR' }, // reversed
          { head: [0, 4], tail: [10, 20], type: 'USED-FOR' }, // head off by one
        ],
      },
    ];
    const s = score(docs, opts);
    expect(s.relation).toMatchObject({ gold: 1, predicted: 3, correct: 1 });
    expect(s.relation!.f1).toBeCloseTo(0.5);
  });

  it('scores the relations between named mentions apart: a generic end, gold or predicted, leaves a pair out', () => {
    const docs: ScoredDoc[] = [
      {
        gold: GOLD,
        predicted: [
          { start: 0, end: 5, type: 'Method' },
          { start: 10, end: 20, type: 'Task' },
          { start: 30, end: 34, type: 'Method' }, // gold Generic, typed Method
          { start: 40, end: 44, type: 'Generic' },
        ],
        goldRelations: [
          { head: [0, 5], tail: [10, 20], type: 'USED-FOR' },
          { head: [30, 34], tail: [10, 20], type: 'USED-FOR' }, // generic head: not named
        ],
        predictedRelations: [
          { head: [0, 5], tail: [10, 20], type: 'USED-FOR' }, // right
          { head: [30, 34], tail: [10, 20], type: 'USED-FOR' }, // named as predicted, generic in gold: wrong
          { head: [40, 44], tail: [10, 20], type: 'USED-FOR' }, // predicted generic end: left out
        ],
      },
    ];
    const s = score(docs, opts);
    expect(s.relation).toMatchObject({ gold: 2, predicted: 3, correct: 2 });
    expect(s.relationNamed).toMatchObject({ gold: 1, predicted: 2, correct: 1 });
    expect(s.relationNamed!.f1).toBeCloseTo(2 / 3);
    expect(score(docs, { labels, relationLabel: 'USED-FOR' }).relationNamed).toBeUndefined();
    const ci = bootstrapIntervals(docs, opts, { samples: 50 });
    expect(ci.relationNamed).toEqual({ low: 2 / 3, high: 2 / 3 });
  });

  it('scores all relation labels together and each: spans and label exact, order free only for the symmetric ones', () => {
    const doc: ScoredDoc = {
      gold: GOLD,
      predicted: GOLD,
      goldRelations: [
        { head: [0, 5], tail: [10, 20], type: 'USED-FOR' },
        { head: [0, 5], tail: [30, 34], type: 'COMPARE' },
        { head: [30, 34], tail: [0, 5], type: 'EVALUATE-FOR' },
      ],
      predictedRelations: [
        { head: [0, 5], tail: [10, 20], type: 'USED-FOR' }, // right
        { head: [30, 34], tail: [0, 5], type: 'COMPARE' }, // right: COMPARE has no direction
        { head: [0, 5], tail: [30, 34], type: 'EVALUATE-FOR' }, // reversed: wrong
        { head: [0, 5], tail: [10, 20], type: 'CONJUNCTION' }, // wrong label
      ],
    };
    const s = score([doc], {
      ...opts,
      relationLabels: ['USED-FOR', 'COMPARE', 'CONJUNCTION', 'EVALUATE-FOR', 'FEATURE-OF'],
      symmetricRelations: ['COMPARE', 'CONJUNCTION'],
    });
    expect(s.relations).toMatchObject({ gold: 3, predicted: 4, correct: 2 });
    expect(s.relationByType!['COMPARE']).toMatchObject({ gold: 1, predicted: 1, correct: 1 });
    expect(s.relationByType!['EVALUATE-FOR']).toMatchObject({ gold: 1, predicted: 1, correct: 0 });
    expect(s.relationByType!['CONJUNCTION']).toMatchObject({ gold: 0, predicted: 1, correct: 0 });
    expect(s.relationByType!['FEATURE-OF']).toMatchObject({ gold: 0, predicted: 0, f1: 0 });
    expect(score([doc], opts).relations).toBeUndefined();
  });

  it('counts a span listed twice once, and gives zeros rather than NaN on empty input', () => {
    const twice: ScoredDoc = {
      gold: [{ start: 0, end: 3, type: 'Task' }],
      predicted: [
        { start: 0, end: 3, type: 'Task' },
        { start: 0, end: 3, type: 'Task' },
      ],
    };
    expect(score([twice], opts).strict).toMatchObject({ predicted: 1, correct: 1, f1: 1 });
    const empty = score([{ gold: [], predicted: [] }], opts);
    expect(empty.strict).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('bootstrap intervals of the scores', () => {
  const right: ScoredDoc = {
    gold: [{ start: 0, end: 5, type: 'Task' }],
    predicted: [{ start: 0, end: 5, type: 'Task' }],
  };
  const wrong: ScoredDoc = {
    gold: [{ start: 0, end: 5, type: 'Task' }],
    predicted: [{ start: 0, end: 4, type: 'Task' }],
  };

  it('collapses to the score when every document scores the same', () => {
    const ci = bootstrapIntervals([right, right, right], opts, { samples: 200 });
    expect(ci.strict).toEqual({ low: 1, high: 1 });
    expect(ci.byType.Task).toEqual({ low: 1, high: 1 });
    // No Method anywhere: 0, not NaN.
    expect(ci.byType.Method).toEqual({ low: 0, high: 0 });
  });

  it('spans what resampling can give: one right and one wrong document reach from 0 to 1', () => {
    // Draws of two documents: both wrong (F1 0) a quarter of the time, both right (1) a quarter, else 0.5.
    const ci = bootstrapIntervals([right, wrong], opts, { samples: 1000, seed: 3 });
    expect(ci).toMatchObject({ level: 0.95, samples: 1000, strict: { low: 0, high: 1 } });
    const narrow = bootstrapIntervals([right, wrong], opts, { samples: 1000, level: 0.4, seed: 3 });
    expect(narrow.strict).toEqual({ low: 0.5, high: 0.5 });
  });

  it('holds the point estimate, narrows as documents are added, and repeats for the same seed', () => {
    const docs = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? wrong : right));
    const point = score(docs, opts).strict.f1;
    const ci = bootstrapIntervals(docs, opts, { seed: 7 });
    expect(ci.strict.low).toBeLessThan(point);
    expect(ci.strict.high).toBeGreaterThan(point);
    expect(bootstrapIntervals(docs, opts, { seed: 7 })).toEqual(ci);
    const more = bootstrapIntervals([...docs, ...docs, ...docs, ...docs], opts, { seed: 7 });
    expect(more.strict.high - more.strict.low).toBeLessThan(ci.strict.high - ci.strict.low);
    expect(ci.relation).toBeDefined();
    expect(bootstrapIntervals(docs, { labels }).relation).toBeUndefined();
  });
});
