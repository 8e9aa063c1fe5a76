import { sql, type Kysely } from 'kysely';

/**
 * A need has at most one active match, but may have had others: when a helper leaves
 * (FORGET ME, STOP), the need reopens and someone else may take it. And a message that
 * names or quotes another member records who, so FORGET ME can wipe it too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbound_messages').addColumn('about_member_id', 'text').execute();
  await db.schema.createIndex('outbound_about').on('outbound_messages').column('about_member_id').execute();
  await db.schema.dropIndex('matches_need').execute();
  await db.schema.createIndex('matches_need').on('matches').column('need_id').execute();
  await db.schema.createIndex('matches_need_active').on('matches').column('need_id').unique().where(sql.ref('status'), '=', 'active').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbound_about').execute();
  await db.schema.alterTable('outbound_messages').dropColumn('about_member_id').execute();
  await db.schema.dropIndex('matches_need_active').execute();
  await db.schema.dropIndex('matches_need').execute();
  await db.schema.createIndex('matches_need').on('matches').column('need_id').unique().execute();
}
