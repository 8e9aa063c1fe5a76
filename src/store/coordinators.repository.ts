/**
 * Coordinator accounts and their one-time sign-in links. A link's token is shown once
 * (printed by `npm run coordinator`) and kept only as a SHA-256 hash, so the database
 * never holds a working link; it works once, for a day, and only for an account that
 * has not been removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from './database.js';
import type { Coordinator } from './schema.js';

/** How long a sign-in link works. */
export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The hash a token or session id is kept as: enough to find it, useless to anyone who reads the table. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export async function addCoordinator(db: Executor, row: { id: string; name: string; phone: string | null; now: number }): Promise<void> {
  await db
    .insertInto('coordinators')
    .values({ id: row.id, name: row.name, phone: row.phone, created_at: row.now, removed_at: null, last_signed_in_at: null })
    .execute();
}

/** Every account, oldest first, removed ones too (the CLI's list says which). */
export async function listCoordinators(db: Executor): Promise<Coordinator[]> {
  return db.selectFrom('coordinators').selectAll().orderBy('created_at').orderBy('id').execute();
}

/**
 * The account someone means by an id or a name (any case). Names are sealed at rest
 * with DATA_ENCRYPTION_KEY, so they are compared here rather than in SQL; there are
 * only ever a handful of coordinators.
 */
export async function findCoordinator(db: Executor, idOrName: string): Promise<Coordinator | undefined> {
  const wanted = idOrName.trim().toLowerCase();
  const all = await listCoordinators(db);
  return all.find((c) => c.id.toLowerCase() === wanted) ?? all.find((c) => c.removed_at === null && c.name.trim().toLowerCase() === wanted);
}

/** The account behind a session, if it may still use the console. */
export async function activeCoordinator(db: Executor, id: string): Promise<Coordinator | undefined> {
  return db.selectFrom('coordinators').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
}

/** Whether the console is on: it exists only once someone has an account. */
export async function hasCoordinators(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('coordinators').select('id').where('removed_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Removes an account: it can no longer sign in, its sessions end now and its unused links stop working. */
export async function removeCoordinator(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('coordinators').set({ removed_at: now }).where('id', '=', id).where('removed_at', 'is', null).execute();
  await db.deleteFrom('console_sessions').where('coordinator_id', '=', id).execute();
  await db.deleteFrom('console_links').where('coordinator_id', '=', id).where('used_at', 'is', null).execute();
}

/** Makes a one-time sign-in link's token; only its hash is stored. */
export async function createSignInToken(db: Executor, coordinatorId: string, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('console_links')
    .values({ token_hash: tokenHash(token), coordinator_id: coordinatorId, created_at: now, expires_at: now + LINK_LIFETIME_MS, used_at: null })
    .execute();
  return token;
}

/** The account a link would sign in, without using it (the page that asks "sign in as ...?"). */
export async function peekSignInToken(db: Executor, token: string, now: number): Promise<Coordinator | undefined> {
  return db
    .selectFrom('console_links')
    .innerJoin('coordinators', 'coordinators.id', 'console_links.coordinator_id')
    .selectAll('coordinators')
    .where('console_links.token_hash', '=', tokenHash(token))
    .where('console_links.used_at', 'is', null)
    .where('console_links.expires_at', '>', now)
    .where('coordinators.removed_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Uses a link: only one request can, however many arrive at once. Returns the account
 * it signs in, or undefined for a link that is unknown, used, expired or whose account
 * was removed.
 */
export async function useSignInToken(db: Executor, token: string, now: number): Promise<Coordinator | undefined> {
  const coordinator = await peekSignInToken(db, token, now);
  if (!coordinator) return undefined;
  const used = await db
    .updateTable('console_links')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash(token))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return undefined;
  await db.updateTable('coordinators').set({ last_signed_in_at: now }).where('id', '=', coordinator.id).execute();
  return coordinator;
}
