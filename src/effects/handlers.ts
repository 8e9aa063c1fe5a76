/**
 * One handler per effect. Each writes inside the turn's transaction; anything that
 * must reach a queue (a send, a wave of requests, a follow-up) goes to the outbox and
 * is queued after commit. The handlers live by concern: profile.ts, helping.ts,
 * coordinators.ts.
 */
import type { Effect, ReplyEffect } from '../conversation/effects.js';
import { sendTo, type EffectContext } from './context.js';
import { alertCoordinator, coordinatorCommand } from './coordinators.js';
import { answerAsk, closeMatch, followUpOutcome, relay, share, thank } from './helping.js';
import { erase, leaveIfUnreachable, optIn, optOut, recordConsent, saveItems, saveProfile, saveVolunteer, setLang, setPaused } from './profile.js';

export type { ChannelFormats, EffectContext, Services } from './context.js';

/**
 * A reply to the person. (Re-asks to an automated sender are held back by the engine
 * itself, which knows whether anything was understood: see REASKS_PER_30S.)
 */
async function reply(ctx: EffectContext, effect: ReplyEffect): Promise<void> {
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
  thank,
  setLang,
};

export async function applyEffect(ctx: EffectContext, effect: Effect): Promise<void> {
  const handler = handlers[effect.type] as (ctx: EffectContext, effect: Effect) => Promise<void>;
  await handler(ctx, effect);
}
