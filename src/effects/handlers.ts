/**
 * One handler per effect. Each writes inside the turn's transaction; anything that
 * must reach a queue is written to the outbox here and queued after commit.
 */
import type { ChannelName } from '../channels/channel.js';
import type { Effect } from '../conversation/effects.js';
import type { Reply } from '../conversation/reply.js';
import type { Ids } from '../ids.js';
import type { Logger } from '../log.js';
import { QUEUE_NAMES, type JobRequest } from '../queue/queues.js';
import type { Executor } from '../store/database.js';
import { eraseMember, insertAlert, replaceItems, setOptedOut, setUnreachable, updateMember } from '../store/members.repository.js';
import { insertOutbound } from '../store/messages.repository.js';
import { addToOutbox } from '../store/outbox.repository.js';
import type { Identity } from '../store/schema.js';

/** How each channel shows a reply: its renderer, and whether it has buttons. */
export type ChannelFormats = Partial<Record<ChannelName, { render(reply: Reply): string; buttons: boolean }>>;

/** Everything a handler may use for one turn. */
export interface EffectContext {
  trx: Executor;
  now: number;
  ids: Ids;
  log: Logger;
  identity: Identity;
  inboundId: string | null;
  formats: ChannelFormats;
  /** Jobs to queue once the transaction has committed. */
  jobs: JobRequest[];
  /** Set once the member has been erased in this turn: later replies are the last words. */
  erased: boolean;
}

/** Records a job in the outbox (same transaction) and notes it for queueing after commit. */
export async function queueAfterCommit(ctx: EffectContext, job: JobRequest): Promise<void> {
  await addToOutbox(ctx.trx, {
    id: ctx.ids.next(),
    queue: job.queue,
    job_name: job.name,
    job_id: job.jobId,
    data: JSON.stringify(job.data),
    run_at: job.runAt,
    created_at: ctx.now,
    done_at: null,
  });
  ctx.jobs.push(job);
}

type Handlers = { [K in Effect['type']]: (ctx: EffectContext, effect: Extract<Effect, { type: K }>) => Promise<void> };

export const handlers: Handlers = {
  async reply(ctx, effect) {
    const channel = ctx.identity.channel as ChannelName;
    const format = ctx.formats[channel];
    if (!format) {
      ctx.log.error({ channel }, 'no renderer for channel; reply dropped');
      return;
    }
    const id = ctx.ids.next();
    await insertOutbound(ctx.trx, {
      id,
      identity_id: ctx.identity.id,
      channel,
      address: ctx.identity.address,
      // After FORGET ME the last reply is sent, then its words and address are wiped.
      purpose: ctx.erased ? 'final' : effect.purpose,
      body: format.render(effect.reply),
      reply: JSON.stringify(effect.reply),
      status: 'pending',
      delivery_status: null,
      provider_id: null,
      attempts: 0,
      error: null,
      inbound_id: ctx.inboundId,
      created_at: ctx.now,
      sent_at: null,
      updated_at: ctx.now,
    });
    await queueAfterCommit(ctx, { queue: QUEUE_NAMES.send(channel), name: 'send', jobId: `send-${id}`, data: { outboundId: id }, runAt: ctx.now });
  },

  async recordConsent(ctx) {
    await updateMember(ctx.trx, ctx.identity.member_id, { consented_at: ctx.now }, ctx.now);
  },

  async saveProfile(ctx, effect) {
    await updateMember(
      ctx.trx,
      ctx.identity.member_id,
      {
        first_name: effect.name,
        postcode: effect.place?.postcode ?? null,
        outcode: effect.place?.outcode ?? null,
        sector: effect.place?.sector ?? null,
        latitude: effect.location?.latitude ?? null,
        longitude: effect.location?.longitude ?? null,
        lang: effect.lang,
      },
      ctx.now,
    );
  },

  async saveItems(ctx, effect) {
    await replaceItems(ctx.trx, ctx.identity.member_id, effect.list, effect.items, ctx.now, ctx.ids);
  },

  async optOut(ctx) {
    await setOptedOut(ctx.trx, ctx.identity.id, ctx.now);
  },

  async optIn(ctx) {
    await setOptedOut(ctx.trx, ctx.identity.id, null);
    await setUnreachable(ctx.trx, ctx.identity.id, null);
  },

  async alertCoordinator(ctx, effect) {
    await insertAlert(ctx.trx, { id: ctx.ids.next(), memberId: ctx.identity.member_id, kind: effect.reason, detail: effect.detail, now: ctx.now });
    ctx.log.warn({ memberId: ctx.identity.member_id, reason: effect.reason }, 'coordinator alert raised');
  },

  async erase(ctx) {
    await eraseMember(ctx.trx, ctx.identity.member_id, ctx.now, ctx.inboundId);
    ctx.erased = true;
  },
};

export async function applyEffect(ctx: EffectContext, effect: Effect): Promise<void> {
  const handler = handlers[effect.type] as (ctx: EffectContext, effect: Effect) => Promise<void>;
  await handler(ctx, effect);
}
