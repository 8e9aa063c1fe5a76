import type { Kysely } from 'kysely';

/**
 * Found by the benchmark (npm run bench): marking a job done looked its outbox row up
 * through `done_at is null`, which read every job not yet done (a backlog's worth, on
 * every send), and the ordering check before a send read all of one person's messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('outbox_job').on('outbox').column('job_id').execute();
  await db.schema.createIndex('outbound_identity_status').on('outbound_messages').columns(['identity_id', 'status', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbound_identity_status').execute();
  await db.schema.dropIndex('outbox_job').execute();
}
