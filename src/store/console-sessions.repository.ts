/**
 * Console sessions and settings, in the database rather than in one process's memory,
 * so any web process serves any coordinator and removing an account ends its sessions
 * everywhere at once. A session is found by a hash of its id: reading the table gives
 * no one a cookie that works.
 */
import { randomBytes } from 'node:crypto';
import type { Executor } from './database.js';
import { tokenHash } from './coordinators.repository.js';

/** A session's stored JSON, if it exists and has not expired (an expired one is removed). */
export async function readSession(db: Executor, sessionId: string, now: number): Promise<string | undefined> {
  const idHash = tokenHash(sessionId);
  const row = await db.selectFrom('console_sessions').select(['data', 'expires_at']).where('id_hash', '=', idHash).executeTakeFirst();
  if (!row) return undefined;
  if (row.expires_at <= now) {
    await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  return row.data;
}

/**
 * Writes a session. An update first, then an insert: an upsert's update half would
 * bypass the sealing plugin, which seals the data of inserts and updates only.
 */
export async function writeSession(db: Executor, sessionId: string, row: { coordinatorId: string | null; data: string; expiresAt: number }): Promise<void> {
  const idHash = tokenHash(sessionId);
  const updated = await db
    .updateTable('console_sessions')
    .set({ coordinator_id: row.coordinatorId, data: row.data, expires_at: row.expiresAt })
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db.insertInto('console_sessions').values({ id_hash: idHash, coordinator_id: row.coordinatorId, data: row.data, expires_at: row.expiresAt }).execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('console_sessions').where('id_hash', '=', tokenHash(sessionId)).execute();
}

/** Sweeps sessions that expired without anyone coming back to them. */
export async function deleteExpiredSessions(db: Executor, now: number): Promise<void> {
  await db.deleteFrom('console_sessions').where('expires_at', '<=', now).execute();
}

/** Sets a session's expiry directly: tests and operators ending a session early. */
export async function expireSessions(db: Executor, coordinatorId: string, at: number): Promise<void> {
  await db.updateTable('console_sessions').set({ expires_at: at }).where('coordinator_id', '=', coordinatorId).execute();
}

/**
 * A setting shared by every web process, made once: the first process to need it
 * stores `make()`'s value, and everyone reads what was stored first.
 */
export async function sharedSetting(db: Executor, key: string, make: () => string): Promise<string> {
  const found = await db.selectFrom('console_settings').select('value').where('key', '=', key).executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('console_settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('console_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return stored.value;
}

/** The secret that signs console session cookies: made once, shared by every web process. */
export function sessionSecret(db: Executor): Promise<string> {
  return sharedSetting(db, 'session_secret', () => randomBytes(48).toString('base64url'));
}

/** Reads a shared setting, if it was ever set. */
export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  return (await db.selectFrom('console_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Sets a shared setting, replacing what was there (settings are never sealed: an upsert is fine). */
export async function writeSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('console_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
