/**
 * What a coordinator can do from the console, each in one transaction with its audit
 * entry, and any message it sends going through the outbox like every other send
 * (queued only after commit; the sender still refuses anyone who sent STOP). Expected
 * refusals (the need was taken meanwhile, the person opted out) are values, not
 * exceptions, so a page can say what happened. The simulator's sandbox is not the
 * console's: no one in it is asked, and no real member is asked about a need of theirs.
 */
import type { ChannelName } from '../domain/channels.js';
import { lockMember, sendTo, type JobContext } from '../effects/context.js';
import { needWithdrawn } from '../effects/profile.js';
import { wordsFor } from '../effects/language.js';
import { askReply, type MatcherDeps } from '../matching/waves.js';
import { acknowledgeAlert, resolveAlert, resolveNeedAlerts } from '../store/alerts.repository.js';
import { bestIdentity, closeOpenAsks, newAskCode } from '../store/asks.repository.js';
import { recordAudit, type AuditRecord } from '../store/audit.repository.js';
import { markAsked, refreshCandidates } from '../store/candidates.repository.js';
import { insertAsk, isBusy } from '../store/asks.repository.js';
import { anyInSandbox, closeNeedAs, finishActiveMatches, hasOpenAsk, hasOptedOutIdentity } from '../store/console.repository.js';
import { findNeed } from '../store/needs.repository.js';
import { commitThenEnqueue } from '../queue/after-commit.js';
import { updateMember, verifyMember } from '../store/members.repository.js';

/** What the actions need: what a wave of requests is given (they ask volunteers the same way). */
export type ActDeps = MatcherDeps;

/** The coordinator acting, as the audit log names them. */
export interface Actor {
  id: string;
  name: string;
}

export type Outcome<Reason extends string> = { ok: true } | { ok: false; reason: Reason };

type AuditFields = Omit<AuditRecord, 'id' | 'at' | 'coordinator'>;
const done = { ok: true } as const;
const refused = <R extends string>(reason: R) => ({ ok: false, reason }) as const;

export function createActions(deps: ActDeps) {
  /** Runs an action in a transaction; records it when it succeeds; queues its jobs after commit. */
  async function act<R extends string>(who: Actor, audit: AuditFields, fn: (ctx: JobContext) => Promise<Outcome<R>>): Promise<Outcome<R>> {
    return commitThenEnqueue(deps, deps.clock.now(), async (out) => {
      const ctx: JobContext = { ...out, dialect: deps.store.dialect, log: deps.log, services: deps.services };
      const outcome = await fn(ctx);
      if (outcome.ok) await recordAudit(out.trx, { id: deps.ids.next(), at: ctx.now, coordinator: who, ...audit });
      return outcome;
    });
  }

  return {
    /** Records something seen or taken out (a number shown, an export) with nothing else changed. */
    record: (who: Actor, audit: AuditFields) => act(who, audit, () => Promise.resolve(done)),

    acknowledgeAlert: (who: Actor, alertId: string, memberId: string | null) =>
      act(who, { action: 'acknowledged an alert', memberId, subject: `alert ${alertId}` }, async (ctx) =>
        (await acknowledgeAlert(ctx.trx, alertId, who.id, ctx.now)) ? done : refused('already'),
      ),

    resolveAlert: (who: Actor, alertId: string, memberId: string | null, note: string) =>
      act(who, { action: 'resolved an alert', memberId, subject: `alert ${alertId}` }, async (ctx) =>
        (await resolveAlert(ctx.trx, alertId, who.id, note, ctx.now)) ? done : refused('already'),
      ),

    /**
     * Asks one volunteer about a need, as a wave would: a request with a code they
     * answer YES or NO to as usual, the first yes winning.
     */
    askVolunteer: (who: Actor, needId: string, volunteerId: string) =>
      act(who, { action: 'asked a volunteer', memberId: volunteerId, subject: `need ${needId}` }, async (ctx) => {
        const need = await findNeed(ctx.trx, needId);
        if (!need || need.status !== 'open') return refused('not_open');
        if (volunteerId === need.member_id) return refused('busy');
        // The ranked candidates never cross the sandbox's wall; a volunteer id sent by hand must not either.
        if (await anyInSandbox(ctx.trx, [need.member_id, volunteerId])) return refused('sandbox');
        await lockMember(ctx, volunteerId);
        if (await hasOpenAsk(ctx.trx, needId, volunteerId)) return refused('already_asked');
        if (await isBusy(ctx.trx, volunteerId)) return refused('busy');
        const to = await bestIdentity(ctx.trx, volunteerId);
        if (!to) return refused('unreachable');
        const code = await newAskCode(ctx.trx, volunteerId);
        await insertAsk(ctx.trx, {
          id: ctx.ids.next(),
          need_id: need.id,
          volunteer_id: volunteerId,
          code,
          wave: need.wave,
          status: 'open',
          created_at: ctx.now,
          answered_at: null,
        });
        await markAsked(ctx.trx, volunteerId, ctx.now);
        const buttons = ctx.services.formats[to.channel as ChannelName]?.buttons ?? false;
        await sendTo(ctx, to, askReply(need, code, buttons, null, (await wordsFor(ctx, volunteerId)).lang), 'ask', need.member_id);
        return done;
      }),

    /** A message from the coordinator, through the bot, on the channel the person last used. */
    sendMessage: (who: Actor, memberId: string, text: string) =>
      act(who, { action: 'sent a message', memberId }, async (ctx) => {
        const to = await bestIdentity(ctx.trx, memberId);
        if (!to) return refused((await hasOptedOutIdentity(ctx.trx, memberId)) ? 'opted_out' : 'unreachable');
        await sendTo(ctx, to, { lang: 'en', text: `${who.name.split(' ')[0]} at valued: ${text}` });
        return done;
      }),

    /** Closes a need: help came ('met'), or it is no longer needed ('cancelled', and a helper is told). */
    closeNeed: (who: Actor, needId: string, memberId: string, outcome: 'met' | 'cancelled') =>
      act(who, { action: 'closed a need', memberId, subject: `need ${needId}`, detail: outcome }, async (ctx) => {
        if (!(await closeNeedAs(ctx.trx, needId, outcome, ctx.now))) return refused('already');
        if (outcome === 'cancelled') await needWithdrawn(ctx, needId);
        else {
          await closeOpenAsks(ctx.trx, needId, 'closed', ctx.now);
          await finishActiveMatches(ctx.trx, needId, ctx.now);
        }
        await resolveNeedAlerts(ctx.trx, needId, ctx.now, 'Resolved by itself: a coordinator closed this need.');
        return done;
      }),

    verify: (who: Actor, memberId: string) =>
      act(who, { action: 'verified a volunteer', memberId }, async (ctx) => {
        if (!(await verifyMember(ctx.trx, memberId, ctx.now))) return refused('gone');
        await refreshCandidates(ctx.trx, memberId);
        return done;
      }),

    /** PAUSE or RESUME on someone's behalf: no requests to help until resumed. */
    setPaused: (who: Actor, memberId: string, paused: boolean) =>
      act(who, { action: paused ? 'paused' : 'resumed', memberId }, async (ctx) => {
        await updateMember(ctx.trx, memberId, { paused_at: paused ? ctx.now : null }, ctx.now);
        await refreshCandidates(ctx.trx, memberId);
        return done;
      }),
  };
}

export type Actions = ReturnType<typeof createActions>;
