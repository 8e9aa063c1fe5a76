/**
 * POST /webhooks/telegram: Telegram's webhook. The secret header must match
 * TELEGRAM_WEBHOOK_SECRET (compared in constant time) or the request gets 401 and
 * nothing is stored. The update is recorded and queued; nothing slow runs here. A
 * malformed update with the right secret is answered 200 and dropped (see receiver.ts).
 */
import type { Update } from 'grammy/types';
import type { Logger } from '../../platform/log.js';
import { secretMatches } from '../../platform/secrets.js';
import type { WebhookRoute } from '../channel.js';
import type { TelegramReceiver } from './receiver.js';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

export function telegramWebhook(deps: { secret: string; receiver: TelegramReceiver; log: Logger }): WebhookRoute {
  return {
    path: TELEGRAM_WEBHOOK_PATH,
    async handle(request) {
      if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], deps.secret)) {
        deps.log.warn('refused a Telegram webhook with a missing or wrong secret');
        return { status: 401, json: { error: 'Unauthorized' } };
      }
      // Anything with the right secret is from Telegram: even an update we cannot read
      // gets 200 (the receiver logs, counts and drops it), or Telegram retries it for hours.
      const result = await deps.receiver.receive(request.body as Update);
      // Recorded but not queued: say so, and Telegram delivers it again (the database
      // already has it, so the retry is recognised and queued).
      if (result === 'unqueued') return { status: 503, headers: { 'retry-after': '5' }, json: { error: 'Busy, please retry' } };
      return { status: 200, json: { ok: true } };
    },
  };
}
