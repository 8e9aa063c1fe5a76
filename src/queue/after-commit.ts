/**
 * The one way work leaves a transaction for the queues: a job is recorded in the
 * outbox in the same transaction as the change that needs it, and queued only after
 * that transaction commits. If the queue refuses then, the outbox row keeps the job
 * and the reconciler queues it; nothing is lost and nothing runs before its data exists.
 */
import type { Ids } from '../platform/ids.js';
import type { Logger } from '../platform/log.js';
import { transact, type Executor, type Store } from '../store/database.js';
import { addToOutbox } from '../store/outbox.repository.js';
import type { JobRequest } from './queues.js';

/** A transaction's jobs: recorded with it, queued after it. */
export interface Outgoing {
  trx: Executor;
  ids: Ids;
  now: number;
  jobs: JobRequest[];
}

/** Records `job` in the outbox within this transaction, and notes it for queueing after commit. */
export async function queueAfterCommit(out: Outgoing, job: JobRequest): Promise<void> {
  await addToOutbox(out.trx, {
    id: out.ids.next(),
    queue: job.queue,
    job_name: job.name,
    job_id: job.jobId,
    data: JSON.stringify(job.data),
    run_at: job.runAt,
    created_at: out.now,
    done_at: null,
  });
  out.jobs.push(job);
}

/** Queues jobs whose transaction has committed; one the queue refuses is left to the reconciler. */
export async function enqueueCommitted(jobs: readonly JobRequest[], enqueue: (job: JobRequest) => Promise<void>, log: Logger): Promise<void> {
  for (const job of jobs) await enqueue(job).catch((error: unknown) => log.warn({ err: error, jobId: job.jobId }, 'job left for the reconciler'));
}

/**
 * Runs `work` in a transaction with a place for its jobs, then queues them. Returns
 * what `work` returned.
 */
export async function commitThenEnqueue<T>(
  deps: { store: Store; ids: Ids; log: Logger; enqueue: (job: JobRequest) => Promise<void> },
  now: number,
  work: (out: Outgoing) => Promise<T>,
): Promise<T> {
  const { result, jobs } = await transact(deps.store, async (trx) => {
    const out: Outgoing = { trx, ids: deps.ids, now, jobs: [] };
    return { result: await work(out), jobs: out.jobs };
  });
  await enqueueCommitted(jobs, deps.enqueue, deps.log);
  return result;
}
