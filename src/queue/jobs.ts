/**
 * Every job valued queues, in one place: its queue, name, id scheme, payload and
 * priority. Job ids make adding twice harmless (and name the outbox row that stands
 * for the job until it is done); payloads carry ids only. Workers read payloads back
 * through the readers here, never by casting.
 */
import type { ChannelName } from '../domain/channels.js';
import { QUEUE_NAMES, SEND_PRIORITY, type JobRequest } from './queues.js';

/** A message to send (`outboundId`); a reply to someone's message goes ahead of a backlog. */
export function sendJob(channel: ChannelName, outboundId: string, runAt: number, reply: boolean): JobRequest {
  return {
    queue: QUEUE_NAMES.send(channel),
    name: 'send',
    jobId: sendJobId(outboundId),
    data: { outboundId },
    runAt,
    priority: reply ? SEND_PRIORITY.reply : SEND_PRIORITY.normal,
  };
}

export const sendJobId = (outboundId: string) => `send-${outboundId}`;

/**
 * A wave of requests for a need. `tag` makes a repeat of the same wave a new job: a
 * retry after new offers ("r<time>") or an early next wave ("early").
 */
export function waveJob(needId: string, wave: number, runAt: number, tag = ''): JobRequest {
  return {
    queue: QUEUE_NAMES.matching,
    name: 'wave',
    jobId: `wave-${needId}-${wave}${tag ? `-${tag}` : ''}`,
    data: { needId, wave, retry: tag.startsWith('r') },
    runAt,
  };
}

/** The job ids of a match's check-ins begin so (the rounds queued so far are counted by it). */
export const followUpJobPrefix = (matchId: string) => `followup-${matchId}-`;

/** The check-in with the person who was helped, round `round` (1 to 3). */
export function followUpJob(matchId: string, round: number, runAt: number): JobRequest {
  return { queue: QUEUE_NAMES.timers, name: 'followup', jobId: `${followUpJobPrefix(matchId)}${round}`, data: { matchId, round }, runAt };
}

/**
 * A message that could not go on its channel (outside WhatsApp's window, no template):
 * recorded in the same transaction that ends it, so the other way it goes (another
 * channel, or a coordinator) survives a crash.
 */
export function windowFallbackJob(outboundId: string, runAt: number): JobRequest {
  return { queue: QUEUE_NAMES.timers, name: 'window-fallback', jobId: `fallback-${outboundId}`, data: { outboundId }, runAt };
}

/** The timers that run on a schedule (BullMQ job schedulers), by name. */
export const SCHEDULED = ['reconcile', 'retention'] as const;

export type TimerJob =
  { name: 'followup'; matchId: string; round: number } | { name: 'window-fallback'; outboundId: string } | { name: (typeof SCHEDULED)[number] };

/** A timer job as its worker reads it, or null for one it does not know. */
export function readTimerJob(job: { name: string; data: unknown }): TimerJob | null {
  if (job.name === 'reconcile' || job.name === 'retention') return { name: job.name };
  if (job.name === 'window-fallback') {
    const data = job.data as { outboundId?: unknown } | null;
    if (typeof data?.outboundId === 'string') return { name: 'window-fallback', outboundId: data.outboundId };
  }
  if (job.name === 'followup') {
    const data = job.data as { matchId?: unknown; round?: unknown } | null;
    if (typeof data?.matchId === 'string' && typeof data.round === 'number') return { name: 'followup', matchId: data.matchId, round: data.round };
  }
  return null;
}

/** A wave job's payload, or null when it is not one. */
export function readWaveJob(data: unknown): { needId: string; wave: number; retry: boolean } | null {
  const d = data as { needId?: unknown; wave?: unknown; retry?: unknown } | null;
  if (typeof d?.needId !== 'string' || typeof d.wave !== 'number') return null;
  return { needId: d.needId, wave: d.wave, retry: d.retry === true };
}
