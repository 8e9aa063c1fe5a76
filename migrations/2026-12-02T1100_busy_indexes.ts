import { sql, type Kysely } from 'kysely';

/**
 * The candidate search asks of every candidate it reads whether they are still
 * answering a request or helping someone (issue 14). Those are a few in every asks
 * and matches ever made, and fewer as the tables grow: these partial indexes hold
 * just them, so each question is a probe of a small index rather than of one over
 * every ask and match. The status is in each index as well as its condition so that
 * SQLite, which has no statistics here, prefers it to the indexes on (volunteer_id,
 * status) over every row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('asks_open_volunteer').on('asks').columns(['volunteer_id', 'status']).where(sql.ref('status'), '=', 'open').execute();
  await db.schema.createIndex('matches_active_volunteer').on('matches').columns(['volunteer_id', 'status']).where(sql.ref('status'), '=', 'active').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('matches_active_volunteer').execute();
  await db.schema.dropIndex('asks_open_volunteer').execute();
}
