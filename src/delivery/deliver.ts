/**
 * Delivery: sends one outbound message through its channel. This is where the
 * opt-out rule lives (the check is in the sender): nothing goes to an identity that
 * opted out, except the answer to STOP itself. What happens next is returned, not
 * done through callbacks: sent, cancelled, failed (and whether the address closed),
 * come back later, or slow the queue down. Order per person is in order.ts, a chat's
 * gap in pacing.ts, what a refusal means in failures.ts.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { ChannelSender, OutboundEnvelope, SendResult } from '../channels/channel.js';
import type { Reply } from '../conversation/reply.js';
import type { ChannelName } from '../domain/channels.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import type { Metrics } from '../platform/metrics.js';
import type { JobOutcome } from '../queue/workers.js';
import { enqueueCommitted, queueAfterCommit } from '../queue/after-commit.js';
import { windowFallbackJob } from '../queue/jobs.js';
import type { JobRequest } from '../queue/queues.js';
import { ulidIds, type Ids } from '../platform/ids.js';
import { compactAfterErasure, type Store } from '../store/database.js';
import { transactGrouped } from '../store/group-commit.js';
import { getIdentity, setOptedOut, setUnreachable } from '../store/members.repository.js';
import {
  claimForSending,
  claimIfClear,
  lastWordsAt,
  OUTSIDE_WINDOW_MARK,
  markOutboundEnded,
  markOutboundSentThenNext,
  outboundForSend,
  recordOutboundAttempt,
  releaseOutbound,
  wipeFinalOutbound,
  type OutboundForSend,
} from '../store/messages.repository.js';
import type { OutboundMessage } from '../store/schema.js';
import { asSendError, meaningOf } from './failures.js';
import { PARKED_MS, personOrder, type ParkedMessages } from './order.js';
import { chatGap, nextMayGoAt } from './pacing.js';

/**
 * A message is sent as if the window had closed this long before it does: it may wait
 * in the provider's queue, and a free-form message that arrives late is refused.
 */
const WINDOW_MARGIN_MS = 5 * 60 * 1000;

/** Tries at recording a message as sent once the provider has it (about a minute in all). */
const SETTLE_ATTEMPTS = 10;

export interface DeliveryDeps {
  store: Store;
  clock: Clock;
  senders: ReadonlyMap<ChannelName, ChannelSender>;
  log: Logger;
  metrics: Metrics;
  /** For jobs recorded as a message ends (the outbox row's id). */
  ids?: Ids;
  /** Queues those jobs after commit; without it the reconciler queues them. */
  enqueue?: (job: JobRequest) => Promise<void>;
  /** The send queue's hold on parked messages; without it a parked message comes back after PARKED_MS. */
  parked?: ParkedMessages;
}

/** An address the provider says takes no more messages (now marked so), and the message that found out. */
export interface ClosedAddress {
  identityId: string;
  channel: ChannelName;
  address: string;
  outboundId: string;
}

export type Delivered =
  | { kind: 'sent' | 'cancelled' | 'skipped' }
  | { kind: 'failed'; closed?: ClosedAddress }
  | { kind: 'later'; at: number; reason: string; stillWaiting?: () => Promise<boolean> }
  | { kind: 'slow down'; ms: number };

/** What the send queue should do with the job after a delivery. */
export function jobOutcome(delivered: Delivered): JobOutcome {
  if (delivered.kind === 'later') return { later: { at: delivered.at, reason: delivered.reason, stillWaiting: delivered.stillWaiting } };
  if (delivered.kind === 'slow down') return { slowDown: { ms: delivered.ms } };
  return undefined;
}

