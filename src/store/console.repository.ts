/**
 * What the console's Today, Needs and Gifts pages read: needs waiting for someone,
 * needs and gifts filtered the way a coordinator narrows a list (state, area,
 * category, age), one need with everyone asked about it, and the seed's own measure,
 * how many who asked for help also gave. Every list is one indexed page of rows.
 *
 * The console shows real members only: the simulator's sandbox (members.sandbox) is
 * in none of its lists, counts, searches, figures or exports, and its members' pages
 * are not found there (see sandboxMembers).
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';
import type { Executor } from './database.js';

/**
 * The simulator's members (members.sandbox = 1), as a subquery: "not in" it keeps a
 * query to real members. Read through the members_sandbox partial index, so it costs
 * what the sandbox holds, not what the members table does.
 */
export function sandboxMembers(db: Executor) {
  return db.selectFrom('members as sandboxed').select('sandboxed.id').where('sandboxed.sandbox', '=', sql.lit(1));
}

/**
 * Whether anyone is in the sandbox, from the partial index at once. When no one is
 * (a deployment without the simulator), the long lists and counts skip the "not in"
 * altogether: checking every need or gift against even an empty set costs a few
 * milliseconds at 100,000 members.
 */
export async function sandboxHasMembers(db: Executor): Promise<boolean> {
  return (await sandboxMembers(db).limit(1).executeTakeFirst()) !== undefined;
}

/** Rows on one page of a list. */
export const PAGE_SIZE = 50;

export interface ListFilters {
  /** A need's status ('open', 'matched', 'met', 'cancelled') or a gift's ('active', 'withdrawn'). */
  state?: string;
  /** An outcode (SA1) or a postcode area (SA). */
  area?: string;
  category?: string;
  /** Only those created before this moment (epoch ms): "waiting more than a day". */
  olderThan?: number;
  /** 1-based. */
  page?: number;
}

/**
 * An area filter on an outcode column: SA1 is that outcode; SA is every outcode of the
 * SA area (SA1, SA99) but not SAA1 — letters then a digit, checked without LIKE
 * classes or collation-dependent ranges, so both dialects agree.
 */
