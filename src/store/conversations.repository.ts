import type { Executor } from './database.js';
import { named } from './prepared.js';

export interface StoredConversation {
  state: string;
  version: number;
}

export async function loadConversation(db: Executor, identityId: string): Promise<StoredConversation | undefined> {
  return db.selectFrom('conversations').select(['state', 'version']).where('identity_id', '=', identityId).executeTakeFirst();
}

/**
 * Saves a conversation if nobody else changed it since it was read at `expectedVersion`
 * (0 for a conversation not yet stored). Returns false on such a conflict; the caller
 * starts over with fresh data.
 */
export async function saveConversation(
  db: Executor,
  row: { identityId: string; memberId: string; state: string; expectedVersion: number; now: number },
): Promise<boolean> {
  if (row.expectedVersion === 0) {
    const inserted = await db
      .insertInto('conversations')
      .values({ identity_id: row.identityId, member_id: row.memberId, state: row.state, version: 1, updated_at: row.now })
      .onConflict((oc) => oc.column('identity_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  // Named on PostgreSQL (see named()): a write every turn makes.
  const updated = await db.executeQuery(
    named(
      db,
      db
        .updateTable('conversations')
        .set({ state: row.state, version: row.expectedVersion + 1, updated_at: row.now })
        .where('identity_id', '=', row.identityId)
        .where('version', '=', row.expectedVersion),
    ),
  );
  return Number(updated.numAffectedRows ?? 0) === 1;
}

/** Every conversation of a member (one per identity). */
export async function conversationsOfMember(db: Executor, memberId: string): Promise<{ identity_id: string; state: string; version: number }[]> {
  return db.selectFrom('conversations').select(['identity_id', 'state', 'version']).where('member_id', '=', memberId).execute();
}
