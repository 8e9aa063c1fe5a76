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
import { locate, placeNeeds, refreshCandidates } from '../store/candidates.repository.js';
import { eraseMember, replaceItems, setOptedOut, setUnreachable, updateMember } from '../store/members.repository.js';
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
  const open = await ctx.trx.selectFrom('needs').select('id').where('member_id', '=', memberId).where('status', '=', 'open').execute();
  await placeNeeds(ctx.trx, memberId, open.map((n) => n.id));
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
  const categories = (await ctx.trx.selectFrom('candidates').select('category').where('member_id', '=', memberId).where('available', '=', 1).execute()).map((c) => c.category);
  if (categories.length === 0) return;
  const waiting = await ctx.trx
    .selectFrom('needs')
    .select(['id', 'wave'])
    .where('status', '=', 'open')
    .where('unmatched_at', 'is not', null)
    .where('category', 'in', categories)
    .where('member_id', '!=', memberId)
    .limit(50)
    .execute();
  for (const need of waiting) await queueWave(ctx, need.id, need.wave + 1, ctx.now, `r${ctx.now}`);
}

/** A need is no longer wanted: its requests close, and a volunteer already helping is told kindly. */
export async function needWithdrawn(ctx: JobContext, needId: string): Promise<void> {
  await closeOpenAsks(ctx.trx, needId, 'closed', ctx.now);
  const match = await ctx.trx.selectFrom('matches').selectAll().where('need_id', '=', needId).where('status', '=', 'active').executeTakeFirst();
  if (!match) return;
  await ctx.trx.updateTable('matches').set({ status: 'closed', closed_at: ctx.now }).where('id', '=', match.id).execute();
  const need = await ctx.trx.selectFrom('needs').select(['category', 'words']).where('id', '=', needId).executeTakeFirstOrThrow();
  const volunteer = await bestIdentity(ctx.trx, match.volunteer_id);
  const { lang, t } = await wordsFor(ctx, match.volunteer_id);
  if (volunteer) await sendTo(ctx, volunteer, { lang, text: t.matchCancelled({ what: needWords(need, t) }) }, 'normal', match.requester_id);
}

export async function saveVolunteer(ctx: EffectContext, effect: SaveVolunteerEffect): Promise<void> {
  const memberId = ctx.identity.member_id;
  const member = await ctx.trx.selectFrom('members').select(['volunteer_at', 'code']).where('id', '=', memberId).executeTakeFirstOrThrow();
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
    const open = await ctx.trx.selectFrom('needs').select('id').where('member_id', '=', ctx.identity.member_id).where('status', '=', 'open').execute();
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
  await ctx.trx
    .updateTable('needs')
    .set({ status: 'open', updated_at: ctx.now })
    .where('member_id', '=', memberId)
    .where('status', '=', 'matched')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('matches').select('matches.id').whereRef('matches.need_id', '=', 'needs.id').where('matches.status', '=', 'active'))))
    .execute();
  const open = await ctx.trx.selectFrom('needs').select(['id', 'wave']).where('member_id', '=', memberId).where('status', '=', 'open').execute();
  for (const need of open) await queueWave(ctx, need.id, need.wave + 1, ctx.now, `r${ctx.now}`);
}

/**
 * Someone leaves their matches (FORGET ME, or STOP with no other way to reach them).
 * A helper leaving frees the need for someone else, and the person is told; a person
 * in need leaving closes the match, and the helper is told. Never with the words of
 * someone being forgotten.
 */
async function leaveMatches(ctx: EffectContext, memberId: string, forgetting: boolean): Promise<void> {
  const matches = await ctx.trx
    .selectFrom('matches')
    .innerJoin('needs', 'needs.id', 'matches.need_id')
    .select(['matches.id', 'matches.requester_id', 'matches.volunteer_id', 'matches.need_id', 'needs.category', 'needs.words', 'needs.wave'])
    .where('matches.status', '=', 'active')
    .where((eb) => eb.or([eb('matches.requester_id', '=', memberId), eb('matches.volunteer_id', '=', memberId)]))
    .execute();
  for (const m of matches) {
    await ctx.trx.updateTable('matches').set({ status: 'closed', closed_at: ctx.now }).where('id', '=', m.id).execute();
    const helperLeft = m.volunteer_id === memberId;
    const other = await bestIdentity(ctx.trx, helperLeft ? m.requester_id : m.volunteer_id);
    const { lang, t } = await wordsFor(ctx, helperLeft ? m.requester_id : m.volunteer_id);
    if (helperLeft) {
      // Their need goes back to open, and matching carries on with someone else.
      await ctx.trx.updateTable('needs').set({ status: 'open', updated_at: ctx.now }).where('id', '=', m.need_id).where('status', '=', 'matched').execute();
      await queueWave(ctx, m.need_id, m.wave + 1, ctx.now, `r${ctx.now}`);
    }
    const what = helperLeft || !forgetting || m.category !== 'other' ? needWords(m, t) : t.whatTheyAsked;
    // Quoting a need's words marks the message as about its person; when they are being
    // forgotten the words are not used, and the notice must still go.
    const about = !helperLeft && !forgetting ? m.requester_id : null;
    if (other) await sendTo(ctx, other, { lang, text: helperLeft ? t.helperLeft({ what }) : t.matchCancelled({ what }) }, 'normal', about);
  }
}

/**
 * Follow-ups about someone being forgotten, asked of the people they helped ("Did
 * Margaret help with...?"): the recorded event loses their name, and a question
 * waiting in that person's conversation asks after "your helper" instead. (The
 * questions already sent are wiped with the rest: they carry about_member_id.)
 */
async function forgetInFollowUps(ctx: EffectContext, memberId: string): Promise<void> {
  const helped = await ctx.trx.selectFrom('matches').select(['id', 'requester_id']).where('volunteer_id', '=', memberId).execute();
  for (const match of helped) {
    const events = await ctx.trx.selectFrom('inbound_messages').select(['id', 'input']).where('provider_id', 'like', `followup-${match.id}-%`).execute();
    for (const event of events) {
      const input = JSON.parse(event.input) as ConversationInput;
      if (input.kind !== 'event' || input.name !== 'followup') continue;
      const { partnerId: _about, ...rest } = input;
      await ctx.trx.updateTable('inbound_messages').set({ input: JSON.stringify({ ...rest, partner: null }) }).where('id', '=', event.id).execute();
    }
    const conversations = await ctx.trx.selectFrom('conversations').select(['identity_id', 'state', 'version']).where('member_id', '=', match.requester_id).execute();
    for (const conversation of conversations) {
      const state = restoreState(conversation.state);
      if (state.followup?.matchId !== match.id) continue;
      state.followup = { ...state.followup, name: texts(state.lang).yourHelper, about: null };
      // A new version: a turn of theirs running now starts again from this.
      await ctx.trx
        .updateTable('conversations')
        .set({ state: JSON.stringify(state), version: conversation.version + 1, updated_at: ctx.now })
        .where('identity_id', '=', conversation.identity_id)
        .where('version', '=', conversation.version)
        .execute();
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
