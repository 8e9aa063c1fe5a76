/**
 * The Telegram channel, put together: grammY's API client pointed at
 * TELEGRAM_API_ROOT, the sender, and receiving by webhook or by polling. grammY is
 * imported only in this folder.
 */
import { Api } from 'grammy';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../clock.js';
import type { TelegramConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/database.js';
import type { ChannelSender } from '../channel.js';
import type { Inbox } from '../inbox.js';
import { ALLOWED_UPDATES } from './normalise.js';
import { startPolling, type Poller } from './poller.js';
import { createTelegramReceiver } from './receiver.js';
import { createTelegramSender } from './sender.js';
import { registerTelegramWebhook } from './webhook.js';

/** The commands shown in Telegram's menu; each does what the SMS word does. */
export const COMMANDS = [
  { command: 'start', description: 'Start, or carry on where we were' },
  { command: 'menu', description: 'Change what you need or give' },
  { command: 'help', description: 'How this works' },
  { command: 'volunteer', description: 'Offer to help others' },
  { command: 'mydata', description: 'See what we hold about you' },
  { command: 'forgetme', description: 'Delete your details' },
  { command: 'stop', description: 'Stop all messages' },
];

/** Sends time out at PROVIDER_TIMEOUT_SECONDS; long polling waits longer by design. */
export function telegramApi(config: TelegramConfig, timeoutMs = config.timeoutMs): Api {
  return new Api(config.botToken, { apiRoot: config.apiRoot, timeoutSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
}

export function createTelegramSenderFor(config: TelegramConfig): ChannelSender {
  return createTelegramSender(telegramApi(config));
}

export interface TelegramReceiving {
  close(): Promise<void>;
}

/**
 * Starts receiving: registers the webhook route (webhook mode) or starts polling.
 * Telling Telegram where to send updates and which commands to show are best
 * effort: a failure is logged and the service runs on.
 */
export async function startTelegramReceiving(
  app: FastifyInstance,
  deps: { config: TelegramConfig; publicBaseUrl: string; inbox: Inbox; store: Store; clock: Clock; log: Logger },
): Promise<TelegramReceiving> {
  const { config, log } = deps;
  // Long polling holds a request open for up to 25 s: give it room.
  const api = telegramApi(config, Math.max(config.timeoutMs, 60_000));
  const receiver = createTelegramReceiver({ api, inbox: deps.inbox, store: deps.store, clock: deps.clock, log });
  const me = await api.getMe().catch((error: unknown) => {
    log.error({ err: error }, 'Telegram getMe failed: is TELEGRAM_BOT_TOKEN right?');
    return null;
  });
  receiver.botUsername = me?.username ?? null;
  await api.setMyCommands(COMMANDS).catch((error: unknown) => log.warn({ err: error }, 'Telegram setMyCommands failed; carrying on'));

  let poller: Poller | undefined;
  if (config.mode === 'webhook') {
    registerTelegramWebhook(app, { secret: config.webhookSecret ?? '', receiver, log });
    const url = `${deps.publicBaseUrl}/webhooks/telegram`;
    await api
      .setWebhook(url, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] })
      .then(() => log.info({ url }, 'Telegram webhook set'))
      .catch((error: unknown) => log.error({ err: error, url }, 'Telegram setWebhook failed: updates will not arrive until it succeeds'));
  } else {
    // getUpdates refuses to run while a webhook is set.
    await api.deleteWebhook().catch((error: unknown) => log.warn({ err: error }, 'Telegram deleteWebhook failed'));
    poller = startPolling({ api, receiver, log });
    log.info('Telegram long polling started');
  }
  return { close: async () => poller?.stop() };
}
