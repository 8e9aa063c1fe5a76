import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, maskAddress, maskPhones } from '../../src/platform/log.js';
import { PUBLIC_URL, SIMULATOR_TOKEN, startTestApp, waitFor, waitForSent, type TestApp } from '../helpers/app.js';

describe('health, readiness, metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('GET /healthz says the process is alive', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database and Redis', async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });
  });

  it('GET /metrics counts messages per channel and shows queue depths, in Prometheus format', async () => {
    await app.simulate('+447700900501', 'hello');
    await waitForSent(app, 'simulator', '+447700900501', 1);
    const response = await fetch(`${app.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^valued_messages_in_total\{channel="simulator"\} 1$/m);
    expect(text).toMatch(/^valued_messages_out_total\{channel="simulator"\} 1$/m);
    expect(text).toMatch(/^valued_queue_jobs\{queue="send-simulator",state="waiting"\} 0$/m);
    expect(text).toMatch(/^valued_job_duration_seconds_count\{queue="inbound-\d+"\} \d+$/m);
    expect(text).toContain('valued_process_resident_memory_bytes');
  });

  it('GET /metrics needs METRICS_TOKEN when one is set', async () => {
    const token = 'metrics-token-for-tests-0123456789';
    const guarded = await startTestApp({ env: { METRICS_TOKEN: token } });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('valued_messages_in_total');
      expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('unknown routes get a plain 404', async () => {
    const response = await fetch(`${app.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });

  it('an oversized body is refused before it is read', async () => {
    const response = await app.asVisitor('big', '/simulator/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(100_000) }),
    });
    expect(response.status).toBe(413);
  });
});

