/**
 * The candidate search index (see CandidatesTable) and the places of needs: kept in
 * step with members, offers and identities, and read by the matching worker.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import { CATEGORY_MODE, isCategoryId } from '../conversation/categories.js';
import { areaOf, cellOf, cellsWithin, MAX_TRAVEL_KM, type LatLon } from '../matching/geo.js';
import type { Executor } from './database.js';
import type { CandidateRow, Database, Need } from './schema.js';

/** How far someone goes in person when they offered help at sign-up but never said (a mile). */
export const DEFAULT_TRAVEL_KM = 1.6;

/** Rebuilds a member's candidate rows from what they offer and whether they can be asked. */
export async function refreshCandidates(trx: Executor, memberId: string): Promise<void> {
  await trx.deleteFrom('candidates').where('member_id', '=', memberId).execute();
  const member = await trx.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!member || member.status !== 'active') return;
  const offers = await trx.selectFrom('offers').select('category').where('member_id', '=', memberId).where('status', '=', 'active').execute();
  const categories = [...new Set(offers.map((o) => o.category))].filter(isCategoryId);
  if (categories.length === 0) return;
  const identities = await trx.selectFrom('identities').select(['opted_out_at', 'unreachable_at', 'erased_at']).where('member_id', '=', memberId).execute();
  const reachable = identities.some((i) => i.opted_out_at === null && i.unreachable_at === null && i.erased_at === null);
  const location = member.latitude !== null && member.longitude !== null ? { latitude: member.latitude, longitude: member.longitude } : null;
  await trx
    .insertInto('candidates')
    .values(
      categories.map((category) => ({
        member_id: memberId,
        category,
        available: reachable && member.paused_at === null ? 1 : 0,
        verified: member.verified_at !== null ? 1 : 0,
        latitude: location?.latitude ?? null,
        longitude: location?.longitude ?? null,
        cell: location ? cellOf(location) : null,
        sector: member.sector,
        outcode: member.outcode,
        area: areaOf(member.outcode),
        travel_km: member.travel_km ?? DEFAULT_TRAVEL_KM,
        availability: member.availability,
        lang: member.lang,
        last_asked_at: member.last_asked_at,
      })),
    )
    .execute();
}

/** Notes that a volunteer was just asked: they go to the back for the next day. */
export async function markAsked(trx: Executor, memberId: string, now: number): Promise<void> {
  await trx.updateTable('members').set({ last_asked_at: now }).where('id', '=', memberId).execute();
  await trx.updateTable('candidates').set({ last_asked_at: now }).where('member_id', '=', memberId).execute();
}

/** Where a member is, to the best we know: their coordinates, or a postcode centroid we hold. */
export async function locate(db: Executor, member: { latitude: number | null; longitude: number | null; postcode: string | null }): Promise<LatLon | null> {
  if (member.latitude !== null && member.longitude !== null) return { latitude: member.latitude, longitude: member.longitude };
  if (!member.postcode) return null;
  const row = await db.selectFrom('postcodes').select(['latitude', 'longitude']).where('postcode', '=', member.postcode).executeTakeFirst();
  return row ?? null;
}

/** Gives new needs their kind (in person or by phone) and their member's place. */
export async function placeNeeds(trx: Executor, memberId: string, needIds: readonly string[]): Promise<void> {
  if (needIds.length === 0) return;
  const member = await trx.selectFrom('members').select(['latitude', 'longitude', 'postcode', 'outcode', 'sector']).where('id', '=', memberId).executeTakeFirstOrThrow();
  const where = await locate(trx, member);
  const needs = await trx.selectFrom('needs').select(['id', 'category']).where('id', 'in', [...needIds]).execute();
  for (const need of needs) {
    await trx
      .updateTable('needs')
      .set({
        mode: isCategoryId(need.category) ? CATEGORY_MODE[need.category] : 'in_person',
        latitude: where?.latitude ?? null,
        longitude: where?.longitude ?? null,
        outcode: member.outcode,
        sector: member.sector,
        area: areaOf(member.outcode),
      })
      .where('id', '=', need.id)
      .execute();
  }
}

export async function neighboursOf(db: Executor, outcode: string | null): Promise<string[]> {
  if (!outcode) return [];
  const rows = await db.selectFrom('outcode_neighbours').select('neighbour').where('outcode', '=', outcode).execute();
  return rows.map((r) => r.neighbour);
}

/** At most this many candidates are read for one need; ranking picks from them. */
export const CANDIDATE_LIMIT = 300;

/**
 * The candidates worth ranking for a need, in one indexed query. Left out in SQL:
 * the person in need, anyone already asked about it, anyone still answering another
 * request or already helping someone. Ordered so the limit keeps the right ones: for
 * help by phone, the least recently asked; in person, those in the grid cells around
 * the need (least recently asked first), or, without coordinates, those sharing its
 * sector, then outcode, then neighbours, then area.
 */
export async function loadCandidates(db: Executor, need: Need, neighbours: readonly string[]): Promise<CandidateRow[]> {
  const base = db
    .selectFrom('candidates')
    .selectAll('candidates')
    .where('candidates.category', '=', need.category)
    .where('candidates.available', '=', 1)
    .where('candidates.member_id', '!=', need.member_id)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('asks')
            .select('asks.id')
            .whereRef('asks.volunteer_id', '=', 'candidates.member_id')
            .where((ask) => ask.or([ask('asks.status', '=', 'open'), ask('asks.need_id', '=', need.id)])),
        ),
      ),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('matches').select('matches.id').whereRef('matches.volunteer_id', '=', 'candidates.member_id').where('matches.status', '=', 'active'))),
    );
  const fairest = sql`candidates.last_asked_at asc nulls first`;
  if (need.mode === 'remote') return base.orderBy(fairest).limit(CANDIDATE_LIMIT).execute();
  const byPostcode = () =>
    base
      .where((eb) => eb.or(placeFilters(eb, need, neighbours)))
      .orderBy(
        sql`case when candidates.sector = ${need.sector} then 0 when candidates.outcode = ${need.outcode} then 1 when candidates.area = ${need.area} and candidates.outcode not in (${sql.join(neighbours.length ? neighbours : [''])}) then 3 else 2 end`,
      )
      .orderBy(fairest)
      .limit(CANDIDATE_LIMIT)
      .execute();
  if (need.latitude !== null && need.longitude !== null) {
    const cells = cellsWithin({ latitude: need.latitude, longitude: need.longitude }, MAX_TRAVEL_KM);
    const near = await base.where('candidates.cell', 'in', cells).orderBy(fairest).limit(CANDIDATE_LIMIT).execute();
    // Volunteers with no coordinates of their own are found by postcode instead.
    const placed = need.outcode ? await byPostcode() : [];
    return [...near, ...placed.filter((c) => c.cell === null)];
  }
  if (!need.outcode) return [];
  return byPostcode();
}

function placeFilters(eb: ExpressionBuilder<Database, 'candidates'>, need: Need, neighbours: readonly string[]) {
  const filters = [eb('candidates.outcode', '=', need.outcode)];
  if (need.area) filters.push(eb('candidates.area', '=', need.area));
  if (neighbours.length > 0) filters.push(eb('candidates.outcode', 'in', [...neighbours]));
  return filters;
}
