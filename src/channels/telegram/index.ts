/**
 * The Telegram channel, put together: grammY's API client pointed at
 * TELEGRAM_API_ROOT, the sender, and receiving by webhook or by polling. grammY is
 * imported only in this folder.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';
import type { Clock } from '../../platform/clock.js';
import type { TelegramConfig } from '../../platform/config.js';
import type { Logger } from '../../platform/log.js';
import type { Metrics } from '../../platform/metrics.js';
import type { Store } from '../../store/database.js';
import type { ChannelSender, WebhookRoute } from '../channel.js';
import type { Inbox } from '../inbox.js';
import { ALLOWED_UPDATES } from './normalise.js';
import { startPolling, type Poller } from './poller.js';
import { createTelegramReceiver } from './receiver.js';
import { createTelegramSender } from './sender.js';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhook } from './webhook.js';

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

/** With Welsh on (LANGUAGES=en,cy): the two language commands, each named in its own language. */
export const LANGUAGE_COMMANDS = [
  { command: 'cymraeg', description: 'Siarad Cymraeg' },
  { command: 'english', description: 'Speak English' },
];

/** Sends time out at PROVIDER_TIMEOUT_SECONDS; long polling waits longer by design. */
export function telegramApi(config: TelegramConfig, timeoutMs = config.timeoutMs): Api {
  return new Api(config.botToken, { apiRoot: config.apiRoot, timeoutSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
}

export function createTelegramSenderFor(config: TelegramConfig): ChannelSender {
  return createTelegramSender(telegramApi(config));
}

export interface TelegramReceiving {
  /** The webhook to mount (webhook mode), before the server listens. */
  routes: WebhookRoute[];
  /**
   * Tells Telegram who we are and where to send updates (webhook mode), or starts
   * polling. Call it once the HTTP server listens: its calls are retried, and the
   * server answers meanwhile.
   */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How the receiving side retries Telegram: a 429 waits as long as Telegram asks
 * (up to a minute), a 5xx or a network failure backs off from 3 s, a few times.
 * Sends have their own retries in the send queue, so this is for receiving only.
 */
export const RECEIVING_RETRY = { maxRetryAttempts: 4, maxDelaySeconds: 60 } as const;

/** grammY's Node build types AbortSignal with an older shim; the real one works the same. */
type GrammySignal = Parameters<Api['getMe']>[0];

/**
 * Receiving: in webhook mode its route (to mount before the server listens), and
 * `start` does the rest. Telling Telegram where to send updates and which commands
 * to show are retried, then best effort: a failure is logged and the service runs on.
 */
export function createTelegramReceiving(deps: {
  config: TelegramConfig;
  publicBaseUrl: string;
  inbox: Inbox;
  store: Store;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
  languages?: readonly string[];
}): TelegramReceiving {
  const { config, log } = deps;
  // Long polling holds a request open for up to 25 s: give it room.
  const api = telegramApi(config, Math.max(config.timeoutMs, 60_000));
  api.config.use(autoRetry(RECEIVING_RETRY));
  const receiver = createTelegramReceiver({ api, inbox: deps.inbox, store: deps.store, clock: deps.clock, log, metrics: deps.metrics });
  const routes = config.mode === 'webhook' ? [telegramWebhook({ secret: config.webhookSecret ?? '', receiver, log })] : [];
  const stopping = new AbortController();
  const signal = stopping.signal as GrammySignal;
  let poller: Poller | undefined;

  return {
    routes,
    async start() {
      const me = await api.getMe(signal).catch((error: unknown) => {
        log.error({ err: error }, 'Telegram getMe failed: is TELEGRAM_BOT_TOKEN right?');
        return null;
      });
      receiver.botUsername = me?.username ?? null;
      const commands = deps.languages?.includes('cy') ? [...COMMANDS, ...LANGUAGE_COMMANDS] : COMMANDS;
      await api.setMyCommands(commands, undefined, signal).catch((error: unknown) => log.warn({ err: error }, 'Telegram setMyCommands failed; carrying on'));
      if (stopping.signal.aborted) return;
      if (config.mode === 'webhook') {
        const url = `${deps.publicBaseUrl}${TELEGRAM_WEBHOOK_PATH}`;
        await api
          .setWebhook(url, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] }, signal)
          .then(() => log.info({ url }, 'Telegram webhook set'))
          .catch((error: unknown) => log.error({ err: error, url }, 'Telegram setWebhook failed: updates will not arrive until it succeeds'));
      } else {
        // getUpdates refuses to run while a webhook is set.
        await api.deleteWebhook(undefined, signal).catch((error: unknown) => log.warn({ err: error }, 'Telegram deleteWebhook failed'));
        if (stopping.signal.aborted) return;
        poller = startPolling({ api, receiver, log });
        log.info('Telegram long polling started');
      }
    },
    async close() {
      stopping.abort();
      await poller?.stop();
    },
  };
}
