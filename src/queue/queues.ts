/**
 * The queues (BullMQ on Redis). Payloads carry ids only; job ids make adding twice
 * harmless. Inbound work is split into partitions by person, each processed one job
 * at a time across all workers (BullMQ global concurrency 1): two messages from one
 * person can never be handled at once, on any number of worker processes.
 */
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChannelName } from '../domain/channels.js';

export const QUEUE_NAMES = {
  inbound: (partition: number) => `inbound-${partition}`,
  send: (channel: ChannelName) => `send-${channel}`,
  matching: 'matching',
  timers: 'timers',
} as const;

/** A job that must be queued: an outbox row, in queue terms. */
export interface JobRequest {
  queue: string;
  name: string;
  jobId: string;
  data: unknown;
  /** Epoch ms when it should run; later than now makes it a delayed job. */
  runAt: number;
  /** BullMQ priority, lower first (see SEND_PRIORITY); the queue's default when absent. */
  priority?: number;
}

export interface Queues {
  readonly prefix: string;
  readonly partitions: number;
  readonly names: string[];
  enqueueInbound(identityId: string, messageId: string): Promise<void>;
  enqueue(job: JobRequest): Promise<void>;
  /**
   * Brings a parked (delayed) job forward to `at` (now or earlier: at once) at
   * `priority`; a job still waiting its first run is raised to `priority` at `at`.
   * Does nothing to a job that is gone.
   */
  wake(queue: string, jobId: string, at: number, priority: number): Promise<void>;
  /** Raises a waiting or parked job to `priority` when it is lower (a larger number). */
  raise(queue: string, jobId: string, priority: number): Promise<void>;
  /** Jobs per queue and state, for metrics. */
  counts(): Promise<Record<string, Record<string, number>>>;
  ping(): Promise<boolean>;
  queue(name: string): Queue;
  /**
   * (Re)applies one-job-at-a-time to every inbound partition. Kept in Redis, so it is
   * applied again after a Redis that lost its data comes back.
   */
  limitPartitions(): Promise<void>;
  close(): Promise<void>;
}

/** FNV-1a: a stable, fast hash, so one person always lands in the same partition. */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

// Finished jobs, failed ones too, leave Redis at once. The database keeps the record
// (a message's status and error, an outbox row's done_at); a job left in Redis under
// its id would only stop the reconciler from queueing that work again.

export const INBOUND_JOB: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: true,
};

/**
 * Send jobs are prioritized (BullMQ: a lower number goes first). What a conversation
 * turn sends (the reply, and news to the other side of a match) goes before requests,
 * reminders and alerts waiting in a backlog: a person texting during a storm hears
 * back at once; a message that had to wait its
 * turn (its chat's one-a-second gap, or an earlier message to the same person) comes
 * back ahead of both rather than behind everything made since. A job the reconciler
 * queues again has the normal priority.
 */
export const SEND_PRIORITY = { waited: 1, reply: 5, normal: 10 } as const;

export const SEND_JOB: JobsOptions = {
  priority: SEND_PRIORITY.normal,
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: true,
};

export const TIMER_JOB: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** Rejects if `promise` takes longer than `ms`, so a missing Redis fails fast instead of hanging a webhook. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * How soon a connection tries Redis again after losing it: every 50 ms more, at most
 * every 2 s, so work resumes within about two seconds of Redis coming back. (ioredis 6
 * backs off to five seconds, and each of a process's connections waits its own.)
 */
export function redisRetry(times: number): number {
  return Math.min(times * 50, 2000);
}

export async function createQueues(options: {
  redisUrl: string;
  prefix: string;
  partitions: number;
  channels: readonly ChannelName[];
  now: () => number;
  timeoutMs?: number;
}): Promise<Queues> {
  const timeoutMs = options.timeoutMs ?? 3000;
  // Producers fail fast when Redis is away (BullMQ's advice): the caller keeps the
  // work in the database and answers 503 rather than hanging.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: redisRetry });
  connection.on('error', () => undefined); // reported through failed adds and /readyz
  await connection.connect();
  const queues = new Map<string, Queue>();
  const make = (name: string, defaultJobOptions: JobsOptions) => {
    const queue = new Queue(name, { connection, prefix: options.prefix, defaultJobOptions });
    queue.on('error', () => undefined);
    queues.set(name, queue);
    return queue;
  };
  const inbound = Array.from({ length: options.partitions }, (_, p) => make(QUEUE_NAMES.inbound(p), INBOUND_JOB));
  for (const channel of options.channels) make(QUEUE_NAMES.send(channel), SEND_JOB);
  make(QUEUE_NAMES.matching, TIMER_JOB);
  make(QUEUE_NAMES.timers, TIMER_JOB);
  const limitPartitions = async () => {
    await Promise.all(inbound.map((q) => q.setGlobalConcurrency(1)));
  };
  await limitPartitions();

  /** Raises timed by `wake`, cleared on close. */
  const raisers = new Set<NodeJS.Timeout>();
  const raise = async (name: string, jobId: string, priority: number) => {
    const job = await withTimeout(queue(name).getJob(jobId), timeoutMs, `finding ${jobId}`);
    if (job && (job.priority || Infinity) > priority) await job.changePriority({ priority });
  };

  const queue = (name: string) => {
    const found = queues.get(name);
    if (!found) throw new Error(`No queue named ${name}`);
    return found;
  };

  return {
    prefix: options.prefix,
    partitions: options.partitions,
    names: [...queues.keys()],
    queue,
    limitPartitions,
    async enqueueInbound(identityId, messageId) {
      const target = inbound[partitionOf(identityId, options.partitions)]!;
      await withTimeout(target.add('drain', { identityId }, { jobId: `in-${messageId}` }), timeoutMs, 'queueing an inbound message');
    },
    async enqueue(job) {
      const delay = Math.max(0, job.runAt - options.now());
      await withTimeout(
        queue(job.queue).add(job.name, job.data, { jobId: job.jobId, delay, ...(job.priority ? { priority: job.priority } : {}) }),
        timeoutMs,
        `queueing ${job.jobId}`,
      );
    },
    async wake(name, jobId, at, priority) {
      const job = await withTimeout(queue(name).getJob(jobId), timeoutMs, `finding ${jobId}`);
      if (!job) return;
      const delay = at - options.now();
      if (!(await job.isDelayed())) {
        // Waiting rather than parked (it never ran): raised when it may go. Raised before
        // its chat's gap it would only run to park, spending a send of the rate, so a
        // timer here raises it then (if this process dies first, the parked message
        // behind it hurries it again within PARKED_MS).
        if ((job.priority || Infinity) <= priority) return;
        if (delay <= 0) await job.changePriority({ priority });
        else {
          const timer = setTimeout(() => {
            raisers.delete(timer);
            void raise(name, jobId, priority).catch(() => undefined); // it ran, or is gone
          }, delay);
          raisers.add(timer);
        }
        return;
      }
      if ((job.priority || Infinity) > priority) await job.changePriority({ priority });
      // Either fails when the job left the delayed set meanwhile: then it is on its way.
      await (delay > 0 ? job.changeDelay(delay) : job.promote()).catch(() => undefined);
    },
    raise,
    async counts() {
      const out: Record<string, Record<string, number>> = {};
      for (const [name, q] of queues) out[name] = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      return out;
    },
    async ping() {
      try {
        return (await withTimeout(connection.ping(), 1000, 'Redis ping')) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      for (const timer of raisers) clearTimeout(timer);
      raisers.clear();
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}
