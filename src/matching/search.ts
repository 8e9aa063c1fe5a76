/**
 * The candidate search: who could meet a need, ranked (see rank.ts for the order).
 * Built to stay quick with three quarters of a million volunteers (npm run bench,
 * "matching at scale"): every query is one indexed read of at most CANDIDATE_LIMIT
 * rows, whatever the size of the country or the density of the city.
 *
 * Help by phone takes the least recently asked, anywhere. Help in person searches
 * outwards in rings: the grid cells within 2 km of the need, then 4, 8 and 16. A ring
 * is enough when it gives a wave's worth of people not asked in the last day, or when
 * it is full (as many as one read takes): everyone beyond it would rank behind them,
 * because nearness comes straight after fairness. In a city the first ring is
 * usually enough; in the country the search widens to the farthest anyone travels.
 * Volunteers with no coordinates (a postcode we hold no place for) are found by
 * postcode alongside: their outcode and its neighbours, and the rest of the postcode
 * area only when everything nearer is not enough. Needs without coordinates are
 * searched the same way by postcode alone.
 */
import type { Executor } from '../store/database.js';
import { CANDIDATE_LIMIT, loadAnywhere, loadInArea, loadInCells, loadNearPostcode, neighboursOf, unavailableFor } from '../store/candidates.repository.js';
import type { CandidateRow, Need } from '../store/schema.js';
import { cellsWithin, MAX_TRAVEL_KM } from './geo.js';
import { rankCandidates, type Ranked, type RankOptions } from './rank.js';

/** The radii the in-person search tries, nearest first; the last is the farthest anyone goes. */
export const SEARCH_RINGS_KM = [2, 4, 8, MAX_TRAVEL_KM] as const;

export interface SearchOptions extends RankOptions {
  /** How many people one wave asks: a ring with this many fresh candidates is enough. */
  enough: number;
  /** The requester's language, preferred among equals. */
  lang: string;
}

export interface SearchResult {
  ranked: Ranked[];
  /** Rows read, and how far the search went: for logs and the benchmark. */
  read: number;
  reach: 'phone' | 'postcode' | 'area' | `${number} km`;
}

/**
 * The ranked candidates for `need`. Those already asked about it, still answering
 * another request, or already helping someone are ranked out (found for the rows
 * read, a few hundred at most); the wave checks each pick again under a lock before
 * asking.
 */
export async function findCandidates(db: Executor, need: Need, options: SearchOptions): Promise<SearchResult> {
  const neighbours = need.mode === 'remote' ? [] : await neighboursOf(db, need.outcode);
  const asked = new Set<string>();
  const busy = new Set<string>();
  const checked = new Set<string>();
  const rank = async (rows: readonly CandidateRow[]) => {
    const unchecked = [...new Set(rows.map((r) => r.member_id))].filter((id) => !checked.has(id));
    if (unchecked.length > 0 || checked.size === 0) {
      const found = await unavailableFor(db, need.id, unchecked);
      for (const id of found.asked) asked.add(id);
      for (const id of found.busy) busy.add(id);
      for (const id of unchecked) checked.add(id);
    }
    return rankCandidates(
      {
        id: need.id,
        requesterId: need.member_id,
        category: need.category,
        mode: need.mode === 'remote' ? 'remote' : 'in_person',
        location: need.latitude !== null && need.longitude !== null ? { latitude: need.latitude, longitude: need.longitude } : null,
        place: { postcode: null, sector: need.sector, outcode: need.outcode, area: need.area },
        neighbours,
        lang: options.lang,
      },
      rows.map((r) => ({
        memberId: r.member_id,
        category: r.category,
        available: r.available === 1,
        verified: r.verified === 1,
        location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
        place: { postcode: null, sector: r.sector, outcode: r.outcode, area: r.area },
        travelKm: r.travel_km ?? 0,
        lang: r.lang,
        lastAskedAt: r.last_asked_at ? r.last_asked_at : null,
        openAsks: busy.has(r.member_id) ? 1 : 0,
        askedForThisNeed: asked.has(r.member_id),
      })),
      options,
    ).ranked;
  };
  const enough = (ranked: readonly Ranked[], lastRead: number) => lastRead >= CANDIDATE_LIMIT || ranked.filter((r) => !r.askedRecently).length >= options.enough;

  if (need.mode === 'remote') {
    const rows = await loadAnywhere(db, need);
    return { ranked: await rank(rows), read: rows.length, reach: 'phone' };
  }

  // Without coordinates: the need's outcode and its neighbours, then its whole area.
  if (need.latitude === null || need.longitude === null) {
    const near = await loadNearPostcode(db, need, neighbours, false);
    const ranked = await rank(near);
    if (enough(ranked, near.length)) return { ranked, read: near.length, reach: 'postcode' };
    const far = await loadInArea(db, need, neighbours, false);
    return { ranked: await rank([...near, ...far]), read: near.length + far.length, reach: 'area' };
  }

  // With coordinates: rings of grid cells, and volunteers without coordinates by postcode.
  const at = { latitude: need.latitude, longitude: need.longitude };
  const unplaced = await loadNearPostcode(db, need, neighbours, true);
  let read = unplaced.length;
  let rows: CandidateRow[] = [];
  for (const km of SEARCH_RINGS_KM) {
    const near = await loadInCells(db, need, cellsWithin(at, km));
    read += near.length;
    rows = [...near, ...unplaced];
    const ranked = await rank(rows);
    if (enough(ranked, near.length)) return { ranked, read, reach: `${km} km` };
  }
  // Still short at the farthest ring: those without coordinates elsewhere in the area.
  const far = await loadInArea(db, need, neighbours, true);
  return { ranked: await rank([...rows, ...far]), read: read + far.length, reach: 'area' };
}
