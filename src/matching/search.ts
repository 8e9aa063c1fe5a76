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
import { isSandboxMember } from '../store/members.repository.js';
import {
  CANDIDATE_LIMIT,
  candidatesFor,
  neighboursOf,
  pickAnywhere,
  pickInArea,
  pickInCells,
  pickNearPostcode,
  type Candidate,
} from '../store/candidates.repository.js';
import type { Need } from '../store/schema.js';
import { cellsWithin, MAX_TRAVEL_KM } from '../domain/geo.js';
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
  /** Candidate rows read, and how far the search went: for logs and the benchmark. */
  read: number;
  reach: 'phone' | 'postcode' | 'area' | `${number} km`;
}

/**
 * The ranked candidates for `need`. Those already asked about it, still answering
 * another request, or already helping someone are ranked out (found with the rows of
 * those picked, a hundred or two at most); the wave checks each pick again under a
 * lock before asking. Each step outwards is one statement, the requester's pool
 * (sandbox or real) read inside it; help in person reads the outcodes next to the
 * need's first.
 */
export async function findCandidates(db: Executor, need: Need, options: SearchOptions): Promise<SearchResult> {
  const neighbours = need.mode === 'remote' ? [] : await neighboursOf(db, need.outcode);
  let read = 0;
  const fetch = async (picks: Parameters<typeof candidatesFor>[2]) => {
    const rows = await candidatesFor(db, need, picks);
    read += rows.length;
    return rows;
  };
  // A need whose requester is gone has no pool to search: asked only when a read finds
  // no one (a found candidate shows the requester is there).
  let requesterFound = false;
  const requesterGone = async (rows: readonly Candidate[]) => {
    if (rows.length > 0) requesterFound = true;
    else if (!requesterFound) requesterFound = (await isSandboxMember(db, need.member_id)) !== undefined;
    return !requesterFound;
  };
  const gone: SearchResult = { ranked: [], read: 0, reach: 'phone' };
  const rank = (rows: readonly Candidate[]) =>
    rankCandidates(
      {
        id: need.id,
        requesterId: need.member_id,
        category: need.category,
        mode: need.mode === 'remote' ? 'remote' : 'in_person',
        location: need.latitude !== null && need.longitude !== null ? { latitude: need.latitude, longitude: need.longitude } : null,
        place: { postcode: null, sector: need.sector, outcode: need.outcode, area: need.area },
        neighbours,
        lang: options.lang,
        // Every row read is in the requester's pool.
        sandbox: rows[0]?.sandbox === 1,
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
        openAsks: r.busy ? 1 : 0,
        askedForThisNeed: r.asked,
        availability: r.availability,
        sandbox: r.sandbox === 1,
      })),
      options,
    ).ranked;
  /** Enough: a wave's worth not asked lately, or a full read (everyone further would rank behind). */
  const enough = (ranked: readonly Ranked[], picked: number) => picked >= CANDIDATE_LIMIT || ranked.filter((r) => !r.askedRecently).length >= options.enough;

  if (need.mode === 'remote') {
    const rows = await fetch([pickAnywhere(db, need)]);
    return (await requesterGone(rows)) ? gone : { ranked: rank(rows), read, reach: 'phone' };
  }

  // Without coordinates: the need's outcode and its neighbours, then its whole area.
  if (need.latitude === null || need.longitude === null) {
    const near = pickNearPostcode(db, need, neighbours, false);
    const rows = await fetch([near]);
    if (await requesterGone(rows)) return gone;
    const ranked = rank(rows);
    if (enough(ranked, rows.length)) return { ranked, read, reach: 'postcode' };
    return { ranked: rank(await fetch([near, pickInArea(db, need, neighbours, false)])), read, reach: 'area' };
  }

  // With coordinates: rings of grid cells, and volunteers without coordinates by postcode.
  const at = { latitude: need.latitude, longitude: need.longitude };
  const unplaced = pickNearPostcode(db, need, neighbours, true);
  for (const km of SEARCH_RINGS_KM.slice(0, -1)) {
    const rows = await fetch([pickInCells(db, need, cellsWithin(at, km)), unplaced]);
    if (await requesterGone(rows)) return gone;
    const ranked = rank(rows);
    if (enough(ranked, rows.filter((r) => r.cell !== null).length)) return { ranked, read, reach: `${km} km` };
  }
  // The farthest ring; if that is still not enough, those without coordinates
  // elsewhere in the area as well.
  const farthest = pickInCells(db, need, cellsWithin(at, MAX_TRAVEL_KM));
  const rows = await fetch([farthest, unplaced]);
  const ranked = rank(rows);
  if (enough(ranked, rows.filter((r) => r.cell !== null).length)) return { ranked, read, reach: `${MAX_TRAVEL_KM} km` };
  return { ranked: rank(await fetch([farthest, unplaced, pickInArea(db, need, neighbours, true)])), read, reach: 'area' };
}
