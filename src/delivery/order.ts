/**
 * One person's messages go out in the order they were made. A message behind an
 * earlier one is parked in the send queue rather than asked again and again (each ask
 * would spend a send of the provider's rate); the one it waits behind is hurried to
 * the front, and wakes it when it has gone or ended.
 */
import type { ChannelName } from '../domain/channels.js';
import type { Logger } from '../platform/log.js';
import type { Store } from '../store/database.js';
import { earliestPendingOutbound } from '../store/messages.repository.js';

/**
 * How long a message behind an earlier one stays parked. The earlier one wakes it as
 * soon as it has gone (or ended); this is only the fallback for a wake that was lost,
 * so that nothing waits for ever.
 */
export const PARKED_MS = 30_000;

/** What the send queue lets delivery do to a parked or waiting message (BullMQ in production). */
export interface ParkedMessages {
  /** `outboundId`, parked behind another, may go at `at` (epoch ms; 0 for now). */
  wake(channel: ChannelName, outboundId: string, at: number): Promise<void>;
  /** Others wait behind `outboundId`: let it go ahead of the backlog. */
  hurry(channel: ChannelName, outboundId: string): Promise<void>;
}

export function personOrder(deps: { store: Store; log: Logger; parked?: ParkedMessages }) {
  const { store, log, parked } = deps;

  /** Tells the queue, best effort: a lost word only means waiting for PARKED_MS. */
  async function tell(what: string, call: (parked: ParkedMessages) => Promise<void>): Promise<void> {
    if (!parked) return;
    try {
      await call(parked);
    } catch (error) {
      log.warn({ err: error }, `could not ${what}; it will go within ${PARKED_MS / 1000} s`);
    }
  }

  return {
    /** The earliest message to this person still to go before `outboundId`, if any. */
    ahead(identityId: string, outboundId: string): Promise<string | undefined> {
      return earliestPendingOutbound(store.db, identityId, { before: outboundId });
    },

    /** `outboundId` waits behind `first`: hurry that one to the front of the backlog. */
    async hurry(channel: ChannelName, first: string): Promise<void> {
      await tell('hurry an earlier message', (p) => p.hurry(channel, first));
    },

    /** `next`, parked behind a message that has now gone, may go at `at`. */
    async wake(channel: ChannelName, next: string, at: number): Promise<void> {
      await tell('wake the next message', (p) => p.wake(channel, next, at));
    },

    /** `outboundId` has gone or ended: the person's next message may go at `at`. */
    async wakeNext(channel: ChannelName, identityId: string, outboundId: string, at: number): Promise<void> {
      if (!parked) return;
      const next = await earliestPendingOutbound(store.db, identityId, { after: outboundId });
      if (next) await tell('wake the next message', (p) => p.wake(channel, next, at));
    },
  };
}

export type PersonOrder = ReturnType<typeof personOrder>;
