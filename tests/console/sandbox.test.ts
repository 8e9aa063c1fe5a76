/**
 * The console beside the simulator's sandbox (hardening's members.sandbox): people who
 * came through the simulator are not real members, so a coordinator never sees them,
 * in Today, Needs, Gifts, People, a need's candidates or an export, their pages are
 * not found, nothing can be done to them from the console, and a real need cannot be
 * offered to one of them by hand.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { addAccount, csrfOf, postForm, signIn } from '../helpers/console.js';

const ANN = '+447700907001';

describe('the console and the simulator’s sandbox', () => {
  let app: TestApp;
  let cookie: string;
  const db = () => app.valued.store.db;
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });
  const html = async (path: string) => {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    return response.text();
  };
  /** A page without its random CSRF tokens, so a name looked for is not found by chance inside one (a token once held "Vic"). */
  const withoutTokens = (page: string) => page.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
  const memberId = async (name: string) =>
    (await db().selectFrom('members').select(['id', 'sandbox']).where('first_name', '=', name).executeTakeFirstOrThrow()).id;

  /** Someone talking to valued by SMS (a real member) or in the simulator (the sandbox). */
  function person(channel: 'sms' | 'simulator', who: string) {
    const sent = () => (channel === 'sms' ? app.twilio!.bodiesTo(who) : app.sentTexts('simulator', who));
    return async (text: string) => {
      const before = (await sent()).length;
      if (channel === 'sms') expect((await app.sms(who, text)).status).toBe(200);
      else expect((await app.simulate(who, text)).status).toBe(202);
      return waitFor(async () => (await sent())[before], `${who}'s reply to "${text}"`, 20_000);
    };
  }

  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { MATCH_WAVE_DELAY_SECONDS: '600' } });
    // In the simulator: Vic volunteers nearby; Rita needs shopping too, and then writes that she has fallen.
    const vic = person('simulator', 'Visitor Vic');
    for (const text of ['VOLUNTEER', 'yes', 'Vic', 'SA1 1AB', '1', '3', '4']) await vic(text);
    expect(await vic('yes')).toMatch(/^You're on the list/);
    const rita = person('simulator', 'Visitor Rita');
    for (const text of ['hi', 'yes', 'Rita', 'SA1 1AC', 'shopping', 'I can bake bread']) await rita(text);
    expect(await rita('yes')).toMatch(/^Thank you, Rita!/);
    await rita('I have fallen and cant get up');
    // On SMS: Ann, a real member, needs shopping; no real volunteer is near.
    const ann = person('sms', ANN);
    for (const text of ['hi', 'yes', 'Ann', 'SA1 1AA', 'shopping', 'I can teach knitting']) await ann(text);
    expect(await ann('yes')).toMatch(/^Thank you, Ann!/);
    await waitFor(() => db().selectFrom('alerts').select('id').where('kind', '=', 'crisis').executeTakeFirst(), "Rita's crisis alert");
    expect(await db().selectFrom('members').select(['first_name', 'sandbox']).orderBy('first_name').execute()).toEqual([
      { first_name: 'Ann', sandbox: 0 },
      { first_name: 'Rita', sandbox: 1 },
      { first_name: 'Vic', sandbox: 1 },
    ]);
    cookie = await signIn(app.url, (await addAccount(db(), 'Sian Evans')).token);
  }, 120_000);
  afterAll(async () => app?.close());

  it('shows no one from the sandbox on Today, Needs, Gifts or People', async () => {
    const today = withoutTokens(await html('/console'));
    expect(today).toContain('Ann');
    expect(today).not.toMatch(/Rita|Vic|fallen/);
    const needs = withoutTokens(await html('/console/needs'));
    expect(needs).toContain('Ann');
    expect(needs).not.toContain('Rita');
    const gifts = withoutTokens(await html('/console/gifts'));
    expect(gifts).toContain('teach knitting');
    expect(gifts).not.toMatch(/bake bread|Vic|Rita/);
    for (const q of ['rita', 'vic', 'SA1']) expect(withoutTokens(await html(`/console/people?q=${q}`)), q).not.toMatch(/Rita|Vic/);
    expect(await html('/console/people?q=ann')).toContain('1 person found');
  });

  it('does not find their pages, and does nothing to them', async () => {
    const rita = await memberId('Rita');
    const need = await db().selectFrom('needs').select('id').where('member_id', '=', rita).executeTakeFirstOrThrow();
    const alert = await db().selectFrom('alerts').select('id').where('member_id', '=', rita).where('kind', '=', 'crisis').executeTakeFirstOrThrow();
    for (const path of [`/console/people/${rita}`, `/console/needs/${need.id}`, `/console/alerts/${alert.id}`])
      expect((await get(path)).status, path).toBe(404);
    const csrf = csrfOf(await html('/console'));
    for (const [path, fields] of [
      [`/console/people/${rita}/show-number`, {}],
      [`/console/people/${rita}/verify`, {}],
      [`/console/people/${rita}/pause`, {}],
      [`/console/people/${rita}/message`, { text: 'Hello from the console' }],
      [`/console/alerts/${alert.id}/acknowledge`, {}],
      [`/console/alerts/${alert.id}/resolve`, { note: 'Called her' }],
      [`/console/needs/${need.id}/close`, { outcome: 'met' }],
    ] as const) {
      expect((await postForm(app.url, path, cookie, fields, csrf)).status, path).toBe(404);
    }
    expect(await db().selectFrom('console_audit').select('action').where('member_id', '=', rita).execute()).toEqual([]);
    expect(await db().selectFrom('alerts').select(['acknowledged_at', 'resolved_at']).where('id', '=', alert.id).executeTakeFirstOrThrow()).toEqual({
      acknowledged_at: null,
      resolved_at: null,
    });
    expect((await db().selectFrom('needs').select('status').where('id', '=', need.id).executeTakeFirstOrThrow()).status).toBe('open');
    expect(await app.sentTexts('simulator', 'Visitor Rita')).not.toContainEqual(expect.stringContaining('Hello from the console'));
  });

  it('never offers a real need to someone in the sandbox, not even when asked by hand', async () => {
    const ann = await memberId('Ann');
    const vic = await memberId('Vic');
    const need = await db().selectFrom('needs').select('id').where('member_id', '=', ann).executeTakeFirstOrThrow();
    const page = await html(`/console/needs/${need.id}`);
    expect(withoutTokens(page)).not.toContain('Vic');
    const asked = await postForm(app.url, `/console/needs/${need.id}/ask`, cookie, { volunteer: vic }, csrfOf(page));
    expect(asked.status).toBe(303);
    expect(await html(`/console/needs/${need.id}`)).toContain('Only real members can be asked about a real need');
    expect(await db().selectFrom('asks').select('id').where('volunteer_id', '=', vic).where('need_id', '=', need.id).execute()).toEqual([]);
    expect(await app.sentTexts('simulator', 'Visitor Vic')).not.toContainEqual(expect.stringContaining('Ann'));
  });

  it('exports real members only', async () => {
    for (const dataset of ['needs', 'gifts']) {
      const response = await postForm(app.url, '/console/export', cookie, { dataset, numbers: 'full' });
      expect(response.status).toBe(200);
      const rows = parse<Record<string, string>>(await response.text(), { bom: true, columns: true });
      expect(
        rows.map((r) => r['First name']),
        dataset,
      ).toEqual(['Ann']);
    }
  });
});
