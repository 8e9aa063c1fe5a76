/**
 * With DATA_ENCRYPTION_KEY set, names and numbers are sealed at rest and SQL cannot
 * compare them: the People search still finds someone by their whole first name or the
 * last 4 digits of their number (through keyed hashes), and says that is how it works.
 */
import { randomBytes } from 'node:crypto';
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
    const identity = await transact(app.valued.store, (trx) => findOrCreateIdentity(trx, 'simulator', '+447700904321', Date.now(), ids));
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