function inArea<T extends keyof Database>(column: string, area: string) {
  const wanted = area.trim().toUpperCase().replace(/\s+/g, '');
  return (eb: ExpressionBuilder<Database, T>) => {
    const ref = sql.ref(column);
    if (!/^[A-Z]{1,2}$/.test(wanted)) return eb(sql`${ref}`, '=', wanted);
    return eb.and([
      eb(sql`substr(${ref}, 1, ${wanted.length})`, '=', wanted),
      eb(sql`substr(${ref}, ${wanted.length + 1}, 1)`, 'in', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
    ]);
  };
}

/** The needs a list's filters keep, real members' only (no join: counting them reads the needs alone). */
function needsQuery(db: Executor, f: ListFilters, sandboxed: boolean) {
  const q = narrow(db.selectFrom('needs'), 'needs', f).$if(sandboxed, (n) => n.where('needs.member_id', 'not in', sandboxMembers(db)));
  return f.area ? q.where(inArea<'needs'>('needs.outcode', f.area)) : q;
}

/** The filters needs and gifts share, on columns both tables name alike: state, kind, age. */
function narrow<T extends 'needs' | 'offers', O>(query: SelectQueryBuilder<Database, T, O>, table: T, f: ListFilters): SelectQueryBuilder<Database, T, O> {
  let q = query;
  if (f.state) q = q.where(sql.ref(`${table}.status`), '=', f.state);
  if (f.category) q = q.where(sql.ref(`${table}.category`), '=', f.category);
  if (f.olderThan !== undefined) q = q.where(sql.ref(`${table}.created_at`), '<', f.olderThan);
  return q;
}

export interface NeedRow {
  id: string;
  member_id: string;
  first_name: string | null;
  category: string;
  words: string | null;
  status: string;
  outcode: string | null;
  created_at: number;
  updated_at: number;
  wave: number;
  unmatched_at: number | null;
  helper_name: string | null;
}

/**
 * One page of needs (`limit` of them, PAGE_SIZE unless said): open ones longest-waiting
 * first, others newest first; and how many in all.
 */
export async function listNeeds(db: Executor, f: ListFilters, limit = PAGE_SIZE): Promise<{ rows: NeedRow[]; total: number }> {
  const page = Math.max(1, f.page ?? 1);
  const sandboxed = await sandboxHasMembers(db);
  const rows = await needsQuery(db, f, sandboxed)
    .innerJoin('members', 'members.id', 'needs.member_id')
    .select([
      'needs.id',
      'needs.member_id',
      'members.first_name',
      'needs.category',
      'needs.words',
      'needs.status',
      'needs.outcode',
      'needs.created_at',
      'needs.updated_at',
      'needs.wave',
      'needs.unmatched_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('matches')
        .innerJoin('members as helper', 'helper.id', 'matches.volunteer_id')
        .select('helper.first_name')
        .whereRef('matches.need_id', '=', 'needs.id')
        .orderBy('matches.created_at', 'desc')
        .limit(1)
        .as('helper_name'),
    )
    .orderBy('needs.created_at', f.state === 'open' ? 'asc' : 'desc')
    .orderBy('needs.id')
    .limit(limit)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const total = await needsQuery(db, f, sandboxed)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** The gifts a list's filters keep, real members' only (the area is the giver's; no join, so counting reads the gifts alone). */
function giftsQuery(db: Executor, f: ListFilters, sandboxed: boolean) {
  const q = narrow(db.selectFrom('offers'), 'offers', f).$if(sandboxed, (o) => o.where('offers.member_id', 'not in', sandboxMembers(db)));
  return f.area ? q.where('offers.member_id', 'in', db.selectFrom('members').select('members.id').where(inArea<'members'>('members.outcode', f.area))) : q;
}

export interface GiftRow {
  id: string;
  member_id: string;
  first_name: string | null;
  outcode: string | null;
  category: string;
  words: string | null;
  status: string;
  created_at: number;
  /** Times the giver was matched with someone who needed this kind of help. */
  matched: number;
  /** Of those, the times the person helped said it made a difference (follow-up "yes"). */
  thanked: number;
}

/**
 * How often a gift was matched and thanked: the giver's matches for needs of the
 * gift's kind, and of those the ones whose follow-up said it helped.
 */
export function giftCounts(eb: ExpressionBuilder<Database, 'offers' | 'members'>) {
  const given = () =>
    eb
      .selectFrom('matches')
      .innerJoin('needs as given', 'given.id', 'matches.need_id')
      .whereRef('matches.volunteer_id', '=', 'offers.member_id')
      .whereRef('given.category', '=', 'offers.category');
  return [
    given()
      .select((m) => m.fn.countAll<number>().as('n'))
      .as('matched'),
    given()
      .where('matches.outcome', '=', 'helped')
      .select((m) => m.fn.countAll<number>().as('n'))
      .as('thanked'),
  ];
}

/** One page of gifts, newest first, each with how often it was matched and thanked; and how many in all. */
export async function listGifts(db: Executor, f: ListFilters): Promise<{ rows: GiftRow[]; total: number }> {
  const page = Math.max(1, f.page ?? 1);
  const sandboxed = await sandboxHasMembers(db);
  const rows = await giftsQuery(db, f, sandboxed)
    .innerJoin('members', 'members.id', 'offers.member_id')
    .select(['offers.id', 'offers.member_id', 'members.first_name', 'members.outcode', 'offers.category', 'offers.words', 'offers.status', 'offers.created_at'])
    .select((eb) => giftCounts(eb))
    .orderBy('offers.created_at', 'desc')
    .orderBy('offers.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const total = await giftsQuery(db, f, sandboxed)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: rows.map((r) => ({ ...r, matched: Number(r.matched ?? 0), thanked: Number(r.thanked ?? 0) })), total: Number(total.n) };
}

export interface GivingMeasure {
  /** Members who ever asked for help. */
  asked: number;
  /** Of them, those who offered something too. */
  offered: number;
  /** Of them, those who have helped someone (said yes to a request). */
  helped: number;
}

/** The seed's measure: of the (real) members who asked for help, how many also gave. */
export async function givingMeasure(db: Executor): Promise<GivingMeasure> {
  const sandboxed = await sandboxHasMembers(db);
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('needs')
        .select('needs.member_id')
        .distinct()
        .$if(sandboxed, (n) => n.where('needs.member_id', 'not in', sandboxMembers(db)))
        .as('askers'),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('asked'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.exists(eb.selectFrom('offers').select('offers.id').whereRef('offers.member_id', '=', 'askers.member_id')))
            .then(1)
            .else(0)
            .end(),
        )
        .as('offered'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.exists(eb.selectFrom('matches').select('matches.id').whereRef('matches.volunteer_id', '=', 'askers.member_id')))
            .then(1)
            .else(0)
            .end(),
        )
        .as('helped'),
    ])
    .executeTakeFirstOrThrow();
  return { asked: Number(row.asked), offered: Number(row.offered ?? 0), helped: Number(row.helped ?? 0) };
}

/** One need with its person, everyone asked about it and its matches; undefined for a sandbox member's. */
export async function getNeedDetail(db: Executor, id: string) {
  const need = await db
    .selectFrom('needs')
    .innerJoin('members', 'members.id', 'needs.member_id')
    .selectAll('needs')
    .select(['members.first_name', 'members.lang', 'members.status as member_status'])
    .where('needs.id', '=', id)
    .where('members.sandbox', '=', sql.lit(0))
    .executeTakeFirst();
  if (!need) return undefined;
  const asks = await db
    .selectFrom('asks')
    .innerJoin('members', 'members.id', 'asks.volunteer_id')
    .select(['asks.id', 'asks.volunteer_id', 'members.first_name', 'asks.status', 'asks.wave', 'asks.created_at', 'asks.answered_at'])
    .where('asks.need_id', '=', id)
    .orderBy('asks.created_at', 'desc')
    .execute();
  const matches = await db
    .selectFrom('matches')
    .innerJoin('members', 'members.id', 'matches.volunteer_id')
    .select(['matches.id', 'matches.volunteer_id', 'members.first_name', 'matches.status', 'matches.outcome', 'matches.created_at', 'matches.closed_at'])
    .where('matches.need_id', '=', id)
    .orderBy('matches.created_at', 'desc')
    .execute();
  return { need, asks, matches };
}

/** First names of members, by id: the console names the people a search ranked. */
export async function firstNames(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { first_name: string | null; outcode: string | null; verified_at: number | null; last_asked_at: number | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .select(['id', 'first_name', 'outcode', 'verified_at', 'last_asked_at'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

/** The open needs of these members, oldest first: what each alert's person is waiting for. */
export async function openNeedsOf(
  db: Executor,
  memberIds: readonly string[],
): Promise<{ id: string; member_id: string; category: string; words: string | null; created_at: number }[]> {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('needs')
    .select(['id', 'member_id', 'category', 'words', 'created_at'])
    .where('member_id', 'in', [...new Set(memberIds)])
    .where('status', 'in', [sql.lit('open'), sql.lit('matched')])
    .orderBy('created_at')
    .execute();
}

/** These needs, by id: the need an alert names. */
export async function needsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { id: string; category: string; words: string | null; status: string; created_at: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('needs')
    .select(['id', 'category', 'words', 'status', 'created_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/*
 * What the console's actions (src/console/act.ts) read and change, inside the action's
 * transaction.
 */

/** Whether any of these members is in the simulator's sandbox. */
export async function anyInSandbox(db: Executor, memberIds: readonly string[]): Promise<boolean> {
  return (
    (await db
      .selectFrom('members')
      .select('id')
      .where('id', 'in', [...memberIds])
      .where('sandbox', '=', sql.lit(1))
      .executeTakeFirst()) !== undefined
  );
}

/** Whether this volunteer has an open request about this need. */
export async function hasOpenAsk(db: Executor, needId: string, volunteerId: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('asks')
      .select('id')
      .where('need_id', '=', needId)
      .where('volunteer_id', '=', volunteerId)
      .where('status', '=', sql.lit('open'))
      .executeTakeFirst()) !== undefined
  );
}

/** Whether any of a member's identities has sent STOP. */
export async function hasOptedOutIdentity(db: Executor, memberId: string): Promise<boolean> {
  return (
    (await db.selectFrom('identities').select('id').where('member_id', '=', memberId).where('opted_out_at', 'is not', null).executeTakeFirst()) !== undefined
  );
}

/** Closes a need that is still open or matched as 'met' or 'cancelled'; false if it was already closed (or is not there). */
export async function closeNeedAs(db: Executor, needId: string, outcome: 'met' | 'cancelled', now: number): Promise<boolean> {
  const closed = await db
    .updateTable('needs')
    .set({ status: outcome, updated_at: now })
    .where('id', '=', needId)
    .where('status', 'in', [sql.lit('open'), sql.lit('matched')])
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) === 1;
}

/** Marks the need's active matches done, now: help came. */
export async function finishActiveMatches(db: Executor, needId: string, now: number): Promise<void> {
  await db.updateTable('matches').set({ status: 'done', closed_at: now }).where('need_id', '=', needId).where('status', '=', sql.lit('active')).execute();
}
