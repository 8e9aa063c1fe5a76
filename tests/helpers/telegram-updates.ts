/**
 * Updates shaped exactly as the Bot API sends them (field for field, as recorded from
 * api.telegram.org), for a person Ann in a private chat unless said otherwise.
 */
import type { Update } from 'grammy/types';

export const ANN_CHAT = 700000001;
const ann = (id = ANN_CHAT) => ({ id, is_bot: false, first_name: 'Ann', username: 'ann_example', language_code: 'en-GB' });
const privateChat = (id = ANN_CHAT) => ({ id, first_name: 'Ann', username: 'ann_example', type: 'private' as const });
const date = () => Math.floor(Date.now() / 1000);
let messageId = 1;

export function textUpdate(updateId: number, text: string, chatId = ANN_CHAT): Update {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: ann(chatId),
      chat: privateChat(chatId),
      date: date(),
      text,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' as const }] } : {}),
    },
  };
}

export function callbackUpdate(
  updateId: number,
  data: string,
  message: { message_id: number; text: string; buttons: { text: string; callback_data: string }[][] },
  chatId = ANN_CHAT,
): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `4382${updateId}7700`,
      from: ann(chatId),
      message: {
        message_id: message.message_id,
        from: { id: 123456789, is_bot: true, first_name: 'valued', username: 'valued_test_bot' },
        chat: privateChat(chatId),
        date: date(),
        text: message.text,
        reply_markup: { inline_keyboard: message.buttons },
      },
      chat_instance: '-3844592851249016729',
      data,
    },
  };
}

export function locationUpdate(updateId: number, latitude: number, longitude: number): Update {
  return { update_id: updateId, message: { message_id: messageId++, from: ann(), chat: privateChat(), date: date(), location: { latitude, longitude } } };
}

export function contactUpdate(updateId: number, chatId = ANN_CHAT): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: ann(chatId),
      chat: privateChat(chatId),
      date: date(),
      contact: { phone_number: '447700900123', first_name: 'Ann', user_id: ANN_CHAT },
    },
  };
}

export function stickerUpdate(updateId: number, chatId = ANN_CHAT): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: ann(chatId),
      chat: privateChat(chatId),
      date: date(),
      sticker: {
        width: 512,
        height: 512,
        emoji: '\u{1F44D}',
        set_name: 'HotCherry',
        is_animated: true,
        is_video: false,
        type: 'regular',
        thumbnail: { file_id: 'AAMC', file_unique_id: 'AQAD', file_size: 4242, width: 128, height: 128 },
        file_id: 'CAACAgIAAxkBAAI',
        file_unique_id: 'AgADBQADwDZPEw',
        file_size: 23412,
      },
    },
  };
}

export function photoUpdate(updateId: number, caption?: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: ann(),
      chat: privateChat(),
      date: date(),
      photo: [{ file_id: 'AgACAgQAAxkBAAI', file_unique_id: 'AQADo7', file_size: 1203, width: 90, height: 67 }],
      ...(caption ? { caption } : {}),
    },
  };
}

export function voiceUpdate(updateId: number): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: ann(),
      chat: privateChat(),
      date: date(),
      voice: { duration: 3, mime_type: 'audio/ogg', file_id: 'AwACAgQAAxkBAAI', file_unique_id: 'AgADuA', file_size: 9127 },
    },
  };
}

export function editedUpdate(updateId: number, text: string, chatId = ANN_CHAT): Update {
  return { update_id: updateId, edited_message: { message_id: 1, from: ann(chatId), chat: privateChat(chatId), date: date() - 60, edit_date: date(), text } };
}

export const GROUP_CHAT = -1001234567890;
export function groupUpdate(updateId: number, text: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: messageId++,
      from: ann(),
      chat: { id: GROUP_CHAT, title: 'Riverside Street', type: 'supergroup' },
      date: date(),
      text,
      ...(text.startsWith('/') ? { entities: [{ offset: 0, length: text.split(' ')[0]!.length, type: 'bot_command' as const }] } : {}),
    },
  };
}

export function blockedUpdate(updateId: number, chatId = ANN_CHAT): Update {
  return {
    update_id: updateId,
    my_chat_member: {
      chat: privateChat(chatId),
      from: ann(chatId),
      date: date(),
      old_chat_member: { user: { id: 123456789, is_bot: true, first_name: 'valued', username: 'valued_test_bot' }, status: 'member' },
      new_chat_member: { user: { id: 123456789, is_bot: true, first_name: 'valued', username: 'valued_test_bot' }, status: 'kicked', until_date: 0 },
    },
  };
}

/** The same person unblocking the bot again. */
export function unblockedUpdate(updateId: number, chatId = ANN_CHAT): Update {
  const blocked = blockedUpdate(updateId, chatId);
  const change = blocked.my_chat_member!;
  return {
    update_id: updateId,
    my_chat_member: { ...change, old_chat_member: change.new_chat_member, new_chat_member: { user: change.new_chat_member.user, status: 'member' } },
  };
}

/** An update type valued does not ask for (a channel post). */
export function channelPostUpdate(updateId: number): Update {
  return {
    update_id: updateId,
    channel_post: {
      message_id: 5,
      sender_chat: { id: -1009876543210, title: 'News', type: 'channel' },
      chat: { id: -1009876543210, title: 'News', type: 'channel' },
      date: date(),
      text: 'Hello channel',
    },
  };
}
