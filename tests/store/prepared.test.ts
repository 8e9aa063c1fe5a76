import { createHash, randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTransientDbError, openDatabase, transact, type Store } from '../../src/store/database.js';
import { saveConversation } from '../../src/store/conversations.repository.js';
import { findOrCreateIdentity, takeNextSeqAt } from '../../src/store/members.repository.js';
import { claimIfClear, insertInboundOnce, insertOutbound, outboundForSend } from '../../src/store/messages.repository.js';
import { inlineConstants, named, PREPARED_NAMES } from '../../src/store/prepared.js';
import { pickInArea, pickInCells, pickNearPostcode } from '../../src/store/candidates.repository.js';
import type { Database, Need } from '../../src/store/schema.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';
import { pendingOutbound } from '../helpers/rows.js';

const postgresAvailable = DIALECTS.find((d) => d.dialect === 'postgres')!.available;

/** An inbound message as the inbox records one. */
const inboundRow = (identityId: string) => ({
  id: `in-${Math.random().toString(36).slice(2)}`,
  channel: 'sms',
  provider_id: 'SM-x',
  identity_id: identityId,
  seq: 1,
  body: 'hello',
  input: JSON.stringify({ kind: 'text', text: 'hello' }),
  status: 'pending',
  attempts: 0,
  error: null,
  received_at: 1,
  handled_at: null,
});

