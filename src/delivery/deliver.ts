/**
 * Delivery: sends one outbound message through its channel. This is where the
 * opt-out rule lives (DESIGN.md: "the check is in the sender"): nothing goes to an
 * identity that opted out, except the answer to STOP itself. Provider answers are
 * mapped onto what happens next: done, try again later, or stop for good.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { SendError, type ChannelName, type ChannelSender } from '../channels/channel.js';
import type { Clock } from '../clock.js';
import type { Reply } from '../conversation/reply.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { transact, type Store } from '../store/database.js';
import { getIdentity, setOptedOut, setUnreachable } from '../store/members.repository.js';
import { getOutbound, markOutboundEnded, markOutboundSent, recordOutboundAttempt } from '../store/messages.repository.js';
import { markOutboxDone } from '../store/outbox.repository.js';

export interface DeliveryDeps {
  store: Store;
  clock: Clock;
  senders: ReadonlyMap<ChannelName, ChannelSender>;
  log: Logger;
  metrics: Metrics;
}

export type DeliveryOutcome = 'sent' | 'cancelled' | 'failed' | 'skipped';

export function createDelivery(deps: DeliveryDeps) {
  const { store, clock } = deps;

  async function end(outboundId: string, status: 'failed' | 'cancelled', why: string): Promise<void> {
    const now = clock.now();
    await transact(store, async (trx) => {
      await markOutboundEnded(trx, outboundId, status, why, now);
      await markOutboxDone(trx, `send-${outboundId}`, now);
    });
  }

  /**
   * Sends the message `outboundId` once. `job` tells whether this is the last attempt
   * the queue will make, so a message that keeps failing ends as `failed`, visibly.
   */
  async function send(channel: ChannelName, outboundId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<DeliveryOutcome> {
    const row = await getOutbound(store.db, outboundId);
    if (!row) return 'skipped';
    if (row.status !== 'pending') {
      await markOutboxDone(store.db, `send-${outboundId}`, clock.now());
      return 'skipped';
    }
    const identity = await getIdentity(store.db, row.identity_id);
    if (!identity || row.address === '') {
      await end(outboundId, 'cancelled', 'recipient erased');
      return 'cancelled';
    }
    if (identity.opted_out_at !== null && row.purpose !== 'optout_ack') {
      await end(outboundId, 'cancelled', 'recipient opted out');
      return 'cancelled';
    }
    if (identity.unreachable_at !== null) {
      await end(outboundId, 'cancelled', 'recipient unreachable');
      return 'cancelled';
    }
    const sender = deps.senders.get(channel);
    if (!sender) {
      await end(outboundId, 'failed', `channel ${channel} is not configured`);
      throw new UnrecoverableError(`channel ${channel} is not configured`);
    }

    try {
      const result = await sender.send({ id: row.id, channel, address: row.address, text: row.body, reply: row.reply ? (JSON.parse(row.reply) as Reply) : null });
      const now = clock.now();
      await transact(store, async (trx) => {
        await markOutboundSent(trx, outboundId, result.providerId, now);
        await markOutboxDone(trx, `send-${outboundId}`, now);
        if (row.purpose === 'final') {
          // The goodbye after FORGET ME is out: keep nothing of it.
          await trx.updateTable('outbound_messages').set({ body: '', reply: null, address: '' }).where('id', '=', outboundId).execute();
        }
      });
      deps.metrics.messagesOut.inc({ channel });
      return 'sent';
    } catch (error) {
      const failure = error instanceof SendError ? error : new SendError(String(error), { reason: 'network', retryable: true, cause: error });
      deps.metrics.sendFailures.inc({ channel, reason: failure.reason });
      const now = clock.now();
      if (failure.reason === 'opted_out' || failure.reason === 'unreachable') {
        // The provider says this address will not take messages: stop sending to it.
        if (failure.reason === 'opted_out') await setOptedOut(store.db, identity.id, now);
        else await setUnreachable(store.db, identity.id, now);
        await end(outboundId, 'failed', `${failure.reason}: ${failure.message}`);
        deps.log.warn({ outboundId, channel, reason: failure.reason, code: failure.code }, 'recipient cannot be reached; stopped sending to them');
        return 'failed';
      }
      if (failure.reason === 'rate_limited') throw failure; // the worker waits and retries without counting
      const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!failure.retryable || lastAttempt) {
        await end(outboundId, 'failed', `${failure.reason}: ${failure.message}`);
        deps.log.error({ outboundId, channel, reason: failure.reason, code: failure.code }, 'send failed for good');
        throw new UnrecoverableError(`send failed: ${failure.message}`);
      }
      await recordOutboundAttempt(store.db, outboundId, `${failure.reason}: ${failure.message}`, now);
      throw failure;
    }
  }

  return { send };
}

export type Delivery = ReturnType<typeof createDelivery>;
