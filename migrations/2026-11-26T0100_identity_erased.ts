import type { Kysely } from 'kysely';

/** When FORGET ME erased an identity: nothing more is handled for it or sent to it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('identities').addColumn('erased_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('identities').dropColumn('erased_at').execute();
}
