/**
 * What the conversation engine may know this turn (see src/conversation/facts.ts): the
 * person's requests to help, their matches, their code, whether they are a
 * coordinator. Read from the store and put in the person's own language here, so the
 * store holds state and never words for people.
 */
import type { AskFact, Facts, MatchFact } from '../conversation/facts.js';
import { needWords } from '../conversation/questions.js';
import { texts, type Lang } from '../conversation/texts/index.js';
import { isSandboxChannel } from '../domain/channels.js';
import { activeMatches, newMemberCode, recentAsks } from '../store/asks.repository.js';
import type { Executor } from '../store/database.js';
import type { Identity } from '../store/schema.js';
import type { Turn } from '../store/turns.repository.js';

/** A request's status from which a yes still counts: after the wave lapsed, or after a no, while the need is open. */
const ANSWERABLE = new Set(['open', 'expired', 'declined']);

/** The requests a volunteer may answer by code: the newest with each code. */
export async function askFacts(trx: Executor, volunteerId: string, now: number, lang: Lang): Promise<AskFact[]> {
  const t = texts(lang);
  const seen = new Set<string>();
  const facts: AskFact[] = [];
  for (const r of await recentAsks(trx, volunteerId, now)) {
    if (seen.has(r.code)) continue; // the newest request with a code is the one meant
    seen.add(r.code);
    facts.push({
      code: r.code,
      needId: r.need_id,
      what: needWords(r, t),
      requester: r.first_name,
      requesterId: r.requester_id,
      open: ANSWERABLE.has(r.status) && r.need_status === 'open',
    });
  }
  return facts;
}

/** The member's active matches, newest first, as the engine sees them. */
export async function matchFacts(trx: Executor, memberId: string, lang: Lang): Promise<MatchFact[]> {
  const t = texts(lang);
  return (await activeMatches(trx, memberId)).map((r) => {
    const requester = r.requester_id === memberId;
    return {
      id: r.id,
      role: requester ? 'requester' : 'volunteer',
      partner: requester ? r.volunteer_name : r.requester_name,
      partnerId: requester ? r.volunteer_id : r.requester_id,
      what: needWords(r, t),
      iShared: (requester ? r.requester_shared : r.volunteer_shared) === 1,
      theyShared: (requester ? r.volunteer_shared : r.requester_shared) === 1,
    };
  });
}

/**
 * Everything the engine may know this turn. `coordinators`: "channel:address" of each
 * configured coordinator. `standing`: where the member stands, as the turn's first read
 * brought it (requests and matches are read only when there are some).
 */
export async function factsFor(
  trx: Executor,
  identity: Identity,
  now: number,
  lang: Lang,
  coordinators: ReadonlySet<string>,
  standing: Turn['standing'],
): Promise<Facts> {
  return {
    asks: standing.hasAsks ? await askFacts(trx, identity.member_id, now, lang) : [],
    matches: standing.hasMatches ? await matchFacts(trx, identity.member_id, lang) : [],
    code: standing.code,
    newCode: newMemberCode(),
    paused: standing.paused,
    hasOffers: standing.hasOffers,
    // A configured identity on a real channel; never anyone in the simulator.
    coordinator: !isSandboxChannel(identity.channel) && coordinators.has(`${identity.channel}:${identity.address}`),
  };
}
