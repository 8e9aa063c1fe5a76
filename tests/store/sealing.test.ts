/**
 * Encryption at rest: with DATA_ENCRYPTION_KEY, nothing personal is readable in the
 * database, everything still works, and a database that began without a key carries on.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/store/database.js';
import { createSealer, parseKey } from '../../src/store/sealing.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';

const KEY = randomBytes(32).toString('hex');

describe('the sealer', () => {
  const sealer = createSealer(Buffer.from(KEY, 'hex'));

  it('seals and opens, with a fresh IV each time', () => {
    const a = sealer.seal('Marjorie, 4 Elm Road');
    const b = sealer.seal('Marjorie, 4 Elm Road');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.')).toBe(true);
    expect(sealer.open(a)).toBe('Marjorie, 4 Elm Road');
    expect(sealer.open('plain, from before a key')).toBe('plain, from before a key');
    expect(sealer.seal('')).toBe('');
  });

  it('refuses a value that was tampered with', () => {
    const sealed = sealer.seal('hello');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => sealer.open(`v1.${raw.toString('base64')}`)).toThrow();
  });

  it('hashes addresses with its own key', () => {
    expect(sealer.hash('+447700900123')).toBe(sealer.hash('+447700900123'));
    expect(createSealer(randomBytes(32)).hash('+447700900123')).not.toBe(sealer.hash('+447700900123'));
  });

  it('reads keys as hex or base64, and refuses others', () => {
    expect(parseKey(KEY)?.length).toBe(32);
    expect(parseKey(randomBytes(32).toString('base64'))?.length).toBe(32);
    expect(parseKey('too short')).toBeNull();
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'too short' })).toThrow(/DATA_ENCRYPTION_KEY: must be 32 bytes/);
  });
});

describe.each(DIALECTS)('with DATA_ENCRYPTION_KEY, on $label', ({ dialect, available }) => {
  let app: TestApp;
  let db: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  const ANN = '+447700916001';
  beforeAll(async () => {
    if (!available) return;
    db = await createDatabaseUrl(dialect);
    app = await startTestApp({ twilio: true, databaseUrl: db.url, env: { DATA_ENCRYPTION_KEY: KEY, MATCH_WAVE_DELAY_SECONDS: '600' } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.skipIf(!available)('works as before, and the raw database holds no number, name or words', async () => {
    const script = ['hello', 'yes', 'Marjorie', 'SA1 1AA', 'someone to read the paper to me', 'I bake lemon drizzle', 'yes'];
    for (const [i, text] of script.entries()) {
      await app.sms(ANN, text);
      await waitFor(() => app.twilio!.bodiesTo(ANN).length > i, `reply ${i + 1}`);
    }
    expect(app.twilio!.bodiesTo(ANN)[2]).toMatch(/^Thanks, Marjorie\./);
    expect(app.twilio!.bodiesTo(ANN)[6]).toMatch(/^Thank you, Marjorie!/);
    // One person, one identity: found again by the keyed hash every time.
    expect(await app.valued.store.db.selectFrom('identities').select('id').where('channel', '=', 'sms').execute()).toHaveLength(1);

    const raw = openDatabase(db!.url); // no key: what anyone with the file sees
    try {
      for (const table of ['members', 'identities', 'inbound_messages', 'outbound_messages', 'needs', 'offers', 'conversations', 'alerts', 'outbox'] as const) {
        const dump = JSON.stringify(await raw.db.selectFrom(table).selectAll().execute());
        expect(dump, table).not.toContain('447700916001');
        expect(dump, table).not.toContain('Marjorie');
        expect(dump, table).not.toContain('lemon drizzle');
        expect(dump, table).not.toContain('read the paper');
      }
    } finally {
      await raw.close();
    }
  }, 60_000);
});

describe('a database that began without a key', () => {
  it('carries on when a key is set: the same person is still themselves', async () => {
    const { url, drop } = await createDatabaseUrl('sqlite');
    const from = '+447700916002';
    try {
      const before = await startTestApp({ twilio: true, databaseUrl: url });
      await before.sms(from, 'hello');
      await waitFor(() => before.twilio!.bodiesTo(from).length === 1, 'a reply without a key');
      await before.close();
      const after = await startTestApp({ twilio: true, databaseUrl: url, env: { DATA_ENCRYPTION_KEY: KEY } });
      try {
        await after.sms(from, 'yes');
        await waitFor(() => after.twilio!.bodiesTo(from).length === 1, 'a reply with a key');
        expect(after.twilio!.bodiesTo(from)[0]).toBe('Thank you. What is your first name? Or reply SKIP.');
        expect(await after.valued.store.db.selectFrom('identities').select('id').execute()).toHaveLength(1);
      } finally {
        await after.close();
      }
    } finally {
      await drop();
    }
  }, 60_000);
});
