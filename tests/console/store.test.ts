/**
 * The console's store, once per dialect: accounts and one-time links, sessions, the
 * order alerts are worked in and the one that resolves itself, the filtered lists,
 * the weekly figures, and finding people, plainly stored and sealed at rest.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert, getAlert, listOpenAlerts, resolveAlert, resolveNeedAlerts } from '../../src/store/alerts.repository.js';
import { getNeedDetail, givingMeasure, listGifts, listNeeds } from '../../src/store/console.repository.js';
import { readSession, sharedSetting, writeSession } from '../../src/store/console-sessions.repository.js';
import {
  addCoordinator,
  createSignInToken,
  hasCoordinators,
  LINK_LIFETIME_MS,
  peekSignInToken,
  removeCoordinator,
  useSignInToken,
} from '../../src/store/coordinators.repository.js';
import { migrateToLatest, openDatabase, transact, type Store } from '../../src/store/database.js';
import { exportGifts, exportMatches, exportNeeds, numbersOf } from '../../src/store/exports.repository.js';
import { eraseMember, findOrCreateIdentity, insertAlert, replaceItems, updateMember } from '../../src/store/members.repository.js';
import { getPerson, isConsoleMember, peopleByIds, searchPeople } from '../../src/store/people.repository.js';
import { WEEK_MS, weeklyFigures } from '../../src/store/reports.repository.js';
import { createSealer, keyId } from '../../src/store/sealing.js';
import { catchUpSearchIndex, membersByName, membersByTail } from '../../src/store/search-index.repository.js';
import type { Item } from '../../src/domain/categories.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';

const HOUR = 3600_000;

describe.each(DIALECTS)('console store on $label', ({ dialect, available }) => {
  let store: Store;
  let sealed: Store;
  let sealedUrl = '';
  let eveId = '';
  const drops: (() => Promise<void>)[] = [];
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 12));
  const ids = sequentialIds(`c${dialect}`);
  const key = randomBytes(32);
  const hash = (value: string) => createSealer(key).hash(value);

  beforeAll(async () => {
    if (!available) return;
    for (const encryptionKey of [undefined, key]) {
      const made = await createDatabaseUrl(dialect);
      const opened = openDatabase(made.url, { encryptionKey });
      await migrateToLatest(opened.db);
      drops.push(async () => {
        await opened.close();
        await made.drop();
      });
      if (encryptionKey) {
        sealed = opened;
        sealedUrl = made.url;
      } else store = opened;
    }
  });
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  /** A member who signed up: a number, a name and a postcode (on SMS, or in the simulator's sandbox). */
  async function member(on: Store, name: string | null, phone: string, postcode: string | null = null, channel: 'sms' | 'simulator' = 'sms') {
    const identity = await transact(on, (trx) => findOrCreateIdentity(trx, channel, phone, clock.now(), ids));
    const outcode = postcode?.split(' ')[0] ?? null;
    await updateMember(on.db, identity.member_id, { first_name: name, postcode, outcode, sector: postcode ? postcode.slice(0, -2) : null }, clock.now());
    return { memberId: identity.member_id, identityId: identity.id };
  }

  async function items(on: Store, memberId: string, list: 'needs' | 'offers', wanted: Item[], outcode: string | null = null) {
    const { added } = await transact(on, (trx) => replaceItems(trx, memberId, list, wanted, clock.now(), ids));
    if (list === 'needs' && outcode) await on.db.updateTable('needs').set({ outcode }).where('id', 'in', added).execute();
    return added;
  }

  async function match(on: Store, needId: string, requesterId: string, volunteerId: string, at: number, outcome: string | null = null) {
    const id = ids.next();
    await on.db
      .insertInto('matches')
      .values({
        id,
        need_id: needId,
        requester_id: requesterId,
        volunteer_id: volunteerId,
        status: outcome === 'helped' ? 'done' : 'active',
        requester_shared: 0,
        volunteer_shared: 0,
        outcome,
        created_at: at,
        closed_at: outcome === 'helped' ? at + HOUR : null,
      })
      .execute();
    return id;
  }

  describe.skipIf(!available)('', () => {
    it('signs in with a link once, within a day, for an account that still exists', async () => {
      expect(await hasCoordinators(store.db)).toBe(false);
      await addCoordinator(store.db, { id: 'coord-1', name: 'Sian Evans', phone: '+447700900999', now: clock.now() });
      expect(await hasCoordinators(store.db)).toBe(true);
      const token = await createSignInToken(store.db, 'coord-1', clock.now());
      const stored = await store.db.selectFrom('console_links').select('token_hash').execute();
      expect(stored.map((r) => r.token_hash)).not.toContain(token);
      expect((await peekSignInToken(store.db, token, clock.now()))?.name).toBe('Sian Evans');
      expect((await peekSignInToken(store.db, token, clock.now()))?.name).toBe('Sian Evans'); // looking does not use it
      expect((await useSignInToken(store.db, token, clock.now()))?.id).toBe('coord-1');
      expect(await useSignInToken(store.db, token, clock.now())).toBeUndefined();
      const late = await createSignInToken(store.db, 'coord-1', clock.now());
      expect(await useSignInToken(store.db, late, clock.now() + LINK_LIFETIME_MS)).toBeUndefined();
      const unused = await createSignInToken(store.db, 'coord-1', clock.now());
      await writeSession(store.db, 'session-of-sian', { coordinatorId: 'coord-1', data: '{}', expiresAt: clock.now() + HOUR });
      await removeCoordinator(store.db, 'coord-1', clock.now());
      expect(await useSignInToken(store.db, unused, clock.now())).toBeUndefined();
      expect(await readSession(store.db, 'session-of-sian', clock.now())).toBeUndefined();
      expect(await hasCoordinators(store.db)).toBe(false);
    });

    it('keeps sessions by a hash of their id, until they expire', async () => {
      await writeSession(store.db, 'abc', { coordinatorId: null, data: '{"a":1}', expiresAt: clock.now() + HOUR });
      await writeSession(store.db, 'abc', { coordinatorId: 'x', data: '{"a":2}', expiresAt: clock.now() + HOUR });
      expect(await readSession(store.db, 'abc', clock.now())).toBe('{"a":2}');
      expect(await store.db.selectFrom('console_sessions').select('id_hash').where('id_hash', '=', 'abc').execute()).toEqual([]);
      expect(await readSession(store.db, 'abc', clock.now() + HOUR)).toBeUndefined();
      expect(await readSession(store.db, 'abc', clock.now())).toBeUndefined(); // and it is gone
      const first = await sharedSetting(store.db, 'k', () => 'one');
      expect(await sharedSetting(store.db, 'k', () => 'two')).toBe(first);
    });

    it('seals session data, coordinator names and notes at rest', async () => {
      await addCoordinator(sealed.db, { id: 'coord-s', name: 'Sian Evans', phone: '+447700900999', now: clock.now() });
      await writeSession(sealed.db, 'sealed-session', { coordinatorId: 'coord-s', data: '{"coordinatorId":"coord-s"}', expiresAt: clock.now() + HOUR });
      await writeSession(sealed.db, 'sealed-session', { coordinatorId: 'coord-s', data: '{"updated":true}', expiresAt: clock.now() + HOUR });
      expect(await readSession(sealed.db, 'sealed-session', clock.now())).toBe('{"updated":true}');
      const raw = openDatabase(sealedUrl); // no key: what is on disk
      try {
        const [session] = await raw.db.selectFrom('console_sessions').select('data').execute();
        const [coordinator] = await raw.db.selectFrom('coordinators').select(['name', 'phone']).execute();
        // Sealed as everything else is: v2.<key id>.<...> (see sealing.ts).
        const sealedForm = new RegExp(`^v2\\.${keyId(key)}\\.`);
        expect(session!.data).toMatch(sealedForm);
        expect(coordinator!.name).toMatch(sealedForm);
        expect(coordinator!.phone).toMatch(sealedForm);
      } finally {
        await raw.close();
      }
    });

    it('orders open alerts: danger, problems, asking for a person, then needs no one took', async () => {
      const ann = await member(store, 'Ann', '+447700910001', 'SA1 1AA');
      const [needA, needB] = await items(store, ann.memberId, 'needs', [{ category: 'shopping' }, { category: 'chat' }]);
      const add = (id: string, kind: string, detail: string, hoursAgo: number) =>
        insertAlert(store.db, { id, memberId: ann.memberId, kind, detail, now: clock.now() - hoursAgo * HOUR });
      await add('al-unmatched-a', 'unmatched', `need ${needA}: no one said yes in 3 waves`, 9);
      await add('al-unmatched-b', 'unmatched', `need ${needB}: no one nearby offers this now`, 8);
      await add('al-requested', 'requested', 'asked to talk to a person from the menu', 7);
      await add('al-problem', 'problem', 'problem reported with match nope', 2);
      await add('al-crisis', 'crisis', 'I have fallen', 1);
      const open = await listOpenAlerts(store.db);
      expect(open.map((a) => a.id)).toEqual(['al-crisis', 'al-problem', 'al-requested', 'al-unmatched-a', 'al-unmatched-b']);
      expect(open.find((a) => a.id === 'al-unmatched-a')).toMatchObject({ need_id: needA, first_name: 'Ann', outcode: 'SA1' });

      expect(await acknowledgeAlert(store.db, 'al-crisis', 'coord-1', clock.now())).toBe(true);
      expect(await acknowledgeAlert(store.db, 'al-crisis', 'coord-2', clock.now())).toBe(false);
      expect(await resolveAlert(store.db, 'al-crisis', 'coord-1', 'Called her; a neighbour is with her.', clock.now())).toBe(true);
      expect(await resolveAlert(store.db, 'al-crisis', 'coord-1', 'again', clock.now())).toBe(false);

      await resolveNeedAlerts(store.db, needA!, clock.now());
      const after = await store.db
        .selectFrom('alerts')
        .select(['id', 'resolved_at', 'note'])
        .where('id', 'in', ['al-unmatched-a', 'al-unmatched-b', 'al-crisis'])
        .orderBy('id')
        .execute();
      expect(after).toEqual([
        { id: 'al-crisis', resolved_at: clock.now(), note: 'Called her; a neighbour is with her.' },
        { id: 'al-unmatched-a', resolved_at: clock.now(), note: 'Resolved by itself: someone said yes to this need.' },
        { id: 'al-unmatched-b', resolved_at: null, note: null },
      ]);
    });

    it('resolves the alert about a need even when alert details are sealed', async () => {
      const bea = await member(sealed, 'Bea', '+447700910002', 'SA2 9XY');
      const [need] = await items(sealed, bea.memberId, 'needs', [{ category: 'dogs' }]);
      await insertAlert(sealed.db, {
        id: 'sealed-alert',
        memberId: bea.memberId,
        kind: 'unmatched',
        detail: `need ${need}: no one nearby offers this now`,
        now: clock.now(),
      });
      const raw = await sealed.db.selectFrom('alerts').select('detail').where('id', '=', 'sealed-alert').executeTakeFirstOrThrow();
      expect(raw.detail).toContain('no one nearby'); // opened on read
      await resolveNeedAlerts(sealed.db, need!, clock.now());
      expect((await sealed.db.selectFrom('alerts').select('resolved_at').where('id', '=', 'sealed-alert').executeTakeFirstOrThrow()).resolved_at).toBe(
        clock.now(),
      );
    });

    it('lists needs and gifts by state, area, kind and age; gifts with how often they were matched and thanked', async () => {
      const cai = await member(store, 'Cai', '+447700910003', 'S1 2AB');
      const dee = await member(store, 'Dee', '+447700910004', 'SA10 6XY');
      const eve = await member(store, 'Eve', '+447700910005', 'SA1 5ZZ');
      const [caiNeed] = await items(store, cai.memberId, 'needs', [{ category: 'lifts', words: 'a lift to clinic' }], 'S1');
      clock.advance(-3 * 24 * HOUR);
      const [deeNeed] = await items(store, dee.memberId, 'needs', [{ category: 'lifts' }], 'SA10');
      clock.advance(3 * 24 * HOUR);
      eveId = eve.memberId;
      await items(store, eve.memberId, 'offers', [{ category: 'lifts', words: 'I drive most days' }]);
      await items(store, cai.memberId, 'offers', [{ category: 'recipes' }]);
      await match(store, deeNeed!, dee.memberId, eve.memberId, clock.now(), 'helped');
      await match(store, caiNeed!, cai.memberId, eve.memberId, clock.now());

      const ids = async (filters: Parameters<typeof listNeeds>[1]) =>
        (await listNeeds(store.db, { ...filters, category: 'lifts' })).rows.map((r) => r.first_name);
      expect(await ids({})).toEqual(['Cai', 'Dee']);
      expect(await ids({ area: 'SA' })).toEqual(['Dee']); // SA10, not S1
      expect(await ids({ area: 's' })).toEqual(['Cai']); // S1, not SA10
      expect(await ids({ area: 'SA10' })).toEqual(['Dee']);
      expect(await ids({ olderThan: clock.now() - 24 * HOUR })).toEqual(['Dee']);
      expect(await ids({ state: 'met' })).toEqual([]);
      const paged = await listNeeds(store.db, { category: 'lifts', page: 2 });
      expect(paged).toEqual({ rows: [], total: 2 });

      const gifts = await listGifts(store.db, { category: 'lifts' });
      expect(gifts.rows).toEqual([expect.objectContaining({ first_name: 'Eve', words: 'I drive most days', outcode: 'SA1', matched: 2, thanked: 1 })]);
      expect((await listGifts(store.db, { area: 'S' })).rows.map((g) => g.first_name)).toEqual(['Cai']);
    });

    it('measures how many who asked for help also gave', async () => {
      const measure = await givingMeasure(store.db);
      // Askers: Ann, Cai, Dee. Cai offered recipes; none of them has helped anyone.
      expect(measure).toEqual({ asked: 3, offered: 1, helped: 0 });
    });

    it('counts the weekly figures', async () => {
      const start = Date.UTC(2030, 0, 7); // a Monday, after everything above
      const at = (week: number, hours: number) => start + week * WEEK_MS + hours * HOUR;
      clock.time = at(0, 10);
      const fay = await member(store, 'Fay', '+447700910006', 'SA3 1AA');
      const gil = await member(store, 'Gil', '+447700910007', 'SA3 1AB');
      const [n1, n2] = await items(store, fay.memberId, 'needs', [{ category: 'shopping' }, { category: 'meals' }]);
      await match(store, n1!, fay.memberId, gil.memberId, at(0, 12), 'helped'); // Gil's first gift; met within the week
      clock.time = at(1, 1);
      const [n3] = await items(store, fay.memberId, 'needs', [{ category: 'dogs' }]);
      await match(store, n2!, fay.memberId, gil.memberId, at(1, 2)); // raised the week before
      await match(store, n3!, fay.memberId, eveId, at(1, 3)); // Eve has given before
      await insertAlert(store.db, { id: 'problem-week-1', memberId: fay.memberId, kind: 'problem', detail: 'problem reported with match x', now: at(1, 5) });
      const weeks = await weeklyFigures(store.db, start, 3);
      expect(weeks.map((w) => [w.start, w.needsRaised, w.needsMet, w.giftsGiven, w.firstTimeGivers, w.problems])).toEqual([
        [start, 2, 1, 1, 1, 0],
        [start + WEEK_MS, 1, 0, 2, 0, 1],
        [start + 2 * WEEK_MS, 0, 0, 0, 0, 0],
      ]);
      expect(weeks.map((w) => w.medianMinutesToMatch)).toEqual([120, ((at(1, 2) - at(0, 10)) / 60_000 + 120) / 2, null]);
    });

    it('finds people by first name, postcode or number, plainly stored', async () => {
      const found = async (query: Parameters<typeof searchPeople>[1]) => (await searchPeople(store.db, query)).map((p) => p.first_name).sort();
      expect(await found({ kind: 'name', name: 'ANN' })).toEqual(['Ann']);
      expect(await found({ kind: 'postcode', postcode: 'SA1 5ZZ' })).toEqual(['Eve']);
      expect(await found({ kind: 'outcode', outcode: 'SA3' })).toEqual(['Fay', 'Gil']);
      expect(await found({ kind: 'tail', digits: '0004' })).toEqual(['Dee']);
      expect(await found({ kind: 'number', addresses: ['07700910005', '+447700910005'] })).toEqual(['Eve']);
      const numbers = await numbersOf(store.db, [(await searchPeople(store.db, { kind: 'name', name: 'eve' }))[0]!.id]);
      expect([...numbers.values()]).toEqual(['+447700910005']);
    });

    it('finds people whose names and numbers are sealed, through keyed hashes, and forgets the erased', async () => {
      const hal = await member(sealed, 'Hal', '+447700915678', 'SA4 1AA');
      await member(sealed, 'hal', '+447700925678', 'SA4 1AB');
      const raw = await sealed.db.selectFrom('console_search').select('name_key').execute();
      expect(raw).toEqual([]); // nothing indexed until asked
      expect(await catchUpSearchIndex(sealed.db, hash, clock.now())).toBeGreaterThanOrEqual(2);
      expect(await membersByName(sealed.db, hash, ' HAL ', 50)).toHaveLength(2);
      expect((await peopleByIds(sealed.db, await membersByTail(sealed.db, hash, '5678', 50))).map((p) => p.postcode).sort()).toEqual(['SA4 1AA', 'SA4 1AB']);
      const keys = await sealed.db.selectFrom('console_search').select('name_key').execute();
      expect(JSON.stringify(keys)).not.toMatch(/hal/i);
      // A plain SQL search finds nothing in sealed columns: that is why the index exists.
      expect(await searchPeople(sealed.db, { kind: 'name', name: 'hal' })).toEqual([]);

      clock.advance(1000);
      const other = (await sealed.db.selectFrom('members').select(['id', 'first_name']).execute()).find((m) => m.first_name === 'hal')!;
      await updateMember(sealed.db, hal.memberId, { first_name: 'Harold' }, clock.now());
      await transact(sealed, (trx) => eraseMember(trx, other.id, clock.now()));
      await catchUpSearchIndex(sealed.db, hash, clock.now());
      expect(await membersByName(sealed.db, hash, 'hal', 50)).toEqual([]);
      expect(await membersByName(sealed.db, hash, 'harold', 50)).toEqual([hal.memberId]);
      expect(await membersByTail(sealed.db, hash, '5678', 50)).toEqual([hal.memberId]);
    });

    it('builds the index again when DATA_ENCRYPTION_KEY is rotated', async () => {
      clock.advance(HOUR);
      const ivy = await member(sealed, 'Ivy', '+447700918765', 'SA5 1AA');
      const members = Number(
        (
          await sealed.db
            .selectFrom('members')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      // The first catch-up that names its key builds the whole index with it.
      expect(await catchUpSearchIndex(sealed.db, hash, clock.now(), keyId(key))).toBe(members);
      expect(await membersByName(sealed.db, hash, 'ivy', 50)).toEqual([ivy.memberId]);
      // The same key again: only the last few minutes are read again.
      expect(await catchUpSearchIndex(sealed.db, hash, clock.now(), keyId(key))).toBeLessThan(members);
      // A new key (the old one kept for reading): every member is read again and hashed with it.
      const next = randomBytes(32);
      const nextHash = (value: string) => createSealer(next, [key]).hash(value);
      expect(await catchUpSearchIndex(sealed.db, nextHash, clock.now(), keyId(next))).toBe(members);
      expect(await membersByName(sealed.db, nextHash, 'ivy', 50)).toEqual([ivy.memberId]);
      expect(await membersByTail(sealed.db, nextHash, '8765', 50)).toEqual([ivy.memberId]);
      expect(await membersByName(sealed.db, hash, 'ivy', 50)).toEqual([]); // nothing is left under the old key
      expect(await catchUpSearchIndex(sealed.db, nextHash, clock.now(), keyId(next))).toBeLessThan(members);
    });

    it('reads a whole table for export, a batch at a time', async () => {
      let rows = 0;
      for await (const batch of exportNeeds(store.db)) rows += batch.length;
      expect(rows).toBe(
        Number(
          (
            await store.db
              .selectFrom('needs')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    });

    it("leaves the simulator's sandbox out of every list, search, figure and export", async () => {
      const collect = async <T>(batches: AsyncGenerator<T[]>) => {
        const all: T[] = [];
        for await (const batch of batches) all.push(...batch);
        return all;
      };
      const start = Date.UTC(2030, 0, 7);
      const seen = async (on: Store) => ({
        needs: await listNeeds(on.db, {}),
        open: await listNeeds(on.db, { state: 'open' }),
        gifts: await listGifts(on.db, {}),
        measure: await givingMeasure(on.db),
        alerts: await listOpenAlerts(on.db),
        weeks: await weeklyFigures(on.db, start, 3),
        exported: [await collect(exportNeeds(on.db)), await collect(exportGifts(on.db)), await collect(exportMatches(on.db))],
      });
      const before = await seen(store);
      // Two visitors in the simulator: one needs a lift and is matched with the other, who
      // offers lifts; a problem alert about the match, and one that no one was found.
      clock.time = start + WEEK_MS + 10 * HOUR;
      const vic = await member(store, 'Vic', 'sim-visitor-v', 'SA1 9ZZ', 'simulator');
      const wyn = await member(store, 'Wyn', 'sim-visitor-w', 'SA1 9ZY', 'simulator');
      const [need] = await items(store, vic.memberId, 'needs', [{ category: 'lifts', words: 'a lift, please' }], 'SA1');
      await items(store, wyn.memberId, 'offers', [{ category: 'lifts', words: 'I drive' }]);
      await match(store, need!, vic.memberId, wyn.memberId, clock.now(), 'helped');
      await insertAlert(store.db, {
        id: 'sandbox-problem',
        memberId: vic.memberId,
        kind: 'problem',
        detail: 'problem reported with match x',
        now: clock.now(),
      });
      await insertAlert(store.db, {
        id: 'sandbox-unmatched',
        memberId: wyn.memberId,
        kind: 'unmatched',
        detail: `need ${need}: no one nearby offers this now`,
        now: clock.now(),
      });
      expect(await store.db.selectFrom('members').select('sandbox').where('id', 'in', [vic.memberId, wyn.memberId]).execute()).toEqual([
        { sandbox: 1 },
        { sandbox: 1 },
      ]);

      expect(await seen(store)).toEqual(before);
      expect(await searchPeople(store.db, { kind: 'name', name: 'vic' })).toEqual([]);
      expect(await searchPeople(store.db, { kind: 'outcode', outcode: 'SA1' })).not.toContainEqual(expect.objectContaining({ first_name: 'Wyn' }));
      expect(await peopleByIds(store.db, [vic.memberId, wyn.memberId])).toEqual([]);
      expect(await getPerson(store.db, vic.memberId)).toBeUndefined();
      expect(await isConsoleMember(store.db, vic.memberId)).toBe(false);
      expect(await isConsoleMember(store.db, eveId)).toBe(true);
      expect(await getNeedDetail(store.db, need!)).toBeUndefined();
      expect(await getAlert(store.db, 'sandbox-problem')).toBeUndefined();

      // Sealed, through the keyed-hash index: not indexed at all.
      const sealedVic = await member(sealed, 'Vic', 'sim-visitor-v', 'SA1 9ZZ', 'simulator');
      await catchUpSearchIndex(sealed.db, hash, clock.now());
      expect(await membersByName(sealed.db, hash, 'vic', 50)).toEqual([]);
      expect(await sealed.db.selectFrom('console_search').select('member_id').where('member_id', '=', sealedVic.memberId).execute()).toEqual([]);
    });
  });
});
