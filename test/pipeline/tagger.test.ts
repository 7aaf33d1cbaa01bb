import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../pipeline/extract/extract.js';
import { Emissions, sequenceFeatures } from '../../pipeline/extract/tagger/features.js';
import { defaultTagger } from '../../pipeline/extract/tagger/model-file.js';
import { LABELS } from '../../pipeline/extract/tagger/perceptron.js';
import { ROOT, seedPapers } from '../utils/papers.js';

describe('the tagger', () => {
  it('sums the same weights through its caches as the feature strings training reads', () => {
    const tagger = defaultTagger();
    const emissions = new Emissions(LABELS.length, tagger.lookup, tagger.featureNames());
    for (const paper of seedPapers().slice(0, 40)) {
      const { ctx, ruleMentions } = analyse(`${paper.title}\n${paper.abstract}`);
      const fast = emissions.compute(ctx, ruleMentions);
      const slow = sequenceFeatures(ctx, ruleMentions).map((feats) => {
        const s = new Float64Array(LABELS.length);
        for (const f of feats) tagger.lookup(f, s);
        return s;
      });
      expect(fast.length).toBe(slow.length);
      fast.forEach((v, i) => v.forEach((x, l) => expect(x).toBeCloseTo(slow[i]![l]!, 6)));
    }
  });

  it('npm run train reproduces the shipped weights byte for byte', () => {
    const data = process.env.KG_EVAL_DATA ?? path.resolve(ROOT, '..', 'shared', 'eval-data');
    const out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'pipeline', 'train', 'index.js'), '--check', '--data', data], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toContain('identical to a fresh training run');
  }, 180_000);
});
