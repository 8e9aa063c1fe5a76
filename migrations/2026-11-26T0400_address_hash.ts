import { sql, type Kysely } from 'kysely';

/**
 * With DATA_ENCRYPTION_KEY set, addresses are stored sealed and found by a keyed hash
 * (see src/store/sealing.ts). Unique per channel, like the address itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('identities').addColumn('address_hash', 'text').execute();
  await db.schema
    .createIndex('identities_channel_address_hash')
    .on('identities')
    .columns(['channel', 'address_hash'])
    .unique()
    .where(sql.ref('address_hash'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identities_channel_address_hash').execute();
  await db.schema.alterTable('identities').dropColumn('address_hash').execute();
}
