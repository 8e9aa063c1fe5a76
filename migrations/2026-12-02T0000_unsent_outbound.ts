import { sql, type Kysely } from 'kysely';

/**
 * A message not yet sent is its own record of the send job it needs: the reconciler
 * queues sends again from outbound_messages (pending or sending, untouched for a
 * while), where it used to read an outbox row written beside every message (two
 * statements per message on the hot path). This partial index holds only the messages
 * still to go, so the reconciler's look stays small however much has been sent. Send
 * jobs recorded in the outbox before this change are done with there: the messages
 * themselves now say what is left.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index outbound_unsent on outbound_messages (channel, updated_at) where status in ('pending', 'sending')`.execute(db);
  await sql`update outbox set done_at = created_at where job_name = 'send' and done_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbound_unsent').execute();
}
