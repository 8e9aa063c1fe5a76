import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, maskAddress, maskPhones } from '../../src/log.js';
import { startTestApp, waitForSent, type TestApp } from '../helpers/app.js';

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

  it('unknown routes get a plain 404', async () => {
    const response = await fetch(`${app.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found' });
  });

  it('an oversized body is refused before it is read', async () => {
    const response = await fetch(`${app.url}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+447700900502', text: 'x'.repeat(100_000) }),
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

  it('serves a page to talk to the bot', async () => {
    const response = await fetch(`${app.url}/simulator`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('<h1>valued simulator</h1>');
  });

  it('keeps the conversation in order, both sides', async () => {
    const from = 'Test Person 1';
    await app.simulate(from, 'hello');
    await waitForSent(app, 'simulator', from, 1);
    await app.simulate(from, 'yes');
    await waitForSent(app, 'simulator', from, 2);
    const response = await fetch(`${app.url}/simulator/api/messages?from=${encodeURIComponent(from)}`);
    const body = (await response.json()) as { messages: { direction: string; text: string; status: string }[]; optedOut: boolean };
    expect(body.optedOut).toBe(false);
    expect(body.messages.map((m) => [m.direction, m.text.split('\n')[0]])).toEqual([
      ['in', 'hello'],
      ['out', expect.stringMatching(/^Hello, this is valued/)],
      ['in', 'yes'],
      ['out', 'Thank you. What is your first name? Or reply SKIP.'],
    ]);
  });

  it('treats a repeated message id as the same message', async () => {
    const from = '+447700900503';
    expect(await (await app.simulate(from, 'hello', 'same-id')).json()).toEqual({ id: 'same-id', status: 'accepted' });
    expect(await (await app.simulate(from, 'hello', 'same-id')).json()).toEqual({ id: 'same-id', status: 'duplicate' });
  });

  it.each([
    [{ text: 'hello' }, /"from"/],
    [{ from: '', text: 'hello' }, /"from"/],
    [{ from: '<script>', text: 'hello' }, /"from"/],
    [{ from: '+447700900504' }, /"text"/],
    [{ from: '+447700900504', text: 42 }, /"text"/],
    [{ from: '+447700900504', text: 'x'.repeat(4001) }, /under 4000/],
  ])('%j gets a clear 400', async (body, message) => {
    const response = await fetch(`${app.url}/simulator/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it('malformed JSON gets a 400, not a 500', async () => {
    const response = await fetch(`${app.url}/simulator/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from": ' });
    expect(response.status).toBe(400);
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
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(chunk.toString()); done(); } });
    const log = createLogger('info', sink);
    log.info({ from: '+447700900123', nested: { to: '+447700900999' }, err: new Error('send to +447700900777 failed') }, 'text from +447700900555');
    await new Promise((r) => setTimeout(r, 10));
    const line = lines.join('');
    for (const number of ['+447700900123', '+447700900999', '+447700900777', '+447700900555']) expect(line).not.toContain(number);
    expect(line).toContain('+44770****123');
    expect(maskPhones('call 07700900123 or +447700900124')).toBe('call 0770****123 or +44770****124');
  });
});
