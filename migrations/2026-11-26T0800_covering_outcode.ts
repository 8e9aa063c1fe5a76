import type { Kysely } from 'kysely';

/**
 * The candidate search, third pass (npm run bench on PostgreSQL): volunteers found by
 * outcode are ranked by sector and by when they were last asked, so those columns and
 * member_id join the outcode index and the ranking reads the index alone, not a heap
 * page per volunteer (the postcode tier's median went from 4.5 to 2.7 ms).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('candidates_outcode').execute();
  await db.schema
    .createIndex('candidates_outcode')
    .on('candidates')
    .columns(['category', 'available', 'outcode', 'cell', 'sector', 'last_asked_at', 'member_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('candidates_outcode').execute();
  await db.schema.createIndex('candidates_outcode').on('candidates').columns(['category', 'available', 'outcode', 'cell']).execute();
}
