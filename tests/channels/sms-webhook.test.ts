/**
 * The SMS webhook's promises: only Twilio's signed requests get in; a message is
 * recorded once however often it is delivered; one person's messages are handled in
 * the order they arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseSms } from '../../src/channels/sms/webhook.js';
import { PUBLIC_URL, startTestApp, waitFor, waitForSent, type TestApp } from '../helpers/app.js';
import { AUTH_TOKEN, inboundSmsParams, messageSid, postSigned, twilioSignature } from '../helpers/twilio.js';

describe('POST /webhooks/twilio/sms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  const countInbound = async () => Number((await app.valued.store.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  describe('refuses requests not signed by Twilio, storing and sending nothing', () => {
    const from = '+447700900001';
    const params = inboundSmsParams(from, 'hello');
    const path = '/webhooks/twilio/sms';
    const cases: [string, () => Promise<Response>][] = [
      [
        'no signature',
        () => fetch(app.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() }),
      ],
      ['a signature made with another token', () => postSigned(app.url, PUBLIC_URL, path, params, twilioSignature('not-our-token', PUBLIC_URL + path, params))],
      ['a signature for another URL', () => postSigned(app.url, PUBLIC_URL, path, params, twilioSignature(AUTH_TOKEN, 'https://attacker.example' + path, params))],
      ['a tampered body', () => postSigned(app.url, PUBLIC_URL, path, { ...params, Body: 'FORGET ME' }, twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, params))],
      ['a tampered sender', () => postSigned(app.url, PUBLIC_URL, path, { ...params, From: '+447700999999' }, twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, params))],
      ['garbage in the header', () => postSigned(app.url, PUBLIC_URL, path, params, '%%%not-base64%%%')],
    ];
    it.each(cases)('%s: 403', async (_name, send) => {
      const before = await countInbound();
      const response = await send();
      expect(response.status).toBe(403);
      await new Promise((r) => setTimeout(r, 100));
      expect(await countInbound()).toBe(before);
      expect(app.twilio!.requests).toBe(0);
    });

    it('the status callback is guarded the same way', async () => {
      const response = await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', { MessageSid: messageSid(), MessageStatus: 'delivered' }, 'wrong');
      expect(response.status).toBe(403);
    });
  });

  it('a signed request that is not an SMS gets 400 and stores nothing', async () => {
    const before = await countInbound();
    const response = await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/sms', { AccountSid: 'AC1', Body: 'no sender' });
    expect(response.status).toBe(400);
    expect(await countInbound()).toBe(before);
  });

  it('the same MessageSid posted five times at once: one state change, one reply', async () => {
    const from = '+447700900002';
    const sid = messageSid();
    const responses = await Promise.all(Array.from({ length: 5 }, () => app.sms(from, 'hello', sid)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitForSent(app, 'sms', from, 1);
    await new Promise((r) => setTimeout(r, 500)); // room for any duplicate to (wrongly) appear
    const db = app.valued.store.db;
    const rows = await db.selectFrom('inbound_messages').select(['id', 'status']).where('provider_id', '=', sid).execute();
    expect(rows).toEqual([{ id: expect.any(String), status: 'handled' }]);
    const conversation = await db.selectFrom('conversations').innerJoin('identities', 'identities.id', 'conversations.identity_id').select(['version']).where('identities.address', '=', from).executeTakeFirstOrThrow();
    expect(conversation.version).toBe(1);
    expect(app.twilio!.bodiesTo(from)).toHaveLength(1);
  });

  it('two messages from one person posted back to back are handled in order', async () => {
    const from = '+447700900003';
    // "hello" must be read first (it starts the conversation), then "yes" answers the consent question.
    const first = app.sms(from, 'hello');
    const second = app.sms(from, 'yes');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const texts = await waitForSent(app, 'sms', from, 2);
    expect(texts[0]).toMatch(/Shall we start\?/);
    expect(texts[1]).toMatch(/What is your first name\?/);
    const seqs = await app.valued.store.db
      .selectFrom('inbound_messages')
      .innerJoin('identities', 'identities.id', 'inbound_messages.identity_id')
      .select(['inbound_messages.body', 'inbound_messages.seq', 'inbound_messages.handled_at'])
      .where('identities.address', '=', from)
      .orderBy('seq')
      .execute();
    expect(seqs.map((r) => r.body)).toEqual(['hello', 'yes']);
    expect(seqs[0]!.handled_at!).toBeLessThanOrEqual(seqs[1]!.handled_at!);
  });

  it('a picture with no words gets a kind "please type it"', async () => {
    const from = '+447700900004';
    const params = { ...inboundSmsParams(from, ''), NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/1', MediaContentType0: 'image/jpeg' };
    expect((await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/sms', params)).status).toBe(200);
    const [reply] = await waitForSent(app, 'sms', from, 1);
    expect(reply).toBe('Sorry, I can only read typed words. Please type your answer.');
  });

  it('records the words exactly as sent, including emoji and other scripts', async () => {
    const from = '+447700900005';
    const body = 'Helo 👋 مرحبا  ';
    expect((await app.sms(from, body)).status).toBe(200);
    const row = await waitFor(
      () => app.valued.store.db.selectFrom('inbound_messages').innerJoin('identities', 'identities.id', 'inbound_messages.identity_id').select('body').where('identities.address', '=', from).executeTakeFirst(),
      'the message row',
    );
    expect(row.body).toBe(body);
  });
});

describe('normaliseSms', () => {
  it.each([
    [{ MessageSid: 'SM1', From: '+44', Body: 'hi' }, { kind: 'text', text: 'hi' }],
    [{ SmsSid: 'SM1', From: '+44', Body: 'hi' }, { kind: 'text', text: 'hi' }],
    [{ MessageSid: 'SM1', From: '+44', Body: '', NumMedia: '2' }, { kind: 'unsupported', what: 'media' }],
    [{ MessageSid: 'SM1', From: '+44', Body: 'look', NumMedia: '1' }, { kind: 'text', text: 'look' }],
    [{ MessageSid: 'SM1', From: '+44' }, { kind: 'text', text: '' }],
  ])('%j reads as %j', (params, input) => {
    expect(normaliseSms(params)?.input).toEqual(input);
  });

  it('is null without a sender or a message id', () => {
    expect(normaliseSms({ Body: 'x', From: '+44' })).toBeNull();
    expect(normaliseSms({ Body: 'x', MessageSid: 'SM1' })).toBeNull();
  });
});
