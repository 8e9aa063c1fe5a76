/**
 * Turning a Telegram update into what valued understands. Pure: no API calls here.
 * The bot talks with people in private chats; in groups it only says so.
 */
import type { Message, Update } from 'grammy/types';
import type { ConversationInput } from '../../conversation/input.js';
import type { InboundEnvelope } from '../channel.js';
import { parseCallbackData } from './render.js';

/** A button press to acknowledge once recorded: stop the spinner, mark the choice. */
export interface PressedButton {
  callbackQueryId: string;
  chatId: number;
  messageId: number | null;
  /** The text of the message the button was under, to mark the choice beneath it. */
  messageText: string | null;
  label: string | null;
}

export type NormalisedUpdate =
  /** Something a person said or did in a private chat, for the conversation. */
  | { kind: 'message'; envelope: InboundEnvelope; pressed?: PressedButton }
  /** Someone spoke to the bot in a group: it answers there that it works one to one. */
  | { kind: 'group'; chatId: number }
  /** The person blocked the bot (or unblocked it). */
  | { kind: 'membership'; address: string; blocked: boolean }
  /** Nothing for us: acknowledged and dropped. */
  | { kind: 'ignore'; reason: string };

/** The update types we ask Telegram for (setWebhook / getUpdates allowed_updates). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

const MEDIA_KINDS = ['sticker', 'photo', 'voice', 'video', 'video_note', 'audio', 'document', 'animation', 'poll', 'dice', 'venue', 'game', 'story'] as const;

function envelope(update: Update, chatId: number, body: string | null, input: ConversationInput): InboundEnvelope {
  const from = update.message?.from ?? update.edited_message?.from ?? update.callback_query?.from;
  return { channel: 'telegram', providerId: String(update.update_id), address: String(chatId), body, input, handle: from?.username ?? null };
}

/** Reads a private message: text, a command, a caption, a location, a contact, or media we cannot read. */
function privateMessage(update: Update, message: Message): NormalisedUpdate {
  const chatId = message.chat.id;
  const text = message.text ?? message.caption;
  if (message.text !== undefined) {
    const start = /^\/start(?:@\w+)?(?:\s+(.*))?$/s.exec(message.text.trim());
    if (start) {
      const payload = start[1]?.trim();
      return { kind: 'message', envelope: envelope(update, chatId, message.text, payload ? { kind: 'start', payload } : { kind: 'start' }) };
    }
    return { kind: 'message', envelope: envelope(update, chatId, message.text, { kind: 'text', text: message.text }) };
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    return { kind: 'message', envelope: envelope(update, chatId, null, { kind: 'location', latitude, longitude }) };
  }
  // A shared contact holds someone's phone number: we neither keep nor use it.
  if (message.contact) return { kind: 'message', envelope: envelope(update, chatId, null, { kind: 'contact' }) };
  if (text !== undefined && text.trim() !== '') return { kind: 'message', envelope: envelope(update, chatId, text, { kind: 'text', text }) };
  const what = MEDIA_KINDS.find((k) => message[k as keyof Message] !== undefined);
  if (what) return { kind: 'message', envelope: envelope(update, chatId, null, { kind: 'unsupported', what }) };
  return { kind: 'ignore', reason: 'service message' };
}

function isPrivate(message: { chat: { type: string } }): boolean {
  return message.chat.type === 'private';
}

/** Whether a group message is meant for the bot: a command, or a mention of it. */
function addressedToBot(message: Message, botUsername: string | null): boolean {
  const text = message.text ?? message.caption ?? '';
  if (text.startsWith('/')) return true;
  return botUsername !== null && text.toLowerCase().includes(`@${botUsername.toLowerCase()}`);
}

export function normaliseUpdate(update: Update, botUsername: string | null = null): NormalisedUpdate {
  if (update.message) {
    const message = update.message;
    if (isPrivate(message)) return privateMessage(update, message);
    if (message.chat.type === 'group' || message.chat.type === 'supergroup') {
      return addressedToBot(message, botUsername) ? { kind: 'group', chatId: message.chat.id } : { kind: 'ignore', reason: 'group chatter' };
    }
    return { kind: 'ignore', reason: `message in a ${message.chat.type}` };
  }

  if (update.edited_message) {
    const edited = update.edited_message;
    if (!isPrivate(edited)) return { kind: 'ignore', reason: 'edit outside a private chat' };
    return { kind: 'message', envelope: envelope(update, edited.chat.id, edited.text ?? edited.caption ?? null, { kind: 'edited' }) };
  }

  if (update.callback_query) {
    const query = update.callback_query;
    const message = query.message;
    if (message && message.chat.type !== 'private') return { kind: 'ignore', reason: 'button in a group' };
    const chatId = message?.chat.id ?? query.from.id;
    const data = query.data ?? '';
    const parsed = parseCallbackData(data);
    const keyboard = message && 'reply_markup' in message ? message.reply_markup?.inline_keyboard : undefined;
    const label = keyboard?.flat().find((b) => 'callback_data' in b && b.callback_data === data)?.text ?? null;
    const messageText = message && 'text' in message && typeof message.text === 'string' ? message.text : null;
    const input: ConversationInput = !parsed
      ? { kind: 'choice', step: '', choice: data }
      : parsed.step === 'word'
        ? { kind: 'text', text: parsed.choice } // a button standing for words: "YES 4821"
        : { kind: 'choice', step: parsed.step, choice: parsed.choice };
    return {
      kind: 'message',
      envelope: envelope(update, chatId, label ?? data, input),
      pressed: { callbackQueryId: query.id, chatId, messageId: message?.message_id ?? null, messageText, label },
    };
  }

  if (update.my_chat_member) {
    const change = update.my_chat_member;
    const status = change.new_chat_member.status;
    if (change.chat.type === 'private') return { kind: 'membership', address: String(change.chat.id), blocked: status === 'kicked' };
    if (status === 'member' || status === 'administrator') return { kind: 'group', chatId: change.chat.id };
    return { kind: 'ignore', reason: 'left a group' };
  }

  return { kind: 'ignore', reason: 'update type not used' };
}
