/**
 * Needs and the matches made for them, as stored: the moves a need makes (open,
 * matched, met, a wave of requests claimed), and the rows the effects and the waves
 * read. What people are told of them is worded in src/effects and src/matching.
 */
import { sql } from 'kysely';
import type { Executor } from './database.js';
import type { Match, Need, NewMatch } from './schema.js';

// Needs

/** A need that must exist (read in the same transaction as what names it). */
export async function needById(db: Executor, id: string): Promise<Need> {
  const need = await findNeed(db, id);
  if (!need) throw new Error(`need ${id} is missing`);
  return need;
}

/** What a need is, to word it: its category and the person's own words. */
export async function needWhat(db: Executor, id: string): Promise<{ category: string; words: string | null }> {
  return db.selectFrom('needs').select(['category', 'words']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** A member's open needs, with the wave each has reached. */
export async function memberOpenNeeds(db: Executor, memberId: string): Promise<{ id: string; wave: number }[]> {
  return db.selectFrom('needs').select(['id', 'wave']).where('member_id', '=', memberId).where('status', '=', sql.lit('open')).execute();
}

/** Open needs in these categories that found no one, not `exceptMemberId`'s own: at most `limit`. */
export async function unmatchedNeedsIn(
  db: Executor,
  categories: readonly string[],
  exceptMemberId: string,
  limit = 50,
): Promise<{ id: string; wave: number }[]> {
  if (categories.length === 0) return [];
  return db
    .selectFrom('needs')
    .select(['id', 'wave'])
    .where('status', '=', sql.lit('open'))
    .where('unmatched_at', 'is not', null)
    .where('category', 'in', categories)
    .where('member_id', '!=', exceptMemberId)
    .limit(limit)
    .execute();
}

/** The first yes wins: moves the need from open to matched; false if it was not open. */
export async function takeNeed(db: Executor, id: string, now: number): Promise<boolean> {
  const taken = await db
    .updateTable('needs')
    .set({ status: 'matched', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', sql.lit('open'))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function markNeedMet(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('needs').set({ status: 'met', updated_at: now }).where('id', '=', id).execute();
}

/** A matched need whose helper left goes back to open. */
export async function reopenMatchedNeed(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('needs').set({ status: 'open', updated_at: now }).where('id', '=', id).where('status', '=', sql.lit('matched')).execute();
}

/** A member's matched needs with no active match left (their helper went while they were away) open again. */
export async function reopenNeedsWithoutHelper(db: Executor, memberId: string, now: number): Promise<void> {
  await db
    .updateTable('needs')
    .set({ status: 'open', updated_at: now })
    .where('member_id', '=', memberId)
    .where('status', '=', sql.lit('matched'))
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('matches').select('matches.id').whereRef('matches.need_id', '=', 'needs.id').where('matches.status', '=', sql.lit('active'))),
      ),
    )
    .execute();
}

/** Marks a need as having found no one (a coordinator is told). */
export async function markNeedUnmatched(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('needs').set({ unmatched_at: now }).where('id', '=', id).execute();
}

/**
 * Claims wave `wave` of an open need: only one job can move the need to it, and only
 * while it is open and behind it. False when another got there first.
 */
export async function claimWave(db: Executor, id: string, wave: number): Promise<boolean> {
  const claimed = await db
    .updateTable('needs')
    .set({ wave })
    .where('id', '=', id)
    .where('status', '=', sql.lit('open'))
    .where('wave', '<', wave)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Open needs of real members (never the simulator's sandbox): how many, and the `limit` oldest. */
export async function openNeedsForCoordinators(
  db: Executor,
  limit: number,
): Promise<{ total: number; oldest: { category: string; words: string | null; outcode: string | null }[] }> {
  const open = db
    .selectFrom('needs')
    .where('status', '=', sql.lit('open'))
    .where('member_id', 'not in', db.selectFrom('members').select('id').where('sandbox', '=', sql.lit(1)));
  const total = Number((await open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (total === 0) return { total, oldest: [] };
  const oldest = await open.select(['category', 'words', 'outcode']).orderBy('created_at').limit(limit).execute();
  return { total, oldest };
}

// Matches

export async function insertMatch(db: Executor, row: NewMatch): Promise<void> {
  await db.insertInto('matches').values(row).execute();
}

export async function activeMatchOfNeed(db: Executor, needId: string): Promise<Match | undefined> {
  return db.selectFrom('matches').selectAll().where('need_id', '=', needId).where('status', '=', sql.lit('active')).executeTakeFirst();
}

/** A member's active matches, on either side, with what each need is. */
export async function activeMatchesWithNeeds(db: Executor, memberId: string) {
  return db
    .selectFrom('matches')
    .innerJoin('needs', 'needs.id', 'matches.need_id')
    .select(['matches.id', 'matches.requester_id', 'matches.volunteer_id', 'matches.need_id', 'needs.category', 'needs.words', 'needs.wave'])
    .where('matches.status', '=', sql.lit('active'))
    .where((eb) => eb.or([eb('matches.requester_id', '=', memberId), eb('matches.volunteer_id', '=', memberId)]))
    .execute();
}

/** Every match in which `volunteerId` helped (or helps), and whom. */
export async function matchesHelpedBy(db: Executor, volunteerId: string): Promise<{ id: string; requester_id: string }[]> {
  return db.selectFrom('matches').select(['id', 'requester_id']).where('volunteer_id', '=', volunteerId).execute();
}

/** Ends a match: 'closed' (cancelled, someone left) or 'done' (they helped), at `closedAt`. */
export async function endMatch(db: Executor, id: string, status: 'closed' | 'done', closedAt: number): Promise<void> {
  await db.updateTable('matches').set({ status, closed_at: closedAt }).where('id', '=', id).execute();
}

export async function recordMatchOutcome(db: Executor, id: string, outcome: string): Promise<void> {
  await db.updateTable('matches').set({ outcome }).where('id', '=', id).execute();
}

/**
 * One side agrees to share contact details; returns both sides' flags as this update
 * left them (if both agree at the same moment, the second to commit sees both).
 */
export async function agreeToShare(db: Executor, id: string, side: 'requester' | 'volunteer'): Promise<{ requester_shared: number; volunteer_shared: number }> {
  return db
    .updateTable('matches')
    .set(side === 'requester' ? { requester_shared: 1 } : { volunteer_shared: 1 })
    .where('id', '=', id)
    .returning(['requester_shared', 'volunteer_shared'])
    .executeTakeFirstOrThrow();
}

/** A need, if there is one with this id. */
export async function findNeed(db: Executor, id: string): Promise<Need | undefined> {
  return db.selectFrom('needs').selectAll().where('id', '=', id).executeTakeFirst();
}
