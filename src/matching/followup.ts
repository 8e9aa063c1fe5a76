/**
 * The check-in after help: a timer job that becomes an event in the helped person's
 * own conversation ("Did Sam help with the shopping?"). It goes through the inbox like
 * a message, so it is recorded once, ordered with what they say, and answered by the
 * engine like anything else.
 */
import type { ChannelName } from '../domain/channels.js';
import type { Inbox } from '../channels/inbox.js';
import { needWords } from '../conversation/questions.js';
import { texts } from '../conversation/texts/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import { bestIdentity, getMatch } from '../store/asks.repository.js';
import type { Store } from '../store/database.js';
import { getMember } from '../store/members.repository.js';
import { needWhat } from '../store/needs.repository.js';
import { markOutboxDone } from '../store/outbox.repository.js';

export function createFollowUps(deps: { store: Store; clock: Clock; inbox: Inbox; log: Logger }) {
  return {
    async run(matchId: string, round: number, jobId: string | undefined): Promise<void> {
      const db = deps.store.db;
      const match = await getMatch(db, matchId);
      const finished = !match || match.status === 'closed' || match.outcome === 'helped' || match.outcome === 'problem';
      const requester = match && !finished ? await bestIdentity(db, match.requester_id) : undefined;
      if (match && requester) {
        const need = await needWhat(db, match.need_id);
        const volunteer = await getMember(db, match.volunteer_id);
        await deps.inbox.accept({
          channel: requester.channel as ChannelName,
          providerId: `followup-${matchId}-${round}`,
          address: requester.address,
          body: null,
          // partnerId: the question names them, so FORGET ME from them wipes it (about_member_id).
          // The need, not words for it: the conversation words it in the person's language.
          // `what` (English words) only for a worker of the release before, which reads
          // nothing else, during a rolling deploy or a rollback.
          input: {
            kind: 'event',
            name: 'followup',
            matchId,
            partner: volunteer?.first_name ?? null,
            partnerId: match.volunteer_id,
            need,
            what: needWords(need, texts('en')),
          },
        });
      }
      if (jobId) await markOutboxDone(db, jobId, deps.clock.now());
    },
  };
}

export type FollowUps = ReturnType<typeof createFollowUps>;
