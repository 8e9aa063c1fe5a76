/**
 * A person with a basic phone signs up over SMS: signed webhooks in, replies out
 * through the real Twilio SDK to a fake Twilio REST server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import { ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER, postSigned } from '../helpers/twilio.js';
import { PUBLIC_URL } from '../helpers/app.js';

const ANN = '+447700900123';

describe.each(DIALECTS)('SMS onboarding, end to end, on $label', ({ dialect, available }) => {
  let app: TestApp;
  let database: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  beforeAll(async () => {
    if (!available) return;
    database = await createDatabaseUrl(dialect);
    app = await startTestApp({ twilio: true, databaseUrl: database.url });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Texts the bot and waits for exactly one more reply at the fake Twilio. */
  async function text(body: string): Promise<string> {
    const before = app.twilio!.bodiesTo(ANN).length;
    const response = await app.sms(ANN, body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    return waitFor(() => app.twilio!.bodiesTo(ANN)[before], `a reply to "${body}"`);
  }

  describe.skipIf(!available)('', () => {
    it('asks what they need and what they can give, and saves both', async () => {
      expect(await text('Hello')).toMatch(/What would help you, and what could you give\?[\s\S]*1 Yes\n2 No$/);
      expect(await text('yes please')).toMatch(/first name/);
      expect(await text("I'm ann")).toMatch(/^Thanks, Ann\. What is your postcode\?/);
      expect(await text('sa1 1aa')).toMatch(/^What would help you\?[\s\S]*1 Shopping/);
      expect(await text('1 and 3')).toMatch(/^And what could you give\? Everyone has something\./);
      expect(await text('I can teach knitting and share recipes')).toBe(
        'Thanks, Ann. What would help: shopping and a phone chat. What you could give: "teach knitting" and "share recipes". Postcode: SA1 1AA. Is that right?\n1 Yes\n2 Change something',
      );
      expect(await text('1')).toMatch(/^Thank you, Ann! We'll text you when someone can help/);

      const db = app.valued.store.db;
      const member = await db.selectFrom('members').selectAll().where('first_name', '=', 'Ann').executeTakeFirstOrThrow();
      expect(member).toMatchObject({ postcode: 'SA1 1AA', outcode: 'SA1', sector: 'SA1 1', status: 'active' });
      expect(member.consented_at).toBeGreaterThan(0);
      const needs = await db.selectFrom('needs').select(['category', 'status']).where('member_id', '=', member.id).orderBy('category').execute();
      expect(needs).toEqual([
        { category: 'chat', status: 'open' },
        { category: 'shopping', status: 'open' },
      ]);
      const offers = await db.selectFrom('offers').select(['category', 'words']).where('member_id', '=', member.id).orderBy('category').execute();
      expect(offers).toEqual([
        { category: 'recipes', words: 'share recipes' },
        { category: 'teaching', words: 'teach knitting' },
      ]);
    });

    it('sends through the REST Messages resource with our number, credentials and a status callback', () => {
      const sent = app.twilio!.sent.filter((m) => m.to === ANN);
      expect(sent.length).toBeGreaterThanOrEqual(7);
      for (const message of sent) {
        expect(message.from).toBe(OUR_NUMBER);
        expect(message.statusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/status`);
        expect(message.auth).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
      }
    });

    it('keeps every reply plain GSM-7 text within one SMS, the summary in their own words within two', () => {
      for (const body of app.twilio!.bodiesTo(ANN)) {
        expect(body.length).toBeLessThanOrEqual(body.includes('Is that right?') ? 306 : 160);
        expect(body).not.toMatch(/[\u2018\u2019\u201c\u201d\u2013\u2014]/);
      }
    });

    it('moves delivery status forward only', async () => {
      const sid = app.twilio!.sent.find((m) => m.to === ANN)!.sid;
      const report = (status: string) =>
        postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', {
          AccountSid: ACCOUNT_SID,
          MessageSid: sid,
          MessageStatus: status,
          To: ANN,
          From: OUR_NUMBER,
          ApiVersion: '2010-04-01',
        });
      expect((await report('sent')).status).toBe(204);
      expect((await report('delivered')).status).toBe(204);
      expect((await report('sent')).status).toBe(204); // late and out of order
      const row = await app.valued.store.db.selectFrom('outbound_messages').select('delivery_status').where('provider_id', '=', sid).executeTakeFirstOrThrow();
      expect(row.delivery_status).toBe('delivered');
    });

    it('a report that comes before the send is recorded is applied once it is', async () => {
      const eve = '+447700900125';
      expect((await app.sms(eve, 'hello')).status).toBe(200);
      await waitFor(() => app.twilio!.bodiesTo(eve)[0], 'the reply to Eve');
      const sid = app.twilio!.sent.find((m) => m.to === eve)!.sid;
      const db = app.valued.store.db;
      await waitFor(() => db.selectFrom('outbound_messages').select('id').where('provider_id', '=', sid).executeTakeFirst(), 'the send to be recorded');
      // As if Twilio's report overtook our record of the send: the record lands 400 ms later.
      await db.updateTable('outbound_messages').set({ provider_id: null }).where('provider_id', '=', sid).execute();
      const row = await db.selectFrom('outbound_messages').select('id').where('address', '=', eve).executeTakeFirstOrThrow();
      const recordLater = new Promise<void>((done) =>
        setTimeout(
          () =>
            void db
              .updateTable('outbound_messages')
              .set({ provider_id: sid })
              .where('id', '=', row.id)
              .execute()
              .then(() => done()),
          400,
        ),
      );
      const report = await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', {
        AccountSid: ACCOUNT_SID,
        MessageSid: sid,
        MessageStatus: 'delivered',
        To: eve,
        From: OUR_NUMBER,
        ApiVersion: '2010-04-01',
      });
      await recordLater;
      expect(report.status).toBe(204);
      expect((await db.selectFrom('outbound_messages').select('delivery_status').where('id', '=', row.id).executeTakeFirstOrThrow()).delivery_status).toBe(
        'delivered',
      );
    });

    it('a report that the number is dead stops sending to it and tells their conversation, once', async () => {
      const dan = '+447700900124';
      expect((await app.sms(dan, 'hello')).status).toBe(200);
      await waitFor(() => app.twilio!.bodiesTo(dan)[0], 'the reply to Dan');
      const sid = app.twilio!.sent.find((m) => m.to === dan)!.sid;
      const report = () =>
        postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', {
          AccountSid: ACCOUNT_SID,
          MessageSid: sid,
          MessageStatus: 'undelivered',
          ErrorCode: '30005',
          To: dan,
          From: OUR_NUMBER,
          ApiVersion: '2010-04-01',
        });
      expect((await report()).status).toBe(204);
      expect((await report()).status).toBe(204); // Twilio may report again
      const db = app.valued.store.db;
      const identity = await waitFor(
        () =>
          db.selectFrom('identities').select(['id', 'unreachable_at']).where('channel', '=', 'sms').where('unreachable_at', 'is not', null).executeTakeFirst(),
        'the number to be marked unreachable',
      );
      const events = () =>
        db.selectFrom('inbound_messages').select('status').where('identity_id', '=', identity.id).where('provider_id', 'like', 'unreachable-%').execute();
      await waitFor(async () => (await events())[0]?.status === 'handled', 'the event to be handled');
      expect(await events()).toHaveLength(1);
      expect(app.twilio!.bodiesTo(dan)).toHaveLength(1); // nothing said to a dead number
    });
  });
});
