/**
 * A person signs up over WhatsApp through the Twilio adapter: signed webhooks with
 * whatsapp: addresses in, replies out through the real Twilio SDK to the fake Twilio,
 * choices as quick-reply buttons whose presses map back to the choice. Outside the
 * 24-hour window the fake refuses free-form messages with 63016 as Twilio does: a
 * message with an approved template for its kind goes as that template; one without
 * goes to another channel of the same member, or a coordinator is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { PUBLIC_URL, startTestApp, waitFor, waitForQuiet, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import type { SentSms } from '../helpers/fake-twilio.js';
import { pendingOutbound } from '../helpers/rows.js';
import { sendJob } from '../../src/queue/jobs.js';
import { addToOutbox } from '../../src/store/outbox.repository.js';
import { ACCOUNT_SID, OUR_NUMBER, OUR_WHATSAPP, postSigned } from '../helpers/twilio.js';

const ANN = '+447700900301';
const TO_ANN = `whatsapp:${ANN}`;
const COORDINATOR = '+447700900399';
const TEMPLATES = {
  buttons2: `HX${'2'.repeat(32)}`,
  buttons3: `HX${'3'.repeat(32)}`,
  ask: `HX${'a'.repeat(32)}`,
  match: `HX${'b'.repeat(32)}`,
};

describe.each(DIALECTS)('WhatsApp, end to end, on $label', ({ dialect, available }) => {
  let app: TestApp;
  let database: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  beforeAll(async () => {
    if (!available) return;
    database = await createDatabaseUrl(dialect);
    app = await startTestApp({ twilio: true, whatsapp: { templates: TEMPLATES }, databaseUrl: database.url, env: { COORDINATOR_PHONES: COORDINATOR } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const fake = () => app.twilio!;

  /** Waits for message n (0-based) to Ann on WhatsApp. */
  const nth = (n: number) => waitFor(() => fake().sent.filter((m) => m.to === TO_ANN)[n], `WhatsApp message ${n + 1} to Ann`);

  async function says(body: string): Promise<SentSms> {
    const before = fake().sent.filter((m) => m.to === TO_ANN).length;
    const response = await app.whatsapp(ANN, body);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    return nth(before);
  }

  /** Presses the quick-reply button titled `title` under `message`, as WhatsApp reports it. */
  async function presses(message: SentSms, title: string): Promise<SentSms> {
    const variables = message.contentVariables ?? {};
    const at = Object.entries(variables).find(([k, v]) => Number(k) >= 2 && Number(k) % 2 === 0 && v === title)?.[0];
    expect(at, `a button "${title}" in ${JSON.stringify(variables)}`).toBeDefined();
    const payload = variables[String(Number(at) + 1)]!;
    const before = fake().sent.filter((m) => m.to === TO_ANN).length;
    const response = await app.whatsapp(ANN, '', { text: title, payload });
    expect(response.status).toBe(200);
    return nth(before);
  }

  describe.skipIf(!available)('', () => {
    it('completes the need-and-gift conversation with buttons and numbered lines', async () => {
      const hello = await says('Hello');
      // Two choices: quick-reply buttons through the buttons2 Content template.
      expect(hello.contentSid).toBe(TEMPLATES.buttons2);
      expect(hello.contentVariables!['1']).toMatch(/What would help you, and what could you give\?/);
      expect(hello.contentVariables!['1']).not.toMatch(/\n|1 Yes/);
      expect([hello.contentVariables!['2'], hello.contentVariables!['4']]).toEqual(['Yes', 'No']);

      expect((await presses(hello, 'Yes')).body).toMatch(/first name/);
      expect((await says("I'm ann")).body).toMatch(/^Thanks, Ann\. What is your postcode\?/);
      // Many kinds to pick from: numbered lines, as on SMS.
      const needs = await says('sa1 1aa');
      expect(needs.contentSid).toBeUndefined();
      expect(needs.body).toMatch(/^What would help you\?[\s\S]*\n1 Shopping/);
      expect((await says('1 and 3')).body).toMatch(/^And what could you give\? Everyone has something\./);
      const summary = await says('I can teach knitting and share recipes');
      expect(summary.contentSid).toBe(TEMPLATES.buttons2);
      expect(summary.contentVariables!['1']).toMatch(/^Thanks, Ann\. What would help: shopping and a phone chat\..*Is that right\?$/);
      expect((await presses(summary, 'Yes')).body).toMatch(/^Thank you, Ann!/);

      const db = app.valued.store.db;
      const identity = await db.selectFrom('identities').selectAll().where('channel', '=', 'whatsapp').where('address', '=', ANN).executeTakeFirstOrThrow();
      const member = await db.selectFrom('members').selectAll().where('id', '=', identity.member_id).executeTakeFirstOrThrow();
      expect(member).toMatchObject({ first_name: 'Ann', postcode: 'SA1 1AA', status: 'active' });
      expect(member.consented_at).toBeGreaterThan(0);
      const needsSaved = await db.selectFrom('needs').select('category').where('member_id', '=', member.id).orderBy('category').execute();
      expect(needsSaved.map((n) => n.category)).toEqual(['chat', 'shopping']);
      const offers = await db.selectFrom('offers').select(['category', 'words']).where('member_id', '=', member.id).orderBy('category').execute();
      expect(offers).toEqual([
        { category: 'recipes', words: 'share recipes' },
        { category: 'teaching', words: 'teach knitting' },
      ]);
      // A WhatsApp number is its own identity: no SMS identity was made for it.
      expect(await db.selectFrom('identities').select('id').where('channel', '=', 'sms').where('address', '=', ANN).executeTakeFirst()).toBeUndefined();
    });

    it('sends from our WhatsApp sender to whatsapp: addresses, with the status callback', () => {
      const sent = fake().sent.filter((m) => m.to === TO_ANN);
      expect(sent.length).toBeGreaterThanOrEqual(7);
      for (const message of sent) {
        expect(message.from).toBe(OUR_WHATSAPP);
        expect(message.statusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/status`);
      }
      expect(fake().outsideWindow).toBe(0);
    });

    it('records delivery reports for WhatsApp messages', async () => {
      const sid = fake().sent.find((m) => m.to === TO_ANN)!.sid;
      const report = await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', {
        AccountSid: ACCOUNT_SID,
        MessageSid: sid,
        MessageStatus: 'read',
        To: TO_ANN,
        From: OUR_WHATSAPP,
        ApiVersion: '2010-04-01',
      });
      expect(report.status).toBe(204);
      const row = await app.valued.store.db
        .selectFrom('outbound_messages')
        .select(['channel', 'delivery_status'])
        .where('provider_id', '=', sid)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ channel: 'whatsapp', delivery_status: 'read' });
    });

    /** Puts a message of `purpose` to Ann in the outbox and queues it, as the effects do. */
    async function queueToAnn(purpose: string, text: string): Promise<string> {
      const db = app.valued.store.db;
      const identity = await db.selectFrom('identities').selectAll().where('channel', '=', 'whatsapp').where('address', '=', ANN).executeTakeFirstOrThrow();
      const id = `01WA${purpose.toUpperCase().padEnd(8, 'X')}${Date.now()}`;
      const now = Date.now();
      await db
        .insertInto('outbound_messages')
        .values(
          pendingOutbound(
            { id, identity_id: identity.id, channel: 'whatsapp', address: ANN, purpose, body: text, reply: JSON.stringify({ lang: 'en', text }) },
            now,
          ),
        )
        .execute();
      const job = sendJob('whatsapp', id, now, false);
      await addToOutbox(db, {
        id: `${id}O`,
        queue: job.queue,
        job_name: job.name,
        job_id: job.jobId,
        data: JSON.stringify(job.data),
        run_at: job.runAt,
        created_at: now,
        done_at: null,
      });
      await app.valued.queues.enqueue(job);
      return id;
    }

    const statusOf = (id: string) =>
      app.valued.store.db.selectFrom('outbound_messages').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow();

    it('outside the 24-hour window, a match notification goes as its approved template', async () => {
      fake().receivedFrom(TO_ANN, Date.now() - 25 * 60 * 60 * 1000);
      const refusedBefore = fake().outsideWindow;
      const id = await queueToAnn('match', 'Good news: Sam can help with shopping.\nReply to say hello.');
      await waitFor(async () => (await statusOf(id)).status === 'sent', 'the match notification to be sent');
      const last = fake().lastTo(TO_ANN)!;
      expect(last.contentSid).toBe(TEMPLATES.match);
      expect(last.contentVariables).toEqual({ '1': 'Good news: Sam can help with shopping. / Reply to say hello.' });
      expect(last.body).toBe('');
      // The free-form attempt was refused with 63016 first, and the number was not marked unreachable.
      expect(fake().outsideWindow).toBe(refusedBefore + 1);
      const identity = await app.valued.store.db
        .selectFrom('identities')
        .select(['unreachable_at', 'opted_out_at'])
        .where('channel', '=', 'whatsapp')
        .where('address', '=', ANN)
        .executeTakeFirstOrThrow();
      expect(identity).toEqual({ unreachable_at: null, opted_out_at: null });
    });

    it('without a template for its kind, a message goes to a coordinator instead, and the number stays open', async () => {
      fake().receivedFrom(TO_ANN, Date.now() - 25 * 60 * 60 * 1000);
      const id = await queueToAnn('relay', 'From Sam: see you at 3');
      await waitFor(async () => (await statusOf(id)).status === 'failed', 'the relay to fail on WhatsApp');
      expect((await statusOf(id)).error).toMatch(/^outside_window/);
      const alert = await waitFor(
        () =>
          fake()
            .bodiesTo(COORDINATOR)
            .find((b) => /Ann/.test(b)),
        'a coordinator to be told',
      );
      expect(alert).toBe(`valued: we could not send Ann a message on WhatsApp: they last wrote over a day ago. Please get in touch: ${ANN}`);
      expect(alert).not.toMatch(/see you at 3/);
      // The other way it went was recorded with the failure, in the outbox (so a crash cannot lose it), and is done.
      const job = await app.valued.store.db.selectFrom('outbox').select(['queue', 'done_at']).where('job_id', '=', `fallback-${id}`).executeTakeFirstOrThrow();
      expect(job.done_at).not.toBeNull();
      const alerts = await app.valued.store.db.selectFrom('alerts').select(['kind', 'detail']).where('kind', '=', 'unreached').execute();
      expect(alerts).toHaveLength(1);
      // Another within the hour is added to the same alert: the coordinator is not texted again.
      const again = await queueToAnn('relay', 'From Sam: or at 5');
      await waitFor(async () => (await statusOf(again)).status === 'failed', 'the second relay to fail on WhatsApp');
      await waitForQuiet(app, 'the fallback to finish');
      const folded = await app.valued.store.db.selectFrom('alerts').select(['kind', 'detail']).where('kind', '=', 'unreached').execute();
      expect(folded).toHaveLength(1);
      expect(folded[0]!.detail.split(' / ')).toHaveLength(2);
      expect(
        fake()
          .bodiesTo(COORDINATOR)
          .filter((b) => /could not send Ann/.test(b)),
      ).toHaveLength(1);
      const identity = await app.valued.store.db
        .selectFrom('identities')
        .select('unreachable_at')
        .where('channel', '=', 'whatsapp')
        .where('address', '=', ANN)
        .executeTakeFirstOrThrow();
      expect(identity.unreachable_at).toBeNull();
    });

    it('a fallback lost with Redis is queued again from the outbox and runs once', async () => {
      const db = app.valued.store.db;
      const parts = async () =>
        (await db.selectFrom('alerts').select('detail').where('kind', '=', 'unreached').executeTakeFirstOrThrow()).detail.split(' / ').length;
      const before = await parts();
      const timers = app.valued.queues.queue(QUEUE_NAMES.timers);
      await timers.pause();
      let id = '';
      try {
        fake().receivedFrom(TO_ANN, Date.now() - 25 * 60 * 60 * 1000);
        id = await queueToAnn('relay', 'From Sam: or at 6');
        await waitFor(async () => (await statusOf(id)).status === 'failed', 'the relay to fail on WhatsApp');
        const job = await waitFor(() => timers.getJob(`fallback-${id}`), 'the fallback job');
        await job.remove(); // lost, as a Redis without persistence loses it
      } finally {
        await timers.resume();
      }
      await app.valued.reconcile(0);
      await waitFor(
        async () => (await db.selectFrom('outbox').select('done_at').where('job_id', '=', `fallback-${id}`).executeTakeFirstOrThrow()).done_at !== null,
        'the fallback to run',
      );
      await app.valued.reconcile(0); // done: left alone
      await waitForQuiet(app, 'the fallback to finish');
      expect(await parts()).toBe(before + 1);
    });

    it('without a template, a message goes to another channel of the same member when they have one', async () => {
      const db = app.valued.store.db;
      const wa = await db.selectFrom('identities').selectAll().where('channel', '=', 'whatsapp').where('address', '=', ANN).executeTakeFirstOrThrow();
      // Ann also reaches valued by SMS on another number, as the same member.
      const smsNumber = '+447700900302';
      await db
        .insertInto('identities')
        .values({ ...wa, id: `01SMS${Date.now()}`, channel: 'sms', address: smsNumber, created_at: Date.now() })
        .execute();
      fake().receivedFrom(TO_ANN, Date.now() - 25 * 60 * 60 * 1000);
      const id = await queueToAnn('relay', 'From Sam: see you at 4');
      await waitFor(async () => (await statusOf(id)).status === 'failed', 'the relay to fail on WhatsApp');
      expect(await waitFor(() => fake().bodiesTo(smsNumber)[0], 'the relay by SMS')).toBe('From Sam: see you at 4');
      const copy = await db.selectFrom('outbound_messages').select(['channel', 'purpose', 'status']).where('address', '=', smsNumber).executeTakeFirstOrThrow();
      expect(copy).toMatchObject({ channel: 'sms', purpose: 'relay' });
      expect(fake().sent.find((m) => m.to === smsNumber)!.from).toBe(OUR_NUMBER);
    });

    it('a message Twilio took and then reported refused as outside the window (63016) goes again, once, as its template', async () => {
      fake().receivedFrom(TO_ANN); // the fake takes it free-form; the report says otherwise later
      const id = await queueToAnn('match', 'Sam has finished the shopping.');
      await waitFor(async () => (await statusOf(id)).status === 'sent', 'the free-form send');
      const first = fake().lastTo(TO_ANN)!;
      expect(first.contentSid).toBeUndefined();
      const report = (sid: string) =>
        postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/status', {
          AccountSid: ACCOUNT_SID,
          MessageSid: sid,
          MessageStatus: 'failed',
          ErrorCode: '63016',
          To: TO_ANN,
          From: OUR_WHATSAPP,
          ApiVersion: '2010-04-01',
        });
      expect((await report(first.sid)).status).toBe(204);
      expect(await statusOf(id)).toMatchObject({ status: 'pending', error: expect.stringMatching(/^outside_window/) as unknown });
      await app.valued.reconcile(0);
      await waitFor(async () => (await statusOf(id)).status === 'sent', 'the second send');
      const second = fake().lastTo(TO_ANN)!;
      expect(second).toMatchObject({ contentSid: TEMPLATES.match, contentVariables: { '1': 'Sam has finished the shopping.' } });
      // Refused again: recorded as failed, not sent a third time.
      expect((await report(second.sid)).status).toBe(204);
      expect((await report(second.sid)).status).toBe(204);
      const row = await app.valued.store.db
        .selectFrom('outbound_messages')
        .select(['status', 'delivery_status', 'provider_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'sent', delivery_status: 'failed', provider_id: second.sid });
      await app.valued.reconcile(0);
      await waitForQuiet(app, 'the reconciler to find nothing to send');
      expect(fake().sent.filter((m) => m.to === TO_ANN && m.contentVariables?.['1'] === 'Sam has finished the shopping.')).toHaveLength(1);
    });

    it('knowing they last wrote over a day ago, sends the template without trying free-form first', async () => {
      const db = app.valued.store.db;
      const wa = await db.selectFrom('identities').select('id').where('channel', '=', 'whatsapp').where('address', '=', ANN).executeTakeFirstOrThrow();
      await db
        .updateTable('inbound_messages')
        .set({ received_at: Date.now() - 25 * 60 * 60 * 1000 })
        .where('identity_id', '=', wa.id)
        .execute();
      fake().receivedFrom(TO_ANN, Date.now() - 25 * 60 * 60 * 1000);
      const refusedBefore = fake().outsideWindow;
      const id = await queueToAnn('ask', 'Could you help with shopping near SA1? Reply YES 4821 or NO 4821');
      await waitFor(async () => (await statusOf(id)).status === 'sent', 'the request to be sent');
      expect(fake().lastTo(TO_ANN)).toMatchObject({
        contentSid: TEMPLATES.ask,
        contentVariables: { '1': 'Could you help with shopping near SA1? Reply YES 4821 or NO 4821' },
      });
      expect(fake().outsideWindow).toBe(refusedBefore);
    });

    it('a WhatsApp volunteer asked to help a day after they last wrote gets the approved template, and answers on WhatsApp', async () => {
      const WYN = '+447700900311';
      const CARL = '+447700900312';
      const toWyn = `whatsapp:${WYN}`;
      const wynSays = async (text: string, n: number) => {
        expect((await app.whatsapp(WYN, text)).status).toBe(200);
        return waitFor(() => fake().sent.filter((m) => m.to === toWyn)[n], `WhatsApp message ${n + 1} to Wyn`);
      };
      // Wyn offers phone chats, and needs nothing.
      for (const [i, text] of ['hi', 'yes', 'Wyn', 'SA2 9XY', 'nothing', '1', '1'].entries()) await wynSays(text, i);
      expect(fake().textsTo(toWyn).at(-1)).toMatch(/^Thank you, Wyn!|on the list/);
      // A day passes: WhatsApp (the fake) and valued both know it.
      const db = app.valued.store.db;
      const wyn = await db.selectFrom('identities').select('id').where('channel', '=', 'whatsapp').where('address', '=', WYN).executeTakeFirstOrThrow();
      await db
        .updateTable('inbound_messages')
        .set({ received_at: Date.now() - 25 * 60 * 60 * 1000 })
        .where('identity_id', '=', wyn.id)
        .execute();
      fake().receivedFrom(toWyn, Date.now() - 25 * 60 * 60 * 1000);
      // Carl, by SMS, would like a phone chat.
      for (const [i, text] of ['hi', 'yes', 'Carl', 'M1 1AE', '3', 'not now', '1'].entries()) {
        expect((await app.sms(CARL, text)).status).toBe(200);
        await waitFor(() => fake().bodiesTo(CARL)[i], `SMS ${i + 1} to Carl`);
      }
      const ask = await waitFor(
        () => fake().sent.find((m) => m.to === toWyn && m.contentSid === TEMPLATES.ask),
        'the request to Wyn, as the ask template',
        20_000,
      );
      const code = /^Can you help\? A phone chat for someone, by phone\. Reply YES (\d{4}) or NO \1$/.exec(ask.contentVariables!['1']!)?.[1];
      expect(code, ask.contentVariables!['1']).toBeDefined();
      const asked = () =>
        db.selectFrom('outbound_messages').select(['purpose', 'status']).where('identity_id', '=', wyn.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      await waitFor(async () => (await asked()).status === 'sent', 'the request to be recorded as sent');
      expect(await asked()).toEqual({ purpose: 'ask', status: 'sent' });
      // Wyn answers: the window opens again, and the answer comes free-form.
      const before = fake().sent.filter((m) => m.to === toWyn).length;
      const accepted = await wynSays(`YES ${code}`, before);
      expect(accepted.contentSid).toBeUndefined();
      expect(accepted.body).toMatch(/^Thank you! You're helping Carl with a phone chat\./);
      expect(
        await waitFor(
          () =>
            fake()
              .bodiesTo(CARL)
              .find((b) => /^Good news! Wyn can help/.test(b)),
          'Carl to hear',
        ),
      ).toMatch(/^Good news! Wyn can help with a phone chat\./);
    }, 60_000);

    it('the window opens again when they write: free-form replies go as before', async () => {
      const reply = await says('menu');
      expect(reply.contentSid === undefined || reply.contentSid === TEMPLATES.buttons2 || reply.contentSid === TEMPLATES.buttons3).toBe(true);
    });
  });
});
