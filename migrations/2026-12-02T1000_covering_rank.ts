import type { Kysely } from 'kysely';

/**
 * The candidate search, fourth pass (issue 14, PostgreSQL at full scale): each search
 * index now holds every column the ranking weighs, after the columns it searches and
 * orders by, so a search reads its candidates from the index alone. Before, the search
 * picked member ids from the index and then fetched each picked row through the
 * primary key: a hundred or so random table reads a search, most of its time once the
 * table no longer fits in PostgreSQL's buffers. The leading columns, and so the order
 * the search reads in, are unchanged.
 */
const INDEXES: Record<string, { before: string[]; after: string[] }> = {
  candidates_cell: {
    before: ['category', 'sandbox', 'available', 'cell', 'last_asked_at', 'member_id'],
    after: [
      ...['category', 'sandbox', 'available', 'cell', 'last_asked_at', 'member_id'],
      ...['verified', 'latitude', 'longitude', 'sector', 'outcode', 'area', 'travel_km', 'availability', 'lang'],
    ],
  },
  candidates_outcode: {
    before: ['category', 'sandbox', 'available', 'outcode', 'cell', 'sector', 'last_asked_at', 'member_id'],
    after: [
      ...['category', 'sandbox', 'available', 'outcode', 'cell', 'sector', 'last_asked_at', 'member_id'],
      ...['verified', 'latitude', 'longitude', 'area', 'travel_km', 'availability', 'lang'],
    ],
  },
  candidates_area: {
    before: ['category', 'sandbox', 'available', 'area', 'last_asked_at'],
    after: [
      ...['category', 'sandbox', 'available', 'area', 'last_asked_at'],
      ...['member_id', 'verified', 'latitude', 'longitude', 'cell', 'sector', 'outcode', 'travel_km', 'availability', 'lang'],
    ],
  },
  candidates_fair: {
    before: ['category', 'sandbox', 'available', 'last_asked_at'],
    after: [
      ...['category', 'sandbox', 'available', 'last_asked_at'],
      ...['member_id', 'verified', 'latitude', 'longitude', 'cell', 'sector', 'outcode', 'area', 'travel_km', 'availability', 'lang'],
    ],
  },
};

async function rebuild(db: Kysely<unknown>, which: 'before' | 'after'): Promise<void> {
  for (const [name, columns] of Object.entries(INDEXES)) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('candidates').columns(columns[which]).execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, 'after');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, 'before');
}
