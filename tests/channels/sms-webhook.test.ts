/**
 * The SMS webhook's promises: only Twilio's signed requests get in; a message is
 * recorded once however often it is delivered; one person's messages are handled in
 * the order they arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInboundSms } from '../../src/channels/sms/webhook.js';
import { PUBLIC_URL, startTestApp, waitFor, waitForQuiet, waitForSent, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import { ACCOUNT_SID, AUTH_TOKEN, inboundSmsParams, messageSid, OUR_NUMBER, postSigned, twilioSignature } from '../helpers/twilio.js';

describe('POST /webhooks/twilio/sms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  const countInbound = async () =>
    Number(
      (
        await app.valued.store.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('refuses requests not signed by Twilio, storing and sending nothing', () => {
    const from = '+447700900001';
    const params = inboundSmsParams(from, 'hello');
    const path = '/webhooks/twilio/sms';
    const cases: [string, () => Promise<Response>][] = [
      [
        'no signature',
        () =>
          fetch(app.url + path, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(params).toString(),
          }),
      ],
      ['a signature made with another token', () => postSigned(app.url, PUBLIC_URL, path, params, twilioSignature('not-our-token', PUBLIC_URL + path, params))],
      [
        'a signature for another URL',
        () => postSigned(app.url, PUBLIC_URL, path, params, twilioSignature(AUTH_TOKEN, 'https://attacker.example' + path, params)),
      ],
      [
        'a tampered body',
        () => postSigned(app.url, PUBLIC_URL, path, { ...params, Body: 'FORGET ME' }, twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, params)),
      ],
      [
        'a tampered sender',
        () => postSigned(app.url, PUBLIC_URL, path, { ...params, From: '+447700999999' }, twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, params)),
      ],
      ['garbage in the header', () => postSigned(app.url, PUBLIC_URL, path, params, '%%%not-base64%%%')],
    ];
    it.each(cases)('%s: 403', async (_name, send) => {
      const before = await countInbound();
      const response = await send();
      expect(response.status).toBe(403);
      // Refused before anything is stored: the count is final once the answer is in.
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

  it('a signed request replayed with a field boundary moved is refused: a STOP cannot be replayed after START', async () => {
    const from = '+447700900009';
    const sid = messageSid();
    const service = `MG${'7'.repeat(32)}`;
    const stop = { ...inboundSmsParams(from, 'STOP', sid), MessagingServiceSid: service };
    const path = '/webhooks/twilio/sms';
    const signature = twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, stop);
    expect((await postSigned(app.url, PUBLIC_URL, path, stop, signature)).status).toBe(200);
    await waitFor(() => app.twilio!.bodiesTo(from).length === 1, 'the answer to STOP');
    expect((await app.sms(from, 'START')).status).toBe(200);
    await waitFor(() => app.twilio!.bodiesTo(from).length === 2, 'the answer to START');
    // The same signed string: MessageSid now swallows the next name and value, which is dropped.
    const { MessagingServiceSid: _dropped, ...rest } = stop;
    const spliced = { ...rest, MessageSid: `${sid}MessagingServiceSid${service}` };
    expect(twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, spliced)).toBe(signature);
    const before = await countInbound();
    const replay = await postSigned(app.url, PUBLIC_URL, path, spliced, signature);
    expect(replay.status).toBe(400);
    expect(await countInbound()).toBe(before);
    const identity = await app.valued.store.db.selectFrom('identities').select('opted_out_at').where('address', '=', from).executeTakeFirstOrThrow();
    expect(identity.opted_out_at).toBeNull();
  });

  it('takes only forms: a JSON body with a valid signature over the same fields is refused', async () => {
    const params = inboundSmsParams('+447700900010', 'hello');
    const path = '/webhooks/twilio/sms';
    const before = await countInbound();
    const response = await fetch(app.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': twilioSignature(AUTH_TOKEN, PUBLIC_URL + path, params) },
      body: JSON.stringify(params),
    });
    expect(response.status).toBe(415);
    expect(await countInbound()).toBe(before);
  });

  it('a signed delivery report that is not well formed gets 400', async () => {
    const report = { AccountSid: ACCOUNT_SID, MessageSid: `${messageSid()}x`, MessageStatus: 'delivered' };
    expect((await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', report)).status).toBe(400);
    expect((await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', { ...report, MessageSid: messageSid(), MessageStatus: 'exploded' })).status).toBe(
      400,
    );
    expect((await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', { ...report, MessageSid: messageSid() })).status).toBe(204);
  });

  it('the same MessageSid posted five times at once: one state change, one reply', async () => {
    const from = '+447700900002';
    const sid = messageSid();
    const responses = await Promise.all(Array.from({ length: 5 }, () => app.sms(from, 'hello', sid)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await waitForSent(app, 'sms', from, 1);
    await waitForQuiet(app, 'any duplicate to (wrongly) be handled and answered');
    const db = app.valued.store.db;
    const rows = await db.selectFrom('inbound_messages').select(['id', 'status']).where('provider_id', '=', sid).execute();
    expect(rows).toEqual([{ id: expect.any(String), status: 'handled' }]);
    const conversation = await db
      .selectFrom('conversations')
      .innerJoin('identities', 'identities.id', 'conversations.identity_id')
      .select(['version'])
      .where('identities.address', '=', from)
      .executeTakeFirstOrThrow();
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
      () =>
        app.valued.store.db
          .selectFrom('inbound_messages')
          .innerJoin('identities', 'identities.id', 'inbound_messages.identity_id')
          .select('body')
          .where('identities.address', '=', from)
          .executeTakeFirst(),
      'the message row',
    );
    expect(row.body).toBe(body);
  });
});

describe('readInboundSms', () => {
  const sid = `SM${'0123456789abcdef'.repeat(2)}`;
  const base = { MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT_SID, From: '+447700900123', To: OUR_NUMBER, Body: 'hi', NumMedia: '0' };
  const read = (params: Record<string, unknown>) => readInboundSms(params, ACCOUNT_SID);

  it.each([
    [{ ...base }, { kind: 'text', text: 'hi' }],
    [
      { ...base, Body: '', NumMedia: '2' },
      { kind: 'unsupported', what: 'media' },
    ],
    [
      { ...base, Body: 'look', NumMedia: '1' },
      { kind: 'text', text: 'look' },
    ],
    [
      { ...base, Body: undefined },
      { kind: 'text', text: '' },
    ],
    [
      { ...base, MessageSid: `MM${'a'.repeat(32)}`, SmsSid: `MM${'a'.repeat(32)}`, SmsMessageSid: undefined },
      { kind: 'text', text: 'hi' },
    ],
    [
      { ...base, From: 'whatsapp:+447700900123', To: `whatsapp:${OUR_NUMBER}` },
      { kind: 'text', text: 'hi' },
    ],
    [
      { ...base, MessagingServiceSid: `MG${'b'.repeat(32)}` },
      { kind: 'text', text: 'hi' },
    ],
  ])('%j reads as %j', (params, input) => {
    const result = read(params);
    expect('message' in result && result.message.input).toEqual(input);
  });

  it.each([
    ['no MessageSid', { ...base, MessageSid: undefined }, /MessageSid/],
    ['a MessageSid with a field run into it', { ...base, MessageSid: `${sid}MessagingServiceSidMG${'b'.repeat(32)}` }, /MessageSid/],
    ['a MessageSid in capitals', { ...base, MessageSid: sid.toUpperCase(), SmsSid: undefined, SmsMessageSid: undefined }, /MessageSid/],
    ['an SmsSid that differs', { ...base, SmsSid: `SM${'f'.repeat(32)}` }, /SmsSid/],
    ['another account', { ...base, AccountSid: `AC${'f'.repeat(32)}` }, /AccountSid/],
    ['no account', { ...base, AccountSid: undefined }, /AccountSid/],
    ['a sender that is not a number', { ...base, From: '+447700900123Bodyhi' }, /From/],
    ['no To', { ...base, To: undefined }, /To/],
    ['a field given twice', { ...base, Body: ['STOP', 'START'] }, /Body must be given once/],
    ['a MessagingServiceSid with a field run into it', { ...base, MessagingServiceSid: `MG${'b'.repeat(32)}NumMedia0` }, /MessagingServiceSid/],
    ['NumMedia not a number', { ...base, NumMedia: '0NumSegments1' }, /NumMedia/],
  ])('%s is refused', (_name, params, why) => {
    const result = read(params);
    expect('error' in result && result.error).toMatch(why);
  });
});

describe.each(DIALECTS)('a NUL character in a message, on $label', ({ dialect, available }) => {
  it.skipIf(!available)('is dropped: the message is recorded and answered, never a 500', async () => {
    const db = await createDatabaseUrl(dialect);
    const app = await startTestApp({ twilio: true, databaseUrl: db.url });
    try {
      const from = '+447700900011';
      expect((await app.sms(from, 'hel\u0000lo')).status).toBe(200);
      await waitFor(() => app.twilio!.bodiesTo(from).length === 1, 'an answer');
      expect((await app.simulate('Nul', 'hi\u0000 there')).status).toBe(202);
      await waitForSent(app, 'simulator', 'Nul', 1);
      const bodies = (await app.valued.store.db.selectFrom('inbound_messages').select('body').orderBy('received_at').execute()).map((r) => r.body);
      expect(bodies).toEqual(['hello', 'hi there']);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