export function createDelivery(deps: DeliveryDeps) {
  const { store, clock } = deps;
  const ids = deps.ids ?? ulidIds(() => clock.now());
  const order = personOrder({ store, log: deps.log, parked: deps.parked });

  /** Words kept only until sent were wiped: out of the database files too (see compactAfterErasure). */
  async function compact(): Promise<void> {
    await compactAfterErasure(store).catch((error: unknown) => deps.log.warn({ err: error }, 'could not checkpoint the database after wiping a message'));
  }

  /**
   * Ends a message that will not go, and lets the person's next one go. `then`, a job
   * that must follow (the fallback for a message outside WhatsApp's window), is
   * recorded in the same transaction and queued after it.
   */
  async function end(
    channel: ChannelName,
    identityId: string,
    outboundId: string,
    status: 'failed' | 'cancelled',
    why: string,
    then?: JobRequest,
  ): Promise<void> {
    const now = clock.now();
    let jobs: JobRequest[] = [];
    const wiped = await transactGrouped(store, async (trx) => {
      jobs = [];
      await markOutboundEnded(trx, outboundId, status, why, now);
      if (then) await queueAfterCommit({ trx, ids, now, jobs }, then);
      // The goodbye after FORGET ME keeps nothing, whether or not it went.
      return wipeFinalOutbound(trx, outboundId);
    });
    if (deps.enqueue) await enqueueCommitted(jobs, deps.enqueue, deps.log);
    if (wiped) await compact();
    await order.wakeNext(channel, identityId, outboundId, 0);
  }

  /** Why a message may not go to this person now, or null when it may (claimForSending asks the same in SQL). */
  function mayNotGo(row: Pick<OutboundForSend, 'recipient' | 'address' | 'purpose'>): string | null {
    const r = row.recipient;
    if (!r || row.address === '' || (r.erased_at !== null && row.purpose !== 'final')) return 'recipient erased';
    if (r.opted_out_at !== null && row.purpose !== 'optout_ack') return 'recipient opted out';
    if (r.unreachable_at !== null) return 'recipient unreachable';
    return null;
  }

  /**
   * Sends the message `outboundId` once. `job` tells whether this is the last attempt
   * the queue will make, so a message that keeps failing ends as `failed`, visibly.
   * A failure worth another attempt is thrown (the queue tries again with backoff).
   */
  async function send(channel: ChannelName, outboundId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<Delivered> {
    const sender = deps.senders.get(channel);
    if (sender && !sender.minGapMs && sender.windowMs === undefined) {
      // Most messages: waiting to go for the first time, to someone who may have them,
      // with nothing of theirs ahead, on a channel with no chat gap to keep or window to
      // mind. One statement marks such a message as going and reads it, the last look
      // at the opt-out included. Anything else is not claimed and goes the long way.
      const claimedAt = clock.now();
      const claimed = await transactGrouped(store, (trx) => claimIfClear(trx, outboundId, claimedAt));
      if (claimed) return handOver(channel, sender, claimed, envelopeOf(channel, claimed), job);
    }
    // One read: the message, its recipient's standing, and whether one of theirs is ahead of it.
    const row = await outboundForSend(store.db, outboundId);
    const stopped = await stopIfCannotGo(channel, outboundId, row);
    if (stopped || !row) return stopped ?? { kind: 'skipped' };
    if (!sender) {
      await end(channel, row.identity_id, outboundId, 'failed', `channel ${channel} is not configured`);
      throw new UnrecoverableError(`channel ${channel} is not configured`);
    }

    const first = row.ahead_id;
    if (first) {
      await order.hurry(channel, first);
      return {
        kind: 'later',
        at: clock.now() + PARKED_MS,
        reason: 'an earlier message to this person has not gone yet',
        stillWaiting: async () => (await order.ahead(row.identity_id, row.id)) !== undefined,
      };
    }
    const gap = await chatGap(store, row.identity_id, sender.minGapMs, clock.now());
    if ('comeBackAt' in gap) return { kind: 'later', at: gap.comeBackAt, reason: 'pacing sends to this chat' };
    if ('waitHereMs' in gap) await new Promise((r) => setTimeout(r, gap.waitHereMs));

    const envelope = envelopeOf(channel, row);
    if (sender.windowMs !== undefined) {
      // WhatsApp: past 24 hours since they last wrote (or after Twilio said so), only an approved template may go.
      const last = await lastWordsAt(store.db, row.identity_id);
      if (last === undefined || clock.now() - last > sender.windowMs - WINDOW_MARGIN_MS || row.error?.startsWith(OUTSIDE_WINDOW_MARK))
        envelope.outsideWindow = true;
    }
    if (row.status === 'sending' && sender.findSent) {
      // An earlier attempt was handed to the provider and never confirmed (a crash, a
      // lost answer). Ask before sending again; if we cannot ask, send again.
      let found: SendResult | null;
      try {
        found = await sender.findSent(envelope, row.updated_at);
      } catch (error) {
        return refused(channel, outboundId, row.identity_id, error, job);
      }
      // It went: gaps are counted from the attempt that sent it.
      if (found) return recordSent(channel, sender, row, found, row.updated_at);
    }
    if (row.status === 'sending') deps.log.warn({ outboundId, channel }, 'sending again a message that may already have gone (the provider cannot say)');
    // The last look at the opt-out, as close to the provider call as we can make it,
    // in the same statement that marks it as going. Outside the provider's try: a
    // database that fails here is not a failed send (nothing went); the job is tried
    // again and the message stays pending.
    const claimedAt = clock.now();
    if (!(await transactGrouped(store, (trx) => claimForSending(trx, outboundId, claimedAt)))) return notClaimed(channel, outboundId);
    return handOver(channel, sender, row, envelope, job);
  }

  function envelopeOf(channel: ChannelName, row: OutboundMessage): OutboundEnvelope {
    return { id: row.id, channel, address: row.address, text: row.body, reply: replyOf(row), purpose: row.purpose };
  }

  /** The reply's buttons, if any; words we cannot read as a reply still go, as text alone (they are in `body`). */
  function replyOf(row: OutboundMessage): Reply | null {
    if (!row.reply) return null;
    try {
      return JSON.parse(row.reply) as Reply;
    } catch {
      deps.log.warn({ outboundId: row.id }, 'a message whose buttons could not be read goes as text alone');
      return null;
    }
  }

  /** Hands a message marked as going to its provider, and records what came of it. */
  async function handOver(
    channel: ChannelName,
    sender: ChannelSender,
    row: OutboundMessage,
    envelope: OutboundEnvelope,
    job: Pick<Job, 'attemptsMade' | 'opts'> | undefined,
  ): Promise<Delivered> {
    // When the provider was handed it: per-chat gaps are counted from here, as the
    // provider counts them from when the request reaches it. Taken after the write, at
    // the start of the call: a slow write must not shorten the gap.
    const handedAt = clock.now();
    let sent: SendResult;
    try {
      sent = await sendOrTemplate(sender, envelope);
    } catch (error) {
      return refused(channel, row.id, row.identity_id, error, job);
    }
    return recordSent(channel, sender, row, sent, handedAt);
  }

  /**
   * The provider has it. Record that, trying for as long as it takes: giving up here
   * would let the queue send the same message again.
   */
  async function recordSent(channel: ChannelName, sender: ChannelSender, row: OutboundMessage, sent: SendResult, handedAt: number): Promise<Delivered> {
    const next = await settle(() =>
      transactGrouped(store, async (trx) => {
        const now = clock.now();
        const following = await markOutboundSentThenNext(trx, row.id, sent.providerId, handedAt, now);
        // The goodbye after FORGET ME is out: keep nothing of it.
        if (row.purpose === 'final') await wipeFinalOutbound(trx, row.id);
        return following;
      }),
    );
    deps.metrics.messagesOut.inc({ channel });
    if (row.purpose === 'final') await compact();
    if (next) await order.wake(channel, next, nextMayGoAt(handedAt, sender.minGapMs));
    return { kind: 'sent' };
  }

  /**
   * What happens to a message that cannot go: gone (skipped); ended elsewhere, by an
   * erasure or a run that died before waking the next (skipped, and the person's next
   * message woken); or its recipient may not have it now (cancelled). Null when it may go.
   */
  async function stopIfCannotGo(channel: ChannelName, outboundId: string, row: OutboundForSend | undefined): Promise<Delivered | null> {
    if (!row) return { kind: 'skipped' };
    if (row.status !== 'pending' && row.status !== 'sending') {
      await order.wakeNext(channel, row.identity_id, outboundId, 0);
      return { kind: 'skipped' };
    }
    const why = mayNotGo(row);
    if (!why) return null;
    await end(channel, row.identity_id, outboundId, 'cancelled', why);
    return { kind: 'cancelled' };
  }

  /** The message could not be marked as going: read it again to say why, and end it or leave it. */
  async function notClaimed(channel: ChannelName, outboundId: string): Promise<Delivered> {
    const stopped = await stopIfCannotGo(channel, outboundId, await outboundForSend(store.db, outboundId));
    // Changed back between the two reads: the queue tries again.
    if (!stopped) throw new Error(`message ${outboundId} could not be marked as going; trying again`);
    return stopped;
  }

  /**
   * Sends; when the provider says a free-form message may not go now (WhatsApp, more
   * than 24 hours since the person last wrote) and the channel has an approved
   * template for this kind of message, sends the template instead, at once.
   */
  async function sendOrTemplate(sender: ChannelSender, envelope: OutboundEnvelope): Promise<SendResult> {
    try {
      return await sender.send(envelope);
    } catch (error) {
      const purpose = envelope.purpose ?? 'normal';
      if (asSendError(error).reason !== 'outside_window' || envelope.outsideWindow || !sender.hasTemplate?.(purpose)) throw error;
      deps.log.info({ outboundId: envelope.id, channel: envelope.channel, purpose }, 'outside the 24-hour window: sending the approved template instead');
      return sender.send({ ...envelope, outsideWindow: true });
    }
  }

  /** Retries a database write after a successful send until it lands (about a minute at most). */
  async function settle<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= SETTLE_ATTEMPTS) {
          deps.log.error({ err: error }, 'a message was sent but could not be recorded as sent; it may be sent again');
          throw new UnrecoverableError('sent, but not recorded');
        }
        await new Promise((r) => setTimeout(r, Math.min(10_000, 100 * 2 ** attempt)));
      }
    }
  }

  /** What the provider's refusal means for the message, the address and the job. */
  async function refused(
    channel: ChannelName,
    outboundId: string,
    identityId: string,
    error: unknown,
    job?: Pick<Job, 'attemptsMade' | 'opts'>,
  ): Promise<Delivered> {
    const failure = asSendError(error);
    deps.metrics.sendFailures.inc({ channel, reason: failure.reason });
    const now = clock.now();
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const meaning = meaningOf(failure, lastAttempt);
    switch (meaning.kind) {
      case 'address closed': {
        if (meaning.optedOut) await setOptedOut(store.db, identityId, now);
        else await setUnreachable(store.db, identityId, now);
        await end(channel, identityId, outboundId, 'failed', `${failure.reason}: ${failure.message}`);
        deps.log.warn({ outboundId, channel, reason: failure.reason, code: failure.code }, 'recipient cannot be reached; stopped sending to them');
        const identity = await getIdentity(store.db, identityId);
        return identity
          ? { kind: 'failed', closed: { identityId, channel: identity.channel as ChannelName, address: identity.address, outboundId } }
          : { kind: 'failed' };
      }
      case 'outside window':
        // Their address is fine; this message cannot go on this channel now: it goes
        // another way (src/effects/window.ts), by a job recorded as it ends.
        await end(channel, identityId, outboundId, 'failed', `${failure.reason}: ${failure.message}`, windowFallbackJob(outboundId, now));
        deps.log.warn({ outboundId, channel, code: failure.code }, 'outside the 24-hour window with no template for this message; falling back');
        return { kind: 'failed' };
      case 'slow down':
        await releaseOutbound(store.db, outboundId, now);
        return { kind: 'slow down', ms: meaning.ms };
      case 'give up':
        await end(channel, identityId, outboundId, 'failed', `${failure.reason}: ${failure.message}`);
        deps.log.error({ outboundId, channel, reason: failure.reason, code: failure.code }, 'send failed for good');
        throw new UnrecoverableError(`send failed: ${failure.message}`);
      case 'try again':
        await recordOutboundAttempt(store.db, outboundId, `${failure.reason}: ${failure.message}`, now, meaning.maybeSent ? 'sending' : 'pending');
        throw failure;
    }
  }

  return { send };
}

export type Delivery = ReturnType<typeof createDelivery>;
