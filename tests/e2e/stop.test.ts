/**
 * STOP means stop: one goodbye, then nothing at all (not even replies already waiting
 * to go) until START. The check is in the sender, so it holds for every message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { findIdentity } from '../../src/store/members.repository.js';
import { settled, startTestApp, waitFor, waitForQuiet, waitForSent, type TestApp } from '../helpers/app.js';

describe('STOP and START over SMS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  const handled = (from: string, count: number) =>
    waitFor(async () => {
      const identity = await findIdentity(app.valued.store.db, 'sms', from);
      if (!identity) return false;
      const rows = await app.valued.store.db
        .selectFrom('inbound_messages')
        .select('status')
        .where('identity_id', '=', identity.id)
        .where('status', '=', 'handled')
        .execute();
      return rows.length >= count;
    }, `${count} handled message(s) from ${from}`);

  it('after STOP nothing is sent, whatever they text, until START', async () => {
    const from = '+447700900201';
    await app.sms(from, 'hello');
    await waitForSent(app, 'sms', from, 1);
    await app.sms(from, 'STOP');
    const [, goodbye] = await waitForSent(app, 'sms', from, 2);
    expect(goodbye).toBe("You'll get no more messages from valued. Text START if you want to come back. Take care.");

    for (const text of ['hello?', 'HELP', 'MENU', 'no', '1']) await app.sms(from, text);
    await handled(from, 7);
    await waitForQuiet(app, 'any reply to them to be sent or stopped');
    expect(app.twilio!.bodiesTo(from)).toHaveLength(2);
    expect((await app.outbound('sms', from)).map((m) => m.status)).toEqual(['sent', 'sent']);

    await app.sms(from, 'START');
    const texts = await waitForSent(app, 'sms', from, 3);
    expect(texts[2]).toMatch(/^Welcome back to valued\.\nHello, this is valued|^Hello, this is valued/);
  });

  it('a reply already waiting to go when STOP arrives is not sent', async () => {
    const from = '+447700900202';
    const sends = app.valued.queues.queue(QUEUE_NAMES.send('sms'));
    await sends.pause();
    try {
      await app.sms(from, 'hello');
      await handled(from, 1);
      await app.sms(from, 'STOP');
      await handled(from, 2);
    } finally {
      await sends.resume();
    }
    await waitFor(async () => (await app.outbound('sms', from)).every(settled), 'both sends to finish');
    const rows = await app.outbound('sms', from);
    expect(rows.map((m) => [m.purpose, m.status, m.error])).toEqual([
      ['normal', 'cancelled', 'recipient opted out'],
      ['optout_ack', 'sent', null],
    ]);
    expect(app.twilio!.bodiesTo(from)).toEqual(["You'll get no more messages from valued. Text START if you want to come back. Take care."]);
  });

  it('Twilio error 21610 (opted out at the carrier) marks them opted out, is not retried, and START clears it', async () => {
    const from = '+447700900203';
    app.twilio!.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const before = app.twilio!.requests;
    await app.sms(from, 'hello');
    await waitFor(async () => (await app.outbound('sms', from))[0]?.status === 'failed', 'the send to fail');
    expect(app.twilio!.requests - before).toBe(1);
    const identity = await findIdentity(app.valued.store.db, 'sms', from);
    expect(identity?.opted_out_at).not.toBeNull();

    await app.sms(from, 'hello again');
    await handled(from, 2);
    await waitForQuiet(app, 'any reply to them to be sent or stopped');
    expect(app.twilio!.bodiesTo(from)).toEqual([]);

    await app.sms(from, 'START');
    const [first] = await waitForSent(app, 'sms', from, 1);
    expect(first).toMatch(/Shall we start\?/);
  });
});
