/**
 * The reconciler: the database is the record, Redis is not. Every so often it looks
 * for work the database says is due but not done (inbound messages still pending,
 * outbox jobs not marked done, outbound messages still to send) and queues it again. Job ids make this harmless when
 * the job is in fact still in Redis.
 */
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import type { Store } from '../store/database.js';
import { listStalePendingInbound, listUnsentOutbound } from '../store/messages.repository.js';
import { CHANNELS, type ChannelName } from '../domain/channels.js';
import { sendJob } from './jobs.js';
import { listOverdueOutbox, retireSendOutboxRows } from '../store/outbox.repository.js';
import { QUEUE_NAMES, type Queues } from './queues.js';

export interface ReconcileResult {
  inbound: number;
  /** Jobs queued again from the database's record: outbox rows, and messages still to send. */
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
  // Messages still to go are their own record of the send they need (and outbox rows
  // an earlier release wrote for sends, during a rolling deploy, are done with).
  await retireSendOutboxRows(deps.store.db, deps.clock.now());
  const channels = CHANNELS.filter((c) => deps.queues.names.includes(QUEUE_NAMES.send(c)));
  const unsent = await listUnsentOutbound(deps.store.db, before, BATCH, channels);
  for (const m of unsent) {
    const job = sendJob(m.channel as ChannelName, m.id, deps.clock.now(), m.inbound_id !== null);
    await deps.queues.enqueue(job).catch((error: unknown) => {
      failed++;
      deps.log.warn({ err: error, outboundId: m.id }, 'reconciler could not queue a send');
    });
  }
  const outbox = overdue.length + unsent.length;
  if (inbound.length + outbox > 0) deps.log.info({ inbound: inbound.length, outbox, failed }, 'reconciler queued work again');
  return { inbound: inbound.length, outbox };
}
