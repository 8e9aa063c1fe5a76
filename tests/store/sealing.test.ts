/**
 * Encryption at rest: with DATA_ENCRYPTION_KEY, nothing personal is readable in the
 * database, everything still works, and a database that began without a key carries on.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { migrateToLatest, openDatabase } from '../../src/store/database.js';
import { parseKey } from '../../src/platform/secrets.js';
import { createSealer, keyId, SealError } from '../../src/store/sealing.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';

const KEY = randomBytes(32).toString('hex');

/** A value in the first sealed form (v1., no key id), made as that version made it. */
function sealV1(key: Buffer, text: string): string {
  const sealKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'valued seal v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

describe('the sealer', () => {
  const key = Buffer.from(KEY, 'hex');
  const sealer = createSealer(key);

  it('seals and opens, with a fresh IV each time, marked with its key id', () => {
    const a = sealer.seal('Marjorie, 4 Elm Road');
    const b = sealer.seal('Marjorie, 4 Elm Road');
    expect(a).not.toBe(b);
    expect(a.startsWith(`v2.${keyId(key)}.`)).toBe(true);
    expect(keyId(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(sealer.open(a)).toBe('Marjorie, 4 Elm Road');
    expect(sealer.open('plain, from before a key')).toBe('plain, from before a key');
    expect(sealer.seal('')).toBe('');
  });

  it.each([' v1.emergency', 'v1.emergency', 'v1.AAAA', 'v2.emergency', `v2.${'0'.repeat(8)}.AAAA`, `v2.${keyId(Buffer.from(KEY, 'hex'))}.hello`])(
    'a plain text that looks sealed (%j) is sealed like any other and reads back as itself',
    (text) => {
      const stored = sealer.seal(text);
      expect(stored).not.toBe(text);
      expect(sealer.open(stored)).toBe(text);
    },
  );

  it.each(['v1.emergency', 'v1.AAAAAAAA', 'v1.', 'v2.hello', 'v2.0123abcd', 'v2.0123abcd.'])(
    'a plain text stored before a key, %j, reads as itself',
    (text) => {
      expect(sealer.open(text)).toBe(text);
    },
  );

  it('still reads values in the first form (v1.)', () => {
    expect(sealer.open(sealV1(key, 'Rita, 12 Rose St'))).toBe('Rita, 12 Rose St');
  });

  it('refuses a value that was tampered with, or sealed with a key it does not have', () => {
    const sealed = sealer.seal('hello');
    const [, id, body] = sealed.split('.');
    const raw = Buffer.from(body!, 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => sealer.open(`v2.${id}.${raw.toString('base64')}`)).toThrow(SealError);
    expect(() => createSealer(randomBytes(32)).open(sealed)).toThrow(/sealed with key [0-9a-f]{8}, which is not configured/);
  });

  it('rotates keys: a new key seals, an old one listed is still read and its hashes still found', () => {
    const old = randomBytes(32);
    const before = createSealer(old);
    const after = createSealer(randomBytes(32), [old]);
    const sealedBefore = before.seal('Marjorie');
    expect(after.open(sealedBefore)).toBe('Marjorie');
    expect(after.open(sealV1(old, 'Marjorie'))).toBe('Marjorie');
    expect(after.seal('Marjorie').split('.')[1]).not.toBe(sealedBefore.split('.')[1]);
    expect(after.hashes('+447700900123')).toEqual([after.hash('+447700900123'), before.hash('+447700900123')]);
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
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: KEY, DATA_ENCRYPTION_OLD_KEYS: `${randomBytes(32).toString('hex')},nope` })).toThrow(
      /DATA_ENCRYPTION_OLD_KEYS: must be keys of 32 bytes/,
    );
    expect(
      loadConfig({ DATA_ENCRYPTION_KEY: KEY, DATA_ENCRYPTION_OLD_KEYS: `${randomBytes(32).toString('hex')}, ${randomBytes(32).toString('base64')}` })
        .oldEncryptionKeys,
    ).toHaveLength(2);
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

  it.skipIf(!available)(
    'works as before, and the raw database holds no number, name or words',
    async () => {
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
        for (const table of [
          'members',
          'identities',
          'inbound_messages',
          'outbound_messages',
          'needs',
          'offers',
          'conversations',
          'alerts',
          'outbox',
        ] as const) {
          const dump = JSON.stringify(await raw.db.selectFrom(table).selectAll().execute());
          expect(dump, table).not.toContain('447700916001');
          expect(dump, table).not.toContain('Marjorie');
          expect(dump, table).not.toContain('lemon drizzle');
          expect(dump, table).not.toContain('read the paper');
        }
      } finally {
        await raw.close();
      }
    },
    60_000,
  );
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

describe('words that look sealed, with a key set', () => {
  const ADMIN = 'admin-token-for-tests-0123456789';
  it('a stranger\'s " v1.emergency", "v1.hello" or "v2.0123abcd.AAAA" is kept and read like any words: the admin API answers, their next message is answered', async () => {
    const { url, drop } = await createDatabaseUrl('sqlite');
    const from = '+447700916003';
    // A row from before the key, whose words began "v1." (the old sealer stored those as they were).
    const before = openDatabase(url);
    await migrateToLatest(before.db);
    await before.db
      .insertInto('alerts')
      .values({ id: '00000000000000000000000001', member_id: null, kind: 'crisis', detail: 'v1.emergency', created_at: 1, resolved_at: null })
      .execute();
    await before.close();
    const app = await startTestApp({ twilio: true, databaseUrl: url, env: { DATA_ENCRYPTION_KEY: KEY, ADMIN_TOKEN: ADMIN } });
    try {
      const admin = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      for (const [i, text] of [' v1.emergency', 'v1.hello', 'v2.0123abcd.AAAA', 'hello'].entries()) {
        expect((await app.sms(from, text)).status).toBe(200);
        await waitFor(() => app.twilio!.bodiesTo(from).length > i, `an answer to ${JSON.stringify(text)}`);
      }
      const alerts = await admin('/admin/alerts');
      expect(alerts.status).toBe(200);
      expect(JSON.stringify(await alerts.json())).toContain('"detail":"v1.emergency"');
      const members = (await (await admin('/admin/members')).json()) as { items: { id: string }[] };
      for (const m of members.items) expect((await admin(`/admin/members/${m.id}`)).status).toBe(200);
      const words = (await app.valued.store.db.selectFrom('inbound_messages').select('body').orderBy('seq').execute()).map((r) => r.body);
      expect(words).toEqual([' v1.emergency', 'v1.hello', 'v2.0123abcd.AAAA', 'hello']);
    } finally {
      await app.close();
      await drop();
    }
  }, 60_000);
});
