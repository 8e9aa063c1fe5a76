/**
 * With DATA_ENCRYPTION_KEY set, names and numbers are sealed at rest and SQL cannot
 * compare them: the People search still finds someone by their whole first name or the
 * last 4 digits of their number (through keyed hashes), and says that is how it works;
 * and goes on finding them after the key is rotated (the old one kept for reading).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../../src/store/database.js';
import { findOrCreateIdentity, updateMember } from '../../src/store/members.repository.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { sequentialIds } from '../helpers/clock.js';
import { addAccount, signIn } from '../helpers/console.js';

describe('People search with names and numbers sealed at rest', () => {
  let app: TestApp;
  let cookie: string;
  let annId: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex') } });
    const ids = sequentialIds('sealed');
    const identity = await transact(app.valued.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700904321', Date.now(), ids));
    await updateMember(app.valued.store.db, identity.member_id, { first_name: 'Angharad', postcode: 'SA1 1AA', outcode: 'SA1' }, Date.now());
    annId = identity.member_id;
    cookie = await signIn(app.url, (await addAccount(app.valued.store.db, 'Sian Evans')).token);
  });
  afterAll(async () => app?.close());

  const search = async (q: string) => (await fetch(`${app.url}/console/people?q=${encodeURIComponent(q)}`, { headers: { cookie } })).text();

  it.each(['angharad', 'ANGHARAD', '4321', 'SA1'])('finds her by %s', async (q) => {
    const html = await search(q);
    expect(html).toContain(`href="/console/people/${annId}"`);
    expect(html).toContain('Names and numbers are sealed at rest here');
  });

  it('does not find her by part of her name', async () => {
    expect(await search('angha')).toContain('No one found for first name');
  });

  it('keeps only keyed hashes in its index', async () => {
    const raw = await app.valued.store.db.selectFrom('console_search').select('name_key').execute();
    expect(raw.length).toBeGreaterThan(0);
    expect(JSON.stringify(raw)).not.toMatch(/angharad/i);
  });
});

describe('People search after DATA_ENCRYPTION_KEY is rotated', () => {
  it('still finds her: her name opens with the old key, and the index is built again with the new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'valued-rotate-'));
    const databaseUrl = `sqlite:${join(dir, 'valued.db')}`;
    const [oldKey, newKey] = [randomBytes(32).toString('hex'), randomBytes(32).toString('hex')];
    try {
      const before = await startTestApp({ databaseUrl, env: { DATA_ENCRYPTION_KEY: oldKey } });
      let id: string;
      try {
        // She joined an hour ago, someone else just now: a catch-up would not read her again.
        const ids = sequentialIds('rotate');
        const hourAgo = Date.now() - 60 * 60 * 1000;
        const identity = await transact(before.valued.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700904322', hourAgo, ids));
        await updateMember(before.valued.store.db, identity.member_id, { first_name: 'Bethan', postcode: 'SA2 2BB', outcode: 'SA2' }, hourAgo);
        const other = await transact(before.valued.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700904323', Date.now(), ids));
        await updateMember(before.valued.store.db, other.member_id, { first_name: 'Carys' }, Date.now());
        id = identity.member_id;
        const cookie = await signIn(before.url, (await addAccount(before.valued.store.db, 'Sian Evans')).token);
        expect(await (await fetch(`${before.url}/console/people?q=bethan`, { headers: { cookie } })).text()).toContain(`href="/console/people/${id}"`);
      } finally {
        await before.close();
      }
      const after = await startTestApp({ databaseUrl, env: { DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_OLD_KEYS: oldKey } });
      try {
        const cookie = await signIn(after.url, (await addAccount(after.valued.store.db, 'Rhys Jones')).token);
        for (const q of ['bethan', '4322']) {
          const html = await (await fetch(`${after.url}/console/people?q=${q}`, { headers: { cookie } })).text();
          expect(html, q).toContain(`href="/console/people/${id}"`);
        }
        expect(await (await fetch(`${after.url}/console/people/${id}`, { headers: { cookie } })).text()).toContain('Bethan');
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
