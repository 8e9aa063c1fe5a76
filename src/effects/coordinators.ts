/**
 * Coordinators: the people who look after an area. They hear about people who need a
 * person (stuck, asked, a problem) and needs no one has taken, and they can VERIFY a
 * volunteer by code and list open needs.
 */
import type { AlertCoordinatorEffect, CoordinatorCommandEffect } from '../conversation/effects.js';
import { needWords } from '../conversation/questions.js';
import { texts } from '../conversation/texts/index.js';
import { bestIdentity, contactOf } from '../store/asks.repository.js';
import { refreshCandidates } from '../store/candidates.repository.js';
import { findOrCreateIdentity, getMember, insertAlert } from '../store/members.repository.js';
import { sendTo, type EffectContext, type JobContext } from './context.js';

/** How a coordinator can reach a member: their number, their @username, or how to find them. */
export async function contactFor(ctx: JobContext, memberId: string): Promise<string> {
  const identity = await bestIdentity(ctx.trx, memberId);
  if (!identity) return 'no way to reach them now';
  return contactOf(identity) ?? `${identity.channel} chat ${identity.address}`;
}

/** Records an alert and tells every coordinator, on the channels that are on. */
export async function alertCoordinators(ctx: JobContext, alert: { memberId: string | null; kind: string; detail: string; text: string }): Promise<void> {
  await insertAlert(ctx.trx, { id: ctx.ids.next(), memberId: alert.memberId, kind: alert.kind, detail: alert.detail, now: ctx.now });
  ctx.log.warn({ memberId: alert.memberId, kind: alert.kind }, 'coordinator alert');
  for (const c of ctx.services.coordinators) {
    const identity = await findOrCreateIdentity(ctx.trx, c.channel, c.address, ctx.now, ctx.ids);
    await sendTo(ctx, identity, { lang: 'en', text: alert.text }, 'normal', alert.memberId);
  }
}

export async function alertCoordinator(ctx: EffectContext, effect: AlertCoordinatorEffect): Promise<void> {
  const member = await getMember(ctx.trx, ctx.identity.member_id);
  const t = texts('en');
  const name = member?.first_name ?? t.someone;
  // Someone who opted out is still someone: the coordinator can reach them by phone.
  const contact = contactOf(ctx.identity) ?? (await contactFor(ctx, ctx.identity.member_id));
  const text =
    effect.reason === 'crisis'
      ? t.alertCrisis({ name, words: effect.detail.length > 40 ? `${effect.detail.slice(0, 38)}..` : effect.detail, contact })
      : t.alertPerson({ name, reason: effect.reason === 'stuck' ? 'the bot could not understand them' : 'they asked', contact });
  await alertCoordinators(ctx, { memberId: ctx.identity.member_id, kind: effect.reason, detail: effect.detail, text });
}

/** Open needs in a line: "shopping SA1, a phone chat, dog walking M1 and 4 more". */
function needsLine(needs: { category: string; words: string | null; outcode: string | null }[], total: number): string {
  const t = texts('en');
  const parts: string[] = [];
  for (const n of needs) {
    const part = `${needWords(n, t)}${n.outcode ? ` ${n.outcode}` : ''}`;
    if ([...parts, part].join(', ').length > 90) break;
    parts.push(part);
  }
  const more = total - parts.length;
  return `${parts.join(', ')}${more > 0 ? ` ${t.andMore({ count: more })}` : ''}.`;
}

export async function coordinatorCommand(ctx: EffectContext, effect: CoordinatorCommandEffect): Promise<void> {
  const t = texts('en');
  // A coordinator's answers name and quote members: they are kept only until sent.
  const answer = (text: string) => sendTo(ctx, ctx.identity, { lang: 'en', text }, 'final');
  if (effect.command === 'verify') {
    const code = effect.code ?? '';
    const member = await ctx.trx.selectFrom('members').select(['id', 'first_name']).where('code', '=', code).where('status', '=', 'active').executeTakeFirst();
    if (!member) return answer(t.verifyUnknown({ code }));
    await ctx.trx.updateTable('members').set({ verified_at: ctx.now, updated_at: ctx.now }).where('id', '=', member.id).execute();
    await refreshCandidates(ctx.trx, member.id);
    return answer(t.verified({ name: member.first_name ?? t.someone, code }));
  }
  // Coordinators are real people: the simulator's sandbox is not theirs to see.
  const open = ctx.trx.selectFrom('needs').where('status', '=', 'open').where('member_id', 'not in', ctx.trx.selectFrom('members').select('id').where('sandbox', '=', 1));
  const total = Number((await open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (total === 0) return answer(t.noOpenNeeds());
  const oldest = await open.select(['category', 'words', 'outcode']).orderBy('created_at').limit(8).execute();
  return answer(t.openNeeds({ count: total, list: needsLine(oldest, total) }));
}
