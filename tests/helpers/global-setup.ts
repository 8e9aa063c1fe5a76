/**
 * Finds Redis for the whole test run the way `npm start` does: REDIS_URL, else a
 * Redis on 127.0.0.1:6379, else a private redis-server from PATH. Without any, the
 * run fails with one clear line; it never skips silently.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveRedis } from '../../src/queue/local-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-redis-')));
  project.provide('redisUrl', redis.url);
  project.provide('postgresUrl', process.env.TEST_POSTGRES_URL ?? '');
  if (!process.env.TEST_POSTGRES_URL) {
    console.warn('\n  PostgreSQL tests are SKIPPED: set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them (.ci/run does).\n');
  }
  return async () => {
    await redis.stop();
  };
}
