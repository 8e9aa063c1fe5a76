import { sql, type Kysely } from 'kysely';

/**
 * The coordinators' console (issue 12): named coordinator accounts, one-time sign-in
 * links, sessions and settings kept in the database (so any web process can serve any
 * coordinator), an audit log of everything a coordinator does, alerts that are
 * acknowledged and resolved with a note, a keyed-hash search index for members whose
 * names and numbers are sealed at rest, and the indexes the console's pages read
 * through at 100,000 members.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('coordinators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('removed_at', 'bigint')
    .addColumn('last_signed_in_at', 'bigint')
    .execute();

  await db.schema
    .createTable('console_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('coordinator_id', 'text', (c) => c.notNull().references('coordinators.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('console_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('coordinator_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_sessions_expires').on('console_sessions').column('expires_at').execute();
  await db.schema.createIndex('console_sessions_coordinator').on('console_sessions').column('coordinator_id').execute();

  await db.schema
    .createTable('console_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('coordinator_id', 'text', (c) => c.notNull())
    .addColumn('coordinator_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('console_audit_member').on('console_audit').columns(['member_id', 'id']).execute();

  await db.schema
    .createTable('console_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('console_search')
    .addColumn('member_id', 'text', (c) => c.primaryKey())
    .addColumn('name_key', 'text')
    .addColumn('indexed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_search_name').on('console_search').column('name_key').execute();
  await db.schema
    .createTable('console_search_tails')
    .addColumn('identity_id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('tail_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('console_search_tails_key').on('console_search_tails').column('tail_key').execute();
  await db.schema.createIndex('console_search_tails_member').on('console_search_tails').column('member_id').execute();

  await db.schema.alterTable('alerts').addColumn('acknowledged_at', 'bigint').execute();
  await db.schema.alterTable('alerts').addColumn('acknowledged_by', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('resolved_by', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('note', 'text').execute();
  await db.schema.createIndex('alerts_open').on('alerts').columns(['kind', 'created_at']).where(sql.ref('resolved_at'), 'is', null).execute();
  await db.schema.createIndex('alerts_member').on('alerts').columns(['member_id', 'kind']).execute();

  await db.schema
    .createIndex('members_first_name_lower')
    .on('members')
    .expression(sql`lower(first_name)`)
    .execute();
  await db.schema.createIndex('members_postcode').on('members').column('postcode').execute();
  await db.schema.createIndex('members_outcode').on('members').column('outcode').execute();
  await db.schema.createIndex('members_updated').on('members').column('updated_at').execute();
  await db.schema.createIndex('needs_created').on('needs').column('created_at').execute();
  await db.schema.createIndex('needs_status_created').on('needs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('offers_created').on('offers').column('created_at').execute();
  await db.schema.createIndex('matches_created').on('matches').column('created_at').execute();
  await db.schema.createIndex('matches_volunteer_created').on('matches').columns(['volunteer_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'matches_volunteer_created',
    'matches_created',
    'offers_created',
    'needs_status_created',
    'needs_created',
    'members_updated',
    'members_outcode',
    'members_postcode',
    'members_first_name_lower',
    'alerts_member',
    'alerts_open',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of ['note', 'resolved_by', 'acknowledged_by', 'acknowledged_at']) await db.schema.alterTable('alerts').dropColumn(column).execute();
  for (const table of ['console_search_tails', 'console_search', 'console_settings', 'console_audit', 'console_sessions', 'console_links', 'coordinators']) {
    await db.schema.dropTable(table).execute();
  }
}
