/**
 * A message that could not go on its channel now: WhatsApp allows a free-form message
 * only within 24 hours of the person's last one, and no approved template was
 * configured for this kind of message. It goes instead to another channel of the same
 * member that can be reached, if they have one; otherwise a coordinator is told, so
 * that someone gets in touch. Never silence.
 */
import type { Reply } from '../conversation/reply.js';
import type { ChannelName } from '../domain/channels.js';
import type { Clock } from '../platform/clock.js';
import type { Ids } from '../platform/ids.js';
import type { Logger } from '../platform/log.js';
import { commitThenEnqueue } from '../queue/after-commit.js';
import type { JobRequest } from '../queue/queues.js';
import type { Store } from '../store/database.js';
import { getIdentity, getMember, otherReachableIdentities } from '../store/members.repository.js';
import { getOutbound } from '../store/messages.repository.js';
import { markOutboxDone } from '../store/outbox.repository.js';
import { sendTo, type JobContext, type Purpose, type Services } from './context.js';
import { alertCoordinators, contactFor, foldIntoRecentAlert } from './coordinators.js';

export interface WindowFallbackDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  services: Services;
  enqueue: (job: JobRequest) => Promise<void>;
}

/** The alert's kind, in the coordinators' lists. */
export const UNREACHED_ALERT = 'unreached';

const CHANNEL_NAMES: Partial<Record<ChannelName, string>> = { whatsapp: 'WhatsApp', sms: 'SMS', telegram: 'Telegram' };

export function createWindowFallback(deps: WindowFallbackDeps) {
  return {
    /** Sends the message `outboundId` (ended, outside the window) another way. Returns how. */
    async outsideWindow(outboundId: string, jobId?: string): Promise<'other channel' | 'coordinator' | 'nothing'> {
      return commitThenEnqueue(deps, deps.clock.now(), async (out) => {
        // Once: the job's outbox row is marked done in this same transaction (a job run
        // again after a crash finds it done and does nothing).
        if (jobId && !(await markOutboxDone(out.trx, jobId, out.now))) return 'nothing';
        const ctx: JobContext = { ...out, dialect: deps.store.dialect, log: deps.log, services: deps.services };
        const row = await getOutbound(out.trx, outboundId);
        const identity = row ? await getIdentity(out.trx, row.identity_id) : undefined;
        // Wiped (the last words after FORGET ME) or erased since: nothing to pass on.
        if (!row || !row.reply || !identity || identity.erased_at !== null) return 'nothing';
        const reply = JSON.parse(row.reply) as Reply;
        const purpose = row.purpose === 'optout_ack' || row.purpose === 'final' ? 'normal' : row.purpose;
        const other = (await otherReachableIdentities(out.trx, identity.member_id, identity.id)).find((i) => ctx.services.formats[i.channel as ChannelName]);
        if (other) {
          deps.log.info({ outboundId, to: other.channel }, 'outside the WhatsApp window: sent on their other channel');
          await sendTo(ctx, other, reply, purpose as Purpose, row.about_member_id);
          return 'other channel';
        }
        const member = await getMember(out.trx, identity.member_id);
        const name = member?.first_name ?? 'A member';
        const on = CHANNEL_NAMES[identity.channel as ChannelName] ?? identity.channel;
        const detail = `${on} message not sent: more than 24 hours since they last wrote, and no template for ${row.purpose} messages`;
        // One alert an hour per person: a wave of requests to a quiet volunteer, or a
        // stranger's numbers gone quiet, must not flood the coordinators' phones.
        if (await foldIntoRecentAlert(ctx, identity.member_id, [UNREACHED_ALERT], detail)) return 'coordinator';
        await alertCoordinators(ctx, {
          memberId: identity.member_id,
          kind: UNREACHED_ALERT,
          detail,
          text: `valued: we could not send ${name} a message on ${on}: they last wrote over a day ago. Please get in touch: ${await contactFor(ctx, identity.member_id)}`,
        });
        return 'coordinator';
      });
    },
  };
}

export type WindowFallback = ReturnType<typeof createWindowFallback>;
