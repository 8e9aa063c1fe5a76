import type { Kysely } from 'kysely';

/**
 * The candidate search at national scale (npm run bench, "matching at scale"): grid
 * cells shrink from a tenth to a fiftieth of a degree, so a search in a city reads a
 * few streets' worth of volunteers; each cell's volunteers are indexed in the order
 * the search wants them (least recently asked first), and so is each postcode area's;
 * and never-asked volunteers hold
 * 0 rather than null, because PostgreSQL and SQLite put nulls at opposite ends of an
 * index.
 */
type Db = Kysely<{
  candidates: { member_id: string; category: string; latitude: number | null; longitude: number | null; cell: string | null; last_asked_at: number | null };
}>;

/** The grid of src/matching/geo.ts at the time of this migration; fixed here on purpose. */
async function recomputeCells(db: Db, degrees: number): Promise<void> {
  const rows = await db
    .selectFrom('candidates')
    .select(['member_id', 'category', 'latitude', 'longitude'])
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .execute();
  for (const row of rows) {
    const cell = `${Math.floor(row.latitude! / degrees)}:${Math.floor(row.longitude! / degrees)}`;
    await db.updateTable('candidates').set({ cell }).where('member_id', '=', row.member_id).where('category', '=', row.category).execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Db;
  await recomputeCells(typed, 0.02);
  await typed.updateTable('candidates').set({ last_asked_at: 0 }).where('last_asked_at', 'is', null).execute();
  await db.schema.dropIndex('candidates_cell').execute();
  await db.schema.createIndex('candidates_cell').on('candidates').columns(['category', 'available', 'cell', 'last_asked_at']).execute();
  await db.schema.dropIndex('candidates_area').execute();
  await db.schema.createIndex('candidates_area').on('candidates').columns(['category', 'available', 'area', 'last_asked_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Db;
  await db.schema.dropIndex('candidates_area').execute();
  await db.schema.createIndex('candidates_area').on('candidates').columns(['category', 'available', 'area']).execute();
  await db.schema.dropIndex('candidates_cell').execute();
  await db.schema.createIndex('candidates_cell').on('candidates').columns(['category', 'available', 'cell']).execute();
  await typed.updateTable('candidates').set({ last_asked_at: null }).where('last_asked_at', '=', 0).execute();
  await recomputeCells(typed, 0.1);
}
