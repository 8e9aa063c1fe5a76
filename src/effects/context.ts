/**
 * What effect handlers work with: the turn's transaction, the person whose message it
 * was, and the services around them. Plus the two things every handler may need: send
 * a message to someone (an outbound row and a send job), and queue any other job, both
 * only after the transaction commits.
 */
import { isSandboxChannel, type ChannelName } from '../domain/channels.js';
import type { MatchingConfig } from '../platform/config.js';
import type { Reply } from '../conversation/reply.js';
import type { Ids } from '../platform/ids.js';
import type { Logger } from '../platform/log.js';
import { queueAfterCommit } from '../queue/after-commit.js';
import { sendJob, waveJob } from '../queue/jobs.js';
import type { JobRequest } from '../queue/queues.js';
import type { DialectName, Executor } from '../store/database.js';
import { isSandboxMember, lockMemberRow } from '../store/members.repository.js';
import { insertOutbound } from '../store/messages.repository.js';
import type { Identity } from '../store/schema.js';

/** How each channel shows a reply: its renderer, and whether it has buttons. */
export type ChannelFormats = Partial<Record<ChannelName, { render(reply: Reply): string; buttons: boolean }>>;

/**
 * What a message is for (outbound_messages.purpose): 'normal' for the conversation,
 * 'optout_ack' the answer to STOP, 'final' words kept only until sent; and the kinds a
 * channel may need an approved template for outside WhatsApp's 24-hour window: 'ask'
 * (a request to help), 'match' (news of a match), 'relay' (words from the other
 * person), 'alert' (to a coordinator).
 */
export type Purpose = 'normal' | 'optout_ack' | 'final' | 'ask' | 'match' | 'relay' | 'alert';

/** Where coordinators are reached, on channels that are switched on. */
export interface CoordinatorAddress {
  channel: ChannelName;
  address: string;
}

export interface Services {
  formats: ChannelFormats;
  matching: MatchingConfig;
  coordinators: readonly CoordinatorAddress[];
  /** The languages members may choose (LANGUAGES); English alone when not given. */
  languages?: readonly string[];
}

/** Everything a handler may use for one turn (or one matching job). */
export interface EffectContext {
  trx: Executor;
  /** Which database: row locks (SELECT ... FOR UPDATE) are needed on PostgreSQL only. */
  dialect: DialectName;
  now: number;
  ids: Ids;
  log: Logger;
  services: Services;
  /** The person whose message this is (absent for work no one sent, like a wave of requests). */
  identity: Identity;
  inboundId: string | null;
  /** Jobs to queue once the transaction has committed. */
  jobs: JobRequest[];
  /** Set once the member has been erased in this turn: later replies are the last words. */
  erased: boolean;
}

export type JobContext = Omit<EffectContext, 'identity' | 'inboundId' | 'erased'>;

/**
 * Whether a message about `about` would cross the sandbox's wall: a real member told
 * about (or sent the words of) a simulator member, or the other way round. Checked
 * for every message that names someone, whatever decided to send it, so a slip
 * anywhere upstream (a search, an alert, a relay) still cannot carry words across.
 */
async function crossesSandbox(ctx: JobContext, to: Pick<Identity, 'channel'>, about: string): Promise<boolean> {
  const sandbox = await isSandboxMember(ctx.trx, about);
  return sandbox !== undefined && sandbox !== isSandboxChannel(to.channel);
}

/**
 * Sends a message to someone: rendered for their channel, recorded, and queued after
 * commit. `purpose` 'optout_ack' is only for the answer to STOP; 'final' for words kept
 * only until sent. `about` names the other member it names or quotes, if any; a
 * message about someone on the other side of the sandbox's wall is not sent at all.
 */
export async function sendTo(
  ctx: JobContext & { inboundId?: string | null },
  to: Pick<Identity, 'id' | 'channel' | 'address'>,
  reply: Reply,
  purpose: Purpose = 'normal',
  about: string | null = null,
): Promise<void> {
  const channel = to.channel as ChannelName;
  const format = ctx.services.formats[channel];
  if (!format) {
    ctx.log.error({ channel }, 'no sender for this channel; message not sent');
    return;
  }
  if (about !== null && (await crossesSandbox(ctx, to, about))) {
    ctx.log.warn({ channel, about }, 'not sent: it would tell a real member about a simulator member, or the other way round');
    return;
  }
  const id = ctx.ids.next();
  await insertOutbound(ctx.trx, {
    id,
    identity_id: to.id,
    channel,
    address: to.address,
    purpose,
    body: format.render(reply),
    reply: JSON.stringify(reply),
    status: 'pending',
    delivery_status: null,
    provider_id: null,
    attempts: 0,
    error: null,
    inbound_id: ctx.inboundId ?? null,
    created_at: ctx.now,
    sent_at: null,
    updated_at: ctx.now,
    about_member_id: about,
  });
  // The pending row is the send job's record (the reconciler queues it again from
  // there if Redis loses it), so no outbox row is written beside it.
  ctx.jobs.push(sendJob(channel, id, ctx.now, Boolean(ctx.inboundId)));
}

/** Queues a wave of requests for a need (see src/matching/waves.ts). */
export async function queueWave(ctx: JobContext, needId: string, wave: number, runAt: number, tag = ''): Promise<void> {
  await queueAfterCommit(ctx, waveJob(needId, wave, runAt, tag));
}

/**
 * Locks a member's row until the transaction ends, so two jobs cannot both decide about
 * them at once. SQLite needs nothing: its write transactions already run one at a time.
 */
export async function lockMember(ctx: Pick<EffectContext, 'trx' | 'dialect'>, memberId: string): Promise<void> {
  if (ctx.dialect === 'postgres') await lockMemberRow(ctx.trx, memberId);
}
