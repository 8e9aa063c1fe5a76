/**
 * How `npm start` and `npm test` find Redis: the configured URL, else a local one,
 * else a private redis-server they start and stop, else one clear line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { NO_REDIS_MESSAGE, redisAnswers, RedisUnavailableError, resolveRedis } from '../../src/queue/local-redis.js';

const dir = mkdtempSync(join(tmpdir(), 'valued-local-redis-'));
const nobodyListens = { host: '127.0.0.1', port: 1 }; // port 1: nothing answers there
const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveRedis', () => {
  it('uses REDIS_URL when it is set, starting nothing', async () => {
    const redis = await resolveRedis('redis://example.invalid:6379', dir, nobodyListens);
    expect(redis).toMatchObject({ url: 'redis://example.invalid:6379', private: false });
  });

  it('starts a private redis-server on loopback when none answers, and stops it', async () => {
    const redis = await resolveRedis(undefined, dir, nobodyListens);
    try {
      expect(redis.private).toBe(true);
      const port = Number(new URL(redis.url).port);
      expect(new URL(redis.url).hostname).toBe('127.0.0.1');
      expect(await redisAnswers('127.0.0.1', port)).toBe(true);
      await redis.stop();
      expect(await redisAnswers('127.0.0.1', port)).toBe(false);
    } finally {
      await redis.stop();
    }
  });

  it('uses a Redis already answering on the probe address', async () => {
    const started = await resolveRedis(undefined, dir, nobodyListens);
    try {
      const port = Number(new URL(started.url).port);
      const found = await resolveRedis(undefined, dir, { host: '127.0.0.1', port });
      expect(found).toMatchObject({ url: `redis://127.0.0.1:${port}`, private: false });
    } finally {
      await started.stop();
    }
  });

  it('with no Redis anywhere, fails with one line saying how to get one', async () => {
    process.env.PATH = '/nonexistent';
    const error = await resolveRedis(undefined, dir, nobodyListens).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toBe(NO_REDIS_MESSAGE);
    expect(NO_REDIS_MESSAGE).not.toContain('\n');
    expect(NO_REDIS_MESSAGE).toMatch(/apt install redis-server.*REDIS_URL/);
  });
});
