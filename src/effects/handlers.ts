/**
 * One handler per effect. Each writes inside the turn's transaction; anything that
 * must reach a queue (a send, a wave of requests, a follow-up) goes to the outbox and
 * is queued after commit. The handlers live by concern: profile.ts, helping.ts,
 * coordinators.ts.
 */
import type { Effect, ReplyEffect } from '../conversation/effects.js';
import { sendTo, type EffectContext } from './context.js';
import { alertCoordinator, coordinatorCommand } from './coordinators.js';
import { answerAsk, closeMatch, followUpOutcome, relay, share } from './helping.js';
import { erase, leaveIfUnreachable, optIn, optOut, recordConsent, saveItems, saveProfile, saveVolunteer, setPaused } from './profile.js';

export type { ChannelFormats, EffectContext, Services } from './context.js';
export { queueAfterCommit } from './context.js';

/**
 * Re-asks by SMS to one number in 30 seconds, at most. An auto-responder answering
 * every message is never understood, so it would draw a re-ask every time and talk
 * with the bot for ever, at a cost per text. A person moving through the questions,
 * however fast, gets real answers and is never held back. (Not on Telegram: bots
 * cannot message bots there.)
 */
export const REPLIES_PER_30S = 5;

async function reply(ctx: EffectContext, effect: ReplyEffect): Promise<void> {
  if (ctx.identity.channel === 'sms' && effect.reask) {
    const recent = await ctx.trx
      .selectFrom('outbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('identity_id', '=', ctx.identity.id)
      .where('created_at', '>', ctx.now - 30_000)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= REPLIES_PER_30S) {
      ctx.log.warn({ identityId: ctx.identity.id }, 'reply held back: too many replies to this number in 30 seconds (an automated sender?)');
      return;
    }
  }
  // After FORGET ME the last reply is sent, then its words and address are wiped.
  await sendTo(ctx, ctx.identity, effect.reply, ctx.erased ? 'final' : effect.purpose, effect.about ?? null);
}

type Handlers = { [K in Effect['type']]: (ctx: EffectContext, effect: Extract<Effect, { type: K }>) => Promise<void> };

export const handlers: Handlers = {
  reply,
  recordConsent,
  saveProfile,
  saveItems,
  saveVolunteer,
  setPaused,
  optOut,
  leaveIfUnreachable,
  optIn,
  erase,
  alertCoordinator,
  coordinatorCommand,
  answerAsk,
  relay,
  share,
  closeMatch,
  followUpOutcome,
};

export async function applyEffect(ctx: EffectContext, effect: Effect): Promise<void> {
  const handler = handlers[effect.type] as (ctx: EffectContext, effect: Effect) => Promise<void>;
  await handler(ctx, effect);
}
