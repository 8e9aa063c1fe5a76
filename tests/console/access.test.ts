/**
 * Who may use the console, over real HTTP: nobody until an account exists; a sign-in
 * link once; then only with a live session of an account that still exists. A removed
 * coordinator's cookie, an expired session and a form without this session's CSRF
 * token are refused, and change nothing. The queues page sits behind the same sign-in
 * and only reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_MS } from '../../src/console/session.js';
import { insertAlert, findOrCreateIdentity, updateMember } from '../../src/store/members.repository.js';
import { removeCoordinator } from '../../src/store/coordinators.repository.js';
import { expireSessions } from '../../src/store/console-sessions.repository.js';
import { transact } from '../../src/store/database.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import { FakeClock } from '../helpers/clock.js';
import { addAccount, cookies, csrfOf, postForm, signIn } from '../helpers/console.js';

describe('console access', () => {
  let app: TestApp;
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 20));
  const get = (path: string, cookie = '', headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });
  const db = () => app.valued.store.db;

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(async () => app?.close());

  async function openAlert(id: string) {
    const identity = await transact(app.valued.store, (trx) =>
      findOrCreateIdentity(trx, 'sms', `+44770090${id.length}${Math.floor(Math.random() * 1e4)}`, clock.now(), {
        next: () => `${id}-${Math.random().toString(36).slice(2)}`,
      }),
    );
    await insertAlert(db(), { id, memberId: identity.member_id, kind: 'crisis', detail: 'help me', now: clock.now() });
    return identity.member_id;
  }

  it('does not exist until a coordinator account does', async () => {
    for (const path of ['/console', '/console/sign-in', '/console/queues', '/console/assets/console.css']) expect((await get(path)).status, path).toBe(404);
    expect((await fetch(`${app.url}/console/sign-out`, { method: 'POST' })).status).toBe(404);
  });

  it('asks anyone not signed in to sign in, and signs in with a link once', async () => {
    const sian = await addAccount(db(), 'Sian Evans', clock.now());
    const home = await get('/console');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/console/sign-in');
    expect((await fetch(`${app.url}/console/alerts/x/resolve`, { method: 'POST', redirect: 'manual' })).status).toBe(401);
    // Opening the link (as a mail scanner would) uses nothing.
    expect((await get(`/console/sign-in/${sian.token}`)).status).toBe(200);
    const cookie = await signIn(app.url, sian.token);
    const today = await get('/console', cookie);
    expect(today.status).toBe(200);
    expect(await today.text()).toContain('Signed in as <strong>Sian Evans</strong>');
    const again = await get(`/console/sign-in/${sian.token}`);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('This sign-in link does not work');
    expect(await db().selectFrom('console_audit').select(['coordinator_name', 'action']).execute()).toContainEqual({
      coordinator_name: 'Sian Evans',
      action: 'signed in',
    });
  });

  it('keeps the session in an HTTP-only, SameSite cookie for /console only, Secure over HTTPS', async () => {
    const { token } = await addAccount(db(), 'Cookie Tester', clock.now());
    const page = await get(`/console/sign-in/${token}`, '', { 'x-forwarded-proto': 'https' });
    const done = await fetch(`${app.url}/console/sign-in/${token}`, {
      method: 'POST',
      headers: { cookie: cookies(page), 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfOf(await page.text()) }),
      redirect: 'manual',
    });
    const [set] = done.headers.getSetCookie();
    expect(set).toMatch(/^valued_console=[^;]+; Path=\/console; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
    expect(done.headers.get('referrer-policy')).toBe('no-referrer');
    expect(done.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it("refuses a removed coordinator's session, even if their session row were left behind", async () => {
    const bob = await addAccount(db(), 'Bob Removed', clock.now());
    const cookie = await signIn(app.url, bob.token);
    expect((await get('/console', cookie)).status).toBe(200);
    // The account is marked removed but (say, by hand in the database) its sessions are not deleted.
    await db().updateTable('coordinators').set({ removed_at: clock.now() }).where('id', '=', bob.id).execute();
    expect((await get('/console', cookie)).headers.get('location')).toBe('/console/sign-in');
    expect((await get('/console/people', cookie)).status).toBe(303);
    // And removing it as the CLI does ends its sessions outright.
    const carol = await addAccount(db(), 'Carol Removed', clock.now());
    const carols = await signIn(app.url, carol.token);
    await removeCoordinator(db(), carol.id, clock.now());
    expect(await db().selectFrom('console_sessions').select('id_hash').where('coordinator_id', '=', carol.id).execute()).toEqual([]);
    expect((await get('/console', carols)).status).toBe(303);
  });

  it('refuses an expired session: past its expiry in the store, or idle too long', async () => {
    const dee = await addAccount(db(), 'Dee Expired', clock.now());
    const cookie = await signIn(app.url, dee.token);
    await expireSessions(db(), dee.id, clock.now() - 1);
    expect((await get('/console', cookie)).headers.get('location')).toBe('/console/sign-in');

    const eve = await addAccount(db(), 'Eve Idle', clock.now());
    const eves = await signIn(app.url, eve.token);
    expect((await get('/console', eves)).status).toBe(200);
    clock.advance(IDLE_MS + 1000);
    expect((await get('/console', eves)).headers.get('location')).toBe('/console/sign-in');
  });

  it('refuses a form without this session’s CSRF token, and changes nothing', async () => {
    const fay = await addAccount(db(), 'Fay Forms', clock.now());
    const cookie = await signIn(app.url, fay.token);
    const other = await signIn(app.url, (await addAccount(db(), 'Gil Other', clock.now())).token);
    await openAlert('alert-forged');
    const none = await postForm(app.url, '/console/alerts/alert-forged/resolve', cookie, { note: 'forged' }, null);
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('This form has expired');
    const theirs = await postForm(
      app.url,
      '/console/alerts/alert-forged/resolve',
      cookie,
      { note: 'forged' },
      csrfOf(await (await get('/console', other)).text()),
    );
    expect(theirs.status).toBe(403);
    const alert = await db().selectFrom('alerts').select(['resolved_at', 'note']).where('id', '=', 'alert-forged').executeTakeFirstOrThrow();
    expect(alert).toEqual({ resolved_at: null, note: null });
    const good = await postForm(app.url, '/console/alerts/alert-forged/resolve', cookie, { note: 'Called; all well.' });
    expect(good.status).toBe(303);
    expect((await db().selectFrom('alerts').select('note').where('id', '=', 'alert-forged').executeTakeFirstOrThrow()).note).toBe('Called; all well.');
    const signOut = await postForm(app.url, '/console/sign-out', cookie, {}, null);
    expect(signOut.status).toBe(403);
  });

  it('records every "show number", and shows the number only then', async () => {
    const gwen = await addAccount(db(), 'Gwen Numbers', clock.now());
    const cookie = await signIn(app.url, gwen.token);
    const identity = await transact(app.valued.store, (trx) =>
      findOrCreateIdentity(trx, 'sms', '+447700906543', clock.now(), { next: () => `num-${Math.random().toString(36).slice(2)}` }),
    );
    const before = await (await get(`/console/people/${identity.member_id}`, cookie)).text();
    expect(before).toContain('+44770****543');
    expect(before).not.toContain('+447700906543');
    expect((await postForm(app.url, `/console/people/${identity.member_id}/show-number`, cookie, {})).status).toBe(303);
    expect(await (await get(`/console/people/${identity.member_id}`, cookie)).text()).toContain('+447700906543');
    const audit = await db().selectFrom('console_audit').select(['coordinator_name', 'action', 'member_id']).where('action', '=', 'showed a number').execute();
    expect(audit).toEqual([{ coordinator_name: 'Gwen Numbers', action: 'showed a number', member_id: identity.member_id }]);
    clock.advance(6 * 60 * 1000);
    expect(await (await get(`/console/people/${identity.member_id}`, cookie)).text()).not.toContain('+447700906543');
  });

  it('serves the queues behind the same sign-in, read-only, with nothing from a CDN', async () => {
    const hal = await addAccount(db(), 'Hal Queues', clock.now());
    expect((await get('/console/queues')).status).toBe(303);
    const cookie = await signIn(app.url, hal.token);
    const board = await get('/console/queues', cookie);
    expect(board.status).toBe(200);
    const html = await board.text();
    expect(html).toContain('<title>valued queues</title>');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    expect(board.headers.get('content-security-policy')).toContain("default-src 'self'");
    const queues = (await (await get('/console/queues/api/queues', cookie)).json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.queues.length).toBeGreaterThan(0);
    expect(queues.queues.every((q) => q.readOnlyMode)).toBe(true);
    const pause = await fetch(`${app.url}/console/queues/api/queues/pause`, { method: 'PUT', headers: { cookie } });
    expect(pause.status).toBe(405);
  });
});

describe.each(DIALECTS)('bad input in the console, on $label', ({ dialect, available }) => {
  it.skipIf(!available)('a NUL character in a form or a search is dropped, and a repeated parameter ignored: never a 500', async () => {
    const made = await createDatabaseUrl(dialect);
    const app = await startTestApp({ twilio: true, databaseUrl: made.url });
    try {
      const db = app.valued.store.db;
      const identity = await transact(app.valued.store, (trx) =>
        findOrCreateIdentity(trx, 'sms', '+447700906544', Date.now(), { next: () => `nul-${Math.random().toString(36).slice(2)}` }),
      );
      await updateMember(db, identity.member_id, { first_name: 'Nia' }, Date.now());
      await insertAlert(db, { id: 'alert-nul', memberId: identity.member_id, kind: 'requested', detail: 'asked for a person', now: Date.now() });
      const cookie = await signIn(app.url, (await addAccount(db, 'Nul Tester')).token);
      const search = await fetch(`${app.url}/console/people?q=ni%00a`, { headers: { cookie } });
      expect(search.status).toBe(200);
      expect(await search.text()).toContain(`href="/console/people/${identity.member_id}"`);
      expect((await fetch(`${app.url}/console/needs?area=SA1%00`, { headers: { cookie } })).status).toBe(200);
      // A parameter given twice is as good as not given (never a 500).
      for (const path of ['/console/needs?state=open&state=met&page=2&page=3', '/console/gifts?area=SA1&area=SA2', '/console/people?q=nia&q=bob']) {
        expect((await fetch(`${app.url}${path}`, { headers: { cookie } })).status, path).toBe(200);
      }
      expect((await postForm(app.url, '/console/alerts/alert-nul/resolve', cookie, { note: 'Called\u0000 her' })).status).toBe(303);
      expect((await db.selectFrom('alerts').select('note').where('id', '=', 'alert-nul').executeTakeFirstOrThrow()).note).toBe('Called her');
      expect((await postForm(app.url, `/console/people/${identity.member_id}/message`, cookie, { text: 'Hello\u0000 Nia' })).status).toBe(303);
      await waitFor(() => app.twilio!.bodiesTo('+447700906544').find((b) => b === 'Nul at valued: Hello Nia'), 'the message, without the NUL');
    } finally {
      await app.close();
      await made.drop();
    }
  });
});
