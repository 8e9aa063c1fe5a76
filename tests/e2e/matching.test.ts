/**
 * Matching end to end, on the real stack: an SMS member asks for shopping, a Telegram
 * volunteer nearby is asked, accepts with a button, the two talk through the bot
 * without ever seeing each other's number or handle, and the follow-up comes. And a
 * member who offered phone chats is matched with another member who would like one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import { callbackUpdate, textUpdate } from '../helpers/telegram-updates.js';

const SAM_CHAT = 810000001; // a volunteer on Telegram
const ANN = '+447700900701'; // a member on SMS
const BEA = '+447700900702'; // offers phone chats
const CARL = '+447700900703'; // would like a phone chat
const COORDINATOR = '+447700900799';

describe.each(DIALECTS)('matching end to end on $label', ({ dialect, available }) => {
  let app: TestApp;
  let database: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  let updateId = 700000;
  beforeAll(async () => {
    if (!available) return;
    database = await createDatabaseUrl(dialect);
    app = await startTestApp({
      twilio: true,
      telegram: true,
      databaseUrl: database.url,
      env: { FOLLOW_UP_DELAY_SECONDS: '5', MATCH_WAVE_DELAY_SECONDS: '60', COORDINATOR_PHONES: COORDINATOR },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const tg = () => app.telegram!;
  const sms = () => app.twilio!;

  /** Telegram: waits for message n (0-based) to a chat. */
  const telegramMessage = (chat: number, n: number) =>
    waitFor(() => (tg().textsTo(chat).length > n ? tg().lastTo(chat) : undefined), `Telegram message ${n + 1} to ${chat}`, 20_000);
  const smsMessage = (to: string, n: number) => waitFor(() => sms().bodiesTo(to)[n], `SMS ${n + 1} to ${to}`, 20_000);
  const smsMatching = (to: string, pattern: RegExp) =>
    waitFor(
      () =>
        sms()
          .bodiesTo(to)
          .find((b) => pattern.test(b)),
      `an SMS to ${to} matching ${pattern}`,
      20_000,
    );

  async function samSays(text: string, expect: number) {
    await app.update(textUpdate(++updateId, text, SAM_CHAT));
    return telegramMessage(SAM_CHAT, expect);
  }
  async function samPresses(label: string, expectNext: number) {
    const last = tg().lastTo(SAM_CHAT)!;
    const button = last.buttons.flat().find((b) => b.text === label);
    expect(button, `"${label}" under "${last.text}"`).toBeDefined();
    await app.update(callbackUpdate(++updateId, button!.callback_data, last, SAM_CHAT));
    return telegramMessage(SAM_CHAT, expectNext);
  }
  async function smsFrom(from: string, text: string, expect: number) {
    expect_ok(await app.sms(from, text));
    return smsMessage(from, expect);
  }
  function expect_ok(response: Response) {
    expect(response.status).toBe(200);
  }

  // Each story is one test, told in steps that depend on one another: each test
  // stands alone (its own people, who meet no one from the other story).
  describe.skipIf(!available)('', () => {
    it('an SMS member and a Telegram volunteer are matched, talk through the bot, and the follow-up comes', async () => {
      // Step: a Telegram volunteer signs up: what, how far, when, and the safety line.
      expect((await samSays('/start volunteer', 0)).text).toMatch(/Thank you for wanting to help!/);
      expect((await samPresses('Yes', 1)).text).toMatch(/first name/);
      expect((await samSays('Sam', 2)).text).toMatch(/postcode/);
      expect((await samSays('SA1 1AB', 3)).text).toMatch(/^Thank you! What could you help with\?/);
      expect((await samPresses('Shopping', 4)).text).toMatch(/^Added shopping\. Anything else\?/);
      expect((await samPresses('That is all', 5)).text).toBe('How far could you go to help in person?');
      expect((await samPresses('Up to 3 miles', 6)).text).toMatch(/^When are you usually free\?/);
      expect((await samPresses('Any time', 7)).text).toMatch(/coordinator may check with you first/);
      const done = await samPresses('Yes', 8);
      expect(done.text).toMatch(/^You're on the list, thank you! .* Your volunteer code is [2-9A-Z]{6}\. PAUSE for a break\.$/);
      const sam = await app.valued.store.db.selectFrom('members').selectAll().where('first_name', '=', 'Sam').executeTakeFirstOrThrow();
      expect(sam).toMatchObject({ travel_km: 4.8, availability: 'any', outcode: 'SA1' });
      expect(sam.volunteer_at).not.toBeNull();

      // Step: an SMS member asks for shopping; the volunteer nearby is asked, with buttons.
      await smsFrom(ANN, 'hello', 0);
      await smsFrom(ANN, 'yes', 1);
      await smsFrom(ANN, 'Ann', 2);
      await smsFrom(ANN, 'SA1 1AA', 3);
      await smsFrom(ANN, '1', 4); // shopping
      await smsFrom(ANN, 'not now', 5);
      expect(await smsFrom(ANN, '1', 6)).toMatch(/^Thank you, Ann!/);
      const ask = await telegramMessage(SAM_CHAT, 9);
      expect(ask.text).toMatch(/^Can you help\? Shopping for someone near SA1\. Reply YES (\d{4}) or NO \1$/);
      expect(ask.buttons.flat().map((b) => b.text)).toEqual(['Yes, I can help', 'Not this time']);
      expect(ask.text).not.toContain(ANN);

      // Step: the volunteer accepts with a button; both are told, first names only.
      const accepted = await samPresses('Yes, I can help', 10);
      expect(accepted.text).toMatch(/^Thank you! You're helping Ann with shopping\./);
      const found = await smsMessage(ANN, 7);
      expect(found).toMatch(/^Good news! Sam can help with shopping\./);
      const annsMatch = () =>
        app.valued.store.db
          .selectFrom('matches')
          .innerJoin('members', 'members.id', 'matches.requester_id')
          .selectAll('matches')
          .where('members.first_name', '=', 'Ann')
          .executeTakeFirstOrThrow();
      expect((await annsMatch()).status).toBe('active');

      // Step: messages pass through the bot, prefixed with a first name, with no number or handle.
      await app.sms(ANN, 'Thank you so much. Could you come at 3?');
      const relayed = await telegramMessage(SAM_CHAT, 11);
      expect(relayed.text).toBe('Ann: Thank you so much. Could you come at 3?');
      await app.update(textUpdate(++updateId, 'Yes, see you at 3', SAM_CHAT));
      expect(await smsMatching(ANN, /^Sam: /)).toBe('Sam: Yes, see you at 3');
      for (const text of [...tg().textsTo(SAM_CHAT), ...sms().bodiesTo(ANN)]) {
        expect(text).not.toContain('447700900701');
        expect(text).not.toContain(String(SAM_CHAT));
        expect(text).not.toMatch(/@ann_example/);
      }

      // Step: the follow-up arrives; "yes" thanks the volunteer, and invites the member to give back.
      expect(await smsMatching(ANN, /^Did Sam/)).toBe('Did Sam help with shopping?\n1 Yes\n2 Not yet\n3 There was a problem');
      await app.sms(ANN, '1');
      const thanks = await smsMatching(ANN, /^That's good to hear/);
      expect(thanks).toBe(
        "That's good to hear. Thank you for telling us.\nWould you like to thank Sam? Send your message now and we'll pass it on. Or reply SKIP.",
      );
      await app.sms(ANN, 'Thank you Sam, you were a star');
      expect(await smsMatching(ANN, /^Thank you\. We've passed/)).toBe(
        "Thank you. We've passed your message to Sam.\nPeople who have been helped often like to help too, even with a phone chat. If you'd like to, text VOLUNTEER.",
      );
      expect(
        await waitFor(
          () =>
            tg()
              .textsTo(SAM_CHAT)
              .find((t) => t.startsWith('Ann says')),
          'the thanks at Sam',
          20_000,
        ),
      ).toBe('Ann says: Thank you Sam, you were a star');
      expect(tg().textsTo(SAM_CHAT)).toContain('Good news: Ann says your help with shopping made a difference. Thank you!');
      const match = await annsMatch();
      expect(match).toMatchObject({ status: 'done', outcome: 'helped' });
      const need = await app.valued.store.db.selectFrom('needs').select('status').where('id', '=', match.need_id).executeTakeFirstOrThrow();
      expect(need.status).toBe('met');
    }, 150_000);

    it("a member's phone-chat offer meets another member's need; a helper no longer reachable leaves the match", async () => {
      // Step: a member's phone-chat offer is matched with another member's need for a chat.
      // Bea signs up offering phone chats and needing nothing.
      for (const [i, text] of ['hi', 'yes', 'Bea', 'SA2 9XY', 'nothing', '1', '1'].entries()) await smsFrom(BEA, text, i);
      // Carl, far away, would like a phone chat.
      for (const [i, text] of ['hi', 'yes', 'Carl', 'M1 1AE', '3', 'not now', '1'].entries()) await smsFrom(CARL, text, i);
      const ask = await smsMessage(BEA, 7);
      const code = /^Can you help\? A phone chat for someone, by phone\. Reply YES (\d{4}) or NO \1$/.exec(ask)?.[1];
      expect(code, ask).toBeDefined();
      expect(await smsFrom(BEA, `YES ${code}`, 8)).toMatch(/^Thank you! You're helping Carl with a phone chat\./);
      expect(await smsMessage(CARL, 7)).toMatch(/^Good news! Bea can help with a phone chat\./);

      // Step: a helper whose phone can no longer be reached leaves the match: the person is told, and someone else is looked for.
      // The carrier refuses the next message to Bea for good (Twilio 30005: unknown handset).
      sms().failNext({ status: 400, code: 30005, message: 'Unknown destination handset' });
      expect_ok(await app.sms(CARL, 'Hello Bea, is Tuesday good for a chat?'));
      expect(await smsMatching(CARL, /can no longer help/)).toBe("Your helper with a phone chat can no longer help, sorry. We're looking for someone else.");
      const db = app.valued.store.db;
      const unreachable = () => db.selectFrom('identities').select('id').where('unreachable_at', 'is not', null).execute();
      const carlNeed = await db
        .selectFrom('needs')
        .innerJoin('matches', 'matches.need_id', 'needs.id')
        .select(['needs.status as need', 'matches.status as match'])
        .where('needs.category', '=', 'chat')
        .execute();
      expect(carlNeed).toEqual([{ need: 'open', match: 'closed' }]);
      expect(await unreachable()).toHaveLength(1); // Bea's number
      // Bea writes again from that phone: it works after all, and she is answered.
      const before = sms().bodiesTo(BEA).length;
      expect_ok(await app.sms(BEA, 'help'));
      await smsMessage(BEA, before);
      expect(await unreachable()).toEqual([]);
    }, 120_000);
  });
});
