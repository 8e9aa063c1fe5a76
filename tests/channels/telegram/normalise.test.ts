import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { normaliseUpdate } from '../../../src/channels/telegram/normalise.js';
import { callbackData, keyboardFor, parseCallbackData, renderTelegram } from '../../../src/channels/telegram/render.js';
import {
  ANN_CHAT,
  blockedUpdate,
  callbackUpdate,
  channelPostUpdate,
  contactUpdate,
  editedUpdate,
  GROUP_CHAT,
  groupUpdate,
  locationUpdate,
  photoUpdate,
  stickerUpdate,
  textUpdate,
  voiceUpdate,
} from '../../helpers/telegram-updates.js';

const chat = String(ANN_CHAT);

describe('normaliseUpdate: private chats become conversation input', () => {
  it.each([
    ['plain text', textUpdate(1, 'hello'), { kind: 'text', text: 'hello' }, 'hello'],
    ['/start', textUpdate(2, '/start'), { kind: 'start' }, '/start'],
    ['/start with a deep-link payload', textUpdate(3, '/start volunteer'), { kind: 'start', payload: 'volunteer' }, '/start volunteer'],
    ['/start@bot', textUpdate(4, '/start@valued_test_bot'), { kind: 'start' }, '/start@valued_test_bot'],
    ['another command, read as its word', textUpdate(5, '/mydata'), { kind: 'text', text: '/mydata' }, '/mydata'],
    ['a location', locationUpdate(6, 51.6214, -3.9436), { kind: 'location', latitude: 51.6214, longitude: -3.9436 }, null],
    ['a shared contact, whose number is not kept', contactUpdate(7), { kind: 'contact' }, null],
    ['a sticker', stickerUpdate(8), { kind: 'unsupported', what: 'sticker' }, null],
    ['a photo', photoUpdate(9), { kind: 'unsupported', what: 'photo' }, null],
    ['a photo with a caption, read as its words', photoUpdate(10, 'my shopping list'), { kind: 'text', text: 'my shopping list' }, 'my shopping list'],
    ['a voice note', voiceUpdate(11), { kind: 'unsupported', what: 'voice' }, null],
    ['an edited message', editedUpdate(12, 'yes'), { kind: 'edited' }, 'yes'],
  ] as [string, Update, unknown, string | null][])('%s', (_name, update, input, body) => {
    const result = normaliseUpdate(update, 'valued_test_bot');
    expect(result.kind).toBe('message');
    if (result.kind !== 'message') return;
    expect(result.envelope).toEqual({ channel: 'telegram', providerId: String(update.update_id), address: chat, body, input, handle: 'ann_example' });
  });

  it('a button press carries the step and choice, and what to acknowledge', () => {
    const message = {
      message_id: 77,
      text: 'Shall we start?',
      buttons: [
        [
          { text: 'Yes', callback_data: 'v1|consent|yes' },
          { text: 'No', callback_data: 'v1|consent|no' },
        ],
      ],
    };
    const result = normaliseUpdate(callbackUpdate(20, 'v1|consent|yes', message));
    expect(result).toEqual({
      kind: 'message',
      envelope: {
        channel: 'telegram',
        providerId: '20',
        address: chat,
        body: 'Yes',
        input: { kind: 'choice', step: 'consent', choice: 'yes' },
        handle: 'ann_example',
      },
      pressed: { callbackQueryId: '4382207700', chatId: ANN_CHAT, messageId: 77, messageText: 'Shall we start?', label: 'Yes' },
    });
  });

  it('a button from another bot or version is read as an unknown choice', () => {
    const result = normaliseUpdate(callbackUpdate(21, 'something-else', { message_id: 1, text: 'x', buttons: [] }));
    expect(result.kind === 'message' && result.envelope.input).toEqual({ kind: 'choice', step: '', choice: 'something-else' });
  });
});

describe('normaliseUpdate: everything else', () => {
  it('a command in a group gets the "one to one" note', () => {
    expect(normaliseUpdate(groupUpdate(30, '/start'))).toEqual({ kind: 'group', chatId: GROUP_CHAT });
  });
  it('a mention of the bot in a group gets the note too', () => {
    expect(normaliseUpdate(groupUpdate(31, 'hi @valued_test_bot can you help?'), 'valued_test_bot')).toEqual({ kind: 'group', chatId: GROUP_CHAT });
  });
  it('other group chatter is left alone', () => {
    expect(normaliseUpdate(groupUpdate(32, 'see you at the shop'))).toMatchObject({ kind: 'ignore' });
  });
  it('blocking the bot is noticed', () => {
    expect(normaliseUpdate(blockedUpdate(33))).toEqual({ kind: 'membership', address: chat, blocked: true });
  });
  it('an update type we do not use is dropped', () => {
    expect(normaliseUpdate(channelPostUpdate(34))).toMatchObject({ kind: 'ignore' });
  });
});

describe('Telegram rendering', () => {
  it('adds a hint to many-choice questions and keeps the rest as written', () => {
    expect(renderTelegram({ lang: 'en', text: 'What would help you?', select: 'many', choices: [{ id: 'a', label: 'A' }] })).toBe(
      'What would help you?\nTap the buttons, or tell me in your own words.',
    );
    expect(renderTelegram({ lang: 'en', text: 'Is that right?', select: 'one' })).toBe('Is that right?');
  });

  it('lays choices out as buttons carrying their step, two to a row when short', () => {
    const keyboard = keyboardFor({
      lang: 'en',
      text: '?',
      step: 'consent',
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
        { id: 'x', label: 'Something long enough' },
      ],
    });
    expect(keyboard).toEqual({
      inline_keyboard: [
        [{ text: 'Yes', callback_data: 'v1|consent|yes' }],
        [{ text: 'No', callback_data: 'v1|consent|no' }],
        [{ text: 'Something long enough', callback_data: 'v1|consent|x' }],
      ],
    });
    const short = keyboardFor({
      lang: 'en',
      text: '?',
      step: 'consent',
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'no', label: 'No' },
      ],
    });
    expect(short?.inline_keyboard).toHaveLength(1);
    expect(keyboardFor({ lang: 'en', text: 'no choices' })).toBeUndefined();
  });

  it('callback data round-trips and stays within 64 bytes', () => {
    expect(parseCallbackData(callbackData('coordinator', 'phonehelp'))).toEqual({ step: 'coordinator', choice: 'phonehelp' });
    expect(Buffer.byteLength(callbackData('coordinator', 'x'.repeat(100)))).toBeLessThanOrEqual(64);
    expect(parseCallbackData('v2|a|b')).toBeNull();
  });
});
