/**
 * Postcode centroids and neighbouring outcodes as a deployer imports them
 * (src/cli/import-postcodes.ts), and placing members who gave a postcode we did not
 * hold yet. Reading them for matching is in candidates.repository.ts (locate, neighboursOf).
 */
import { sql } from 'kysely';
import { refreshCandidates } from './candidates.repository.js';
import type { Executor } from './database.js';

export interface Centroid {
  postcode: string;
  latitude: number;
  longitude: number;
}

/** Stores centroids in one statement; a postcode already held takes the new coordinates. */
export async function upsertCentroids(db: Executor, rows: readonly Centroid[]): Promise<void> {
  await db
    .insertInto('postcodes')
    .values([...rows])
    .onConflict((oc) => oc.column('postcode').doUpdateSet((eb) => ({ latitude: eb.ref('excluded.latitude'), longitude: eb.ref('excluded.longitude') })))
    .execute();
}

/** Records that `neighbour` borders `outcode` (one direction); a pair already held is left as it is. */
export async function addOutcodeNeighbour(db: Executor, outcode: string, neighbour: string): Promise<void> {
  await db
    .insertInto('outcode_neighbours')
    .values({ outcode, neighbour })
    .onConflict((oc) => oc.columns(['outcode', 'neighbour']).doNothing())
    .execute();
}

/** Up to `limit` members with no coordinates whose postcode has a centroid now, with that centroid. */
export async function unplacedMembersWithCentroid(db: Executor, limit: number): Promise<{ id: string; latitude: number; longitude: number }[]> {
  return db
    .selectFrom('members')
    .innerJoin('postcodes', 'postcodes.postcode', 'members.postcode')
    .select(['members.id', 'postcodes.latitude', 'postcodes.longitude'])
    .where('members.latitude', 'is', null)
    .limit(limit)
    .execute();
}

/** Places a member at their postcode's centroid; their open needs not yet placed follow, and their candidate rows are rebuilt. */
export async function placeMemberAt(trx: Executor, memberId: string, latitude: number, longitude: number): Promise<void> {
  await trx.updateTable('members').set({ latitude, longitude }).where('id', '=', memberId).execute();
  await trx
    .updateTable('needs')
    .set({ latitude, longitude })
    .where('member_id', '=', memberId)
    .where('status', '=', sql.lit('open'))
    .where('latitude', 'is', null)
    .execute();
  await refreshCandidates(trx, memberId);
}
