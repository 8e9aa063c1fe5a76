import { sql, type Kysely } from 'kysely';

/**
 * The simulator's sandbox (issue 11): a member made through the simulator is marked,
 * and so is each of their rows in the candidate search index, so the search keeps the
 * two populations apart in both directions. The column goes straight after the
 * category in each search index, so a search reads its own pool from the index alone,
 * as before. Members who already came through the simulator are marked now.
 */
const INDEXES: Record<string, { before: string[]; after: string[] }> = {
  candidates_cell: {
    before: ['category', 'available', 'cell', 'last_asked_at', 'member_id'],
    after: ['category', 'sandbox', 'available', 'cell', 'last_asked_at', 'member_id'],
  },
  candidates_outcode: {
    before: ['category', 'available', 'outcode', 'cell', 'sector', 'last_asked_at', 'member_id'],
    after: ['category', 'sandbox', 'available', 'outcode', 'cell', 'sector', 'last_asked_at', 'member_id'],
  },
  candidates_area: { before: ['category', 'available', 'area', 'last_asked_at'], after: ['category', 'sandbox', 'available', 'area', 'last_asked_at'] },
  candidates_fair: { before: ['category', 'available', 'last_asked_at'], after: ['category', 'sandbox', 'available', 'last_asked_at'] },
};

async function rebuild(db: Kysely<unknown>, which: 'before' | 'after'): Promise<void> {
  for (const [name, columns] of Object.entries(INDEXES)) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('candidates').columns(columns[which]).execute();
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('sandbox', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('candidates')
    .addColumn('sandbox', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update members set sandbox = 1 where id in (select member_id from identities where channel = 'simulator')`.execute(db);
  await sql`update candidates set sandbox = 1 where member_id in (select id from members where sandbox = 1)`.execute(db);
  await rebuild(db, 'after');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, 'before');
  await db.schema.alterTable('candidates').dropColumn('sandbox').execute();
  await db.schema.alterTable('members').dropColumn('sandbox').execute();
}
