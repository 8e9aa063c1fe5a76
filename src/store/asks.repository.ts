/**
 * Requests to volunteers (asks) and the matches that come of them, plus what the
 * conversation engine is told about them each turn (facts).
 */
import { randomInt } from 'node:crypto';
import type { AskFact, MatchFact } from '../conversation/facts.js';
import { needWords } from '../conversation/questions.js';
import { texts } from '../conversation/texts/index.js';
import type { Executor } from './database.js';
import type { Identity, Match } from './schema.js';

/** Requests answered or closed this long ago still get a kind "someone has it" instead of "unknown code". */
const REMEMBER_ASKS_MS = 14 * 24 * 60 * 60 * 1000;

/** Four digits not used by any request the volunteer could still answer. */
export async function newAskCode(trx: Executor, volunteerId: string, random: () => number = () => randomInt(1000, 10000)): Promise<string> {
  const open = new Set(
    (await trx.selectFrom('asks').select('code').where('volunteer_id', '=', volunteerId).where('status', 'in', ['open', 'expired']).execute()).map((r) => r.code),
  );
  for (;;) {
    const code = String(random());
    if (!open.has(code)) return code;
  }
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'; // no 0/O, 1/I/L, U

/** A volunteer code: six characters that are easy to read out and type. */
export function newMemberCode(random: (max: number) => number = (max) => randomInt(0, max)): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** The requests a volunteer may answer by code: open ones, and recent others. */
export async function askFacts(trx: Executor, volunteerId: string, now: number): Promise<AskFact[]> {
  const rows = await trx
    .selectFrom('asks')
    .innerJoin('needs', 'needs.id', 'asks.need_id')
    .innerJoin('members', 'members.id', 'needs.member_id')
    .select(['asks.code', 'asks.need_id', 'asks.status', 'needs.status as need_status', 'needs.category', 'needs.words', 'members.first_name', 'members.id as requester_id'])
    .where('asks.volunteer_id', '=', volunteerId)
    .where((eb) => eb.or([eb('asks.status', '=', 'open'), eb('asks.created_at', '>', now - REMEMBER_ASKS_MS)]))
    .orderBy('asks.created_at', 'desc')
    .limit(20)
    .execute();
  const t = texts('en');
  const seen = new Set<string>();
  const facts: AskFact[] = [];
  for (const r of rows) {
    if (seen.has(r.code)) continue; // the newest request with a code is the one meant
    seen.add(r.code);
    // A yes after the wave lapsed, or after a no, still counts while the need is open.
    const answerable = r.status === 'open' || r.status === 'expired' || r.status === 'declined';
    facts.push({ code: r.code, needId: r.need_id, what: needWords(r, t), requester: r.first_name, requesterId: r.requester_id, open: answerable && r.need_status === 'open' });
  }
  return facts;
}

/** The member's active matches, newest first, as the engine sees them. */
export async function matchFacts(trx: Executor, memberId: string): Promise<MatchFact[]> {
  const rows = await trx
    .selectFrom('matches')
    .innerJoin('needs', 'needs.id', 'matches.need_id')
    .innerJoin('members as requester', 'requester.id', 'matches.requester_id')
    .innerJoin('members as volunteer', 'volunteer.id', 'matches.volunteer_id')
    .select([
      'matches.id', 'matches.requester_id', 'matches.volunteer_id', 'matches.requester_shared', 'matches.volunteer_shared', 'needs.category', 'needs.words',
      'requester.first_name as requester_name', 'volunteer.first_name as volunteer_name',
    ])
    .where('matches.status', '=', 'active')
    .where((eb) => eb.or([eb('matches.requester_id', '=', memberId), eb('matches.volunteer_id', '=', memberId)]))
    .orderBy('matches.created_at', 'desc')
    .execute();
  const t = texts('en');
  return rows.map((r) => {
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

export async function getMatch(db: Executor, id: string): Promise<Match | undefined> {
  return db.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The way to reach a member now: of their identities that can take messages, the one
 * they last wrote from (people answer where they last spoke).
 */
export async function bestIdentity(db: Executor, memberId: string): Promise<Identity | undefined> {
  const identities = await db
    .selectFrom('identities')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('opted_out_at', 'is', null)
    .where('unreachable_at', 'is', null)
    .where('erased_at', 'is', null)
    .execute();
  if (identities.length <= 1) return identities[0];
  const last = await db
    .selectFrom('inbound_messages')
    .select(['identity_id', (eb) => eb.fn.max('received_at').as('at')])
    .where('identity_id', 'in', identities.map((i) => i.id))
    .groupBy('identity_id')
    .execute();
  const at = new Map(last.map((r) => [r.identity_id, Number(r.at)]));
  return [...identities].sort((a, b) => (at.get(b.id) ?? 0) - (at.get(a.id) ?? 0))[0];
}

/** How the other side can reach someone after both sent SHARE: a number, an @username, or nothing. */
export function contactOf(identity: Pick<Identity, 'channel' | 'address' | 'handle'>): string | null {
  if (identity.channel === 'telegram') return identity.handle ? `@${identity.handle}` : null;
  return identity.address;
}

/** The member's own words for what they offer of a kind ("I can knit"), if they used some. */
export async function offerWords(db: Executor, memberId: string, category: string): Promise<string | null> {
  const row = await db
    .selectFrom('offers')
    .select('words')
    .where('member_id', '=', memberId)
    .where('category', '=', category)
    .where('status', '=', 'active')
    .where('words', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.words ?? null;
}

/** Closes a need's requests that are still open ('expired' when a wave passes, 'closed' when it is taken or gone). */
export async function closeOpenAsks(trx: Executor, needId: string, status: 'expired' | 'closed', now: number): Promise<void> {
  await trx.updateTable('asks').set({ status, answered_at: now }).where('need_id', '=', needId).where('status', '=', 'open').execute();
}
