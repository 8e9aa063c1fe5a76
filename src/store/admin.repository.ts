/**
 * What the coordinators' admin API (src/http/admin.ts) reads: pages of members, needs,
 * offers, matches and alerts, newest first, `before` the last id of the previous page;
 * one member with their channels, needs and offers; and an alert resolved from a desk.
 * Unlike the console, the admin API lists the simulator's sandbox too.
 */
import type { Executor } from './database.js';

/** One page of a list: at most `limit` rows, with ids below `before` if given. */
export interface AdminPage {
  limit: number;
  before: string | undefined;
}

/** A page of members, newest first, without their contact details (see identitiesOfMembers). */
export async function listMembersPage(db: Executor, { limit, before }: AdminPage) {
  let q = db
    .selectFrom('members')
    .select([
      'id',
      'first_name',
      'outcode',
      'status',
      'lang',
      'volunteer_at',
      'verified_at',
      'paused_at',
      'code',
      'travel_km',
      'availability',
      'created_at',
      'sandbox',
    ])
    .orderBy('id', 'desc')
    .limit(limit);
  if (before) q = q.where('id', '<', before);
  return q.execute();
}

/** The identities of these members: channel, address in full (the caller masks it) and whether it still takes messages. No members, no query. */
export async function identitiesOfMembers(db: Executor, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('identities')
    .select(['member_id', 'channel', 'address', 'opted_out_at', 'unreachable_at'])
    .where('member_id', 'in', [...memberIds])
    .execute();
}

/** One member's channels (addresses in full), needs and offers, newest first: read side by side, not in one transaction. */
export async function memberRecord(db: Executor, memberId: string) {
  const [channels, needs, offers] = await Promise.all([
    db.selectFrom('identities').select(['channel', 'address', 'handle', 'opted_out_at', 'unreachable_at']).where('member_id', '=', memberId).execute(),
    db.selectFrom('needs').select(['id', 'category', 'words', 'status', 'created_at']).where('member_id', '=', memberId).orderBy('id', 'desc').execute(),
    db.selectFrom('offers').select(['id', 'category', 'words', 'status', 'created_at']).where('member_id', '=', memberId).orderBy('id', 'desc').execute(),
  ]);
  return { channels, needs, offers };
}

/** A page of needs, newest first, only those in `status` if given. */
export async function listNeedsPage(db: Executor, { limit, before }: AdminPage, status: string | undefined) {
  let q = db
    .selectFrom('needs')
    .select(['id', 'member_id', 'category', 'words', 'status', 'mode', 'outcode', 'wave', 'unmatched_at', 'created_at', 'updated_at'])
    .orderBy('id', 'desc')
    .limit(limit);
  if (before) q = q.where('id', '<', before);
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

/** A page of offers, newest first. */
export async function listOffersPage(db: Executor, { limit, before }: AdminPage) {
  let q = db.selectFrom('offers').select(['id', 'member_id', 'category', 'words', 'status', 'created_at']).orderBy('id', 'desc').limit(limit);
  if (before) q = q.where('id', '<', before);
  return q.execute();
}

/** A page of matches, newest first. */
export async function listMatchesPage(db: Executor, { limit, before }: AdminPage) {
  let q = db
    .selectFrom('matches')
    .select(['id', 'need_id', 'requester_id', 'volunteer_id', 'status', 'outcome', 'requester_shared', 'volunteer_shared', 'created_at', 'closed_at'])
    .orderBy('id', 'desc')
    .limit(limit);
  if (before) q = q.where('id', '<', before);
  return q.execute();
}

/** A page of alerts, newest first, only unresolved ones if `openOnly`. */
export async function listAlertsPage(db: Executor, { limit, before }: AdminPage, openOnly: boolean) {
  let q = db.selectFrom('alerts').selectAll().orderBy('id', 'desc').limit(limit);
  if (before) q = q.where('id', '<', before);
  if (openOnly) q = q.where('resolved_at', 'is', null);
  return q.execute();
}

/**
 * Resolves an open alert from the admin API: no coordinator named and no note (the
 * console's resolveAlert records both). False if it was already resolved or is not there.
 */
export async function resolveAlertFromDesk(db: Executor, id: string, now: number): Promise<boolean> {
  const result = await db.updateTable('alerts').set({ resolved_at: now }).where('id', '=', id).where('resolved_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether there is an alert with this id, resolved or not. */
export async function alertExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
