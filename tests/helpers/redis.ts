/** Redis helpers for tests and the benchmark (no test-runner imports, so bench/ can use them). */
import { Redis } from 'ioredis';

/** Removes every Redis key under a queue prefix, so a test or a benchmark run leaves nothing behind. */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
