/**
 * The outbox: jobs recorded in the same transaction as the change that needs them.
 * See OutboxTable in schema.ts for why.
 */
import type { Executor } from './database.js';
import type { NewOutboxRow, OutboxRow } from './schema.js';

export async function addToOutbox(db: Executor, row: NewOutboxRow): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

/** Marks a job's work as done; the reconciler leaves it alone from then on. False if it was done already (or is not recorded). */
export async function markOutboxDone(db: Executor, jobId: string, now: number): Promise<boolean> {
  const result = await db.updateTable('outbox').set({ done_at: now }).where('job_id', '=', jobId).where('done_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Jobs for `queues` whose work is not done although they were due before `dueBefore`.
 * Send jobs are left out: a message still to go is its own record now (see
 * listUnsentOutbound), and rows a worker of an earlier release wrote for them are
 * retired by retireSendOutboxRows.
 */
export async function listOverdueOutbox(db: Executor, dueBefore: number, limit: number, queues: readonly string[]): Promise<OutboxRow[]> {
  if (queues.length === 0) return [];
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('done_at', 'is', null)
    .where('job_name', '!=', 'send')
    .where('run_at', '<', dueBefore)
    .where('queue', 'in', queues)
    .orderBy('run_at')
    .limit(limit)
    .execute();
}

/**
 * Marks done the send jobs' outbox rows that a worker of an earlier release wrote beside
 * its messages (during a rolling deploy): the messages themselves say what is left to send.
 */
export async function retireSendOutboxRows(db: Executor, now: number): Promise<number> {
  const result = await db.updateTable('outbox').set({ done_at: now }).where('done_at', 'is', null).where('job_name', '=', 'send').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many jobs were ever recorded whose id begins with `prefix` (as check-in rounds `followup-<match>-`). */
export async function countOutboxJobs(db: Executor, prefix: string): Promise<number> {
  return (await db.selectFrom('outbox').select('id').where('job_id', 'like', `${prefix}%`).execute()).length;
}
