/**
 * The coordinators' admin API: token required, lists with masked contacts, one
 * member in full, verify and resolve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskAddress } from '../../src/platform/log.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';

const TOKEN = 'admin-token-for-tests-0123456789';
const ANN = '+447700907001';

describe('admin API', () => {
  let app: TestApp;
  const get = (path: string, token: string | null = TOKEN) =>
    fetch(`${app.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const post = (path: string, token: string | null = TOKEN) =>
    fetch(`${app.url}${path}`, { method: 'POST', headers: token === null ? {} : { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await startTestApp({ env: { ADMIN_TOKEN: TOKEN, MATCH_WAVE_DELAY_SECONDS: '600' } });
    for (const text of ['hi', 'yes', 'Ann', 'SA1 1AA', 'someone to help me find my family history', 'teach knitting', 'yes']) {
      const before = (await app.sentTexts('simulator', ANN)).length;
      await app.simulate(ANN, text);
      await waitFor(async () => (await app.sentTexts('simulator', ANN)).length > before, `reply to ${text}`);
    }
    await waitFor(async () => (await app.valued.store.db.selectFrom('alerts').select('id').execute()).length > 0, 'the own-words need to reach a coordinator');
  });
  afterAll(async () => app?.close());

  it.each([
    ['no token', null],
    ['a wrong token', 'not-the-token'],
    ['the token with a character more', `${TOKEN}x`],
  ])('%s gets 401', async (_name, token) => {
    const response = await get('/admin/needs', token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('lists members with their contact details masked', async () => {
    const body = (await (await get('/admin/members')).json()) as { items: { first_name: string; channels: { address: string }[] }[]; next: string | null };
    const ann = body.items.find((m) => m.first_name === 'Ann')!;
    const address = await app.simulatorAddress(ANN);
    expect(ann.channels).toEqual([{ channel: 'simulator', address: maskAddress(address), optedOut: false, unreachable: false }]);
    expect(ann).toMatchObject({ sandbox: 1 });
    expect(JSON.stringify(body)).not.toContain(address);
  });

  it('shows one member in full, for a coordinator who needs to get in touch', async () => {
    const list = (await (await get('/admin/members')).json()) as { items: { id: string; first_name: string }[] };
    const id = list.items.find((m) => m.first_name === 'Ann')!.id;
    const member = (await (await get(`/admin/members/${id}`)).json()) as {
      channels: { address: string }[];
      needs: { words: string }[];
      offers: { category: string }[];
    };
    expect(member.channels[0]!.address).toBe(await app.simulatorAddress(ANN));
    expect(member.needs.map((n) => n.words)).toEqual(['someone to help me find my family history']);
    expect(member.offers.map((o) => o.category)).toEqual(['teaching']);
    expect((await get('/admin/members/nope')).status).toBe(404);
  });

  it('lists needs by status, pages through them, and lists offers and matches', async () => {
    const open = (await (await get('/admin/needs?status=open')).json()) as { items: { category: string; words: string; unmatched_at: number | null }[] };
    expect(open.items).toEqual([expect.objectContaining({ category: 'other', words: 'someone to help me find my family history' })]);
    expect(open.items[0]!.unmatched_at).not.toBeNull();
    const first = (await (await get('/admin/offers?limit=1')).json()) as { items: unknown[]; next: string | null };
    expect(first.items).toHaveLength(1);
    expect(first.next).not.toBeNull();
    expect((await (await get(`/admin/offers?limit=1&before=${first.next}`)).json()) as { items: unknown[] }).toMatchObject({ items: [] });
    expect(await (await get('/admin/matches')).json()).toEqual({ items: [], next: null });
  });

  it.each([
    ['/admin/needs?status=open&status=met'],
    ['/admin/alerts?open=true&open=false'],
    ['/admin/offers?limit=1&limit=2'],
    ['/admin/members?before=a&before=b'],
  ])('a parameter given twice (%s) gets 400, not 500', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^Give \?\w+= once\.$/);
  });

  it('lists open alerts and resolves one', async () => {
    const alerts = (await (await get('/admin/alerts?open=true')).json()) as { items: { id: string; kind: string; detail: string }[] };
    const alert = alerts.items.find((a) => a.kind === 'unmatched')!;
    expect(alert.detail).toMatch(/in their own words: a person should read it/);
    expect(await (await post(`/admin/alerts/${alert.id}/resolve`)).json()).toMatchObject({ id: alert.id, resolved_at: expect.any(Number) });
    const after = (await (await get('/admin/alerts?open=true')).json()) as { items: { id: string }[] };
    expect(after.items.map((a) => a.id)).not.toContain(alert.id);
    expect((await post('/admin/alerts/nope/resolve')).status).toBe(404);
  });

  it('verifies a volunteer', async () => {
    const list = (await (await get('/admin/members')).json()) as { items: { id: string; first_name: string }[] };
    const id = list.items.find((m) => m.first_name === 'Ann')!.id;
    expect(await (await post(`/admin/members/${id}/verify`)).json()).toMatchObject({ id, verified_at: expect.any(Number) });
    const member = await app.valued.store.db.selectFrom('members').select('verified_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(member.verified_at).not.toBeNull();
  });
});

describe('guessing the admin token', () => {
  it('ten wrong tokens from one address lock it out for a while, the right token included', async () => {
    const app = await startTestApp({ env: { ADMIN_TOKEN: TOKEN } });
    try {
      const get = (token: string) => fetch(`${app.url}/admin/needs`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get(TOKEN)).status).toBe(200);
      for (let i = 0; i < 10; i++) expect((await get(`guess-${i}-${'x'.repeat(30)}`)).status).toBe(401);
      const locked = await get(TOKEN);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
      expect((await get(`guess-10-${'x'.repeat(30)}`)).status).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('counts by the client address: X-Forwarded-For only from a trusted proxy (TRUST_PROXY)', async () => {
    const guess = (url: string, forwardedFor: string, token = `guess-${'x'.repeat(32)}`) =>
      fetch(`${url}/admin/needs`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor } });
    // Behind a trusted proxy (here: loopback, the default), each client is counted apart.
    const proxied = await startTestApp({ env: { ADMIN_TOKEN: TOKEN } });
    try {
      for (let i = 0; i < 10; i++) await guess(proxied.url, '203.0.113.7');
      expect((await guess(proxied.url, '203.0.113.7', TOKEN)).status).toBe(429);
      expect((await guess(proxied.url, '203.0.113.8', TOKEN)).status).toBe(200);
    } finally {
      await proxied.close();
    }
    // Trusting no proxy: a guesser cannot escape by inventing X-Forwarded-For.
    const direct = await startTestApp({ env: { ADMIN_TOKEN: TOKEN, TRUST_PROXY: 'false' } });
    try {
      for (let i = 0; i < 10; i++) await guess(direct.url, `203.0.113.${i}`);
      expect((await guess(direct.url, '198.51.100.1', TOKEN)).status).toBe(429);
    } finally {
      await direct.close();
    }
  });
});

describe('without ADMIN_TOKEN', () => {
  it('the admin API does not exist', async () => {
    const app = await startTestApp();
    try {
      expect((await fetch(`${app.url}/admin/needs`, { headers: { authorization: 'Bearer anything' } })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
