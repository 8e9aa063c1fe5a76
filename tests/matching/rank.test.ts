import { describe, expect, it } from 'vitest';
import { areaOf, cellOf, cellsWithin, distanceKm, estimateKm, TIER_KM } from '../../src/domain/geo.js';
import { rankCandidates, type CandidateToRank, type NeedToRank } from '../../src/matching/rank.js';

const HOUR = 3600_000;
const NOW = Date.UTC(2026, 10, 26, 12);

// Swansea: SA1 1AA near the centre; points a known distance away.
const CENTRE = { latitude: 51.6214, longitude: -3.9436 };
const KM_EAST = (km: number) => ({ latitude: CENTRE.latitude, longitude: CENTRE.longitude + km / (111.32 * Math.cos((CENTRE.latitude * Math.PI) / 180)) });
const place = (postcode: string | null, sector: string | null, outcode: string | null) => ({ postcode, sector, outcode, area: areaOf(outcode) });

const shopping: NeedToRank = {
  id: 'need-1',
  requesterId: 'ann',
  category: 'shopping',
  mode: 'in_person',
  location: CENTRE,
  place: place('SA1 1AA', 'SA1 1', 'SA1'),
  neighbours: ['SA2'],
  lang: 'en',
};
const chat: NeedToRank = { ...shopping, id: 'need-2', category: 'chat', mode: 'remote' };

const volunteer = (memberId: string, over: Partial<CandidateToRank> = {}): CandidateToRank => ({
  memberId,
  category: 'shopping',
  available: true,
  verified: false,
  location: KM_EAST(1),
  place: place('SA1 2BB', 'SA1 2', 'SA1'),
  travelKm: 5,
  lang: 'en',
  lastAskedAt: null,
  openAsks: 0,
  askedForThisNeed: false,
  ...over,
});

const options = { now: NOW, requireVerifiedInPerson: false };
const order = (need: NeedToRank, candidates: CandidateToRank[], o = options) => rankCandidates(need, candidates, o).ranked.map((r) => r.memberId);
const why = (need: NeedToRank, candidate: CandidateToRank, o = options) => rankCandidates(need, [candidate], o).excluded[0]?.reason ?? 'asked';

describe('who may be asked', () => {
  it.each([
    ['the person in need themselves', volunteer('ann'), 'requester'],
    ['someone offering something else', volunteer('v', { category: 'dogs' }), 'category'],
    ['someone who paused or cannot be reached', volunteer('v', { available: false }), 'unavailable'],
    ['someone already asked about this need', volunteer('v', { askedForThisNeed: true }), 'already_asked'],
    ['someone still thinking about another request', volunteer('v', { openAsks: 1 }), 'busy'],
    ['someone 6 km away who goes 5 km', volunteer('v', { location: KM_EAST(6) }), 'too_far'],
    ['someone who helps by phone only, for help in person', volunteer('v', { travelKm: 0 }), 'too_far'],
    ['someone 4.9 km away who goes 5 km', volunteer('v', { location: KM_EAST(4.9) }), 'asked'],
    ['no coordinates, same sector, goes 1.6 km', volunteer('v', { location: null, place: place('SA1 1ZZ', 'SA1 1', 'SA1'), travelKm: 1.6 }), 'asked'],
    ['no coordinates, same outcode, goes 1.6 km', volunteer('v', { location: null, place: place('SA1 9ZZ', 'SA1 9', 'SA1'), travelKm: 1.6 }), 'too_far'],
    ['no coordinates, same outcode, goes 4.8 km', volunteer('v', { location: null, place: place('SA1 9ZZ', 'SA1 9', 'SA1'), travelKm: 4.8 }), 'asked'],
    ['no coordinates, neighbouring outcode, goes 8 km', volunteer('v', { location: null, place: place(null, null, 'SA2'), travelKm: 8 }), 'asked'],
    ['no coordinates, same area only, goes 8 km', volunteer('v', { location: null, place: place(null, null, 'SA9') }), 'too_far'],
    ['no coordinates, same area, goes 16 km', volunteer('v', { location: null, place: place(null, null, 'SA9'), travelKm: 16 }), 'asked'],
    ['nothing known of where they are', volunteer('v', { location: null, place: null }), 'too_far'],
  ])('%s: %s', (_name, candidate, expected) => {
    expect(why(shopping, candidate)).toBe(expected);
  });

  it('requires verification for help in person only where the deployment asks for it', () => {
    const strict = { ...options, requireVerifiedInPerson: true };
    expect(why(shopping, volunteer('v'), strict)).toBe('not_verified');
    expect(why(shopping, volunteer('v', { verified: true }), strict)).toBe('asked');
    expect(why(chat, volunteer('v', { category: 'chat' }), strict)).toBe('asked');
  });

  it("keeps the simulator's sandbox apart, both ways", () => {
    expect(why(shopping, volunteer('v', { sandbox: true }))).toBe('sandbox');
    expect(why({ ...shopping, sandbox: true }, volunteer('v'))).toBe('sandbox');
    expect(why({ ...shopping, sandbox: true }, volunteer('v', { sandbox: true }))).toBe('asked');
  });

  it('help by phone ignores distance entirely', () => {
    const far = volunteer('far', { category: 'chat', location: { latitude: 57.1, longitude: -2.1 }, place: place('AB10 1AA', 'AB10 1', 'AB10'), travelKm: 0 });
    expect(order(chat, [far])).toEqual(['far']);
  });
});

