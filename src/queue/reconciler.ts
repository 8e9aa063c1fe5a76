/**
 * The reconciler: the database is the record, Redis is not. Every so often it looks
 * for work the database says is due but not done (inbound messages still pending,
 * outbox jobs not marked done) and queues it again. Job ids make this harmless when
 * the job is in fact still in Redis.
 */
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import type { Store } from '../store/database.js';
import { listStalePendingInbound } from '../store/messages.repository.js';
import { listOverdueOutbox } from '../store/outbox.repository.js';
import type { Queues } from './queues.js';

export interface ReconcileResult {
  inbound: number;
  outbox: number;
}

/** How long work may sit before the reconciler queues it again (at most). */
export const RECONCILE_GRACE_MS = 10_000;
const BATCH = 500;

export async function reconcile(deps: { store: Store; queues: Queues; clock: Clock; log: Logger }, graceMs = RECONCILE_GRACE_MS): Promise<ReconcileResult> {
  await deps.queues.limitPartitions();
  const before = deps.clock.now() - graceMs;
  let failed = 0;
  const inbound = await listStalePendingInbound(deps.store.db, before, BATCH);
  for (const m of inbound) {
    await deps.queues.enqueueInbound(m.identity_id, m.id).catch((error: unknown) => {
      failed++;
      deps.log.warn({ err: error, messageId: m.id }, 'reconciler could not queue an inbound message');
    });
  }
  // Only queues this process has: work for a channel switched off waits for it.
  const overdue = await listOverdueOutbox(deps.store.db, before, BATCH, deps.queues.names);
  for (const row of overdue) {
    try {
      await deps.queues.enqueue({ queue: row.queue, name: row.job_name, jobId: row.job_id, data: JSON.parse(row.data) as unknown, runAt: row.run_at });
    } catch (error) {
      failed++;
      deps.log.warn({ err: error, jobId: row.job_id }, 'reconciler could not queue a job');
    }
  }
  if (inbound.length + overdue.length > 0) deps.log.info({ inbound: inbound.length, outbox: overdue.length, failed }, 'reconciler queued work again');
  return { inbound: inbound.length, outbox: overdue.length };
}
