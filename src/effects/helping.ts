/**
 * Effects of helping: a volunteer answers a request (the first yes wins, atomically),
 * messages pass between the two sides, contact details are swapped when both agree,
 * DONE closes the match, and the follow-up's answer is acted on.
 */
import type { AnswerAskEffect, CloseMatchEffect, FollowUpOutcomeEffect, RelayEffect, ShareEffect, ThankEffect } from '../conversation/effects.js';
import { needWords } from '../conversation/questions.js';
import { texts } from '../conversation/texts/index.js';
import { wordsFor } from './language.js';
import { followUpJob, followUpJobPrefix } from '../queue/jobs.js';
import { resolveNeedAlerts } from '../store/alerts.repository.js';
import { answerableAsk, answerAskRow, bestIdentity, closeOpenAsks, contactOf, getMatch, needHasOpenAsk } from '../store/asks.repository.js';
import { getMember } from '../store/members.repository.js';
import { agreeToShare, endMatch, insertMatch, markNeedMet, needById, recordMatchOutcome, takeNeed } from '../store/needs.repository.js';
import { countOutboxJobs } from '../store/outbox.repository.js';
import type { Match } from '../store/schema.js';
import { queueWave, sendTo, type EffectContext, type JobContext } from './context.js';
import { queueAfterCommit } from '../queue/after-commit.js';
import { alertCoordinators, contactFor } from './coordinators.js';
import { VersionConflict } from './errors.js';

/** Coordinators are written to in English (see coordinators.ts); members in their own language (wordsFor). */
const english = texts('en');

async function nameOf(ctx: JobContext, memberId: string, fallback: string): Promise<string> {
  return (await getMember(ctx.trx, memberId))?.first_name ?? fallback;
}

/** Schedules the check-in with the person who was helped. */
export async function queueFollowUp(ctx: JobContext, matchId: string, round: number): Promise<void> {
  await queueAfterCommit(ctx, followUpJob(matchId, round, ctx.now + ctx.services.matching.followUpDelayMs));
}

export async function answerAsk(ctx: EffectContext, effect: AnswerAskEffect): Promise<void> {
  const volunteerId = ctx.identity.member_id;
  const ask = await answerableAsk(ctx.trx, volunteerId, effect.needId, effect.code);
  // The engine read the request as open in this same transaction; if it is not now,
  // something raced us: the turn starts over and reads it afresh.
  if (!ask) throw new VersionConflict(`request ${effect.code} changed`);
  const need = await needById(ctx.trx, effect.needId);

  if (effect.answer === 'no') {
    await answerAskRow(ctx.trx, ask.id, 'declined', ctx.now);
    // Everyone in this wave has said no: ask the next ones now, not when the wave times out.
    if (!(await needHasOpenAsk(ctx.trx, need.id))) await queueWave(ctx, need.id, need.wave + 1, ctx.now, 'early');
    return;
  }

  // The first yes wins: only one update can move the need from open to matched.
  if (!(await takeNeed(ctx.trx, need.id, ctx.now))) throw new VersionConflict(`need ${need.id} was taken`);
  await resolveNeedAlerts(ctx.trx, need.id, ctx.now);
  await answerAskRow(ctx.trx, ask.id, 'accepted', ctx.now);
  await closeOpenAsks(ctx.trx, need.id, 'closed', ctx.now);
  const matchId = ctx.ids.next();
  await insertMatch(ctx.trx, {
    id: matchId,
    need_id: need.id,
    requester_id: need.member_id,
    volunteer_id: volunteerId,
    status: 'active',
    requester_shared: 0,
    volunteer_shared: 0,
    outcome: null,
    created_at: ctx.now,
    closed_at: null,
  });
  const requester = await bestIdentity(ctx.trx, need.member_id);
  if (requester) {
    const { lang, t } = await wordsFor(ctx, need.member_id);
    const name = await nameOf(ctx, volunteerId, t.someone);
    await sendTo(ctx, requester, { lang, text: t.matchFound({ name, what: needWords(need, t) }) }, 'match', volunteerId);
  }
  await queueFollowUp(ctx, matchId, 1);
}

/** The other side of a match from where this person stands. */
function otherSide(match: Match, memberId: string): { partnerId: string; iAmRequester: boolean } {
  const iAmRequester = match.requester_id === memberId;
  return { partnerId: iAmRequester ? match.volunteer_id : match.requester_id, iAmRequester };
}

export async function relay(ctx: EffectContext, effect: RelayEffect): Promise<void> {
  const match = await getMatch(ctx.trx, effect.matchId);
  if (!match || match.status !== 'active') return;
  const { partnerId, iAmRequester } = otherSide(match, ctx.identity.member_id);
  const partner = await bestIdentity(ctx.trx, partnerId);
  if (!partner) return ctx.log.warn({ matchId: match.id }, 'relay: the other side cannot be reached');
  const { lang, t } = await wordsFor(ctx, partnerId);
  const name = await nameOf(ctx, ctx.identity.member_id, iAmRequester ? t.someone : t.yourHelper);
  // Through the bot, prefixed with a first name: never a number or a handle.
  await sendTo(ctx, partner, { lang, text: `${t.relayFrom({ name })}${effect.text}` }, 'relay', ctx.identity.member_id);
}

