import { sql, type Kysely } from 'kysely';

/**
 * The console shows real members only, so its lists, counts and figures leave out the
 * simulator's sandbox (members.sandbox = 1, from 2026-12-01T1000_sandbox). They do so
 * with "member not in (the sandbox's members)": this partial index holds just those
 * ids, so the set is read from a few entries rather than from every member.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index members_sandbox on members (id) where sandbox = 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('members_sandbox').execute();
}
