/**
 * Sending when Twilio misbehaves, through the real SDK against a fake Twilio: passing
 * trouble is retried, permanent refusals stop at once and are visible, "slow down"
 * is obeyed and the message still goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendError } from '../../src/channels/channel.js';
import { toSendError } from '../../src/channels/sms/sender.js';
import { createSmsSender } from '../../src/channels/sms/sender.js';
import { systemClock } from '../../src/platform/clock.js';
import { createDelivery } from '../../src/delivery/deliver.js';
import { ulidIds } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/log.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { transact } from '../../src/store/database.js';
import { findIdentity, findOrCreateIdentity } from '../../src/store/members.repository.js';
import { sendJobId } from '../../src/queue/jobs.js';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { makeMessages } from '../helpers/backlog.js';
import { settled, startTestApp, waitFor, type TestApp } from '../helpers/app.js';

describe('SMS delivery when Twilio fails', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  const finished = async (from: string) =>
    waitFor(
      async () => {
        const [row] = await app.outbound('sms', from);
        return row && settled(row) ? row : undefined;
      },
      `the send to ${from} to finish`,
      20_000,
    );

  it('a 503 is retried with backoff and the message is delivered', async () => {
    const from = '+447700900301';
    app.twilio!.failNext({ status: 503, code: 20503, message: 'Service unavailable' });
    await app.sms(from, 'hello');
    const row = await finished(from);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, error: expect.stringMatching(/^provider: /) });
    expect(app.twilio!.bodiesTo(from)).toHaveLength(1);
  });

  it('a dropped connection is retried and the message is delivered', async () => {
    const from = '+447700900302';
    app.twilio!.failNext('drop');
    await app.sms(from, 'hello');
    const row = await finished(from);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, error: expect.stringMatching(/^network: /) });
  });

  it('an invalid number stops at once, is recorded, and nothing more is sent to it', async () => {
    const from = '+447700900303';
    app.twilio!.failNext({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const before = app.twilio!.requests;
    await app.sms(from, 'hello');
    const row = await finished(from);
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/^unreachable: The 'To' number is not a valid phone number/) });
    expect(app.twilio!.requests - before).toBe(1);
    expect((await findIdentity(app.valued.store.db, 'sms', from))?.unreachable_at).not.toBeNull();
  });

  it('a 429 pauses sending for a while and the message still goes, without using up attempts', async () => {
    const from = '+447700900304';
    app.twilio!.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    const started = Date.now();
    await app.sms(from, 'hello');
    const row = await finished(from);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(app.twilio!.bodiesTo(from)).toHaveLength(1);
  });
});

describe('a slow Twilio', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { PROVIDER_TIMEOUT_SECONDS: '1' } });
  });
  afterAll(async () => app?.close());

  it('a send that times out after Twilio took it is found there, not sent again', async () => {
    const from = '+447700900308';
    app.twilio!.failNext({ slowMs: 3000 });
    await app.sms(from, 'hello');
    const row = await waitFor(
      async () => {
        const [r] = await app.outbound('sms', from);
        return r && settled(r) ? r : undefined;
      },
      'the send to settle',
      20_000,
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 2, error: expect.stringMatching(/^network: timeout/) }); // the timed-out try, then the look-up that found it
    expect(app.twilio!.bodiesTo(from)).toHaveLength(1);
    expect(row.provider_id).toBe(app.twilio!.sent.find((m) => m.to === from)!.sid);
    expect(app.twilio!.lists).toBeGreaterThanOrEqual(1);
  });
});

describe("one person's replies keep their order", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  it('a later reply waits while an earlier one is retried', async () => {
    const from = '+447700900305';
    app.twilio!.failNext({ status: 503, code: 20503, message: 'Service unavailable' });
    await app.sms(from, 'hello');
    await waitFor(async () => (await app.outbound('sms', from))[0]?.attempts === 1, 'the first send to fail once');
    await app.sms(from, 'yes');
    await waitFor(() => app.twilio!.bodiesTo(from).length === 2, 'both replies', 20_000);
    const [first, second] = app.twilio!.bodiesTo(from);
    expect(first).toMatch(/Shall we start\?/);
    expect(second).toBe('Thank you. What is your first name? Or reply SKIP.');
  });
});

describe('a message handed to Twilio but never confirmed (the process died)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  async function unconfirmed(to: string, body: string): Promise<string> {
    const db = app.valued.store.db;
    const identity = await transact(app.valued.store, (trx) => findOrCreateIdentity(trx, 'sms', to, Date.now(), ulidIds()));
    const id = ulidIds().next();
    await db
      .insertInto('outbound_messages')
      .values({
        id,
        identity_id: identity.id,
        channel: 'sms',
        address: to,
        purpose: 'normal',
        body,
        reply: null,
        status: 'sending',
        delivery_status: null,
        provider_id: null,
        attempts: 0,
        error: null,
        inbound_id: null,
        created_at: Date.now() - 5000,
        sent_at: null,
        updated_at: Date.now() - 5000,
      })
      .execute();
    return id;
  }
  const delivery = () =>
    createDelivery({
      store: app.valued.store,
      clock: systemClock,
      senders: new Map([['sms', createSmsSender(app.valued.config.twilio!, 'https://x/status')]]),
      log: createLogger('silent'),
      metrics: createMetrics({ defaults: false }),
    });

  it('when Twilio has it, it is recorded as sent, not sent again', async () => {
    const to = '+447700900306';
    const body = 'Thank you. What is your first name? Or reply SKIP.';
    // Twilio took it just before the crash.
    const before = await app.twilio!.takeDirectly(to, body);
    const id = await unconfirmed(to, body);
    expect((await delivery().send('sms', id)).kind).toBe('sent');
    expect(app.twilio!.bodiesTo(to)).toEqual([body]);
    const row = await app.valued.store.db.selectFrom('outbound_messages').select(['status', 'provider_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', provider_id: before.sid });
  });

  it('when Twilio does not have it, it is sent, once', async () => {
    const to = '+447700900307';
    const id = await unconfirmed(to, 'Hello again');
    expect((await delivery().send('sms', id)).kind).toBe('sent');
    expect(app.twilio!.bodiesTo(to)).toEqual(['Hello again']);
  });
});

describe('toSendError: what a Twilio failure means', () => {
  it.each([
    [
      { status: 400, code: 21610, message: 'unsubscribed' },
      { reason: 'opted_out', retryable: false },
    ],
    [
      { status: 400, code: 21211, message: 'invalid To' },
      { reason: 'unreachable', retryable: false },
    ],
    [
      { status: 400, code: 21614, message: 'not a mobile' },
      { reason: 'unreachable', retryable: false },
    ],
    [
      { status: 401, code: 20003, message: 'auth' },
      { reason: 'rejected', retryable: false },
    ],
    [
      { status: 429, code: 20429, message: 'slow down' },
      { reason: 'rate_limited', retryable: true },
    ],
    [
      { status: 500, code: 20500, message: 'oops' },
      { reason: 'provider', retryable: true },
    ],
    [
      { status: 503, message: 'busy' },
      { reason: 'provider', retryable: true },
    ],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { reason: 'network', retryable: true }],
    [Object.assign(new Error('timeout of 15000ms exceeded'), { code: 'ECONNABORTED' }), { reason: 'network', retryable: true }],
  ])('%j is %j', (thrown, expected) => {
    const error = toSendError(thrown);
    expect(error).toBeInstanceOf(SendError);
    expect(error).toMatchObject(expected);
  });
});

describe('a person’s messages behind a backlog, at a slow sending rate', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { TWILIO_MPS: '6' } });
  });
  afterAll(async () => app?.close());

  /** How many times the SMS send queue has run a job. */
  const sendRuns = async () =>
    (await app.valued.metrics.jobDuration.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.queue === 'send-sms')?.value ?? 0;

  it('wait parked behind the earlier one, which is hurried past the backlog: no sends are spent asking again', async () => {
    // Eighteen messages made outside any conversation (as a wave of requests is), three
    // seconds' worth at six a second; the last of them to the person who then writes.
    const person = '+447700900399';
    const others = Array.from({ length: 18 }, (_, i) => `+4477009004${String(i).padStart(2, '0')}`);
    const jobs = await makeMessages(
      app.valued,
      'sms',
      [...others, person].map((to) => ({ to, text: `A request to help ${to}` })),
    );
    const runsBefore = await sendRuns();
    // All of it queued before any goes, so what goes first is a matter of order alone,
    // not of how fast this machine handles the person's messages.
    const sends = app.valued.queues.queue(QUEUE_NAMES.send('sms'));
    await sends.pause();
    try {
      for (const job of jobs) await app.valued.queues.enqueue(job);
      // Two replies to the person, each made after the request and so behind it.
      await app.sms(person, 'hello');
      await app.sms(person, 'yes');
      await waitFor(
        async () => {
          const rows = await app.outbound('sms', person);
          return rows.length === 3 && (await Promise.all(rows.map((m) => sends.getJob(sendJobId(m.id))))).every(Boolean);
        },
        'the three to the person to be queued',
        15_000,
      );
    } finally {
      await sends.resume();
    }
    await waitFor(() => app.twilio!.bodiesTo(person).length === 3, 'all three to the person', 30_000);
    const bodies = app.twilio!.bodiesTo(person);
    expect(bodies[0]).toBe(`A request to help ${person}`);
    expect(bodies[1]).toMatch(/Shall we start\?/);
    expect(bodies[2]).toBe('Thank you. What is your first name? Or reply SKIP.');
    // The request was hurried along: the person's replies did not wait out the backlog.
    const order = app.twilio!.sent.map((m) => m.to);
    expect(order.indexOf(person)).toBeLessThan(12);
    await waitFor(() => others.every((to) => app.twilio!.bodiesTo(to).length === 1), 'the backlog', 30_000);
    // Each message ran once, and each reply at most once more for having been parked:
    // asking again and again would spend the six a second on asking, not sending.
    expect((await sendRuns()) - runsBefore).toBeLessThanOrEqual(21 + 2);
  });
});