describe('the simulator', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const post = (who: string, body: unknown, headers: Record<string, string> = {}) =>
    app.asVisitor(who, '/simulator/api/messages', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const transcript = async (who: string) =>
    ((await (await app.asVisitor(who, '/simulator/api/messages')).json()) as { messages: { direction: string; text: string }[] }).messages;
  const countInbound = async () => (await app.valued.store.db.selectFrom('inbound_messages').select('id').execute()).length;

  it('serves a page to talk to the bot, and gives each visitor a random identity in an HTTP-only cookie', async () => {
    const headers = { authorization: `Bearer ${SIMULATOR_TOKEN}` };
    const [first, second] = await Promise.all([fetch(`${app.url}/simulator`, { headers }), fetch(`${app.url}/simulator`, { headers })]);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    const page = await first.text();
    expect(page).toContain('<h1>valued simulator</h1>');
    expect(page).not.toContain('+44'); // no number offered to every visitor
    const cookies = [first, second].map((r) => r.headers.get('set-cookie') ?? '');
    for (const cookie of cookies) expect(cookie).toMatch(/^valued_sim=[A-Za-z0-9_-]{43}; Path=\/simulator; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/);
    expect(cookies[0]).not.toBe(cookies[1]);
  });

  it('keeps the conversation in order, both sides', async () => {
    const who = 'Test Person 1';
    await app.simulate(who, 'hello');
    await waitForSent(app, 'simulator', who, 1);
    await app.simulate(who, 'yes');
    await waitForSent(app, 'simulator', who, 2);
    const response = await app.asVisitor(who, '/simulator/api/messages');
    const body = (await response.json()) as { messages: { direction: string; text: string; status: string }[]; optedOut: boolean };
    expect(body.optedOut).toBe(false);
    expect(body.messages.map((m) => [m.direction, m.text.split('\n')[0]])).toEqual([
      ['in', 'hello'],
      ['out', expect.stringMatching(/^Hello, this is valued/)],
      ['in', 'yes'],
      ['out', 'Thank you. What is your first name? Or reply SKIP.'],
    ]);
  });

  it('shows a visitor only their own conversation, whatever they ask for', async () => {
    await app.simulate('Alice', 'my door code is 4455');
    await waitForSent(app, 'simulator', 'Alice', 1);
    const alice = await app.simulatorAddress('Alice');
    expect(JSON.stringify(await transcript('Alice'))).toContain('4455');
    // Another visitor, even naming Alice's address or number in the query, sees only their own (empty) conversation.
    for (const query of ['', `?from=${encodeURIComponent(alice)}`, '?from=%2B447700900123']) {
      const response = await app.asVisitor('Bob', `/simulator/api/messages${query}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { messages: unknown[] }).messages).toEqual([]);
    }
  });

  it('treats a repeated message id as the same message for one visitor, and as two messages for two visitors', async () => {
    expect(await (await app.simulate('Cleo', 'hello', 'same-id')).json()).toEqual({ id: 'same-id', status: 'accepted' });
    expect(await (await app.simulate('Cleo', 'hello', 'same-id')).json()).toEqual({ id: 'same-id', status: 'duplicate' });
    expect(await (await app.simulate('Dev', 'hello', 'same-id')).json()).toEqual({ id: 'same-id', status: 'accepted' });
    await waitForSent(app, 'simulator', 'Dev', 1);
    expect((await transcript('Dev')).map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it.each([
    [{ from: '+447700900504', text: 'hello' }, /"from" is not accepted/],
    [{}, /"text"/],
    [{ text: 42 }, /"text"/],
    [{ text: 'x'.repeat(4001) }, /under 4000/],
    [{ text: 'hi', id: '' }, /"id"/],
  ])('%j gets a clear 400', async (body, message) => {
    const response = await post('Eve', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it('malformed JSON gets a 400, not a 500', async () => {
    const response = await app.asVisitor('Eve', '/simulator/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(response.status).toBe(400);
  });

  it.each([
    ['another site, by Origin', { origin: 'https://attacker.example' }, 403],
    ['another site, by Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['a malformed Origin', { origin: 'null' }, 403],
  ])('a post from %s is refused and stores nothing', async (_name, headers, status) => {
    const before = await countInbound();
    expect((await post('Mallory', { text: 'STOP' }, headers)).status).toBe(status);
    expect(await countInbound()).toBe(before);
  });

  it('a post from the page itself (its own origin) is accepted', async () => {
    expect((await post('Page', { text: 'hello' }, { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' })).status).toBe(202);
  });

  it('a form post (what a cross-site form can send) is refused', async () => {
    const before = await countInbound();
    const response = await app.asVisitor('Mallory', '/simulator/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=STOP',
    });
    expect(response.status).toBe(415);
    expect(await countInbound()).toBe(before);
  });
});

describe('the simulator beside a real channel', () => {
  it('is not served without SIMULATOR=on: a service with Twilio configured and no switch has no simulator', async () => {
    const app = await startTestApp({ twilio: true, env: { SIMULATOR: '', SIMULATOR_TOKEN: '' } });
    try {
      for (const path of ['/simulator', '/simulator/api/messages']) expect((await fetch(`${app.url}${path}`)).status).toBe(404);
      const post = await fetch(`${app.url}/simulator/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"text":"hello"}',
      });
      expect(post.status).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('with SIMULATOR=on needs its token (a browser is asked for it), and locks out an address that keeps guessing', async () => {
    const app = await startTestApp({ twilio: true });
    try {
      const without = await fetch(`${app.url}/simulator`);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toMatch(/^Basic realm="valued simulator"/);
      expect(without.headers.get('set-cookie')).toBeNull();
      const basic = `Basic ${Buffer.from(`anyone:${SIMULATOR_TOKEN}`).toString('base64')}`;
      expect((await fetch(`${app.url}/simulator`, { headers: { authorization: basic } })).status).toBe(200);
      for (let i = 0; i < 9; i++) expect((await fetch(`${app.url}/simulator`, { headers: { authorization: `Bearer guess-${i}` } })).status).toBe(401);
      const locked = await fetch(`${app.url}/simulator`, { headers: { authorization: 'Bearer guess-9' } });
      expect(locked.status).toBe(401); // the tenth wrong guess
      const after = await fetch(`${app.url}/simulator`, { headers: { authorization: basic } });
      expect(after.status).toBe(429); // now even the right token waits
      expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(60);
    } finally {
      await app.close();
    }
  });

  it('limits how many messages one address may post a minute', async () => {
    const app = await startTestApp({ env: { SIMULATOR_MESSAGES_PER_MINUTE: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await app.simulate(`Flood ${i}`, 'URGENT help')).status);
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('logs', () => {
  it.each([
    ['+447700900123', '+44770****123'],
    ['447700900123', '44770****123'],
    ['07700900123', '0770****123'],
    ['123456789', '12****789'],
  ])('%s is masked as %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('masks phone numbers anywhere in a log line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ from: '+447700900123', nested: { to: '+447700900999' }, err: new Error('send to +447700900777 failed') }, 'text from +447700900555');
    await waitFor(() => lines.join('').includes('\n'), 'the line to be written');
    const line = lines.join('');
    for (const number of ['+447700900123', '+447700900999', '+447700900777', '+447700900555']) expect(line).not.toContain(number);
    expect(line).toContain('+44770****123');
    expect(maskPhones('call 07700900123 or +447700900124')).toBe('call 0770****123 or +44770****124');
  });

  it.each([
    ['spaces', '/simulator/api/messages?from=+44 7700 900123'],
    ['dashes', '/simulator/api/messages?from=+44-7700-900-123'],
    ['percent-encoding', '/simulator/api/messages?from=%2B44%207700%20900123'],
    ['form-encoded spaces', '/simulator/api/messages?from=%2B44+7700+900123'],
    ['dots and brackets', '/x?to=(+44) 7700.900.123'],
    ['a national number with spaces', '/x?to=07700 900 123'],
  ])('masks a number written with %s in a URL', async (_how, url) => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        lines.push(chunk.toString());
        done();
      },
    });
    createLogger('info', sink).info({ method: 'GET', url, status: 200 }, 'request');
    await waitFor(() => lines.join('').includes('\n'), 'the line to be written');
    const digits = lines.join('').replace(/\D/g, '');
    expect(digits).not.toContain('7700900');
    expect(lines.join('')).toContain('****123');
  });

  it('leaves dates and small numbers readable', () => {
    expect(maskPhones('on 2026-11-26, 1234 ms, migrations/2026-11-26T0000_initial')).toBe('on 2026-11-26, 1234 ms, migrations/2026-11-26T0000_initial');
  });
});
