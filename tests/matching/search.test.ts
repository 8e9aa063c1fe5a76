/**
 * The candidate search (src/matching/search.ts) on both dialects: rings outwards for
 * help in person, postcode tiers for people without coordinates, the least recently
 * asked for help by phone, and the busy left out. Its speed at national scale is
 * measured by `npm run bench`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryId } from '../../src/domain/categories.js';
import { findCandidates, SEARCH_RINGS_KM } from '../../src/matching/search.js';
import { CANDIDATE_LIMIT, placeNeeds, refreshCandidates } from '../../src/store/candidates.repository.js';
import { transact } from '../../src/store/database.js';
import { findOrCreateIdentity, replaceItems, updateMember } from '../../src/store/members.repository.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

/** About 1 km north of a point at these latitudes. */
const KM_NORTH = 1 / 111.2;
const HOME = { latitude: 51.62, longitude: -3.94 }; // Swansea

describe.each(DIALECTS)('candidate search on $label', ({ dialect, available }) => {
  let t: TestDb;
  const clock = new FakeClock();
  const ids = sequentialIds(`${dialect}-search`);
  let n = 0;
  beforeAll(async () => {
    if (available) t = await createTestDb(dialect);
  });
  afterAll(async () => {
    await t?.drop();
  });

  interface Person {
    kmNorth?: number | null;
    outcode?: string;
    sector?: string;
    travelKm?: number;
    offers?: CategoryId[];
    needs?: CategoryId[];
    lastAskedAt?: number | null;
    /** 'simulator' (the default here) makes a sandbox member, 'sms' a real one. */
    channel?: 'simulator' | 'sms';
  }
  async function person(p: Person) {
    const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, p.channel ?? 'simulator', `search-${dialect}-${n++}`, clock.now(), ids));
    const placed = p.kmNorth !== null && p.kmNorth !== undefined;
    const outcode = p.outcode ?? 'SA1';
    await updateMember(
      t.store.db,
      identity.member_id,
      {
        first_name: 'Sam',
        outcode,
        sector: p.sector ?? `${outcode} 1`,
        latitude: placed ? HOME.latitude + p.kmNorth! * KM_NORTH : null,
        longitude: placed ? HOME.longitude : null,
        travel_km: p.travelKm ?? 1.6,
        last_asked_at: p.lastAskedAt ?? null,
      },
      clock.now(),
    );
    if (p.offers) {
      await replaceItems(
        t.store.db,
        identity.member_id,
        'offers',
        p.offers.map((category) => ({ category })),
        clock.now(),
        ids,
      );
      await refreshCandidates(t.store.db, identity.member_id);
    }
    let needId = '';
    if (p.needs) {
      needId = (
        await replaceItems(
          t.store.db,
          identity.member_id,
          'needs',
          p.needs.map((category) => ({ category })),
          clock.now(),
          ids,
        )
      ).added[0]!;
      await placeNeeds(t.store.db, identity.member_id, [needId]);
    }
    return { memberId: identity.member_id, needId };
  }
  const search = async (needId: string, enough = 3) => {
    const need = await t.store.db.selectFrom('needs').selectAll().where('id', '=', needId).executeTakeFirstOrThrow();
    return findCandidates(t.store.db, need, { now: clock.now(), requireVerifiedInPerson: false, enough, lang: 'en' });
  };
  const ids_ = (r: { ranked: { memberId: string }[] }) => r.ranked.map((x) => x.memberId);

  describe.skipIf(!available)('', () => {
    it.each([
      // Categories no other case here uses.
      ['by phone', { offers: ['phonehelp'] as CategoryId[] }, { needs: ['phonehelp'] as CategoryId[] }],
      ['in person, by grid cell', { kmNorth: 40.2, offers: ['shopping'] as CategoryId[] }, { kmNorth: 40, needs: ['shopping'] as CategoryId[] }],
      [
        'in person, by postcode',
        { kmNorth: null, outcode: 'LL55', offers: ['shopping'] as CategoryId[] },
        { kmNorth: null, outcode: 'LL55', needs: ['shopping'] as CategoryId[] },
      ],
    ])('keeps the sandbox and real members apart %s, both ways', async (_how, offering, needing) => {
      const realHelper = await person({ ...offering, channel: 'sms' });
      const simHelper = await person({ ...offering, channel: 'simulator' });
      const realNeed = await person({ ...needing, channel: 'sms' });
      const simNeed = await person({ ...needing, channel: 'simulator' });
      expect(ids_(await search(realNeed.needId))).toEqual([realHelper.memberId]);
      expect(ids_(await search(simNeed.needId))).toEqual([simHelper.memberId]);
    });

    it('searches no pool for a need whose requester is not there (the pool is read with each search)', async () => {
      await person({ kmNorth: 30.1, offers: ['visits'] });
      const { needId } = await person({ kmNorth: 30, needs: ['visits'] });
      const need = await t.store.db.selectFrom('needs').selectAll().where('id', '=', needId).executeTakeFirstOrThrow();
      const options = { now: clock.now(), requireVerifiedInPerson: false, enough: 3, lang: 'en' };
      expect((await findCandidates(t.store.db, need, options)).ranked).toHaveLength(1);
      for (const mode of ['in_person', 'remote'] as const)
        expect(await findCandidates(t.store.db, { ...need, mode, member_id: 'nobody' }, options)).toEqual({ ranked: [], read: 0, reach: 'phone' });
    });

    it('stops at the first ring that has a wave of people, nearest first', async () => {
      const near = [
        await person({ kmNorth: 0.3, offers: ['lifts'] }),
        await person({ kmNorth: 0.6, offers: ['lifts'] }),
        await person({ kmNorth: 1.2, offers: ['lifts'] }),
      ];
      const far = await person({ kmNorth: 12, travelKm: 16, offers: ['lifts'] });
      const { needId } = await person({ kmNorth: 0, needs: ['lifts'] });
      const found = await search(needId);
      expect(found.reach).toBe(`${SEARCH_RINGS_KM[0]} km`);
      expect(ids_(found)).toEqual(near.map((p) => p.memberId));
      expect(ids_(found)).not.toContain(far.memberId);
    });

    it('widens ring by ring where people are few, out to the farthest anyone goes', async () => {
      const far = await person({ kmNorth: -12, outcode: 'SA9', travelKm: 16, offers: ['jobs'] });
      const tooFar = await person({ kmNorth: -12.5, outcode: 'SA9', travelKm: 8, offers: ['jobs'] });
      const { needId } = await person({ kmNorth: 0, needs: ['jobs'] });
      const found = await search(needId);
      expect(found.reach).toBe('area'); // still short after the last ring: the area was looked at too
      expect(ids_(found)).toEqual([far.memberId]);
      expect(ids_(found)).not.toContain(tooFar.memberId);
    });

    it('leaves out the busy, the already asked and the person in need, and fills the wave from further out', async () => {
      const busy = await person({ kmNorth: 0.2, offers: ['dogs'] });
      const helping = await person({ kmNorth: 0.3, offers: ['dogs'] });
      const declined = await person({ kmNorth: 0.4, offers: ['dogs'] });
      const free = await person({ kmNorth: 3, travelKm: 8, offers: ['dogs'] });
      const requester = await person({ kmNorth: 0, offers: ['dogs'], needs: ['dogs'] });
      const other = await person({ kmNorth: 5, needs: ['dogs'] });
      const now = clock.now();
      await t.store.db
        .insertInto('asks')
        .values({
          id: ids.next(),
          need_id: other.needId,
          volunteer_id: busy.memberId,
          code: '1111',
          wave: 1,
          status: 'open',
          created_at: now,
          answered_at: null,
        })
        .execute();
      await t.store.db
        .insertInto('asks')
        .values({
          id: ids.next(),
          need_id: requester.needId,
          volunteer_id: declined.memberId,
          code: '2222',
          wave: 1,
          status: 'declined',
          created_at: now,
          answered_at: now,
        })
        .execute();
      await t.store.db
        .insertInto('matches')
        .values({
          id: ids.next(),
          need_id: other.needId,
          requester_id: other.memberId,
          volunteer_id: helping.memberId,
          status: 'active',
          requester_shared: 0,
          volunteer_shared: 0,
          outcome: null,
          created_at: now,
          closed_at: null,
        })
        .execute();
      const found = await search(requester.needId, 1);
      expect(ids_(found)).toEqual([free.memberId]);
      expect(found.reach).toBe('4 km');
    });

    it('finds volunteers without coordinates by postcode: same sector, then outcode, then a neighbour', async () => {
      await t.store.db
        .insertInto('outcode_neighbours')
        .values([
          { outcode: 'CF10', neighbour: 'CF11' },
          { outcode: 'CF11', neighbour: 'CF10' },
        ])
        .execute();
      const neighbour = await person({ kmNorth: null, outcode: 'CF11', sector: 'CF11 2', travelKm: 8, offers: ['medicines'] });
      const outcode = await person({ kmNorth: null, outcode: 'CF10', sector: 'CF10 5', travelKm: 8, offers: ['medicines'] });
      const sector = await person({ kmNorth: null, outcode: 'CF10', sector: 'CF10 1', travelKm: 8, offers: ['medicines'] });
      const elsewhere = await person({ kmNorth: null, outcode: 'NP20', sector: 'NP20 1', travelKm: 16, offers: ['medicines'] });
      const { needId } = await person({ kmNorth: null, outcode: 'CF10', sector: 'CF10 1', needs: ['medicines'] });
      const found = await search(needId);
      expect(found.reach).toBe('postcode');
      expect(ids_(found)).toEqual([sector.memberId, outcode.memberId, neighbour.memberId]);
      expect(ids_(found)).not.toContain(elsewhere.memberId);
    });

    it('looks across the postcode area only when nearer tiers are not enough', async () => {
      const town = await person({ kmNorth: null, outcode: 'LL57', travelKm: 16, offers: ['meals'] });
      const { needId } = await person({ kmNorth: null, outcode: 'LL55', needs: ['meals'] });
      const found = await search(needId);
      expect(found.reach).toBe('area');
      expect(ids_(found)).toEqual([town.memberId]);
    });

    it('for help by phone, asks the never-asked and the longest-ago first, from anywhere', async () => {
      const day = 86_400_000;
      const recently = await person({ kmNorth: 0, outcode: 'EH1', offers: ['recipes'], lastAskedAt: clock.now() - day / 2 });
      const weekAgo = await person({ kmNorth: null, outcode: 'TR1', offers: ['recipes'], lastAskedAt: clock.now() - 7 * day });
      const never = await person({ kmNorth: 300, outcode: 'AB1', offers: ['recipes'] });
      const { needId } = await person({ kmNorth: 0, needs: ['recipes'] });
      const found = await search(needId);
      expect(found.reach).toBe('phone');
      expect(ids_(found)).toEqual([never.memberId, weekAgo.memberId, recently.memberId]);
    });

    it('reads at most a limited number of rows per ring, however dense the city', async () => {
      const crowd = CANDIDATE_LIMIT + 20;
      for (let i = 0; i < crowd; i++) await person({ kmNorth: 0.1 + (i % 10) * 0.05, offers: ['tech'] });
      const { needId } = await person({ kmNorth: 0, needs: ['tech'] });
      // Help with tech is by phone; in person the crowd fills the first ring.
      await t.store.db.updateTable('needs').set({ mode: 'in_person' }).where('id', '=', needId).execute();
      const found = await search(needId, 1000);
      expect(found.reach).toBe(`${SEARCH_RINGS_KM[0]} km`);
      expect(found.read).toBeLessThanOrEqual(CANDIDATE_LIMIT);
    });
  });
});
