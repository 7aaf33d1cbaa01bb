// Where extraction runs: the embedded default when no Redis answers, the queue when one does, a clear failure when an explicit URL is dead.
import { describe, expect, it } from 'vitest';
import { chooseMode } from '../../workers/mode.js';
import { requireRedis, TEST_REDIS_URL } from '../utils/redis.js';

const DEAD = 'redis://127.0.0.1:1';

describe('chooseMode', () => {
  it('falls back to in-process when nothing answers at the default URL, and says why', async () => {
    await expect(chooseMode({ defaultUrl: DEAD })).resolves.toEqual({ mode: 'inline', reason: `no Redis at ${DEAD}` });
  });

  it('uses the queue when the default answers, with the server version', async () => {
    await requireRedis();
    const mode = await chooseMode({ defaultUrl: TEST_REDIS_URL });
    expect(mode).toMatchObject({ mode: 'queue', url: TEST_REDIS_URL });
    if (mode.mode === 'queue') expect(mode.info.version).toMatch(/^\d+\./);
  });

  it('fails (ServiceError) when --redis or REDIS_URL names a Redis that does not answer', async () => {
    await expect(chooseMode({ redis: DEAD, defaultUrl: TEST_REDIS_URL })).rejects.toMatchObject({
      name: 'ServiceError',
      code: 'KG_REDIS_UNREACHABLE',
    });
    await expect(chooseMode({ envUrl: DEAD, defaultUrl: TEST_REDIS_URL })).rejects.toMatchObject({
      name: 'ServiceError',
      code: 'KG_REDIS_UNREACHABLE',
    });
  });

  it('runs in-process with --inline, and refuses --inline with --redis (UsageError)', async () => {
    await expect(chooseMode({ inline: true })).resolves.toMatchObject({ mode: 'inline' });
    await expect(chooseMode({ inline: true, redis: TEST_REDIS_URL })).rejects.toMatchObject({ name: 'UsageError' });
  });
});
