/**
 * People, as a coordinator looks for them and reads about them: found by first name,
 * postcode or the last four digits of a number; then everything about one person
 * (their answers, needs, gifts, matches) and their conversation as it happened, every
 * message in and out with failed sends and why.
 *
 * With DATA_ENCRYPTION_KEY set, names and numbers are sealed at rest and SQL cannot
 * compare them: the caller passes the ids found through the keyed-hash index
 * (search-index.repository.ts) instead.
 *
 * Real members only: the simulator's sandbox (members.sandbox) is never found here,
 * and its members have no page.
 */
import { sql } from 'kysely';
import type { Executor } from './database.js';

/** What a search looks for (see src/console/query.ts for how typed words become one). */
export type PeopleQuery =
  | { kind: 'name'; name: string }
  | { kind: 'postcode'; postcode: string }
  | { kind: 'outcode'; outcode: string }
  | { kind: 'tail'; digits: string }
  | { kind: 'number'; addresses: string[] };

/** At most this many people are listed for one search. */
export const SEARCH_LIMIT = 50;

export interface PersonRow {
  id: string;
  first_name: string | null;
  postcode: string | null;
  outcode: string | null;
  status: string;
  created_at: number;
  volunteer_at: number | null;
  paused_at: number | null;
  verified_at: number | null;
}

const personColumns = [
  'members.id',
  'members.first_name',
  'members.postcode',
  'members.outcode',
  'members.status',
  'members.created_at',
  'members.volunteer_at',
  'members.paused_at',
  'members.verified_at',
] as const;

/**
 * Members matching a query, plainly stored. Names match whole and in any case; a
 * postcode or outcode exactly; a number by its last four digits or in full.
 */
export async function searchPeople(db: Executor, query: PeopleQuery): Promise<PersonRow[]> {
  let q = db
    .selectFrom('members')
    .select([...personColumns])
    .where('members.status', '=', sql.lit('active'))
    .where('members.sandbox', '=', sql.lit(0));
  if (query.kind === 'name') q = q.where(sql`lower(members.first_name)`, '=', query.name.trim().toLowerCase());
  else if (query.kind === 'postcode') q = q.where('members.postcode', '=', query.postcode);
  else if (query.kind === 'outcode') q = q.where('members.outcode', '=', query.outcode);
  else {
    // A number: by its end (LIKE reads every address; a few milliseconds at 100,000),
    // or whole through the address index (and its keyed hash when sealed).
    const identities = db.selectFrom('identities').select('identities.member_id').where('identities.erased_at', 'is', null);
    const matching =
      query.kind === 'tail'
        ? identities.where('identities.address', 'like', `%${query.digits}`)
        : identities.where((eb) => eb.or(query.addresses.map((a) => eb('identities.address', '=', a))));
    q = q.where('members.id', 'in', matching);
  }
  return q.orderBy('members.created_at', 'desc').limit(SEARCH_LIMIT).execute();
}

/** The given members, for a search answered by the sealed-name index. */
export async function peopleByIds(db: Executor, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('members')
    .select([...personColumns])
    .where('members.id', 'in', [...ids])
    .where('members.status', '=', sql.lit('active'))
    .where('members.sandbox', '=', sql.lit(0))
    .orderBy('members.created_at', 'desc')
    .limit(SEARCH_LIMIT)
    .execute();
}

export interface ChannelRow {
  id: string;
  member_id: string;
  channel: string;
  address: string;
  handle: string | null;
  opted_out_at: number | null;
  unreachable_at: number | null;
  erased_at: number | null;
}

/** How each of these members can be reached: the console masks the addresses. */
export async function channelsOf(db: Executor, memberIds: readonly string[]): Promise<ChannelRow[]> {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('identities')
    .select(['id', 'member_id', 'channel', 'address', 'handle', 'opted_out_at', 'unreachable_at', 'erased_at'])
    .where('member_id', 'in', [...memberIds])
    .orderBy('created_at')
    .execute();
}

/** Whether a member is one the console shows: they exist, and are not in the simulator's sandbox. */
export async function isConsoleMember(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('members').select('id').where('id', '=', id).where('sandbox', '=', sql.lit(0)).executeTakeFirst()) !== undefined;
}

/** Everything the person page shows about one member, or undefined (none, or in the sandbox). */
export async function getPerson(db: Executor, id: string) {
  const member = await db.selectFrom('members').selectAll().where('id', '=', id).where('sandbox', '=', sql.lit(0)).executeTakeFirst();
  if (!member) return undefined;
  const [channels, needs, offers, matches, alerts] = await Promise.all([
    channelsOf(db, [id]),
    db
      .selectFrom('needs')
      .select(['id', 'category', 'words', 'status', 'created_at', 'unmatched_at'])
      .where('member_id', '=', id)
      .orderBy('created_at', 'desc')
      .execute(),
    db.selectFrom('offers').select(['id', 'category', 'words', 'status', 'created_at']).where('member_id', '=', id).orderBy('created_at', 'desc').execute(),
    db
      .selectFrom('matches')
      .innerJoin('needs', 'needs.id', 'matches.need_id')
      .innerJoin('members as requester', 'requester.id', 'matches.requester_id')
      .innerJoin('members as helper', 'helper.id', 'matches.volunteer_id')
      .select([
        'matches.id',
        'matches.need_id',
        'matches.status',
        'matches.outcome',
        'matches.created_at',
        'matches.closed_at',
        'matches.requester_id',
        'matches.volunteer_id',
        'needs.category',
        'needs.words',
        'requester.first_name as requester_name',
        'helper.first_name as helper_name',
      ])
      .where((eb) => eb.or([eb('matches.requester_id', '=', id), eb('matches.volunteer_id', '=', id)]))
      .orderBy('matches.created_at', 'desc')
      .execute(),
    db.selectFrom('alerts').select(['id', 'kind', 'created_at', 'resolved_at']).where('member_id', '=', id).orderBy('created_at', 'desc').limit(20).execute(),
  ]);
  return { member, channels, needs, offers, matches, alerts };
}

export interface HistoryMessage {
  id: string;
  identity_id: string;
  direction: 'in' | 'out';
  text: string;
  at: number;
  /** Inbound: pending, handled, failed. Outbound: pending, sending, sent, failed, cancelled. */
  status: string;
  delivery_status: string | null;
  error: string | null;
}

/** How many messages the person page shows: the newest, in order. */
export const HISTORY_LIMIT = 200;

/** The conversation with a member on all their channels, oldest first (ids sort by time). */
export async function conversationHistory(db: Executor, identityIds: readonly string[], limit = HISTORY_LIMIT): Promise<HistoryMessage[]> {
  if (identityIds.length === 0) return [];
  const ids = [...identityIds];
  const [inbound, outbound] = await Promise.all([
    db
      .selectFrom('inbound_messages')
      .select(['id', 'identity_id', 'body', 'received_at', 'status', 'error'])
      .where('identity_id', 'in', ids)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('outbound_messages')
      .select(['id', 'identity_id', 'body', 'created_at', 'status', 'delivery_status', 'error'])
      .where('identity_id', 'in', ids)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return [
    ...inbound.map((m) => ({
      id: m.id,
      identity_id: m.identity_id,
      direction: 'in' as const,
      text: m.body ?? '',
      at: m.received_at,
      status: m.status,
      delivery_status: null,
      error: m.error,
    })),
    ...outbound.map((m) => ({
      id: m.id,
      identity_id: m.identity_id,
      direction: 'out' as const,
      text: m.body,
      at: m.created_at,
      status: m.status,
      delivery_status: m.delivery_status,
      error: m.error,
    })),
  ]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(-limit);
}
