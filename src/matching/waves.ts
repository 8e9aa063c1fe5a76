/**
 * Asking volunteers, in waves. A wave asks the best few candidates (MATCH_WAVE_SIZE)
 * and schedules the next wave as a delayed job (MATCH_WAVE_DELAY_SECONDS); the next
 * wave lets the earlier requests lapse and asks the next best. When everyone in a
 * wave says no, the next wave comes at once. After MATCH_MAX_WAVES, or when no one is
 * left to ask, a coordinator hears the need is unmatched and the person is told,
 * kindly, that people are still looking.
 *
 * A wave job is idempotent: it acts only if the need is still open and has not reached
 * that wave yet, so an early wave and its delayed twin never both ask.
 */
import type { ChannelName } from '../domain/channels.js';
import type { Clock } from '../platform/clock.js';
import { cap, holdsPrivate, itemWords, needWords } from '../conversation/questions.js';
import type { Reply } from '../conversation/reply.js';
import { texts, type Lang } from '../conversation/texts/index.js';
import { wordsFor } from '../effects/language.js';
import { lockMember, queueWave, sendTo, type JobContext, type Services } from '../effects/context.js';
import { alertCoordinators } from '../effects/coordinators.js';
import type { Ids } from '../platform/ids.js';
import type { Logger } from '../platform/log.js';
import type { JobRequest } from '../queue/queues.js';
import { bestIdentity, closeOpenAsks, insertAsk, isBusy, newAskCode, offerWords } from '../store/asks.repository.js';
import { markAsked } from '../store/candidates.repository.js';
import type { Store } from '../store/database.js';
import { commitThenEnqueue } from '../queue/after-commit.js';
import { getMember } from '../store/members.repository.js';
import { claimWave, markNeedUnmatched, needById } from '../store/needs.repository.js';
import { markOutboxDone } from '../store/outbox.repository.js';
import type { Need } from '../store/schema.js';
import { findCandidates } from './search.js';

export interface MatcherDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  services: Services;
  enqueue(job: JobRequest): Promise<void>;
}

/** Coordinators are written to in English; members in their own language. */
const english = texts('en');

/**
 * The request a volunteer receives; with buttons where the channel has them. To someone
 * who offered this in their own words (`offer`), it says so: "You said you could offer
 * "I can knit". Someone near SA1 would like "help learning to knit"."
 */
export function askReply(
  need: Pick<Need, 'category' | 'words' | 'mode' | 'outcode'>,
  code: string,
  buttons: boolean,
  offer: string | null = null,
  lang: Lang = 'en',
): Reply {
  const t = texts(lang);
  const place = need.mode === 'in_person' ? (need.outcode ?? null) : null;
  const text = offer
    ? t.askToHelpOffer({
        offer: itemWords({ category: 'other', words: offer }, t, 40),
        // Their own words, unless they hold a number, an address or where a key is.
        what: need.words && !holdsPrivate(need.words) ? itemWords({ category: 'other', words: need.words }, t, 40) : needWords(need, t),
        place,
        code,
      })
    : t.askToHelp({ what: cap(needWords(need, t)), place, code });
  if (!buttons) return { lang, text };
  return {
    lang,
    text,
    select: 'one',
    // Buttons that stand for the words "YES 4821": they answer whatever the chat is doing.
    step: 'word',
    choices: [
      { id: `YES ${code}`, label: t.choice.canHelp },
      { id: `NO ${code}`, label: t.choice.cannotHelp },
    ],
  };
}

/** No one could be found: a coordinator is told, and the person hears people are still looking. Once. */
async function unmatched(ctx: JobContext, need: Need, why: string): Promise<void> {
  if (need.unmatched_at !== null) return;
  await markNeedUnmatched(ctx.trx, need.id, ctx.now);
  await alertCoordinators(ctx, {
    memberId: need.member_id,
    kind: 'unmatched',
    detail: `need ${need.id}: ${why}`,
    text: english.alertUnmatched({ what: needWords(need, english), place: need.outcode ?? 'no postcode given', need: need.id.slice(-8) }),
  });
  const requester = await bestIdentity(ctx.trx, need.member_id);
  const { lang, t } = await wordsFor(ctx, need.member_id);
  if (requester) await sendTo(ctx, requester, { lang, text: t.stillLooking({ what: needWords(need, t) }) });
}

export function createMatcher(deps: MatcherDeps) {
  async function wave(ctx: JobContext, needId: string, number: number, retry: boolean): Promise<void> {
    const { trx, now } = ctx;
    // Claim this wave: only one job can move the need to it, and only while it is open.
    // A yes, a cancel, or this wave's early twin that got there first stops this one.
    if (!(await claimWave(trx, needId, number))) return;
    const need = await needById(trx, needId);
    await closeOpenAsks(trx, need.id, 'expired', now);
    // No way to reach the person in need (STOP): the need rests; START wakes it.
    if (!(await bestIdentity(trx, need.member_id))) return;
    const settings = ctx.services.matching;
    if (need.category === 'other') return unmatched(ctx, need, 'in their own words: a person should read it');
    if (number > settings.maxWaves && !retry) return unmatched(ctx, need, `no one said yes in ${settings.maxWaves} waves`);

    const requester = await getMember(trx, need.member_id);
    if (!requester) throw new Error(`member ${need.member_id} is missing`);
    const { ranked } = await findCandidates(trx, need, {
      now,
      requireVerifiedInPerson: settings.requireVerifiedInPerson,
      enough: settings.waveSize,
      lang: requester.lang,
    });

    let asked = 0;
    for (const pick of ranked) {
      if (asked >= settings.waveSize) break;
      // Another need's wave may be asking them this very moment: take their row, then look again.
      await lockMember(ctx, pick.memberId);
      if (await isBusy(trx, pick.memberId)) continue;
      const to = await bestIdentity(trx, pick.memberId);
      if (!to) continue;
      const code = await newAskCode(trx, pick.memberId);
      await insertAsk(trx, {
        id: ctx.ids.next(),
        need_id: need.id,
        volunteer_id: pick.memberId,
        code,
        wave: number,
        status: 'open',
        created_at: now,
        answered_at: null,
      });
      await markAsked(trx, pick.memberId, now);
      const buttons = ctx.services.formats[to.channel as ChannelName]?.buttons ?? false;
      const { lang } = await wordsFor(ctx, pick.memberId);
      await sendTo(ctx, to, askReply(need, code, buttons, await offerWords(trx, pick.memberId, need.category), lang), 'ask', need.member_id);
      asked++;
    }
    if (asked === 0) {
      // No one to ask yet: someone may offer this before the last wave is due.
      if (number >= settings.maxWaves || retry) return unmatched(ctx, need, 'no one nearby offers this now');
      return queueWave(ctx, need.id, number + 1, now + settings.waveDelayMs);
    }
    deps.log.info({ needId: need.id, wave: number, asked }, 'asked volunteers');
    await queueWave(ctx, need.id, number + 1, now + settings.waveDelayMs);
  }

  return {
    /** Runs one wave job: the need, the wave's number, whether it is a retry after new offers. */
    async runWave(needId: string, number: number, retry: boolean, jobId: string | undefined): Promise<void> {
      await commitThenEnqueue(deps, deps.clock.now(), async (out) => {
        const ctx: JobContext = { ...out, dialect: deps.store.dialect, log: deps.log, services: deps.services };
        if (jobId) await markOutboxDone(out.trx, jobId, ctx.now);
        await wave(ctx, needId, number, retry);
      });
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
