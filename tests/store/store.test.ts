/**
 * The store, once per dialect: the same migrations and queries on SQLite and
 * PostgreSQL, and the promises the rest of valued leans on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '../../src/channels/inbox.js';
import { createLogger } from '../../src/platform/log.js';
import { loadConversation, saveConversation } from '../../src/store/conversations.repository.js';
import { isTransientDbError, isUniqueViolation, migrator, transact } from '../../src/store/database.js';
import { eraseMember, findOrCreateIdentity, replaceItems, takeNextSeq, updateMember } from '../../src/store/members.repository.js';
import { applyDeliveryStatus, insertInbound, insertOutbound, markInboundHandled, nextPendingInbound } from '../../src/store/messages.repository.js';
import { addToOutbox, listOverdueOutbox, markOutboxDone } from '../../src/store/outbox.repository.js';
import { purgeOldBodies } from '../../src/store/retention.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

const log = createLogger('silent');

describe.each(DIALECTS)('store on $label', ({ dialect, available }) => {
  let t: TestDb;
  const clock = new FakeClock();
  const ids = sequentialIds(dialect);

  beforeAll(async () => {
    if (available) t = await createTestDb(dialect);
  });
  afterAll(async () => t?.drop());

  const inbound = (identityId: string, seq: number, providerId: string) => ({
    id: ids.next(),
    channel: 'sms',
    provider_id: providerId,
    identity_id: identityId,
    seq,
    body: `message ${seq}`,
    input: JSON.stringify({ kind: 'text', text: `message ${seq}` }),
    status: 'pending',
    attempts: 0,
    error: null,
    received_at: clock.now(),
    handled_at: null,
  });

  describe.skipIf(!available)('', () => {
    it('counts statements and transactions alike on both databases (the benchmark reads them)', async () => {
      const before = { ...t.store.counts };
      await transact(t.store, async (trx) => {
        await trx.selectFrom('members').select('id').limit(1).execute();
        await trx.updateTable('members').set({ updated_at: 1 }).where('id', '=', 'no-such-member').execute();
      });
      await t.store.db.updateTable('members').set({ updated_at: 1 }).where('id', '=', 'no-such-member').execute();
      await t.store.db.selectFrom('members').select('id').limit(1).execute();
      // begin, two statements, commit; a write on its own (a transaction of its own); a read.
      expect(t.store.counts.statements - before.statements).toBe(6);
      expect(t.store.counts.transactions - before.transactions).toBe(2);
    });

    it('migrates down to nothing and up again', async () => {
      const down = await migrator(t.store.db).migrateDown();
      expect(down.error).toBeUndefined();
      expect(down.results?.[0]).toMatchObject({ direction: 'Down', status: 'Success' });
      const up = await migrator(t.store.db).migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.[0]).toMatchObject({ direction: 'Up', status: 'Success' });
    });

    it('moves volunteers already stored onto the finer search grid, the never-asked as 0', async () => {
      // Made with today's schema, before going back to the old one.
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900110', clock.now(), ids));
      const before = await migrator(t.store.db).migrateTo('2026-11-26T0500_hot_path_indexes');
      expect(before.error).toBeUndefined();
      const row = {
        category: 'shopping',
        available: 1,
        verified: 0,
        sector: 'SA1 1',
        outcode: 'SA1',
        area: 'SA',
        travel_km: 1.6,
        availability: null,
        lang: 'en',
      };
      await t.store.db
        .insertInto('candidates')
        .values([
          { ...row, member_id: identity.member_id, latitude: 51.62, longitude: -3.941, cell: '516:-40', last_asked_at: null },
          { ...row, member_id: identity.member_id, category: 'chat', latitude: null, longitude: null, cell: null, last_asked_at: 1234 },
        ])
        .execute();
      const after = await migrator(t.store.db).migrateToLatest();
      expect(after.error).toBeUndefined();
      const rows = await t.store.db
        .selectFrom('candidates')
        .select(['category', 'cell', 'last_asked_at'])
        .where('member_id', '=', identity.member_id)
        .orderBy('category')
        .execute();
      expect(rows).toEqual([
        { category: 'chat', cell: null, last_asked_at: 1234 },
        { category: 'shopping', cell: '2581:-198', last_asked_at: 0 },
      ]);
    });

    it('makes an identity and its member once, and reads times back as numbers', async () => {
      const a = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900111', clock.now(), ids));
      const b = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900111', clock.now(), ids));
      expect(b).toEqual(a);
      expect(typeof a.created_at).toBe('number');
      const member = await t.store.db.selectFrom('members').selectAll().where('id', '=', a.member_id).executeTakeFirstOrThrow();
      expect(member.created_at).toBe(clock.now());
      const other = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'telegram', '+447700900111', clock.now(), ids));
      expect(other.id).not.toBe(a.id);
    });

    it('gives each message its own place in line, even when taken at the same moment', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900112', clock.now(), ids));
      const seqs = await Promise.all(Array.from({ length: 10 }, () => transact(t.store, (trx) => takeNextSeq(trx, identity.id))));
      expect(seqs.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('refuses a second message with the same provider id', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900113', clock.now(), ids));
      await insertInbound(t.store.db, inbound(identity.id, 1, 'SM-dup'));
      const error = await insertInbound(t.store.db, inbound(identity.id, 2, 'SM-dup')).catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
    });

    it('the inbox records a message delivered five times at once exactly once', async () => {
      const queued: string[] = [];
      const inbox = createInbox({ store: t.store, clock, ids, log, enqueue: (_identity, id) => Promise.resolve(void queued.push(id)) });
      const message = { channel: 'sms' as const, providerId: 'SM-storm', address: '+447700900120', body: 'hi', input: { kind: 'text' as const, text: 'hi' } };
      const results = await Promise.all(Array.from({ length: 5 }, () => inbox.accept(message)));
      expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
      expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
      const rows = await t.store.db.selectFrom('inbound_messages').select(['seq']).where('provider_id', '=', 'SM-storm').execute();
      expect(rows).toEqual([{ seq: 1 }]);
    });

    it('hands out pending messages in arrival order and each is handled once', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900114', clock.now(), ids));
      await insertInbound(t.store.db, inbound(identity.id, 2, 'SM-b'));
      await insertInbound(t.store.db, inbound(identity.id, 1, 'SM-a'));
      const first = await nextPendingInbound(t.store.db, identity.id);
      expect(first?.provider_id).toBe('SM-a');
      expect(await markInboundHandled(t.store.db, first!.id, clock.now())).toBe(true);
      expect(await markInboundHandled(t.store.db, first!.id, clock.now())).toBe(false);
      expect((await nextPendingInbound(t.store.db, identity.id))?.provider_id).toBe('SM-b');
    });

    it('saves a conversation only over the version it read', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900115', clock.now(), ids));
      const base = { identityId: identity.id, memberId: identity.member_id, now: clock.now() };
      expect(await saveConversation(t.store.db, { ...base, state: '{"a":1}', expectedVersion: 0 })).toBe(true);
      expect(await saveConversation(t.store.db, { ...base, state: '{"a":2}', expectedVersion: 0 })).toBe(false);
      expect(await saveConversation(t.store.db, { ...base, state: '{"a":3}', expectedVersion: 1 })).toBe(true);
      expect(await saveConversation(t.store.db, { ...base, state: '{"a":4}', expectedVersion: 1 })).toBe(false);
      expect(await loadConversation(t.store.db, identity.id)).toEqual({ state: '{"a":3}', version: 2 });
    });

    it('rolls a failed transaction back completely', async () => {
      const before = await t.store.db.selectFrom('members').select('id').execute();
      await expect(
        transact(t.store, async (trx) => {
          await findOrCreateIdentity(trx, 'sms', '+447700900116', clock.now(), ids);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await t.store.db.selectFrom('members').select('id').execute()).toEqual(before);
    });

    it('replaces needs: unchanged ones kept, dropped ones cancelled, new ones added', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900117', clock.now(), ids));
      const member = identity.member_id;
      await replaceItems(t.store.db, member, 'needs', [{ category: 'shopping' }, { category: 'chat' }], clock.now(), ids);
      const shopping = await t.store.db
        .selectFrom('needs')
        .select('id')
        .where('member_id', '=', member)
        .where('category', '=', 'shopping')
        .executeTakeFirstOrThrow();
      await replaceItems(t.store.db, member, 'needs', [{ category: 'shopping' }, { category: 'dogs' }], clock.now(), ids);
      const rows = await t.store.db.selectFrom('needs').select(['id', 'category', 'status']).where('member_id', '=', member).orderBy('category').execute();
      expect(rows.map((r) => [r.category, r.status])).toEqual([
        ['chat', 'cancelled'],
        ['dogs', 'open'],
        ['shopping', 'open'],
      ]);
      expect(rows.find((r) => r.category === 'shopping')!.id).toBe(shopping.id);
    });

    it('moves delivery status forward only', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900118', clock.now(), ids));
      await insertOutbound(t.store.db, {
        id: ids.next(),
        identity_id: identity.id,
        channel: 'sms',
        address: identity.address,
        purpose: 'normal',
        body: 'hi',
        reply: null,
        status: 'sent',
        delivery_status: null,
        provider_id: 'SM-status',
        attempts: 1,
        error: null,
        inbound_id: null,
        created_at: clock.now(),
        sent_at: clock.now(),
        updated_at: clock.now(),
      });
      const report = (s: string) => applyDeliveryStatus(t.store.db, 'sms', 'SM-status', s, null, clock.now());
      expect(await report('sent')).toBeTruthy();
      expect(await report('delivered')).toBeTruthy();
      expect(await report('queued')).toBeUndefined();
      expect(await report('sent')).toBeUndefined();
      expect(await report('made-up')).toBeUndefined();
      const row = await t.store.db.selectFrom('outbound_messages').select('delivery_status').where('provider_id', '=', 'SM-status').executeTakeFirstOrThrow();
      expect(row.delivery_status).toBe('delivered');
    });

    it('lists outbox work that is overdue and not done', async () => {
      const row = { queue: 'timers', job_name: 'followup', data: '{}', created_at: clock.now(), done_at: null };
      await addToOutbox(t.store.db, { ...row, id: ids.next(), job_id: 'job-due', run_at: clock.now() - 60_000 });
      await addToOutbox(t.store.db, { ...row, id: ids.next(), job_id: 'job-later', run_at: clock.now() + 60_000 });
      await addToOutbox(t.store.db, { ...row, id: ids.next(), job_id: 'job-other-queue', queue: 'matching', run_at: clock.now() - 60_000 });
      // A send job's row from an earlier release: its message is its record now.
      await addToOutbox(t.store.db, { ...row, id: ids.next(), job_id: 'send-old', queue: 'timers', job_name: 'send', run_at: clock.now() - 60_000 });
      expect((await listOverdueOutbox(t.store.db, clock.now(), 10, ['timers'])).map((r) => r.job_id)).toEqual(['job-due']);
      await markOutboxDone(t.store.db, 'job-due', clock.now());
      expect(await listOverdueOutbox(t.store.db, clock.now(), 10, ['timers'])).toEqual([]);
    });

    it('purges message bodies older than the retention period, and never ones still waiting', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900121', clock.now(), ids));
      const day = 24 * 60 * 60 * 1000;
      const old = { ...inbound(identity.id, 1, 'SM-old'), body: 'an old secret', received_at: clock.now() - 200 * day, status: 'handled' };
      const waiting = { ...inbound(identity.id, 2, 'SM-waiting'), body: 'old but waiting', received_at: clock.now() - 200 * day };
      const recent = { ...inbound(identity.id, 3, 'SM-recent'), body: 'a recent word', status: 'handled' };
      for (const row of [old, waiting, recent]) await insertInbound(t.store.db, row);
      const outboundRow = (id: string, body: string, created_at: number, status: string) => ({
        id,
        identity_id: identity.id,
        channel: 'sms',
        address: identity.address,
        purpose: 'normal',
        body,
        reply: '{}',
        status,
        delivery_status: null,
        provider_id: null,
        attempts: 1,
        error: null,
        inbound_id: null,
        created_at,
        sent_at: null,
        updated_at: created_at,
      });
      await insertOutbound(t.store.db, outboundRow(ids.next(), 'an old reply', clock.now() - 200 * day, 'sent'));
      await insertOutbound(t.store.db, outboundRow(ids.next(), 'an old reply still to go', clock.now() - 200 * day, 'pending'));
      expect(await purgeOldBodies(t.store.db, clock.now(), 180)).toEqual({ inbound: 1, outbound: 1 });
      const bodies = (await t.store.db.selectFrom('inbound_messages').select('body').where('identity_id', '=', identity.id).orderBy('seq').execute()).map(
        (r) => r.body,
      );
      expect(bodies).toEqual([null, 'old but waiting', 'a recent word']);
      const replies = (await t.store.db.selectFrom('outbound_messages').select('body').where('identity_id', '=', identity.id).orderBy('id').execute()).map(
        (r) => r.body,
      );
      expect(replies).toEqual(['', 'an old reply still to go']);
      expect(await purgeOldBodies(t.store.db, clock.now(), 180)).toEqual({ inbound: 0, outbound: 0 });
    });

    it('erases a member: no name, place, needs, offers, words or number left', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900119', clock.now(), ids));
      await updateMember(t.store.db, identity.member_id, { first_name: 'Marjorie', postcode: 'SA1 1AA', outcode: 'SA1' }, clock.now());
      await replaceItems(t.store.db, identity.member_id, 'offers', [{ category: 'other', words: 'my secret lemon drizzle' }], clock.now(), ids);
      await insertInbound(t.store.db, { ...inbound(identity.id, 1, 'SM-erase'), body: 'my secret lemon drizzle' });
      await transact(t.store, (trx) => eraseMember(trx, identity.member_id, clock.now()));
      for (const table of ['members', 'identities', 'inbound_messages', 'outbound_messages', 'needs', 'offers', 'conversations', 'alerts'] as const) {
        const rows = await t.store.db.selectFrom(table).selectAll().execute();
        const text = JSON.stringify(rows);
        expect(text, table).not.toContain('Marjorie');
        expect(text, table).not.toContain('+447700900119');
        expect(text, table).not.toContain('lemon drizzle');
      }
    });
  });
});

describe("isTransientDbError: the database busy or away is not the message's fault", () => {
  it.each([
    [{ code: 'SQLITE_BUSY' }, true],
    [{ code: 'SQLITE_BUSY_SNAPSHOT' }, true],
    [{ code: 'SQLITE_LOCKED' }, true],
    [{ code: '40001' }, true],
    [{ code: '40P01' }, true],
    [{ code: '08006' }, true],
    [{ code: '57P01' }, true],
    [{ code: '53300' }, true],
    [{ code: 'ECONNRESET' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [{ code: '23505' }, false],
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE' }, false],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), false],
    [null, false],
  ])('%j: %s', (error, transient) => {
    expect(isTransientDbError(error)).toBe(transient);
  });
});
