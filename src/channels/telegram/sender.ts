/**
 * Sending on Telegram with grammY's API client. Telegram's answers are mapped onto a
 * SendError: 429 waits as long as Telegram asks, 403 (blocked, deactivated) means
 * the chat is unreachable, 5xx and network trouble are retried.
 */
import { GrammyError, HttpError, type Api } from 'grammy';
import { SendError, type ChannelSender } from '../channel.js';
import { keyboardFor, renderTelegram } from './render.js';

export function toSendError(error: unknown): SendError {
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const message = `${error.method}: ${error.description}`;
    if (code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return new SendError(message, { reason: 'rate_limited', retryable: true, retryAfterMs: seconds * 1000, code, cause: error });
    }
    if (code === 403) return new SendError(message, { reason: 'unreachable', retryable: false, code, cause: error });
    if (code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(error.description)) {
      return new SendError(message, { reason: 'unreachable', retryable: false, code, cause: error });
    }
    if (code >= 500) return new SendError(message, { reason: 'provider', retryable: true, code, cause: error });
    return new SendError(message, { reason: 'rejected', retryable: false, code, cause: error });
  }
  const message = error instanceof HttpError ? error.message : error instanceof Error ? error.message : String(error);
  return new SendError(message, { reason: 'network', retryable: true, cause: error });
}

export function createTelegramSender(api: Api): ChannelSender {
  return {
    channel: 'telegram',
    buttons: true,
    // Telegram allows about one message a second to one chat. Counted from when each
    // call began, with a little room for one request reaching Telegram faster than the last.
    minGapMs: 1020,
    // And about 30 messages a second in all.
    perSecond: 30,
    render: renderTelegram,
    async send(message) {
      try {
        const keyboard = message.reply ? keyboardFor(message.reply) : undefined;
        const sent = await api.sendMessage(message.address, message.text, {
          ...(keyboard ? { reply_markup: keyboard } : {}),
          link_preview_options: { is_disabled: true },
        });
        return { providerId: `${sent.chat.id}:${sent.message_id}` };
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}
