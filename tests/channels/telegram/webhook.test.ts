/**
 * Telegram end to end: updates posted to the webhook exactly as Telegram posts them,
 * grammY's outgoing calls observed at a fake Bot API server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/channels/telegram/index.js';
import { findIdentity } from '../../../src/store/members.repository.js';
import { PUBLIC_URL, settled, startTestApp, TELEGRAM_SECRET, waitFor, waitForQuiet, type TestApp } from '../../helpers/app.js';
import { BOT_TOKEN, FakeTelegram } from '../../helpers/fake-telegram.js';
import {
  ANN_CHAT,
  blockedUpdate,
  unblockedUpdate,
  callbackUpdate,
  channelPostUpdate,
  contactUpdate,
  editedUpdate,
  GROUP_CHAT,
  groupUpdate,
  stickerUpdate,
  textUpdate,
} from '../../helpers/telegram-updates.js';

let updateId = 500000;
const nextId = () => ++updateId;

describe('Telegram by webhook', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ telegram: true });
  });
  afterAll(async () => app?.close());

  const tg = () => app.telegram!;
  const countInbound = async () =>
    Number(
      (
        await app.valued.store.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Waits for the next message to a chat after `before` of them, and returns it. */
  const nextMessage = (chat: number, before: number) =>
    waitFor(() => (tg().textsTo(chat).length > before ? tg().lastTo(chat) : undefined), `message ${before + 1} to ${chat}`, 15_000);

  it('on start it sets the webhook with the secret and the update types, and registers the commands', () => {
    const webhook = tg().callsTo('setWebhook')[0]?.params;
    expect(webhook).toEqual({
      url: `${PUBLIC_URL}/webhooks/telegram`,
      secret_token: TELEGRAM_SECRET,
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
    });
    expect(tg().callsTo('setMyCommands')[0]?.params).toEqual({ commands: COMMANDS });
  });

  it('a person signs up with buttons; each press is answered and its keyboard taken away', async () => {
    const chat = ANN_CHAT;
    let sent = 0;
    const press = async (label: string) => {
      const last = tg().lastTo(chat)!;
      const button = last.buttons.flat().find((b) => b.text === label);
      expect(button, `a "${label}" button under "${last.text}"`).toBeDefined();
      const response = await app.update(callbackUpdate(nextId(), button!.callback_data, last, chat));
      expect(response.status).toBe(200);
      return nextMessage(chat, sent++);
    };
    const say = async (text: string) => {
      expect((await app.update(textUpdate(nextId(), text, chat))).status).toBe(200);
      return nextMessage(chat, sent++);
    };

    const welcome = await say('/start');
    expect(welcome.text).toMatch(/What would help you, and what could you give\?/);
    expect(welcome.buttons).toEqual([
      [
        { text: 'Yes', callback_data: 'v1|consent|yes' },
        { text: 'No', callback_data: 'v1|consent|no' },
      ],
    ]);
    expect((await press('Yes')).text).toBe('Thank you. What is your first name? Or reply SKIP.');
    await waitFor(() => tg().callsTo('answerCallbackQuery').length >= 1, 'the button press to be answered');
    const marked = tg()
      .callsTo('editMessageText')
      .find((c) => Number(c.params.chat_id) === chat)!.params;
    expect(marked).toMatchObject({ chat_id: chat, message_id: welcome.message_id, text: `${welcome.text}\n\n\u2713 Yes` });
    expect(marked.reply_markup).toBeUndefined();

    expect((await say('Ann')).text).toMatch(/^Thanks, Ann\. What is your postcode\?/);
    const needs = await say('SA1 1AA');
    expect(needs.text).toBe('What would help you?\nTap the buttons, or tell me in your own words.');
    expect(needs.buttons.flat().map((b) => b.text)).toEqual(['Shopping', 'Medicines', 'A phone chat', 'Dog walking', 'A lift', 'Odd jobs', 'Nothing now']);
    expect((await press('Shopping')).text).toBe('Added shopping. Anything else?\nTap the buttons, or tell me in your own words.');
    expect((await press('A phone chat')).text).toMatch(/^Added a phone chat\. Anything else\?/);
    const offers = await press('That is all');
    expect(offers.text).toMatch(/^And what could you give\? Everyone has something\./);
    const summary = await say('I can teach knitting'); // typed words work too
    expect(summary.text).toBe(
      'Thanks, Ann. What would help: shopping and a phone chat. What you could give: "teach knitting". Postcode: SA1 1AA. Is that right?',
    );
    expect((await press('Yes')).text).toMatch(/^Thank you, Ann! We'll text you when someone can help/);

    const member = await app.valued.store.db.selectFrom('members').selectAll().where('first_name', '=', 'Ann').executeTakeFirstOrThrow();
    expect(member.postcode).toBe('SA1 1AA');
    const needsRows = await app.valued.store.db.selectFrom('needs').select('category').where('member_id', '=', member.id).orderBy('category').execute();
    expect(needsRows.map((n) => n.category)).toEqual(['chat', 'shopping']);
  }, 30_000);

  it('sends at most about one message a second to one chat', async () => {
    const chat = ANN_CHAT + 10;
    // Three messages at once: three replies, which must go a second apart.
    for (const text of ['/start', 'yes', 'Kim']) expect((await app.update(textUpdate(nextId(), text, chat))).status).toBe(200);
    await nextMessage(chat, 2);
    const rows = await waitFor(async () => {
      const all = await app.outbound('telegram', String(chat));
      return all.length === 3 && all.every((m) => m.status === 'sent') ? all : undefined;
    }, 'the three replies to be marked sent');
    // As valued handed them over (its own clock, so exact)...
    const handed = rows.map((m) => m.sent_at!);
    for (let i = 1; i < handed.length; i++) expect(handed[i]! - handed[i - 1]!).toBeGreaterThanOrEqual(1000);
    // ...and as they reached Telegram (a busy machine may delay one request a little).
    const arrived = tg()
      .callsTo('sendMessage')
      .filter((c) => Number(c.params.chat_id) === chat)
      .map((c) => c.at);
    expect(arrived).toHaveLength(3);
    for (let i = 1; i < arrived.length; i++) expect(arrived[i]! - arrived[i - 1]!).toBeGreaterThanOrEqual(750);
  });

  it('a press on an old button is recognised and the current question asked again', async () => {
    const chat = ANN_CHAT + 1;
    await app.update(textUpdate(nextId(), 'hi', chat));
    const welcome = await nextMessage(chat, 0);
    await app.update(callbackUpdate(nextId(), 'v1|consent|yes', welcome, chat));
    await nextMessage(chat, 1);
    await app.update(callbackUpdate(nextId(), 'v1|consent|no', welcome, chat)); // the same old keyboard
    const again = await nextMessage(chat, 2);
    expect(again.text).toBe('That button was for an earlier question.\nWhat is your first name? Or reply SKIP.');
  });

  it('the same update_id delivered three times gives one reply', async () => {
    const chat = ANN_CHAT + 2;
    const update = textUpdate(nextId(), 'hello', chat);
    const responses = await Promise.all([app.update(update), app.update(update), app.update(update)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await nextMessage(chat, 0);
    await waitForQuiet(app, 'any second reply to be (wrongly) sent');
    expect(tg().textsTo(chat)).toHaveLength(1);
    expect(await app.outbound('telegram', String(chat))).toHaveLength(1);
  });

  it.each([
    ['a wrong secret', 'not-the-secret'],
    ['no secret', null],
    ['the secret with a character more', `${TELEGRAM_SECRET}x`],
  ])('%s gets 401 and nothing is stored', async (_name, secret) => {
    const before = await countInbound();
    const response = await app.update(textUpdate(nextId(), 'hello', ANN_CHAT + 3), secret);
    expect(response.status).toBe(401);
    expect(await countInbound()).toBe(before);
  });

  it.each([
    ['no update_id', '{"hello":"there"}'],
    ['an update_id that is not a number', '{"update_id":"7"}'],
    ['a message without its chat', '{"update_id":900001,"message":{"message_id":1,"date":1,"chat":null,"text":"hi"}}'],
    ['a text that is not a string', '{"update_id":900002,"message":{"message_id":1,"date":1,"chat":{"id":55,"type":"private"},"text":{"a":1}}}'],
    ['a chat id that is not a number', '{"update_id":900003,"message":{"message_id":1,"date":1,"chat":{"id":"x y","type":"private"},"text":"hi"}}'],
    ['a list', '[1,2]'],
  ])('a malformed update with the right secret (%s) gets 200, is counted and dropped', async (_name, body) => {
    const before = await countInbound();
    const dropped = async () =>
      Number(/^valued_inbound_dropped_total\{channel="telegram",reason="malformed"\} (\d+)$/m.exec(await (await fetch(`${app.url}/metrics`)).text())?.[1] ?? 0);
    const droppedBefore = await dropped();
    const response = await fetch(`${app.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body,
    });
    expect(response.status).toBe(200);
    expect(await countInbound()).toBe(before);
    expect(await dropped()).toBe(droppedBefore + 1);
  });

  it.each([
    ['a sticker', stickerUpdate, 'Sorry, I can only read typed words. Please type your answer.'],
    ['a shared contact', contactUpdate, "Thank you. We don't keep shared contacts, to keep them private. Please type your answer."],
    [
      'an edited message',
      (id: number, chat: number) => editedUpdate(id, 'yes', chat),
      "I can't see changes to a message once it's sent. Please send it again as a new message.",
    ],
  ])('%s gets a kind answer', async (name, make, expected) => {
    // Someone asked their first question, who answers it with something other than words.
    const chat = ANN_CHAT + 30 + ['a sticker', 'a shared contact', 'an edited message'].indexOf(name);
    await app.update(textUpdate(nextId(), '/start', chat));
    await nextMessage(chat, 0);
    const before = 1;
    const update = make(nextId(), chat);
    expect((await app.update(update)).status).toBe(200);
    expect((await nextMessage(chat, before)).text).toBe(expected);
    if (update.message?.contact) {
      const row = await app.valued.store.db
        .selectFrom('inbound_messages')
        .select(['body', 'input'])
        .where('provider_id', '=', String(update.update_id))
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain('447700900123');
    }
  });

  it('in a group it says it works one to one, stores nothing, and does not repeat itself', async () => {
    const before = await countInbound();
    expect((await app.update(groupUpdate(nextId(), '/start'))).status).toBe(200);
    expect((await app.update(groupUpdate(nextId(), '/help'))).status).toBe(200);
    await waitFor(() => tg().textsTo(GROUP_CHAT).length === 1, 'the group note');
    // Both updates have been answered (200) and handled at once: nothing more is coming.
    await waitForQuiet(app, 'any other work to finish');
    expect(tg().textsTo(GROUP_CHAT)).toEqual(['Hello! I talk with people one to one, to keep things private. Please message me directly: @valued_test_bot.']);
    expect(await countInbound()).toBe(before);
  });

  it('an update type it does not use is acknowledged and dropped', async () => {
    const before = await countInbound();
    expect((await app.update(channelPostUpdate(nextId()))).status).toBe(200);
    expect(await countInbound()).toBe(before);
  });

  it('a 429 with retry_after delays the send and still delivers it', async () => {
    const chat = ANN_CHAT + 4;
    tg().failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const started = Date.now();
    await app.update(textUpdate(nextId(), 'hello', chat));
    const welcome = await nextMessage(chat, 0);
    expect(welcome.text).toMatch(/Shall we start\?/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const row = await waitFor(async () => (await app.outbound('telegram', String(chat))).find(settled), 'the row to be marked');
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('403 "bot was blocked by the user" stops further sends, without retrying, until they write again', async () => {
    const chat = ANN_CHAT + 5;
    tg().failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const calls = () => tg().calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(chat)).length;
    await app.update(textUpdate(nextId(), 'hello', chat));
    await waitFor(async () => (await app.outbound('telegram', String(chat)))[0]?.status === 'failed', 'the send to fail');
    expect(calls()).toBe(1);
    expect((await findIdentity(app.valued.store.db, 'telegram', String(chat)))?.unreachable_at).not.toBeNull();
    // Writing to a bot unblocks it (Telegram's "Restart"): they are answered again.
    await app.update(textUpdate(nextId(), 'yes', chat));
    await waitFor(
      async () => (await app.outbound('telegram', String(chat))).length === 2 && settled((await app.outbound('telegram', String(chat)))[1]!),
      'the second reply to be settled',
    );
    expect((await app.outbound('telegram', String(chat))).map((m) => m.status)).toEqual(['failed', 'sent']);
    expect(calls()).toBe(2);
    expect((await findIdentity(app.valued.store.db, 'telegram', String(chat)))?.unreachable_at).toBeNull();
  });

  it('blocking the bot is noticed from my_chat_member', async () => {
    const chat = ANN_CHAT + 6;
    await app.update(textUpdate(nextId(), 'hello', chat));
    await nextMessage(chat, 0);
    expect((await app.update(blockedUpdate(nextId(), chat))).status).toBe(200);
    const identity = await findIdentity(app.valued.store.db, 'telegram', String(chat));
    expect(identity?.unreachable_at).not.toBeNull();
    // Their conversation hears it (a helper who blocks the bot leaves their match), and says nothing.
    await waitFor(
      async () =>
        (
          await app.valued.store.db
            .selectFrom('inbound_messages')
            .select('status')
            .where('identity_id', '=', identity!.id)
            .where('input', 'like', '%unreachable%')
            .executeTakeFirst()
        )?.status === 'handled',
      'the event to be handled',
    );
    // Unblocked: back in reach.
    expect((await app.update(unblockedUpdate(nextId(), chat))).status).toBe(200);
    await waitFor(async () => (await findIdentity(app.valued.store.db, 'telegram', String(chat)))?.unreachable_at === null, 'the chat to be back in reach');
  });
});

describe('Telegram start-up is best effort', () => {
  it('a failing setMyCommands is retried, and nothing else stops', async () => {
    const fake = await new FakeTelegram().start();
    fake.failNext('setMyCommands', { error_code: 500, description: 'Internal Server Error' });
    const app = await startTestApp({
      env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET },
    });
    try {
      expect(fake.calls.filter((c) => c.method === 'setMyCommands').map((c) => c.failed?.error_code)).toEqual([500, undefined]);
      expect(fake.callsTo('setWebhook')).toHaveLength(1);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      expect((await app.update(textUpdate(nextId(), 'hello', ANN_CHAT + 9))).status).toBe(200);
      await waitFor(() => fake.textsTo(ANN_CHAT + 9).length === 1, 'a reply despite the failed setMyCommands');
    } finally {
      await app.close();
      await fake.stop();
    }
  });

  it('setWebhook refused with 429 is tried again after retry_after', async () => {
    const fake = await new FakeTelegram().start();
    fake.failNext('setWebhook', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const started = Date.now();
    const app = await startTestApp({
      env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET },
    });
    try {
      expect(fake.calls.filter((c) => c.method === 'setWebhook').map((c) => c.failed?.error_code)).toEqual([429, undefined]);
      const [failed, succeeded] = fake.calls.filter((c) => c.method === 'setWebhook');
      expect(succeeded!.at - failed!.at).toBeGreaterThanOrEqual(950);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    } finally {
      await app.close();
      await fake.stop();
    }
  });
});
