/**
 * Long polling against the fake Bot API server: the same pipeline as the webhook,
 * for development and hosts without a public https URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, waitForQuiet, type TestApp } from '../../helpers/app.js';
import { ANN_CHAT, callbackUpdate, textUpdate } from '../../helpers/telegram-updates.js';

describe('Telegram by long polling', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ telegram: 'polling' });
  });
  afterAll(async () => app?.close());

  it('removes any webhook first (getUpdates refuses to run beside one) and does not set one', () => {
    expect(app.telegram!.callsTo('deleteWebhook')).toHaveLength(1);
    expect(app.telegram!.callsTo('setWebhook')).toHaveLength(0);
  });

  it('has no webhook route to post to', async () => {
    expect((await app.update(textUpdate(1, 'hello'))).status).toBe(404);
  });

  it('answers updates it polls, buttons included, confirming each one it has recorded', async () => {
    const tg = app.telegram!;
    const chat = ANN_CHAT + 20;
    tg.pushUpdates(textUpdate(9001, 'hello', chat));
    const welcome = await waitFor(() => tg.lastTo(chat), 'the welcome', 15_000);
    expect(welcome.text).toMatch(/Shall we start\?/);
    tg.pushUpdates(callbackUpdate(9002, 'v1|consent|yes', welcome, chat));
    await waitFor(() => tg.textsTo(chat).length === 2, 'the next question', 15_000);
    expect(tg.textsTo(chat)[1]).toBe('Thank you. What is your first name? Or reply SKIP.');
    // The next poll confirms what was recorded by asking for updates after it.
    await waitFor(() => tg.callsTo('getUpdates').some((c) => c.params.offset === 9003), 'the offset to move past 9002');
    expect(tg.callsTo('getUpdates')[0]!.params).toMatchObject({
      timeout: 25,
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
    });
  });

  it('an update delivered again is recognised and answered once', async () => {
    const tg = app.telegram!;
    const chat = ANN_CHAT + 21;
    const update = textUpdate(9100, 'hello', chat);
    tg.pushUpdates(update, update);
    await waitFor(() => tg.textsTo(chat).length === 1, 'one reply', 15_000);
    // Both copies were read (the next poll asks for updates after them) and all the work is over.
    await waitFor(
      () => tg.callsTo('getUpdates').some((c) => typeof c.params.offset === 'number' && c.params.offset > 9100),
      'the offset to move past 9100',
      15_000,
    );
    await waitForQuiet(app, 'any second reply to be (wrongly) sent');
    expect(tg.textsTo(chat)).toHaveLength(1);
  });
});
