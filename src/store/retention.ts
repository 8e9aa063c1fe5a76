/**
 * Keeping words no longer than needed: message bodies older than RETENTION_DAYS are
 * purged (the rows stay, for counts and order; the words go). Messages still waiting
 * to be handled or sent are never touched. Run by a BullMQ job scheduler.
 */
import { sql } from 'kysely';
import type { Executor } from './database.js';

export interface Purged {
  inbound: number;
  outbound: number;
}

export async function purgeOldBodies(db: Executor, now: number, retentionDays: number): Promise<Purged> {
  const before = now - retentionDays * 24 * 60 * 60 * 1000;
  const inbound = await db
    .updateTable('inbound_messages')
    .set({ body: null, input: '{"kind":"purged"}' })
    .where('received_at', '<', before)
    .where('status', '!=', sql.lit('pending'))
    .where('body', 'is not', null)
    .executeTakeFirst();
  const outbound = await db
    .updateTable('outbound_messages')
    .set({ body: '', reply: null })
    .where('created_at', '<', before)
    .where('status', 'in', [sql.lit('sent'), sql.lit('failed'), sql.lit('cancelled')])
    .where('body', '!=', '')
    .executeTakeFirst();
  return { inbound: Number(inbound.numUpdatedRows), outbound: Number(outbound.numUpdatedRows) };
}
