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
import { foldIntoAlert, recentOpenAlert } from '../store/alerts.repository.js';
import { activeMemberByCode, findOrCreateIdentity, getMember, insertAlert, verifyMember } from '../store/members.repository.js';
import { openNeedsForCoordinators } from '../store/needs.repository.js';
import { sendTo, type EffectContext, type JobContext } from './context.js';

/** How a coordinator can reach a member: their number, their @username, or how to find them. */
export async function contactFor(ctx: JobContext, memberId: string): Promise<string> {
  const identity = await bestIdentity(ctx.trx, memberId);
  if (!identity) return 'no way to reach them now';
  return contactOf(identity) ?? `${identity.channel} chat ${identity.address}`;
}

/**
 * Records an alert and tells every coordinator, on the channels that are on.
 * `recorded`: the alert is already in the table (an alert raised to urgent), so it is only told.
 */
export async function alertCoordinators(
  ctx: JobContext,
  alert: { memberId: string | null; kind: string; detail: string; text: string },
  recorded = false,
): Promise<void> {
  if (!recorded) await insertAlert(ctx.trx, { id: ctx.ids.next(), memberId: alert.memberId, kind: alert.kind, detail: alert.detail, now: ctx.now });
  ctx.log.warn({ memberId: alert.memberId, kind: alert.kind }, 'coordinator alert');
  for (const c of ctx.services.coordinators) {
    const identity = await findOrCreateIdentity(ctx.trx, c.channel, c.address, ctx.now, ctx.ids);
    await sendTo(ctx, identity, { lang: 'en', text: alert.text }, 'alert', alert.memberId);
  }
}

/** Alerts about one person (safety, a problem, words to read) are made at most this often; later words are added to the open one. */
export const SAFETY_ALERT_EVERY_MS = 60 * 60 * 1000;

export async function alertCoordinator(ctx: EffectContext, effect: AlertCoordinatorEffect): Promise<void> {
  const memberId = ctx.identity.member_id;
  const member = await getMember(ctx.trx, memberId);
  // Coordinators' texts stay in English (the team works in it); members hear their own language.
  const t = texts('en');
  // Mid sign-up the name is not saved yet: the conversation's is used, or "a new member".
  const name = member?.first_name ?? effect.name ?? t.newMember;
  if (effect.reason === 'unread' || effect.reason === 'concern') {
    // Words to read, not an alarm: recorded for the coordinators' lists, no text sent;
    // more within the hour are added to the same record.
    if (!(await foldIntoRecentAlert(ctx, memberId, [effect.reason], effect.detail)))
      await insertAlert(ctx.trx, { id: ctx.ids.next(), memberId, kind: effect.reason, detail: effect.detail, now: ctx.now });
    return;
  }
  // One alert an hour per person and concern: a coordinator is told once, and reads
  // what follows in the alert. Danger after distress is told at once, as urgent: the
  // open alert becomes a crisis. A problem with help is folded the same way.
  let raised = false;
  const kinds = effect.reason === 'crisis' || effect.reason === 'distress' ? ['crisis', 'distress'] : effect.reason === 'problem' ? ['problem'] : [];
  if (kinds.length > 0) {
    const raise = effect.reason === 'crisis' ? { from: 'distress', to: 'crisis' } : undefined;
    const recent = await foldIntoRecentAlert(ctx, memberId, kinds, effect.detail, raise);
    if (recent) {
      raised = recent.kind === raise?.from;
      if (!raised) {
        ctx.log.warn({ memberId, kind: effect.reason }, 'alert folded into the one sent within the hour');
        return;
      }
    }
  }
  // Someone who opted out is still someone: the coordinator can reach them by phone.
  const contact = contactOf(ctx.identity) ?? (await contactFor(ctx, memberId));
  // The words that gave it away first: "Hi it's Margaret from Elm Road again. I've taken
  // all my tablets" must not reach the phone cut before the tablets.
  const said = effect.quote ?? effect.detail;
  const words = said.length > 50 ? `${said.slice(0, 48)}..` : said;
  const text =
    effect.reason === 'crisis'
      ? t.alertCrisis({ name, words, contact })
      : effect.reason === 'distress'
        ? t.alertDistress({ name, words, contact })
        : effect.reason === 'problem'
          ? t.alertProblem({ name, what: t.whatTheyAsked, words, contact })
          : t.alertPerson({ name, reason: effect.reason === 'stuck' ? 'the bot could not understand them' : 'they asked', contact });
  await alertCoordinators(ctx, { memberId, kind: effect.reason, detail: effect.detail, text }, raised);
}

/**
 * Adds `detail` to the member's open alert of one of `kinds` made within the hour, if
 * there is one, raising it to `raise.to` when it is of kind `raise.from`. Returns that
 * alert as it was before, or undefined when there is none (the caller makes one).
 */
export async function foldIntoRecentAlert(
  ctx: JobContext,
  memberId: string,
  kinds: string[],
  detail: string,
  raise?: { from: string; to: string },
): Promise<{ id: string; detail: string; kind: string } | undefined> {
  const recent = await recentOpenAlert(ctx.trx, memberId, kinds, ctx.now - SAFETY_ALERT_EVERY_MS);
  if (recent) await foldIntoAlert(ctx.trx, recent.id, `${recent.detail} / ${detail}`, recent.kind === raise?.from ? raise.to : undefined);
  return recent;
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
    const member = await activeMemberByCode(ctx.trx, code);
    if (!member) return answer(t.verifyUnknown({ code }));
    await verifyMember(ctx.trx, member.id, ctx.now);
    await refreshCandidates(ctx.trx, member.id);
    return answer(t.verified({ name: member.first_name ?? t.someone, code }));
  }
  // Coordinators are real people: the simulator's sandbox is not theirs to see.
  const { total, oldest } = await openNeedsForCoordinators(ctx.trx, 8);
  if (total === 0) return answer(t.noOpenNeeds());
  return answer(t.openNeeds({ count: total, list: needsLine(oldest, total) }));
}
