/**
 * POST /webhooks/telegram: Telegram's webhook. The secret header must match
 * TELEGRAM_WEBHOOK_SECRET (compared in constant time) or the request gets 401 and
 * nothing is stored. The update is recorded and queued; nothing slow runs here. A
 * malformed update with the right secret is answered 200 and dropped (see receiver.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Update } from 'grammy/types';
import type { Logger } from '../../platform/log.js';
import { secretMatches } from '../../platform/secrets.js';
import type { TelegramReceiver } from './receiver.js';

export function registerTelegramWebhook(app: FastifyInstance, deps: { secret: string; receiver: TelegramReceiver; log: Logger }): void {
  app.post('/webhooks/telegram', async (request, reply) => {
    if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], deps.secret)) {
      deps.log.warn('refused a Telegram webhook with a missing or wrong secret');
      return reply.code(401).send({ error: 'Unauthorized' });
    }
    // Anything with the right secret is from Telegram: even an update we cannot read
    // gets 200 (the receiver logs, counts and drops it), or Telegram retries it for hours.
    const result = await deps.receiver.receive(request.body as Update);
    // Recorded but not queued: say so, and Telegram delivers it again (the database
    // already has it, so the retry is recognised and queued).
    if (result === 'unqueued') return reply.code(503).header('retry-after', '5').send({ error: 'Busy, please retry' });
    return reply.code(200).send({ ok: true });
  });
}
