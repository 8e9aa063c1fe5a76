/**
 * Ranking the volunteers who could meet a need. Pure and table-tested: given the need
 * and what we know of each candidate, who is asked first, and why the others are not.
 *
 * Who may be asked: someone who offers the category, is not the person in need, has
 * not paused, can be reached, was not already asked about this need (or said no),
 * is not still thinking about another request, and, for help in person, is within
 * their own range (and verified, where the deployment requires it).
 *
 * Who goes first: fairness, then when they are free, then nearness. Anyone asked in the
 * last day goes behind everyone who was not, so no one is flooded; then those who said
 * they are usually free at this time of day and week; then the nearest, by whole
 * kilometres; then whoever was asked least recently; then the same language first.
 */
import type { HelpMode } from '../domain/categories.js';
import { freeAt } from './availability.js';
import { estimateKm, type LatLon, type PostcodePlace } from '../domain/geo.js';

export interface NeedToRank {
  id: string;
  requesterId: string;
  category: string;
  mode: HelpMode;
  location: LatLon | null;
  place: PostcodePlace | null;
  /** Outcodes the deployer says border the need's outcode. */
  neighbours: readonly string[];
  lang: string;
  /** The requester is a simulator member (see members.sandbox); absent means not. */
  sandbox?: boolean;
}

export interface CandidateToRank {
  memberId: string;
  category: string;
  available: boolean;
  verified: boolean;
  location: LatLon | null;
  place: PostcodePlace | null;
  /** How far they go in person; 0 is by phone only. */
  travelKm: number;
  lang: string;
  lastAskedAt: number | null;
  /** Requests they have been sent and not yet answered. */
  openAsks: number;
  /** Already asked about this need (whatever they said). */
  askedForThisNeed: boolean;
  /** When they said they are usually free ("mornings,weekends"); null when they did not say. */
  availability?: string | null;
  /** A simulator member: asked only about sandbox needs, and a real member never about them. */
  sandbox?: boolean;
}

export type Exclusion = 'requester' | 'sandbox' | 'category' | 'unavailable' | 'already_asked' | 'busy' | 'too_far' | 'not_verified';

export interface Ranked {
  memberId: string;
  /** Estimated distance in km, for help in person; null for help by phone. */
  distanceKm: number | null;
  askedRecently: boolean;
  /** Said they are usually free at this time of day and week (or did not say). */
  freeNow: boolean;
}

export interface RankOptions {
  now: number;
  requireVerifiedInPerson: boolean;
  /** Asked within this long counts as "recently" (default a day). */
  recentMs?: number;
}

export function rankCandidates(
  need: NeedToRank,
  candidates: readonly CandidateToRank[],
  options: RankOptions,
): { ranked: Ranked[]; excluded: { memberId: string; reason: Exclusion }[] } {
  const recentMs = options.recentMs ?? 24 * 60 * 60 * 1000;
  const ranked: (Ranked & { lastAskedAt: number; sameLang: boolean })[] = [];
  const excluded: { memberId: string; reason: Exclusion }[] = [];
  const exclude = (memberId: string, reason: Exclusion) => excluded.push({ memberId, reason });

  for (const c of candidates) {
    if (c.memberId === need.requesterId) exclude(c.memberId, 'requester');
    else if ((c.sandbox ?? false) !== (need.sandbox ?? false)) exclude(c.memberId, 'sandbox');
    else if (c.category !== need.category) exclude(c.memberId, 'category');
    else if (!c.available) exclude(c.memberId, 'unavailable');
    else if (c.askedForThisNeed) exclude(c.memberId, 'already_asked');
    else if (c.openAsks > 0) exclude(c.memberId, 'busy');
    else {
      let distance: number | null = null;
      if (need.mode === 'in_person') {
        distance = estimateKm(need, c, need.neighbours);
        if (distance === null || c.travelKm <= 0 || distance > c.travelKm) {
          exclude(c.memberId, 'too_far');
          continue;
        }
        if (options.requireVerifiedInPerson && !c.verified) {
          exclude(c.memberId, 'not_verified');
          continue;
        }
      }
      ranked.push({
        memberId: c.memberId,
        distanceKm: distance,
        askedRecently: c.lastAskedAt !== null && options.now - c.lastAskedAt < recentMs,
        freeNow: freeAt(c.availability ?? null, options.now),
        lastAskedAt: c.lastAskedAt ?? Number.NEGATIVE_INFINITY,
        sameLang: c.lang === need.lang,
      });
    }
  }

  ranked.sort(
    (a, b) =>
      Number(a.askedRecently) - Number(b.askedRecently) ||
      // Then those usually free at this time of day and week (what they told us).
      Number(b.freeNow) - Number(a.freeNow) ||
      // Whole kilometres: people a few streets apart compete on fairness, not metres.
      Math.ceil(a.distanceKm ?? 0) - Math.ceil(b.distanceKm ?? 0) ||
      a.lastAskedAt - b.lastAskedAt ||
      Number(b.sameLang) - Number(a.sameLang) ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  return { ranked: ranked.map(({ memberId, distanceKm, askedRecently, freeNow }) => ({ memberId, distanceKm, askedRecently, freeNow })), excluded };
}