describe('inlineConstants (SQLite hot queries)', () => {
  it('writes constants into the text and keeps values as parameters, in order', () => {
    const compiled = inlineConstants('select * from "t" where "a" = ? and "b" = ? and "c" in (?, ?) limit ?', [
      { value: 0 },
      { constant: 'open' },
      { constant: 'pending' },
      { value: 1 },
      { constant: 1 },
    ]);
    expect(compiled.sql).toBe(`select * from "t" where "a" = ? and "b" = 'open' and "c" in ('pending', ?) limit 1`);
    expect(compiled.slots).toEqual([{ value: 0 }, { value: 1 }]);
  });

  it('quotes a constant with a quote in it and leaves what it cannot write as a parameter', () => {
    const buffer = Buffer.from('x');
    const compiled = inlineConstants('values (?, ?, ?, ?)', [{ constant: "it's" }, { constant: null }, { constant: buffer }, { constant: 1.5 }]);
    expect(compiled.sql).toBe(`values ('it''s', NULL, ?, ?)`);
    expect(compiled.slots).toEqual([{ constant: buffer }, { constant: 1.5 }]);
  });

  it('writes a negative constant in brackets, so that a minus before it does not make a comment', () => {
    expect(inlineConstants('select -? as "x" from "t" where "a" = ?', [{ constant: -5 }, { value: 0 }]).sql).toBe('select -(-5) as "x" from "t" where "a" = ?');
  });

  it('leaves question marks inside quoted strings and names alone', () => {
    const compiled = inlineConstants(`select 'what?' as "why?", ? from "t" where "x" = 'it''s ?' and "y" = ?`, [{ constant: 'a' }, { value: 0 }]);
    expect(compiled.sql).toBe(`select 'what?' as "why?", 'a' from "t" where "x" = 'it''s ?' and "y" = ?`);
    expect(compiled.slots).toEqual([{ value: 0 }]);
  });

  it('names a PostgreSQL statement by a hash of its text, the same in every process and release', async () => {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
    try {
      const text = named(db, db.selectFrom('members').select('id').where('id', '=', 'm1')).sql;
      expect(PREPARED_NAMES.get(text)).toBe(`valued_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
    } finally {
      await db.destroy();
    }
  });

  it("on PostgreSQL, the candidate search's text is the same however many grid cells or outcodes it names (one array each)", async () => {
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
    try {
      const need = { id: 'n1', member_id: 'm1', category: 'shopping', outcode: 'LE1', sector: 'LE1 1', area: 'LE' } as Need;
      const texts = (cells: string[], neighbours: string[]) =>
        [pickInCells(db, need, cells), pickNearPostcode(db, need, neighbours, true)!, pickInArea(db, need, neighbours, true)!].map((q) => q.compile().sql);
      expect(texts(['1:1', '1:2'], ['LE2'])).toEqual(texts(['1:1', '1:2', '1:3', '2:1', '2:2'], ['LE2', 'LE3', 'LE4']));
    } finally {
      await db.destroy();
    }
  });

  it('refuses text whose placeholders do not match its parameters', () => {
    expect(() => inlineConstants('select ?', [])).toThrow(/More placeholders/);
    expect(() => inlineConstants('select 1', [{ value: 0 }])).toThrow(/Fewer placeholders/);
    expect(() => inlineConstants(`select 'open`, [])).toThrow(/Unterminated/);
  });
});

describe.skipIf(!postgresAvailable)('hot queries as named prepared statements on PostgreSQL', () => {
  let t: TestDb;
  const clock = new FakeClock();
  const ids = sequentialIds('named');
  let messageId: string;

  beforeAll(async () => {
    t = await createTestDb('postgres');
    const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900501', clock.now(), ids));
    messageId = ids.next();
    await insertOutbound(t.store.db, pendingOutbound({ id: messageId, identity_id: identity.id, channel: 'sms', address: '+447700900501' }, clock.now()));
  });
  afterAll(async () => t?.drop());

  const preparedOnConnection = (store: Store) =>
    transact(store, async (trx) => {
      // Twice on the same connection: prepared the first time, only run the second.
      expect((await outboundForSend(trx, messageId))?.id).toBe(messageId);
      expect((await outboundForSend(trx, messageId))?.id).toBe(messageId);
      return (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(trx)).rows.map((r) => r.name);
    });

  it('a query built at run time can go named too (the candidate search does), on PostgreSQL only', async () => {
    const query = (db: Store['db']) => db.selectFrom('candidates').select('member_id').where('category', '=', 'shopping').limit(3);
    const names = await transact(t.store, async (trx) => {
      await trx.executeQuery(named(trx, query(trx)));
      expect((await trx.executeQuery(named(trx, query(trx)))).rows).toEqual([]);
      return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)).rows;
    });
    expect(names.some((r) => r.name.startsWith('valued_') && r.statement.includes('"candidates"'))).toBe(true);
    const sqlite = await createTestDb('sqlite');
    try {
      const text = named(sqlite.store.db, query(sqlite.store.db)).sql;
      expect(PREPARED_NAMES.has(text)).toBe(false);
    } finally {
      await sqlite.drop();
    }
  });

  it('the writes every message makes go named too, sealed or not, and still say whether they wrote', async () => {
    for (const [round, store] of [t.store, openDatabase(t.url, { encryptionKey: randomBytes(32) })].entries()) {
      try {
        const statements = await transact(store, async (trx) => {
          const address = `+44770090061${round}`;
          const identity = await findOrCreateIdentity(trx, 'sms', address, clock.now(), ids);
          const taken = await takeNextSeqAt(trx, 'sms', address);
          expect(taken).toMatchObject({ id: identity.id, address, last_seq: 1 });
          const message = { ...inboundRow(identity.id), provider_id: `SM-named-${ids.next()}` };
          expect(await insertInboundOnce(trx, message)).toBe(true);
          expect(await insertInboundOnce(trx, { ...message, id: ids.next() })).toBe(false);
          expect(await saveConversation(trx, { identityId: identity.id, memberId: identity.member_id, state: '{}', expectedVersion: 0, now: 1 })).toBe(true);
          expect(await saveConversation(trx, { identityId: identity.id, memberId: identity.member_id, state: '{"a":1}', expectedVersion: 1, now: 2 })).toBe(
            true,
          );
          expect(await saveConversation(trx, { identityId: identity.id, memberId: identity.member_id, state: '{"a":2}', expectedVersion: 1, now: 3 })).toBe(
            false,
          );
          await insertOutbound(trx, pendingOutbound({ id: ids.next(), identity_id: identity.id, channel: 'sms', address }, clock.now()));
          return (await sql<{ statement: string }>`select statement from pg_prepared_statements where starts_with(name, 'valued_')`.execute(trx)).rows.map(
            (r) => r.statement,
          );
        });
        for (const write of ['update "identities"', 'insert into "inbound_messages"', 'update "conversations"', 'insert into "outbound_messages"']) {
          expect(statements.some((s) => s.startsWith(write))).toBe(true);
        }
      } finally {
        if (store !== t.store) await store.close();
      }
    }
  });

  it('are prepared once per connection, and read the same rows', async () => {
    expect((await preparedOnConnection(t.store)).some((name) => name.startsWith('valued_'))).toBe(true);
  });

  it('are not prepared when told not to (behind a pooler that cannot keep them)', async () => {
    const plain = openDatabase(t.url, { preparedStatements: false });
    try {
      expect(await preparedOnConnection(plain)).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('when PostgreSQL refuses one (a column changed under it, or a pooler), the query is tried again unprepared and the process stops preparing', async () => {
    const warnings: string[] = [];
    const store = openDatabase(t.url, { onError: (error) => warnings.push(error.message) });
    try {
      // One connection at a time, so the same one each time (the pool hands back the last idle one).
      expect((await outboundForSend(store.db, messageId))?.id).toBe(messageId);
      await sql`alter table outbound_messages alter column error type varchar(2000)`.execute(t.store.db);
      const refused = await outboundForSend(store.db, messageId).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: '0A000' });
      expect(isTransientDbError(refused)).toBe(true);
      expect(warnings).toEqual([expect.stringMatching(/refused a prepared statement .*POSTGRES_PREPARED_STATEMENTS=off/)]);
      // Tried again: unprepared now, on every connection.
      expect((await outboundForSend(store.db, messageId))?.id).toBe(messageId);
      const ids = await Promise.all(Array.from({ length: 5 }, async () => (await outboundForSend(store.db, messageId))?.id));
      expect(ids).toEqual(Array.from({ length: 5 }, () => messageId));
    } finally {
      await store.close();
      await sql`alter table outbound_messages alter column error type text`.execute(t.store.db);
    }
  });

  it('keep working when a later release adds a column during a rolling deploy', async () => {
    // Prepared on every connection of the pool first (ten at once hold ten connections).
    await Promise.all(Array.from({ length: 10 }, () => preparedOnConnection(t.store)));
    await sql`alter table outbound_messages add column from_a_later_release text`.execute(t.store.db);
    try {
      await Promise.all(Array.from({ length: 10 }, () => preparedOnConnection(t.store)));
      const claimedAt = clock.now();
      expect((await transact(t.store, (trx) => claimIfClear(trx, messageId, claimedAt)))?.status).toBe('sending');
    } finally {
      await sql`alter table outbound_messages drop column from_a_later_release`.execute(t.store.db);
    }
  });
});
