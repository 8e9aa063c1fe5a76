import type { Kysely } from 'kysely';

/**
 * The candidate search, second pass with a country's worth of volunteers (npm run
 * bench): the grid read finds who to take from the index alone (member_id added, so
 * the rows of a crowded city are not each fetched only to be sorted away), and
 * volunteers without coordinates are found by outcode without reading those who have.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('candidates_cell').execute();
  await db.schema.createIndex('candidates_cell').on('candidates').columns(['category', 'available', 'cell', 'last_asked_at', 'member_id']).execute();
  await db.schema.dropIndex('candidates_outcode').execute();
  await db.schema.createIndex('candidates_outcode').on('candidates').columns(['category', 'available', 'outcode', 'cell']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('candidates_outcode').execute();
  await db.schema.createIndex('candidates_outcode').on('candidates').columns(['category', 'available', 'outcode']).execute();
  await db.schema.dropIndex('candidates_cell').execute();
  await db.schema.createIndex('candidates_cell').on('candidates').columns(['category', 'available', 'cell', 'last_asked_at']).execute();
}
