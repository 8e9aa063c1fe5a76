/**
 * The candidate search index (see CandidatesTable) and the places of needs: kept in
 * step with members, offers and identities, and read by the matching worker.
 */
import { sql } from 'kysely';
import { CATEGORY_MODE, isCategoryId } from '../domain/categories.js';
import { areaOf, cellOf, type LatLon } from '../domain/geo.js';
import type { Executor } from './database.js';
import { isSqlite, named, prepared } from './prepared.js';
import type { CandidateRow, Need } from './schema.js';

/** How far someone goes in person when they offered help at sign-up but never said (a mile). */
export const DEFAULT_TRAVEL_KM = 1.6;

/** Rebuilds a member's candidate rows from what they offer and whether they can be asked. */
export async function refreshCandidates(trx: Executor, memberId: string): Promise<void> {
  await trx.deleteFrom('candidates').where('member_id', '=', memberId).execute();
  const member = await trx.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!member || member.status !== 'active') return;
  const offers = await trx.selectFrom('offers').select('category').where('member_id', '=', memberId).where('status', '=', sql.lit('active')).execute();
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
        // 0 for never asked: the search orders by this column through an index, and
        // PostgreSQL and SQLite disagree on where nulls go.
        last_asked_at: member.last_asked_at ?? 0,
        sandbox: member.sandbox,
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
  const member = await trx
    .selectFrom('members')
    .select(['latitude', 'longitude', 'postcode', 'outcode', 'sector'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
  const where = await locate(trx, member);
  const needs = await trx
    .selectFrom('needs')
    .select(['id', 'category'])
    .where('id', 'in', [...needIds])
    .execute();
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

const neighboursQuery = prepared((db, at) => db.selectFrom('outcode_neighbours').select('neighbour').where('outcode', '=', at(0)));

export async function neighboursOf(db: Executor, outcode: string | null): Promise<string[]> {
  if (!outcode) return [];
  const rows = await neighboursQuery.execute(db, [outcode]);
  return rows.map((r) => r.neighbour);
}

/** At most this many candidates are read by one search query; ranking picks from them. */
export const CANDIDATE_LIMIT = 100;
/**
 * Of volunteers without coordinates, found by postcode beside a search of the grid,
 * this many: they are few where postcodes are imported, and their distance is a guess.
 */
export const UNPLACED_LIMIT = 30;

/**
 * What the ranking weighs of each candidate: every column of their row. The search
 * indexes hold all of these (see 2026-12-02T1000_covering_rank), so a pick reads its
 * candidates from the index alone, never a table row each.
 */
export const RANKED_COLUMNS = [
  'member_id',
  'category',
  'available',
  'verified',
  'latitude',
  'longitude',
  'cell',
  'sector',
  'outcode',
  'area',
  'travel_km',
  'availability',
  'lang',
  'last_asked_at',
  'sandbox',
] as const;

/**
 * The candidates for a need, before any place is considered: in the requester's pool
 * (the sandbox or the real one), offering its category, free to be asked (not paused,
 * reachable), not the person in need. The searches below pick who, in order, reading
 * no more than an index; candidatesFor adds who is busy to the few picked, so that no
 * plan depends on how many asks and matches there are.
 */
function eligible(db: Executor, need: Need) {
  return (
    db
      .selectFrom('candidates')
      .select(RANKED_COLUMNS.map((c) => `candidates.${c}` as const))
      .where('candidates.category', '=', need.category)
      // The requester's pool is read in the same statement, each time, never copied
      // onto the need (a search costs one round trip, not one for this as well).
      .where('candidates.sandbox', '=', db.selectFrom('members').select('members.sandbox').where('members.id', '=', need.member_id))
      .where('candidates.available', '=', 1)
      .where('candidates.member_id', '!=', need.member_id)
  );
}

/**
 * `= any of` and `<> all of` a list. On PostgreSQL the list is one array parameter, so
 * the search's text is the same however many grid cells or neighbouring outcodes a
 * need has: it goes as a named prepared statement (see candidatesFor), and a text per
 * length of list would be hundreds of statements kept on every connection. On SQLite,
 * which has no arrays, an IN list.
 */
const anyOf = (list: readonly string[]) => sql<string>`any(${[...list]})`;
const allOf = (list: readonly string[]) => sql<string>`all(${[...list]})`;

/** A search's pick: who, in order, at most CANDIDATE_LIMIT; run by candidatesFor. */
export type Pick = ReturnType<typeof eligible>;

/**
 * For help by phone: the least recently asked, anywhere. Never-asked volunteers hold
 * 0 (not null) in last_asked_at, so this walks an index in order on both dialects.
 */
export function pickAnywhere(db: Executor, need: Need): Pick {
  return eligible(db, need).orderBy('candidates.last_asked_at').limit(CANDIDATE_LIMIT);
}

/**
 * For help in person: the least recently asked in these grid cells (see cellsWithin),
 * from the index alone (a crowded city's cells hold thousands).
 */
export function pickInCells(db: Executor, need: Need, cells: readonly string[]): Pick {
  // "+ 0": read the few cells through candidates_cell and sort what they hold, rather
  // than walk the whole category in fairness order looking for these cells (which
  // SQLite's planner would otherwise choose, and which is slow wherever people are few).
  return eligible(db, need)
    .where((eb) => (isSqlite(db) ? eb('candidates.cell', 'in', [...cells]) : eb('candidates.cell', '=', anyOf(cells))))
    .orderBy(sql`candidates.last_asked_at + 0`)
    .limit(CANDIDATE_LIMIT);
}

/**
 * For help in person, by postcode: those in the need's outcode or a neighbouring one,
 * the same sector first. `unplacedOnly` keeps only volunteers the grid cannot find
 * (they gave a postcode we hold no place for).
 */
export function pickNearPostcode(db: Executor, need: Need, neighbours: readonly string[], unplacedOnly: boolean): Pick | null {
  if (!need.outcode) return null;
  const outcodes = [need.outcode, ...neighbours];
  let query = eligible(db, need).where((eb) => (isSqlite(db) ? eb('candidates.outcode', 'in', outcodes) : eb('candidates.outcode', '=', anyOf(outcodes))));
  if (unplacedOnly) query = query.where('candidates.cell', 'is', null);
  return query
    .orderBy(sql`case when candidates.sector = ${need.sector} then 0 when candidates.outcode = ${need.outcode} then 1 else 2 end`)
    .orderBy('candidates.last_asked_at')
    .limit(unplacedOnly ? UNPLACED_LIMIT : CANDIDATE_LIMIT);
}

/** The next tier out: elsewhere in the need's postcode area (a town or more), least recently asked first. */
export function pickInArea(db: Executor, need: Need, neighbours: readonly string[], unplacedOnly: boolean): Pick | null {
  if (!need.area) return null;
  let query = eligible(db, need)
    .where('candidates.area', '=', need.area)
    .where((eb) => {
      const nearer = [need.outcode ?? '', ...neighbours];
      return isSqlite(db) ? eb('candidates.outcode', 'not in', nearer) : eb('candidates.outcode', '<>', allOf(nearer));
    });
  if (unplacedOnly) query = query.where('candidates.cell', 'is', null);
  return query.orderBy('candidates.last_asked_at').limit(CANDIDATE_LIMIT);
}

/** A picked candidate as the ranking needs them: their row, and whether they can be asked about this need. */
export type Candidate = { [K in (typeof RANKED_COLUMNS)[number]]: CandidateRow[K] } & {
  /** Still answering another request, or already helping someone. */
  busy: boolean;
  /** Asked about this need already, whatever they said. */
  asked: boolean;
};

const truthy = (value: unknown) => value === true || value === 1 || value === '1';

/**
 * The candidates the picks choose, each with whether they are busy or were asked
 * about this need already: one statement, whatever the number of picks, so a search
 * costs a round trip or two. Busy is two index probes a candidate (open asks, active
 * matches); asked is the need's own few asks, read once.
 */
export async function candidatesFor(db: Executor, need: Need, picks: readonly (Pick | null)[]): Promise<Candidate[]> {
  const chosen = picks.filter((p): p is Pick => p !== null);
  if (chosen.length === 0) return [];
  // Each pick keeps its own order and limit inside a derived table (SQLite allows no
  // ORDER BY in the arms of a UNION otherwise).
  const [first, ...rest] = chosen.map((pick, i) => db.selectFrom(pick.as(`p${i}`)).selectAll(`p${i}`));
  const union = rest.reduce((all, next) => all.union(next), first!);
  const search = db
    .selectFrom(union.as('picked'))
    .selectAll('picked')
    .select((eb) => [
      eb
        .exists(
          eb.selectFrom('asks').select(sql.lit(1).as('one')).whereRef('asks.volunteer_id', '=', 'picked.member_id').where('asks.status', '=', sql.lit('open')),
        )
        .as('open_ask'),
      eb
        .exists(
          eb
            .selectFrom('matches')
            .select(sql.lit(1).as('one'))
            .whereRef('matches.volunteer_id', '=', 'picked.member_id')
            .where('matches.status', '=', sql.lit('active')),
        )
        .as('active_match'),
      eb('picked.member_id', 'in', eb.selectFrom('asks').select('asks.volunteer_id').where('asks.need_id', '=', need.id)).as('asked_before'),
    ]);
  // On PostgreSQL a named prepared statement: planning was a fifth of a search's time.
  // Its lists are arrays there (anyOf), so a search has a handful of texts, one per
  // combination of picks, each planned the same whatever the need (see named()).
  const { rows } = await db.executeQuery(named(db, search));
  // Spelt out rather than copied with a rest pattern, which made each row a slow
  // dictionary object and cost more than the ranking itself.
  return rows.map((r) => ({
    member_id: r.member_id,
    category: r.category,
    available: r.available,
    verified: r.verified,
    latitude: r.latitude,
    longitude: r.longitude,
    cell: r.cell,
    sector: r.sector,
    outcode: r.outcode,
    area: r.area,
    travel_km: r.travel_km,
    availability: r.availability,
    lang: r.lang,
    last_asked_at: r.last_asked_at,
    sandbox: r.sandbox,
    busy: truthy(r.open_ask) || truthy(r.active_match),
    asked: truthy(r.asked_before),
  }));
}

/** The categories a member is available to help with now. */
export async function availableCategories(db: Executor, memberId: string): Promise<string[]> {
  return (await db.selectFrom('candidates').select('category').where('member_id', '=', memberId).where('available', '=', 1).execute()).map((c) => c.category);
}