export async function share(ctx: EffectContext, effect: ShareEffect): Promise<void> {
  const match = await getMatch(ctx.trx, effect.matchId);
  if (!match || match.status !== 'active') return;
  const { iAmRequester } = otherSide(match, ctx.identity.member_id);
  // Decide from the row this update returns: if both sides agree at the same moment,
  // the second to commit sees both flags (its update waits for the first).
  const flags = await agreeToShare(ctx.trx, match.id, iAmRequester ? 'requester' : 'volunteer');
  if (flags.requester_shared !== 1 || flags.volunteer_shared !== 1) return;
  // Both agreed: each hears how to reach the other.
  const sides = [
    { memberId: match.requester_id, fallback: 'someone' as const },
    { memberId: match.volunteer_id, fallback: 'yourHelper' as const },
  ];
  for (const [me, them] of [
    [sides[0]!, sides[1]!],
    [sides[1]!, sides[0]!],
  ] as const) {
    const to = await bestIdentity(ctx.trx, me.memberId);
    const theirs = await bestIdentity(ctx.trx, them.memberId);
    if (!to) continue;
    const { lang, t } = await wordsFor(ctx, me.memberId);
    const name = await nameOf(ctx, them.memberId, t[them.fallback]);
    const contact = theirs ? contactOf(theirs) : null;
    await sendTo(ctx, to, { lang, text: contact ? t.sharedContact({ name, contact }) : t.sharedNoContact({ name }) }, 'match', them.memberId);
  }
}

export async function closeMatch(ctx: EffectContext, effect: CloseMatchEffect): Promise<void> {
  const match = await getMatch(ctx.trx, effect.matchId);
  if (!match || match.status !== 'active') return;
  await endMatch(ctx.trx, match.id, 'done', ctx.now);
  await markNeedMet(ctx.trx, match.need_id, ctx.now);
  const { partnerId, iAmRequester } = otherSide(match, ctx.identity.member_id);
  const partner = await bestIdentity(ctx.trx, partnerId);
  if (partner) {
    const { lang, t } = await wordsFor(ctx, partnerId);
    const name = await nameOf(ctx, ctx.identity.member_id, iAmRequester ? t.someone : t.yourHelper);
    await sendTo(ctx, partner, { lang, text: t.matchDoneBy({ name }) }, 'match', ctx.identity.member_id);
  }
}

export async function followUpOutcome(ctx: EffectContext, effect: FollowUpOutcomeEffect): Promise<void> {
  const match = await getMatch(ctx.trx, effect.matchId);
  if (!match) return;
  await recordMatchOutcome(ctx.trx, match.id, effect.outcome);
  const need = await needById(ctx.trx, match.need_id);
  if (effect.outcome === 'helped') {
    await endMatch(ctx.trx, match.id, 'done', match.closed_at ?? ctx.now);
    await markNeedMet(ctx.trx, need.id, ctx.now);
    // Tell the one who gave (a volunteer, or a member whose offer was used) that it mattered.
    const volunteer = await bestIdentity(ctx.trx, match.volunteer_id);
    if (volunteer) {
      const { lang, t } = await wordsFor(ctx, match.volunteer_id);
      await sendTo(
        ctx,
        volunteer,
        { lang, text: t.madeADifference({ name: await nameOf(ctx, match.requester_id, t.someone), what: needWords(need, t) }) },
        'match',
        match.requester_id,
      );
    }
    return;
  }
  if (effect.outcome === 'not_yet') {
    const rounds = await countOutboxJobs(ctx.trx, followUpJobPrefix(match.id));
    if (rounds < 3) await queueFollowUp(ctx, match.id, rounds + 1);
    return;
  }
  const t = english;
  const what = needWords(need, t);
  const name = await nameOf(ctx, match.requester_id, t.someone);
  const words = effect.words ?? t.problemNoWords;
  await alertCoordinators(ctx, {
    memberId: match.requester_id,
    kind: 'problem',
    detail: `problem reported with match ${match.id}: ${words}`.slice(0, 400),
    text: t.alertProblem({ name, what, words: words.length > 60 ? `${words.slice(0, 58)}..` : words, contact: await contactFor(ctx, match.requester_id) }),
  });
}

/**
 * A thank-you from the person helped reaches the one who gave, through the bot, even
 * after the match has closed; with it, the news that their help made a difference.
 */
export async function thank(ctx: EffectContext, effect: ThankEffect): Promise<void> {
  const match = await getMatch(ctx.trx, effect.matchId);
  if (!match || match.requester_id !== ctx.identity.member_id) return;
  const helper = await bestIdentity(ctx.trx, match.volunteer_id);
  if (!helper) return ctx.log.warn({ matchId: match.id }, 'thanks: the helper cannot be reached');
  const { lang, t } = await wordsFor(ctx, match.volunteer_id);
  const name = await nameOf(ctx, match.requester_id, t.someone);
  const need = await needById(ctx.trx, match.need_id);
  // Quoting their words: the message is about the person helped (FORGET ME wipes it).
  await sendTo(ctx, helper, { lang, text: t.thanksFrom({ name, words: effect.text }) }, 'relay', match.requester_id);
  if (match.outcome !== 'helped') await sendTo(ctx, helper, { lang, text: t.madeADifference({ name, what: needWords(need, t) }) }, 'match', match.requester_id);
}
