/**
 * The workers: one per inbound partition (one job at a time each, across every
 * process), one per channel's send queue (paced to the provider's limits), and one
 * for timers (reconciler, and later follow-ups and match waves).
 */
import { DelayedError, Worker, type Job, type Processor, type RateLimiterOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChannelName } from '../domain/channels.js';
import type { Logger } from '../platform/log.js';
import type { Metrics } from '../platform/metrics.js';
import { QUEUE_NAMES, redisRetry, SEND_PRIORITY } from './queues.js';

/**
 * "Not yet": the job goes back to waiting until `at`, without counting a failed
 * attempt. `stillWaiting`, for a job parked until something else wakes it, is asked
 * once it is parked: when it answers false the job comes back at once (what it waited
 * for happened while it was being parked, too early to wake it).
 */
export interface Later {
  later: { at: number; reason: string; stillWaiting?: () => Promise<boolean> };
}

/** "The provider asked us to slow down": the whole queue pauses `ms`, and the job goes back without counting. */
export interface SlowDown {
  slowDown: { ms: number };
}

/**
 * What a processor asks of its queue when it did not finish; nothing when it did. A
 * thrown error is a failed attempt, tried again with backoff (BullMQ's attempts);
 * UnrecoverableError ends the job.
 */
export type JobOutcome = Later | SlowDown | undefined;

export interface Processors {
  /** Handles the pending messages of one identity, in order, up to `upTo` (the job's own message) when known. */
  drain(identityId: string, upTo: string | null): Promise<JobOutcome>;
  /** Sends one outbound message. */
  send(channel: ChannelName, outboundId: string, job: Job): Promise<JobOutcome>;
  /** Runs a timer job (by name). */
  timer(job: Job): Promise<void>;
  /** Runs a matching job: a wave of requests for a need. */
  matching(job: Job): Promise<void>;
}

export interface WorkerOptions {
  redisUrl: string;
  prefix: string;
  partitions: number;
  sendConcurrency: number;
  /** Job lock time; a dead worker's jobs are noticed (stalled) within about half of it. */
  lockMs: number;
  /** Provider pacing per channel: at most `max` sends per `duration` ms. */
  limits: Partial<Record<ChannelName, RateLimiterOptions>>;
  channels: readonly ChannelName[];
  processors: Processors;
  log: Logger;
  metrics: Metrics;
}

/**
 * A provider's rate as BullMQ limiter windows of about a third of a second: the same
 * rate as a second's burst, but sent evenly enough that a provider counting with a
 * token bucket (as they do) never sees more than it allows when windows jitter.
 */
export function paced(perSecond: number): { max: number; duration: number } {
  const max = Math.max(1, Math.floor(perSecond / 3));
  return { max, duration: Math.round((1000 * max) / perSecond) };
}

export interface RunningWorkers {
  close(): Promise<void>;
}

export async function startWorkers(options: WorkerOptions): Promise<RunningWorkers> {
  // Workers wait on Redis for as long as it takes; BullMQ requires maxRetriesPerRequest null.
  // BullMQ copies these options into the blocking connections it makes.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, retryStrategy: redisRetry });
  connection.on('error', () => undefined);
  const workers: Worker[] = [];

  const timed =
    <T>(queue: string, fn: Processor<T>): Processor<T> =>
    async (job, token, signal) => {
      const end = options.metrics.jobDuration.startTimer({ queue });
      try {
        return (await fn(job, token, signal)) as unknown;
      } finally {
        end();
      }
    };

  const start = (name: string, processor: Processor, extra: { concurrency: number; limiter?: RateLimiterOptions }) => {
    const worker = new Worker(name, processor, {
      connection,
      prefix: options.prefix,
      lockDuration: options.lockMs,
      stalledInterval: Math.max(1000, Math.floor(options.lockMs / 2)),
      ...extra,
    });
    worker.on('error', (error) => options.log.error({ err: error, queue: name }, 'worker error'));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) options.log.error({ err: error, queue: name, jobId: job.id }, 'job failed for good');
    });
    workers.push(worker);
    return worker;
  };

  for (let p = 0; p < options.partitions; p++) {
    const name = QUEUE_NAMES.inbound(p);
    const drain = async (job: Job<{ identityId: string }>, token?: string) => {
      // The job is its message's own (`in-<message id>`): it handles that message and any
      // left before it, not those after, which have jobs of their own.
      const upTo = job.id?.startsWith('in-') ? job.id.slice('in-'.length) : null;
      const outcome = await options.processors.drain(job.data.identityId, upTo);
      if (outcome && 'later' in outcome) {
        // A sender being slowed down: their job waits, the partition serves others.
        await job.moveToDelayed(outcome.later.at, token);
        throw new DelayedError();
      }
    };
    start(name, timed(name, drain), { concurrency: 1 });
  }

  for (const channel of options.channels) {
    const name = QUEUE_NAMES.send(channel);
    let worker: Worker | undefined = undefined;
    const processor = timed(name, async (job: Job<{ outboundId: string }>, token?: string) => {
      const outcome = await options.processors.send(channel, job.data.outboundId, job);
      if (outcome && 'later' in outcome) {
        // Priority first: once parked, another process may wake and run it at once.
        await job.changePriority({ priority: SEND_PRIORITY.waited });
        await job.moveToDelayed(outcome.later.at, token);
        if (outcome.later.stillWaiting && !(await outcome.later.stillWaiting())) await job.promote().catch(() => undefined); // already woken
        throw new DelayedError();
      }
      if (outcome && 'slowDown' in outcome && worker) {
        // Pause this queue for as long as the provider asked; the job goes back uncounted.
        await worker.rateLimit(outcome.slowDown.ms);
        throw Worker.RateLimitError();
      }
    });
    worker = start(name, processor, { concurrency: options.sendConcurrency, limiter: options.limits[channel] });
  }

  start(
    QUEUE_NAMES.timers,
    timed(QUEUE_NAMES.timers, (job) => options.processors.timer(job)),
    { concurrency: 4 },
  );
  start(
    QUEUE_NAMES.matching,
    timed(QUEUE_NAMES.matching, (job) => options.processors.matching(job)),
    { concurrency: 4 },
  );

  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    async close() {
      // Let jobs in hand finish, then let go of Redis.
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
