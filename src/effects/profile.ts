/**
 * Effects on who someone is and what they need or give: consent, profile, needs and
 * offers (which start and stop matching), volunteering, pausing, opting out and in,
 * and erasure.
 */
import type { SaveItemsEffect, SaveProfileEffect, SaveVolunteerEffect, SetLangEffect, SetPausedEffect } from '../conversation/effects.js';
import type { ConversationInput } from '../conversation/input.js';
import { needWords } from '../conversation/questions.js';
import { restoreState } from '../conversation/state.js';
import { texts } from '../conversation/texts/index.js';
import { bestIdentity, closeOpenAsks } from '../store/asks.repository.js';
import { availableCategories, locate, placeNeeds, refreshCandidates } from '../store/candidates.repository.js';
import { conversationsOfMember, saveConversation } from '../store/conversations.repository.js';
import { eraseMember, getMember, replaceItems, setOptedOut, setUnreachable, updateMember } from '../store/members.repository.js';
import { followUpEvents, setInboundInput } from '../store/messages.repository.js';
import {
  activeMatchesWithNeeds,
  activeMatchOfNeed,
  endMatch,
  matchesHelpedBy,
  needWhat,
  memberOpenNeeds,
  reopenMatchedNeed,
  reopenNeedsWithoutHelper,
  unmatchedNeedsIn,
} from '../store/needs.repository.js';
import { queueWave, sendTo, type EffectContext, type JobContext } from './context.js';
import { wordsFor } from './language.js';

export async function recordConsent(ctx: EffectContext): Promise<void> {
  await updateMember(ctx.trx, ctx.identity.member_id, { consented_at: ctx.now }, ctx.now);
}

export async function saveProfile(ctx: EffectContext, effect: SaveProfileEffect): Promise<void> {
  const memberId = ctx.identity.member_id;
  const postcode = effect.place?.postcode ?? null;
  // A shared location is exact; else a postcode centroid, if the deployer imported them.
  const where = effect.location ?? (await locate(ctx.trx, { latitude: null, longitude: null, postcode }));
  await updateMember(
    ctx.trx,
    memberId,
    {
      first_name: effect.name,
      postcode,
      outcode: effect.place?.outcode ?? null,
      sector: effect.place?.sector ?? null,
      latitude: where?.latitude ?? null,
      longitude: where?.longitude ?? null,
      lang: effect.lang,
    },
    ctx.now,
  );
  await refreshCandidates(ctx.trx, memberId);
  // Their open needs move with them.
  const open = await memberOpenNeeds(ctx.trx, memberId);
  await placeNeeds(
    ctx.trx,
    memberId,
    open.map((n) => n.id),
  );
}

/** The member's language, as they chose it. */
export async function setLang(ctx: EffectContext, effect: SetLangEffect): Promise<void> {
  await updateMember(ctx.trx, ctx.identity.member_id, { lang: effect.lang }, ctx.now);
}

export async function saveItems(ctx: EffectContext, effect: SaveItemsEffect): Promise<void> {
  const memberId = ctx.identity.member_id;
  const { added, closed } = await replaceItems(ctx.trx, memberId, effect.list, effect.items, ctx.now, ctx.ids);
  if (effect.list === 'needs') {
    await placeNeeds(ctx.trx, memberId, added);
    for (const needId of added) await queueWave(ctx, needId, 1, ctx.now);
    for (const needId of closed) await needWithdrawn(ctx, needId);
    return;
  }
  await refreshCandidates(ctx.trx, memberId);
  if (added.length > 0) await wakeUnmatchedNeeds(ctx, memberId);
}

/**
 * Someone offers something new: needs of that kind that found no one get another
 * wave, asking only people not asked before.
 */
async function wakeUnmatchedNeeds(ctx: EffectContext, memberId: string): Promise<void> {
  const waiting = await unmatchedNeedsIn(ctx.trx, await availableCategories(ctx.trx, memberId), memberId);
  for (const need of waiting) await queueWave(ctx, need.id, need.wave + 1, ctx.now, `r${ctx.now}`);
}

/** A need is no longer wanted: its requests close, and a volunteer already helping is told kindly. */
export async function needWithdrawn(ctx: JobContext, needId: string): Promise<void> {
  await closeOpenAsks(ctx.trx, needId, 'closed', ctx.now);
  const match = await activeMatchOfNeed(ctx.trx, needId);
  if (!match) return;
  await endMatch(ctx.trx, match.id, 'closed', ctx.now);
  const need = await needWhat(ctx.trx, needId);
  const volunteer = await bestIdentity(ctx.trx, match.volunteer_id);
  const { lang, t } = await wordsFor(ctx, match.volunteer_id);
  if (volunteer) await sendTo(ctx, volunteer, { lang, text: t.matchCancelled({ what: needWords(need, t) }) }, 'match', match.requester_id);
}

export async function saveVolunteer(ctx: EffectContext, effect: SaveVolunteerEffect): Promise<void> {
  const memberId = ctx.identity.member_id;
  const member = await getMember(ctx.trx, memberId);
  if (!member) throw new Error(`member ${memberId} is missing`);
  await updateMember(
    ctx.trx,
    memberId,
    {
      travel_km: effect.travelKm,
      availability: effect.availability,
      volunteer_at: member.volunteer_at ?? ctx.now,
      // The engine told them this code; if another member took it at the same moment,
      // the unique index refuses and the whole turn runs again with a new one.
      code: member.code ?? effect.code,
    },
    ctx.now,
  );
  await refreshCandidates(ctx.trx, memberId);
}

