/**
 * The timers that run on a schedule (the reconciler, retention) and the inbound
 * partitions' one-at-a-time limit live in Redis, so they are lost with it when Redis
 * restarts without persistence: each worker process puts them back now and then.
 */
import type { Logger } from '../platform/log.js';
import { QUEUE_NAMES, type Queues } from '../queue/queues.js';

/** How often old message bodies are looked for. */
export const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;

/** Applies the schedules and limits now and every `2 × reconcileEveryMs`; returns a stop. */
export async function keepSchedules(queues: Queues, reconcileEveryMs: number, log: Logger): Promise<() => void> {
  const apply = async () => {
    await queues.queue(QUEUE_NAMES.timers).upsertJobScheduler('reconcile', { every: reconcileEveryMs }, { name: 'reconcile' });
    await queues.queue(QUEUE_NAMES.timers).upsertJobScheduler('retention', { every: RETENTION_EVERY_MS }, { name: 'retention' });
    await queues.limitPartitions();
  };
  await apply();
  const watchdog = setInterval(() => void apply().catch((error: unknown) => log.debug({ err: error }, 'watchdog could not reach Redis')), 2 * reconcileEveryMs);
  watchdog.unref();
  return () => clearInterval(watchdog);
}