describe('who goes first', () => {
  it('the nearest, by whole kilometres', () => {
    expect(
      order(shopping, [
        volunteer('three', { location: KM_EAST(2.5) }),
        volunteer('one', { location: KM_EAST(0.4) }),
        volunteer('two', { location: KM_EAST(1.5) }),
      ]),
    ).toEqual(['one', 'two', 'three']);
  });

  it('within a kilometre band, whoever was asked least recently', () => {
    const a = volunteer('asked-3-days-ago', { location: KM_EAST(0.2), lastAskedAt: NOW - 72 * HOUR });
    const b = volunteer('never-asked', { location: KM_EAST(0.6) });
    const c = volunteer('asked-2-days-ago', { location: KM_EAST(0.9), lastAskedAt: NOW - 48 * HOUR });
    expect(order(shopping, [a, b, c])).toEqual(['never-asked', 'asked-3-days-ago', 'asked-2-days-ago']);
  });

  it('anyone asked in the last day goes behind everyone else, however near', () => {
    const near = volunteer('near-but-asked-an-hour-ago', { location: KM_EAST(0.1), lastAskedAt: NOW - HOUR });
    const farther = volunteer('farther', { location: KM_EAST(4) });
    expect(order(shopping, [near, farther])).toEqual(['farther', 'near-but-asked-an-hour-ago']);
  });

  it('for help by phone, the least recently asked first', () => {
    const cs = ['c', 'a', 'b'].map((id, i) => volunteer(id, { category: 'chat', lastAskedAt: NOW - (i + 2) * 24 * HOUR }));
    expect(order(chat, cs)).toEqual(['b', 'a', 'c']);
  });

  it('the same language before others, all else equal', () => {
    expect(order(chat, [volunteer('cy', { category: 'chat', lang: 'cy' }), volunteer('en', { category: 'chat' })])).toEqual(['en', 'cy']);
  });

  it('is stable for equal candidates', () => {
    expect(order(chat, [volunteer('b', { category: 'chat' }), volunteer('a', { category: 'chat' })])).toEqual(['a', 'b']);
  });
});

describe('geography', () => {
  it('measures distance', () => {
    expect(distanceKm(CENTRE, KM_EAST(5))).toBeCloseTo(5, 1);
    expect(distanceKm({ latitude: 51.5074, longitude: -0.1278 }, { latitude: 53.4808, longitude: -2.2426 })).toBeCloseTo(262, -1);
  });

  it('the cells searched cover everyone within range', () => {
    for (const km of [1, 5, 16]) {
      const cells = new Set(cellsWithin(CENTRE, km));
      for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
        const d = km * 0.99;
        const p = {
          latitude: CENTRE.latitude + (d * Math.cos((bearing * Math.PI) / 180)) / 111.2,
          longitude: CENTRE.longitude + (d * Math.sin((bearing * Math.PI) / 180)) / (111.2 * Math.cos((CENTRE.latitude * Math.PI) / 180)),
        };
        expect(cells.has(cellOf(p)), `${km} km at ${bearing} degrees`).toBe(true);
      }
    }
  });

  it('estimates distance from postcodes when there are no coordinates', () => {
    const a = { location: null, place: place('SA1 1AA', 'SA1 1', 'SA1') };
    expect(estimateKm(a, { location: null, place: place('SA1 1AA', 'SA1 1', 'SA1') })).toBe(TIER_KM.postcode);
    expect(estimateKm(a, { location: null, place: place('SA1 1BB', 'SA1 1', 'SA1') })).toBe(TIER_KM.sector);
    expect(estimateKm(a, { location: null, place: place('SA1 5BB', 'SA1 5', 'SA1') })).toBe(TIER_KM.outcode);
    expect(estimateKm(a, { location: null, place: place(null, null, 'SA2') }, ['SA2'])).toBe(TIER_KM.neighbour);
    expect(estimateKm(a, { location: null, place: place(null, null, 'SA6') })).toBe(TIER_KM.area);
    expect(estimateKm(a, { location: null, place: place(null, null, 'CF10') })).toBeNull();
    expect(areaOf('SW1A')).toBe('SW');
    expect(areaOf('M1')).toBe('M');
  });
});
