/**
 * The reference: bare BullMQ on the same Redis, no-op jobs added and processed at
 * once, with the concurrency valued's inbound workers have. What the pipeline is
 * judged against.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { now } from './lib.js';

export async function queueLimit(redisUrl: string, options: { jobs: number; concurrency: number }): Promise<number> {
  const prefix = `bench${Date.now().toString(36)}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((r) => (finished = r));
  const worker = new Worker(
    'noop',
    () => {
      if (++done === options.jobs) finished();
      return Promise.resolve();
    },
    { connection, prefix, concurrency: options.concurrency },
  );
  await worker.waitUntilReady();
  const start = now();
  // Added one by one by 50 producers at once, as webhooks would.
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < options.jobs) {
        const i = next++;
        await queue.add('noop', { i }, { removeOnComplete: true, jobId: `n-${i}` });
      }
    }),
  );
  await all;
  const seconds = (now() - start) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return options.jobs / seconds;
}
