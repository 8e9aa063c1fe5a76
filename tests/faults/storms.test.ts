/**
 * Duplicate storms: providers deliver the same message again and again, at once.
 * Each distinct message is handled once and answered once, on both channels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, waitForQuiet, type TestApp } from '../helpers/app.js';
import { textUpdate } from '../helpers/telegram-updates.js';
import { messageSid } from '../helpers/twilio.js';

const SCRIPT = ['hello', 'yes', 'Noor', 'SA1 1AA'];
const COPIES = 5;

describe('duplicate storms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, telegram: true });
  });
  afterAll(async () => app?.close());

  const handledCount = async (channel: string) =>
    Number(
      (
        await app.valued.store.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', channel)
          .where('status', '=', 'handled')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('SMS: every message sent five times at once, from ten people: each handled and answered once', async () => {
    const people = Array.from({ length: 10 }, (_, i) => `+4477009140${String(i).padStart(2, '0')}`);
    await Promise.all(
      people.map(async (person) => {
        for (const text of SCRIPT) {
          const sid = messageSid();
          const responses = await Promise.all(Array.from({ length: COPIES }, () => app.sms(person, text, sid)));
          expect(responses.every((r) => r.status === 200)).toBe(true);
        }
      }),
    );
    await waitFor(async () => (await handledCount('sms')) === people.length * SCRIPT.length, 'every distinct message handled');
    await waitFor(() => people.every((p) => app.twilio!.bodiesTo(p).length === SCRIPT.length), 'one reply per message');
    await waitForQuiet(app, 'every send to finish');
    for (const p of people) expect(app.twilio!.bodiesTo(p)).toHaveLength(SCRIPT.length);
    const versions = (
      await app.valued.store.db
        .selectFrom('conversations')
        .innerJoin('identities', 'identities.id', 'conversations.identity_id')
        .select('version')
        .where('identities.channel', '=', 'sms')
        .execute()
    ).map((c) => c.version);
    expect(versions).toEqual(people.map(() => SCRIPT.length));
  }, 60_000);

  it('Telegram: every update delivered five times at once, from five chats: each handled and answered once', async () => {
    const chats = Array.from({ length: 5 }, (_, i) => 820000000 + i);
    let updateId = 900000;
    await Promise.all(
      chats.map(async (chat) => {
        for (const text of SCRIPT) {
          const update = textUpdate(++updateId, text, chat);
          const responses = await Promise.all(Array.from({ length: COPIES }, () => app.update(update)));
          expect(responses.every((r) => r.status === 200)).toBe(true);
        }
      }),
    );
    await waitFor(async () => (await handledCount('telegram')) === chats.length * SCRIPT.length, 'every distinct update handled');
    // Telegram pacing is a message a second per chat: four replies take a few seconds.
    await waitFor(() => chats.every((c) => app.telegram!.textsTo(c).length === SCRIPT.length), 'one reply per update', 20_000);
    await waitForQuiet(app, 'every send to finish');
    for (const c of chats) expect(app.telegram!.textsTo(c)).toHaveLength(SCRIPT.length);
  }, 60_000);
});
