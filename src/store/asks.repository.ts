/**
 * Requests to volunteers (asks) and the matches that come of them, as stored; what
 * the conversation is told of them each turn is built in src/effects/facts.ts.
 */
import { sql } from 'kysely';
import { randomInt } from 'node:crypto';
import type { Executor } from './database.js';
import { reachableIdentities } from './members.repository.js';
import type { Ask, Identity, Match, NewAsk } from './schema.js';

/** Requests answered or closed this long ago still get a kind "someone has it" instead of "unknown code". */
export const REMEMBER_ASKS_MS = 14 * 24 * 60 * 60 * 1000;

/** Four digits not used by any request the volunteer could still answer. */
export async function newAskCode(trx: Executor, volunteerId: string, random: () => number = () => randomInt(1000, 10000)): Promise<string> {
  const open = new Set(
    (
      await trx
        .selectFrom('asks')
        .select('code')
        .where('volunteer_id', '=', volunteerId)
        .where('status', 'in', [sql.lit('open'), sql.lit('expired')])
        .execute()
    ).map((r) => r.code),
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

/** A request a volunteer had, as stored: its code, its need, and who asked. */
export interface AskRow {
  code: string;
  need_id: string;
  status: string;
  need_status: string;
  category: string;
  words: string | null;
  first_name: string | null;
  requester_id: string;
}

/** A volunteer's open requests and their recent others (14 days), newest first. */
export async function recentAsks(trx: Executor, volunteerId: string, now: number): Promise<AskRow[]> {
  return trx
    .selectFrom('asks')
    .innerJoin('needs', 'needs.id', 'asks.need_id')
    .innerJoin('members', 'members.id', 'needs.member_id')
    .select([
      'asks.code',
      'asks.need_id',
      'asks.status',
      'needs.status as need_status',
      'needs.category',
      'needs.words',
      'members.first_name',
      'members.id as requester_id',
    ])
    .where('asks.volunteer_id', '=', volunteerId)
    .where((eb) => eb.or([eb('asks.status', '=', sql.lit('open')), eb('asks.created_at', '>', now - REMEMBER_ASKS_MS)]))
    .orderBy('asks.created_at', 'desc')
    .limit(20)
    .execute();
}

/** An active match as stored, with both sides' first names. */
export interface MatchRow {
  id: string;
  requester_id: string;
  volunteer_id: string;
  requester_shared: number;
  volunteer_shared: number;
  category: string;
  words: string | null;
  requester_name: string | null;
  volunteer_name: string | null;
}

/** The member's active matches, newest first. */
export async function activeMatches(trx: Executor, memberId: string): Promise<MatchRow[]> {
  return trx
    .selectFrom('matches')
    .innerJoin('needs', 'needs.id', 'matches.need_id')
    .innerJoin('members as requester', 'requester.id', 'matches.requester_id')
    .innerJoin('members as volunteer', 'volunteer.id', 'matches.volunteer_id')
    .select([
      'matches.id',
      'matches.requester_id',
      'matches.volunteer_id',
      'matches.requester_shared',
      'matches.volunteer_shared',
      'needs.category',
      'needs.words',
      'requester.first_name as requester_name',
      'volunteer.first_name as volunteer_name',
    ])
    .where('matches.status', '=', sql.lit('active'))
    .where((eb) => eb.or([eb('matches.requester_id', '=', memberId), eb('matches.volunteer_id', '=', memberId)]))
    .orderBy('matches.created_at', 'desc')
    .execute();
}

export async function getMatch(db: Executor, id: string): Promise<Match | undefined> {
  return db.selectFrom('matches').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The way to reach a member now: of their identities that can take messages, the one
 * they last wrote from (people answer where they last spoke).
 */
export async function bestIdentity(db: Executor, memberId: string): Promise<Identity | undefined> {
  const identities = await reachableIdentities(db, memberId);
  if (identities.length <= 1) return identities[0];
  const last = await db
    .selectFrom('inbound_messages')
    .select(['identity_id', (eb) => eb.fn.max('received_at').as('at')])
    .where(
      'identity_id',
      'in',
      identities.map((i) => i.id),
    )
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
    .where('status', '=', sql.lit('active'))
    .where('words', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.words ?? null;
}

/** Closes a need's requests that are still open ('expired' when a wave passes, 'closed' when it is taken or gone). */
export async function closeOpenAsks(trx: Executor, needId: string, status: 'expired' | 'closed', now: number): Promise<void> {
  await trx.updateTable('asks').set({ status, answered_at: now }).where('need_id', '=', needId).where('status', '=', sql.lit('open')).execute();
}

/** The request with this code for this need that the volunteer may still answer (the latest, if several). */
export async function answerableAsk(db: Executor, volunteerId: string, needId: string, code: string): Promise<Ask | undefined> {
  return db
    .selectFrom('asks')
    .selectAll()
    .where('volunteer_id', '=', volunteerId)
    .where('need_id', '=', needId)
    .where('code', '=', code)
    .where('status', 'in', [sql.lit('open'), sql.lit('expired'), sql.lit('declined')])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Records a volunteer's answer to a request. */
export async function answerAskRow(db: Executor, id: string, status: 'declined' | 'accepted', now: number): Promise<void> {
  await db.updateTable('asks').set({ status, answered_at: now }).where('id', '=', id).execute();
}

/** Whether anyone asked about this need has yet to answer. */
export async function needHasOpenAsk(db: Executor, needId: string): Promise<boolean> {
  return (
    (await db.selectFrom('asks').select('id').where('need_id', '=', needId).where('status', '=', sql.lit('open')).limit(1).executeTakeFirst()) !== undefined
  );
}

export async function insertAsk(db: Executor, row: NewAsk): Promise<void> {
  await db.insertInto('asks').values(row).execute();
}

/** Whether a volunteer has a request to answer or a match in hand (then they are not asked again). */
export async function isBusy(db: Executor, memberId: string): Promise<boolean> {
  const ask = await db.selectFrom('asks').select('id').where('volunteer_id', '=', memberId).where('status', '=', sql.lit('open')).limit(1).executeTakeFirst();
  if (ask) return true;
  const match = await db
    .selectFrom('matches')
    .select('id')
    .where('volunteer_id', '=', memberId)
    .where('status', '=', sql.lit('active'))
    .limit(1)
    .executeTakeFirst();
  return match !== undefined;
}
