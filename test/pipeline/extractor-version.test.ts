// Caches of extraction results key on EXTRACTOR_VERSION (workers/job.ts: a result in Redis is reused while the
// paper's text and the version match), so output that changes under an unchanged version would hand users stale
// mentions after an upgrade. This test pins a digest of the extractor's output on fixed inputs to the version.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, createExtractor, loadModels } from '../../pipeline/extract/index.js';
import { seedAbstracts } from '../fixtures/extract/abstracts.js';

const FIXTURE = new URL('../fixtures/extract/fingerprint.json', import.meta.url);
const models = loadModels();
const { extract } = createExtractor({ models });
const journal = createExtractor({ models, domain: 'journal' });

/** Output on 40 seed abstracts as papers (title line + abstract, both taggers' routes by the router) and 10 through the journal tagger. */
function outputDigest(): string {
  const hash = createHash('sha256');
  const abstracts = seedAbstracts(50);
  abstracts.slice(0, 40).forEach((abstract, i) => {
    const title = abstract.split(/(?<=\.) /)[0] ?? '';
    hash.update(JSON.stringify(extract({ id: `s${i}`, title, abstract })));
  });
  for (const text of abstracts.slice(40)) hash.update(JSON.stringify(journal.extract({ id: 'j', text })));
  return hash.digest('hex');
}

describe('EXTRACTOR_VERSION', () => {
  it('changes whenever the extractor output does (update with KG_UPDATE_FINGERPRINT=1 after bumping it)', () => {
    const actual = { version: EXTRACTOR_VERSION, sha256: outputDigest() };
    if (process.env.KG_UPDATE_FINGERPRINT === '1') writeFileSync(FIXTURE, `${JSON.stringify(actual, null, 2)}\n`);
    const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as typeof actual;
    if (actual.sha256 !== pinned.sha256 && actual.version === pinned.version) {
      expect.fail(
        `the extractor's output changed but EXTRACTOR_VERSION is still ${pinned.version}: bump it in pipeline/extract/extract.ts (cached results in Redis key on it), then run KG_UPDATE_FINGERPRINT=1 npx vitest run test/pipeline/extractor-version.test.ts`,
      );
    }
    expect(
      actual,
      'EXTRACTOR_VERSION changed: run KG_UPDATE_FINGERPRINT=1 npx vitest run test/pipeline/extractor-version.test.ts',
    ).toEqual(pinned);
  });
});