export async function setPaused(ctx: EffectContext, effect: SetPausedEffect): Promise<void> {
  await updateMember(ctx.trx, ctx.identity.member_id, { paused_at: effect.paused ? ctx.now : null }, ctx.now);
  await refreshCandidates(ctx.trx, ctx.identity.member_id);
}

export async function optOut(ctx: EffectContext): Promise<void> {
  await setOptedOut(ctx.trx, ctx.identity.id, ctx.now);
  await leaveIfUnreachable(ctx);
}

/**
 * Can we still reach them some other way (another channel)? If not, they leave their
 * matches (a helper's need goes back to matching, and the person is told), and their
 * own needs rest until they come back.
 */
export async function leaveIfUnreachable(ctx: EffectContext): Promise<void> {
  if (!(await bestIdentity(ctx.trx, ctx.identity.member_id))) {
    await leaveMatches(ctx, ctx.identity.member_id, false);
    const open = await memberOpenNeeds(ctx.trx, ctx.identity.member_id);
    for (const need of open) await closeOpenAsks(ctx.trx, need.id, 'closed', ctx.now);
  }
}

export async function optIn(ctx: EffectContext): Promise<void> {
  await setOptedOut(ctx.trx, ctx.identity.id, null);
  await setUnreachable(ctx.trx, ctx.identity.id, null);
  await resumeNeeds(ctx);
}

/**
 * They can be reached again: their resting needs wake up, and one whose match closed
 * while they were away (their helper was told) is looked for afresh.
 */
export async function resumeNeeds(ctx: EffectContext): Promise<void> {
  const memberId = ctx.identity.member_id;
  await reopenNeedsWithoutHelper(ctx.trx, memberId, ctx.now);
  const open = await memberOpenNeeds(ctx.trx, memberId);
  for (const need of open) await queueWave(ctx, need.id, need.wave + 1, ctx.now, `r${ctx.now}`);
}

/**
 * Someone leaves their matches (FORGET ME, or STOP with no other way to reach them).
 * A helper leaving frees the need for someone else, and the person is told; a person
 * in need leaving closes the match, and the helper is told. Never with the words of
 * someone being forgotten.
 */
async function leaveMatches(ctx: EffectContext, memberId: string, forgetting: boolean): Promise<void> {
  const matches = await activeMatchesWithNeeds(ctx.trx, memberId);
  for (const m of matches) {
    await endMatch(ctx.trx, m.id, 'closed', ctx.now);
    const helperLeft = m.volunteer_id === memberId;
    const other = await bestIdentity(ctx.trx, helperLeft ? m.requester_id : m.volunteer_id);
    const { lang, t } = await wordsFor(ctx, helperLeft ? m.requester_id : m.volunteer_id);
    if (helperLeft) {
      // Their need goes back to open, and matching carries on with someone else.
      await reopenMatchedNeed(ctx.trx, m.need_id, ctx.now);
      await queueWave(ctx, m.need_id, m.wave + 1, ctx.now, `r${ctx.now}`);
    }
    const what = helperLeft || !forgetting || m.category !== 'other' ? needWords(m, t) : t.whatTheyAsked;
    // Quoting a need's words marks the message as about its person; when they are being
    // forgotten the words are not used, and the notice must still go.
    const about = !helperLeft && !forgetting ? m.requester_id : null;
    if (other) await sendTo(ctx, other, { lang, text: helperLeft ? t.helperLeft({ what }) : t.matchCancelled({ what }) }, 'match', about);
  }
}

/**
 * Follow-ups about someone being forgotten, asked of the people they helped ("Did
 * Margaret help with...?"): the recorded event loses their name, and a question
 * waiting in that person's conversation asks after "your helper" instead. (The
 * questions already sent are wiped with the rest: they carry about_member_id.)
 */
async function forgetInFollowUps(ctx: EffectContext, memberId: string): Promise<void> {
  const helped = await matchesHelpedBy(ctx.trx, memberId);
  for (const match of helped) {
    const events = await followUpEvents(ctx.trx, match.id);
    for (const event of events) {
      const input = JSON.parse(event.input) as ConversationInput;
      if (input.kind !== 'event' || input.name !== 'followup') continue;
      const { partnerId: _about, ...rest } = input;
      await setInboundInput(ctx.trx, event.id, JSON.stringify({ ...rest, partner: null }));
    }
    const conversations = await conversationsOfMember(ctx.trx, match.requester_id);
    for (const conversation of conversations) {
      const state = restoreState(conversation.state);
      if (state.followup?.matchId !== match.id) continue;
      state.followup = { ...state.followup, name: texts(state.lang).yourHelper, about: null };
      // A new version: a turn of theirs running now starts again from this.
      await saveConversation(ctx.trx, {
        identityId: conversation.identity_id,
        memberId: match.requester_id,
        state: JSON.stringify(state),
        expectedVersion: conversation.version,
        now: ctx.now,
      });
    }
  }
}

export async function erase(ctx: EffectContext): Promise<void> {
  const memberId = ctx.identity.member_id;
  await leaveMatches(ctx, memberId, true);
  await forgetInFollowUps(ctx, memberId);
  await eraseMember(ctx.trx, memberId, ctx.now, ctx.inboundId);
  ctx.erased = true;
}
