/**
 * Delivery: sends one outbound message through its channel. This is where the
 * opt-out rule lives (DESIGN.md: "the check is in the sender"): nothing goes to an
 * identity that opted out, except the answer to STOP itself. Provider answers are
 * mapped onto what happens next: done, try again later, or stop for good.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { SendError, type ChannelName, type ChannelSender, type SendResult } from '../channels/channel.js';
import type { Clock } from '../platform/clock.js';
import type { Reply } from '../conversation/reply.js';
import type { Logger } from '../platform/log.js';
import type { Metrics } from '../platform/metrics.js';
import { compactAfterErasure, transact, type Store } from '../store/database.js';
import { getIdentity, setOptedOut, setUnreachable } from '../store/members.repository.js';
import { getOutbound, markOutboundEnded, markOutboundSending, markOutboundSent, recordOutboundAttempt, releaseOutbound } from '../store/messages.repository.js';
import { markOutboxDone } from '../store/outbox.repository.js';
import { RetryAt } from '../queue/workers.js';

/**
 * How long a message behind an earlier one to the same person stays parked. The
 * earlier one wakes it as soon as it has gone (or ended); this is only the fallback
 * for a wake that was lost, so that nothing waits for ever.
 */
const PARKED_MS = 30_000;
/** A wait for a chat's gap this short is waited out in the job rather than by delaying it. */
const WAIT_HERE_MS = 150;
/** Tries at recording a message as sent once the provider has it (about a minute in all). */
const SETTLE_ATTEMPTS = 10;

/**
 * One person's messages wait their turn without asking again and again: the queue is
 * told when a parked message may go, and to hurry the one it waits behind. main.ts
 * wires this to BullMQ; without it a parked message comes back after PARKED_MS.
 */
export interface Turns {
  /** `outboundId` (parked behind another) may go at `at` (epoch ms; 0 for now). */
  wake(channel: ChannelName, outboundId: string, at: number): Promise<void>;
  /** Others wait behind `outboundId`: let it go ahead of the backlog. */
  hurry(channel: ChannelName, outboundId: string): Promise<void>;
}

export interface DeliveryDeps {
  store: Store;
  clock: Clock;
  senders: ReadonlyMap<ChannelName, ChannelSender>;
  log: Logger;
  metrics: Metrics;
  turns?: Turns;
  /**
   * The provider said an address takes no more messages (and it is now marked so):
   * main.ts tells the person's conversation, so a helper who cannot be reached leaves
   * their match and the person they were helping hears.
   */
  onUnreachable?: (identity: { id: string; channel: ChannelName; address: string }) => Promise<void>;
}

export type DeliveryOutcome = 'sent' | 'cancelled' | 'failed' | 'skipped';

