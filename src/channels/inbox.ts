/**
 * Where every adapter hands over an inbound message. It is written to the database
 * (once per provider id) before the adapter answers the provider, then queued. The
 * database, not Redis, is the record: if the queue is unreachable the message is kept
 * and the reconciler queues it later.
 */
import type { Clock } from '../platform/clock.js';
import type { Ids } from '../platform/ids.js';
import type { Logger } from '../platform/log.js';
import { isUniqueViolation, type Store } from '../store/database.js';
import { transactGrouped } from '../store/group-commit.js';
import { findOrCreateIdentity, setIdentityHandle, takeNextSeq, takeNextSeqAt } from '../store/members.repository.js';
import { findInboundByProviderId, insertInboundOnce } from '../store/messages.repository.js';
import type { ChannelName, InboundEnvelope } from './channel.js';

/** Puts a recorded message's job on the queue; implemented by src/queue. */
export type EnqueueInbound = (identityId: string, messageId: string) => Promise<void>;

/**
 * The event that tells a person's conversation their address takes no more messages
 * (the provider or the carrier said so about `outboundId`, one of ours). Recorded once
 * per message that found out, in order with what they say.
 */
export function unreachableEvent(channel: ChannelName, address: string, outboundId: string): InboundEnvelope {
  return { channel, providerId: `unreachable-${outboundId}`, address, body: null, input: { kind: 'event', name: 'unreachable' } };
}

export interface Accepted {
  status: 'accepted' | 'duplicate';
  messageId: string;
  identityId: string;
  /** False when the message is safely recorded but could not be queued yet. */
  queued: boolean;
}

export interface Inbox {
  accept(message: InboundEnvelope): Promise<Accepted>;
}

/**
 * NUL characters go: PostgreSQL cannot store them in text (the message would be lost
 * with a 500), no person means them, and SQLite and PostgreSQL must keep the same words.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => withoutNul(v)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T;
  return value;
}

export function createInbox(deps: {
  store: Store;
  clock: Clock;
  ids: Ids;
  enqueue: EnqueueInbound;
  log: Logger;
  onAccepted?: (m: InboundEnvelope) => void;
}): Inbox {
  // Written in a transaction shared with other webhooks arriving at the same moment
  // (group commit: see src/store/group-commit.ts); answered only once it has committed.
  // Two statements for a known person: their place in line, then the message, which a
  // duplicate (the provider trying again) does not replace. A duplicate costs a number
  // in the line: order is by number, so a gap changes nothing.
  const duplicate = (existing: { id: string; identity_id: string; status: string }) => ({
    status: 'duplicate' as const,
    messageId: existing.id,
    identityId: existing.identity_id,
    pending: existing.status === 'pending',
  });
  const record = (message: InboundEnvelope) =>
    transactGrouped(
      deps.store,
      async (trx) => {
        const now = deps.clock.now();
        let identity = await takeNextSeqAt(trx, message.channel, message.address);
        let seq = identity?.last_seq;
        if (!identity) {
          // A new address, or one since forgotten (erasure renames it): a provider sending
          // again a message it sent before must not bring the address back.
          const existing = await findInboundByProviderId(trx, message.channel, message.providerId);
          if (existing) return duplicate(existing);
          identity = await findOrCreateIdentity(trx, message.channel, message.address, now, deps.ids);
          seq = await takeNextSeq(trx, identity.id);
        }
        if (message.handle !== undefined && message.handle !== identity.handle) {
          await setIdentityHandle(trx, identity.id, message.handle);
        }
        const id = deps.ids.next();
        const inserted = await insertInboundOnce(trx, {
          id,
          channel: message.channel,
          provider_id: message.providerId,
          identity_id: identity.id,
          seq: seq!,
          body: message.body,
          input: JSON.stringify(message.input),
          status: 'pending',
          attempts: 0,
          error: null,
          received_at: now,
          handled_at: null,
        });
        if (!inserted) return duplicate((await findInboundByProviderId(trx, message.channel, message.providerId))!);
        return { status: 'accepted' as const, messageId: id, identityId: identity.id, pending: true };
      },
      'inbox',
    );

  return {
    async accept(received) {
      const message = withoutNul(received);
      let recorded;
      try {
        recorded = await record(message);
      } catch (error) {
        // The same message (or a first message from a new number) arriving twice at
        // the same moment: one insert wins, the other now finds it.
        if (!isUniqueViolation(error)) throw error;
        recorded = await record(message);
      }
      if (recorded.status === 'accepted') deps.onAccepted?.(message);
      let queued = true;
      if (recorded.pending) {
        try {
          await deps.enqueue(recorded.identityId, recorded.messageId);
        } catch (error) {
          queued = false;
          deps.log.warn({ err: error, messageId: recorded.messageId }, 'inbound message recorded but not queued; the reconciler will queue it');
        }
      }
      return { status: recorded.status, messageId: recorded.messageId, identityId: recorded.identityId, queued };
    },
  };
}
