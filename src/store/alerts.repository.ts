/**
 * Alerts as coordinators work through them: the open ones in the order they matter
 * (someone in danger first, then a problem after help, then people asking for a
 * person, then needs no one took), acknowledged ("I am on it") and resolved with a
 * note. An alert that a need is unmatched resolves itself once the need is matched.
 * Alerts about the simulator's sandbox members are not the console's: they are left
 * out (the admin API still lists them).
 */
import { sql } from 'kysely';
import { sandboxMembers } from './console.repository.js';
import type { Executor } from './database.js';

export interface OpenAlert {
  id: string;
  kind: string;
  detail: string;
  created_at: number;
  acknowledged_at: number | null;
  acknowledged_by_name: string | null;
  member_id: string | null;
  first_name: string | null;
  outcode: string | null;
  /** The need it is about (an unmatched need, the need behind a problem), if it names one. */
  need_id: string | null;
}

export interface AlertView extends OpenAlert {
  resolved_at: number | null;
  resolved_by_name: string | null;
  note: string | null;
}

/** The need an alert names: "need ID: why" for unmatched ones (src/matching/waves.ts). */
function namedNeed(kind: string, detail: string): string | null {
  if (kind !== 'unmatched') return null;
  return /^need (\S+?):/.exec(detail)?.[1] ?? null;
}

/** The match a problem names: "problem reported with match ID" (src/effects/helping.ts). */
function namedMatch(kind: string, detail: string): string | null {
  if (kind !== 'problem') return null;
  return /match (\S+)$/.exec(detail)?.[1] ?? null;
}

/** The order open alerts are worked in: crisis, problem, any other (asked for a person...), unmatched. */
const rank = sql<number>`case alerts.kind when 'crisis' then 0 when 'distress' then 1 when 'concern' then 1 when 'problem' then 2 when 'unmatched' then 4 when 'unread' then 5 else 3 end`;

function alertsWithPeople(db: Executor) {
  return db
    .selectFrom('alerts')
    .leftJoin('members', 'members.id', 'alerts.member_id')
    .leftJoin('coordinators as acknowledger', 'acknowledger.id', 'alerts.acknowledged_by')
    .select([
      'alerts.id',
      'alerts.kind',
      'alerts.detail',
      'alerts.created_at',
      'alerts.acknowledged_at',
      'alerts.member_id',
      'members.first_name',
      'members.outcode',
      'acknowledger.name as acknowledged_by_name',
    ])
    .where((eb) => eb.or([eb('alerts.member_id', 'is', null), eb('alerts.member_id', 'not in', sandboxMembers(db))]));
}

/** Fills in the need each alert is about, where its detail names one (or a match does). */
async function withNeeds<T extends { kind: string; detail: string }>(db: Executor, rows: T[]): Promise<(T & { need_id: string | null })[]> {
  const matchIds = [...new Set(rows.map((r) => namedMatch(r.kind, r.detail)).filter((id): id is string => id !== null))];
  const matchNeeds = matchIds.length
    ? new Map((await db.selectFrom('matches').select(['id', 'need_id']).where('id', 'in', matchIds).execute()).map((m) => [m.id, m.need_id]))
    : new Map<string, string>();
  return rows.map((r) => {
    const match = namedMatch(r.kind, r.detail);
    return { ...r, need_id: namedNeed(r.kind, r.detail) ?? (match ? (matchNeeds.get(match) ?? null) : null) };
  });
}

/** Open alerts in the order they should be worked: by kind (see `rank`), then oldest first. */
export async function listOpenAlerts(db: Executor, limit = 200): Promise<OpenAlert[]> {
  const rows = await alertsWithPeople(db).where('alerts.resolved_at', 'is', null).orderBy(rank).orderBy('alerts.created_at').limit(limit).execute();
  return withNeeds(db, rows);
}

/** One alert with who acknowledged and resolved it. */
export async function getAlert(db: Executor, id: string): Promise<AlertView | undefined> {
  const row = await alertsWithPeople(db)
    .leftJoin('coordinators as resolver', 'resolver.id', 'alerts.resolved_by')
    .select(['alerts.resolved_at', 'alerts.note', 'resolver.name as resolved_by_name'])
    .where('alerts.id', '=', id)
    .executeTakeFirst();
  return row ? (await withNeeds(db, [row]))[0] : undefined;
}

/** "I am on it": recorded once, by the first coordinator to press it. */
export async function acknowledgeAlert(db: Executor, id: string, coordinatorId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ acknowledged_at: now, acknowledged_by: coordinatorId })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Resolves an open alert with what was done; false if it was already resolved. */
export async function resolveAlert(db: Executor, id: string, coordinatorId: string, note: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set({ resolved_at: now, resolved_by: coordinatorId, note })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The note an alert gets when it resolves itself because its need found someone. */
export const MATCHED_NOTE = 'Resolved by itself: someone said yes to this need.';

/**
 * A need was matched (or closed): the "no one found" alerts about it are resolved, by
 * no one in particular. Alert details are sealed at rest, so they are read (and opened)
 * here rather than compared in SQL; a member has only a few.
 */
export async function resolveNeedAlerts(db: Executor, needId: string, now: number, note = MATCHED_NOTE): Promise<void> {
  const need = await db.selectFrom('needs').select('member_id').where('id', '=', needId).executeTakeFirst();
  if (!need) return;
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'kind', 'detail'])
    .where('member_id', '=', need.member_id)
    .where('kind', '=', 'unmatched')
    .where('resolved_at', 'is', null)
    .execute();
  const about = open.filter((a) => namedNeed(a.kind, a.detail) === needId).map((a) => a.id);
  if (about.length > 0) await db.updateTable('alerts').set({ resolved_at: now, note }).where('id', 'in', about).execute();
}

/** The latest unresolved alert of these kinds about a member made after `since`, if any. */
export async function recentOpenAlert(
  db: Executor,
  memberId: string,
  kinds: readonly string[],
  since: number,
): Promise<{ id: string; detail: string; kind: string } | undefined> {
  return db
    .selectFrom('alerts')
    .select(['id', 'detail', 'kind'])
    .where('member_id', '=', memberId)
    .where('kind', 'in', kinds)
    .where('resolved_at', 'is', null)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Folds more words into an open alert (its detail keeps the last 1,000 characters); `kind` raises it. */
export async function foldIntoAlert(db: Executor, id: string, detail: string, kind?: string): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ detail: detail.slice(-1000), ...(kind ? { kind } : {}) })
    .where('id', '=', id)
    .execute();
}