export function createDelivery(deps: DeliveryDeps) {
  const { store, clock } = deps;

  /** The earliest message to this identity still to go, before `beforeId` or after `afterId`. */
  async function stillToGo(identityId: string, side: { before: string } | { after: string }): Promise<string | undefined> {
    const row = await store.db
      .selectFrom('outbound_messages')
      .select('id')
      .where('identity_id', '=', identityId)
      .where('status', 'in', ['pending', 'sending'])
      .where('id', 'before' in side ? '<' : '>', 'before' in side ? side.before : side.after)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  /** Tells the queue, best effort: a lost word only means waiting for PARKED_MS. */
  async function tell(what: string, call: (turns: Turns) => Promise<void>): Promise<void> {
    if (!deps.turns) return;
    try {
      await call(deps.turns);
    } catch (error) {
      deps.log.warn({ err: error }, `could not ${what}; it will go within ${PARKED_MS / 1000} s`);
    }
  }

  /** Words kept only until sent were wiped: out of the database files too (see compactAfterErasure). */
  async function compact(): Promise<void> {
    await compactAfterErasure(store).catch((error: unknown) => deps.log.warn({ err: error }, 'could not checkpoint the database after wiping a message'));
  }

  /** This message has gone or ended: the person's next one may go at `at`. */
  async function wakeNext(channel: ChannelName, identityId: string, outboundId: string, at: number): Promise<void> {
    if (!deps.turns) return;
    const next = await stillToGo(identityId, { after: outboundId });
    if (next) await tell('wake the next message', (turns) => turns.wake(channel, next, at));
  }

  async function end(channel: ChannelName, identityId: string, outboundId: string, status: 'failed' | 'cancelled', why: string): Promise<void> {
    const now = clock.now();
    const wiped = await transact(store, async (trx) => {
      await markOutboundEnded(trx, outboundId, status, why, now);
      await markOutboxDone(trx, `send-${outboundId}`, now);
      // The goodbye after FORGET ME keeps nothing, whether or not it went.
      const result = await trx.updateTable('outbound_messages').set({ body: '', reply: null, address: '', error: null }).where('id', '=', outboundId).where('purpose', '=', 'final').executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
    if (wiped) await compact();
    await wakeNext(channel, identityId, outboundId, 0);
  }

  /**
   * Sends the message `outboundId` once. `job` tells whether this is the last attempt
   * the queue will make, so a message that keeps failing ends as `failed`, visibly.
   */
  async function send(channel: ChannelName, outboundId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<DeliveryOutcome> {
    const row = await getOutbound(store.db, outboundId);
    if (!row) return 'skipped';
    if (row.status !== 'pending' && row.status !== 'sending') {
      await markOutboxDone(store.db, `send-${outboundId}`, clock.now());
      // Ended elsewhere (an erasure, or a run that died before waking the next): wake it now.
      await wakeNext(channel, row.identity_id, outboundId, 0);
      return 'skipped';
    }
    const identity = await getIdentity(store.db, row.identity_id);
    if (!identity || row.address === '' || (identity.erased_at !== null && row.purpose !== 'final')) {
      await end(channel, row.identity_id, outboundId, 'cancelled', 'recipient erased');
      return 'cancelled';
    }
    if (identity.opted_out_at !== null && row.purpose !== 'optout_ack') {
      await end(channel, row.identity_id, outboundId, 'cancelled', 'recipient opted out');
      return 'cancelled';
    }
    if (identity.unreachable_at !== null) {
      await end(channel, row.identity_id, outboundId, 'cancelled', 'recipient unreachable');
      return 'cancelled';
    }
    const sender = deps.senders.get(channel);
    if (!sender) {
      await end(channel, row.identity_id, outboundId, 'failed', `channel ${channel} is not configured`);
      throw new UnrecoverableError(`channel ${channel} is not configured`);
    }

    // One person's messages go out in the order they were made, and no faster than
    // their channel allows to one chat. A message behind another is parked, not asked
    // again and again (each ask would spend a send of the provider's rate); the one it
    // waits behind is hurried to the front, and wakes it when it has gone.
    const first = await stillToGo(row.identity_id, { before: row.id });
    if (first) {
      await tell('hurry an earlier message', (turns) => turns.hurry(channel, first));
      throw new RetryAt(clock.now() + PARKED_MS, 'an earlier message to this person has not gone yet', async () => (await stillToGo(row.identity_id, { before: row.id })) !== undefined);
    }
    let lastAt: number | null = null;
    if (sender.minGapMs) {
      const last = await store.db
        .selectFrom('outbound_messages')
        .select((eb) => eb.fn.max('sent_at').as('at'))
        .where('identity_id', '=', row.identity_id)
        .where('status', '=', 'sent')
        .executeTakeFirst();
      lastAt = last?.at === null || last?.at === undefined ? null : Number(last.at);
    }
    if (sender.minGapMs && lastAt !== null) {
      // A delayed job comes back up to a tenth of a second late; it is asked back a
      // little early and waits out the rest here, so a chat's messages go a gap apart.
      const wait = lastAt + sender.minGapMs - clock.now();
      if (wait > WAIT_HERE_MS) throw new RetryAt(lastAt + sender.minGapMs - WAIT_HERE_MS, 'pacing sends to this chat');
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }

    // Last look at the opt-out, as close to the provider call as we can make it.
    const latest = await getIdentity(store.db, row.identity_id);
    if (latest?.opted_out_at != null && row.purpose !== 'optout_ack') {
      await end(channel, row.identity_id, outboundId, 'cancelled', 'recipient opted out');
      return 'cancelled';
    }

    const envelope = { id: row.id, channel, address: row.address, text: row.body, reply: row.reply ? (JSON.parse(row.reply) as Reply) : null };
    let result: SendResult | null = null;
    if (row.status === 'sending') {
      // An earlier attempt was handed to the provider and never confirmed (a crash, a
      // lost answer). Ask before sending again; if we cannot ask, send again.
      if (sender.findSent) {
        try {
          result = await sender.findSent(envelope, row.updated_at);
        } catch (error) {
          return failed(channel, outboundId, identity.id, error, job);
        }
      }
      if (!result) deps.log.warn({ outboundId, channel }, 'sending again a message that may already have gone (the provider cannot say)');
    }
    // When the provider was handed it: per-chat gaps are counted from here, as the
    // provider counts them from when the request reaches it.
    let handedAt = row.updated_at;
    if (!result) {
      handedAt = clock.now();
      await markOutboundSending(store.db, outboundId, handedAt);
      try {
        result = await sender.send(envelope);
      } catch (error) {
        return failed(channel, outboundId, identity.id, error, job);
      }
    }
    const sent = result;

    // The provider has it. Record that, trying for as long as it takes: giving up here
    // would let the queue send the same message again.
    await settle(() =>
      transact(store, async (trx) => {
        const now = clock.now();
        await markOutboundSent(trx, outboundId, sent.providerId, handedAt, now);
        await markOutboxDone(trx, `send-${outboundId}`, now);
        if (row.purpose === 'final') {
          // The goodbye after FORGET ME is out: keep nothing of it.
          await trx.updateTable('outbound_messages').set({ body: '', reply: null, address: '', error: null }).where('id', '=', outboundId).execute();
        }
      }),
    );
    deps.metrics.messagesOut.inc({ channel });
    if (row.purpose === 'final') await compact();
    await wakeNext(channel, row.identity_id, outboundId, sender.minGapMs ? handedAt + sender.minGapMs - WAIT_HERE_MS : 0);
    return 'sent';
  }

  /** Retries a database write after a successful send until it lands (about a minute at most). */
  async function settle(write: () => Promise<void>): Promise<void> {
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

  /** What a failed provider call means for the message, the identity and the job. */
  async function failed(channel: ChannelName, outboundId: string, identityId: string, error: unknown, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<DeliveryOutcome> {
    const failure = error instanceof SendError ? error : new SendError(String(error), { reason: 'network', retryable: true, cause: error });
    deps.metrics.sendFailures.inc({ channel, reason: failure.reason });
    const now = clock.now();
    if (failure.reason === 'opted_out' || failure.reason === 'unreachable') {
      // The provider says this address will not take messages: stop sending to it.
      if (failure.reason === 'opted_out') await setOptedOut(store.db, identityId, now);
      else await setUnreachable(store.db, identityId, now);
      await end(channel, identityId, outboundId, 'failed', `${failure.reason}: ${failure.message}`);
      deps.log.warn({ outboundId, channel, reason: failure.reason, code: failure.code }, 'recipient cannot be reached; stopped sending to them');
      const identity = await getIdentity(store.db, identityId);
      if (identity && deps.onUnreachable) {
        await deps.onUnreachable({ id: identity.id, channel: identity.channel as ChannelName, address: identity.address }).catch((error: unknown) => deps.log.error({ err: error, identityId }, 'could not tell the conversation that its address is unreachable'));
      }
      return 'failed';
    }
    if (failure.reason === 'rate_limited') {
      await releaseOutbound(store.db, outboundId, now);
      throw failure; // the worker waits and retries without counting
    }
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!failure.retryable || lastAttempt) {
      await end(channel, identityId, outboundId, 'failed', `${failure.reason}: ${failure.message}`);
      deps.log.error({ outboundId, channel, reason: failure.reason, code: failure.code }, 'send failed for good');
      throw new UnrecoverableError(`send failed: ${failure.message}`);
    }
    // No answer at all (the network): the provider may have it, so the next attempt asks first.
    await recordOutboundAttempt(store.db, outboundId, `${failure.reason}: ${failure.message}`, now, failure.reason === 'network' ? 'sending' : 'pending');
    throw failure;
  }

  return { send };
}

export type Delivery = ReturnType<typeof createDelivery>;
