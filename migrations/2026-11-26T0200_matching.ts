import type { Kysely } from 'kysely';

/**
 * Volunteering and matching: what volunteers can do and how far they go, where needs
 * are, the volunteers asked about each need (asks), the pairings that came of it
 * (matches), a search index of candidates, and the postcode data a deployer imports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('members').addColumn('volunteer_at', 'bigint').execute();
  await db.schema.alterTable('members').addColumn('travel_km', 'double precision').execute();
  await db.schema.alterTable('members').addColumn('availability', 'text').execute();
  await db.schema.alterTable('members').addColumn('paused_at', 'bigint').execute();
  await db.schema.alterTable('members').addColumn('verified_at', 'bigint').execute();
  await db.schema.alterTable('members').addColumn('last_asked_at', 'bigint').execute();
  await db.schema.alterTable('members').addColumn('code', 'text').execute();
  await db.schema.createIndex('members_code').on('members').column('code').unique().execute();

  await db.schema.alterTable('identities').addColumn('handle', 'text').execute();

  for (const column of ['mode', 'outcode', 'sector', 'area'] as const) {
    await db.schema.alterTable('needs').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('needs').addColumn('latitude', 'double precision').execute();
  await db.schema.alterTable('needs').addColumn('longitude', 'double precision').execute();
  await db.schema
    .alterTable('needs')
    .addColumn('wave', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('needs').addColumn('unmatched_at', 'bigint').execute();
  await db.schema.createIndex('needs_status_category').on('needs').columns(['status', 'category']).execute();

  await db.schema
    .createTable('asks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('wave', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .execute();
  await db.schema.createIndex('asks_volunteer_code').on('asks').columns(['volunteer_id', 'code']).execute();
  await db.schema.createIndex('asks_need_status').on('asks').columns(['need_id', 'status']).execute();
  await db.schema.createIndex('asks_volunteer_status').on('asks').columns(['volunteer_id', 'status']).execute();

  await db.schema
    .createTable('matches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('needs.id'))
    .addColumn('requester_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requester_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volunteer_shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('matches_need').on('matches').column('need_id').unique().execute();
  await db.schema.createIndex('matches_requester_status').on('matches').columns(['requester_id', 'status']).execute();
  await db.schema.createIndex('matches_volunteer_status').on('matches').columns(['volunteer_id', 'status']).execute();

  // One row per volunteer and category they offer: everything the candidate search
  // needs, in one table, so it is one indexed query whatever the dialect.
  await db.schema
    .createTable('candidates')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('available', 'integer', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('cell', 'text')
    .addColumn('sector', 'text')
    .addColumn('outcode', 'text')
    .addColumn('area', 'text')
    .addColumn('travel_km', 'double precision')
    .addColumn('availability', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('last_asked_at', 'bigint')
    .addPrimaryKeyConstraint('candidates_pk', ['member_id', 'category'])
    .execute();
  await db.schema.createIndex('candidates_cell').on('candidates').columns(['category', 'available', 'cell']).execute();
  await db.schema.createIndex('candidates_outcode').on('candidates').columns(['category', 'available', 'outcode']).execute();
  await db.schema.createIndex('candidates_area').on('candidates').columns(['category', 'available', 'area']).execute();
  await db.schema.createIndex('candidates_fair').on('candidates').columns(['category', 'available', 'last_asked_at']).execute();

  await db.schema
    .createTable('postcodes')
    .addColumn('postcode', 'text', (c) => c.primaryKey())
    .addColumn('latitude', 'double precision', (c) => c.notNull())
    .addColumn('longitude', 'double precision', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outcode_neighbours')
    .addColumn('outcode', 'text', (c) => c.notNull())
    .addColumn('neighbour', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcode_neighbours_pk', ['outcode', 'neighbour'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outcode_neighbours', 'postcodes', 'candidates', 'matches', 'asks']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('needs_status_category').execute();
  for (const column of ['unmatched_at', 'wave', 'longitude', 'latitude', 'area', 'sector', 'outcode', 'mode']) {
    await db.schema.alterTable('needs').dropColumn(column).execute();
  }
  await db.schema.alterTable('identities').dropColumn('handle').execute();
  await db.schema.dropIndex('members_code').execute();
  for (const column of ['code', 'last_asked_at', 'verified_at', 'paused_at', 'availability', 'travel_km', 'volunteer_at']) {
    await db.schema.alterTable('members').dropColumn(column).execute();
  }
}
