/**
 * Starts the whole service for a test: real HTTP on a free port, real Redis under a
 * queue prefix of its own, a fresh SQLite file (or a given database), and, when asked,
 * a fake Twilio REST server that the real Twilio SDK talks to.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ChannelName, ChannelSender } from '../../src/channels/channel.js';
import type { Clock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Ids } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/log.js';
import { startValued, type Role, type Valued } from '../../src/main.js';
import { simulatorAddress } from '../../src/http/simulator.js';
import { findIdentity } from '../../src/store/members.repository.js';
import type { OutboundMessage } from '../../src/store/schema.js';
import type { Update } from 'grammy/types';
import { BOT_TOKEN, FakeTelegram } from './fake-telegram.js';
import { FakeTwilio } from './fake-twilio.js';
import { deletePrefix } from './redis.js';
import { ACCOUNT_SID, AUTH_TOKEN, inboundSmsParams, inboundWhatsAppParams, OUR_NUMBER, OUR_WHATSAPP, postSigned } from './twilio.js';

export { deletePrefix };

export const PUBLIC_URL = 'https://valued.example.org';
export const TELEGRAM_SECRET = 'test-webhook-secret_0123456789';
/** The simulator's token in tests (it runs beside the real channels there). */
export const SIMULATOR_TOKEN = 'simulator-token-for-tests-0123456789';

export interface TestApp {
  valued: Valued;
  url: string;
  prefix: string;
  dir: string;
  redisUrl: string;
  twilio: FakeTwilio | undefined;
  telegram: FakeTelegram | undefined;
  /** Posts a Telegram update to the webhook with the right secret (or the one given). */
  update(update: Update, secret?: string | null): Promise<Response>;
  /** Posts an inbound SMS signed as Twilio signs it. */
  sms(from: string, body: string, sid?: string): Promise<Response>;
  /**
   * Posts an inbound WhatsApp message (from +44...) signed as Twilio signs it, a button
   * press when `button` is given; the fake Twilio's 24-hour window opens for them.
   */
  whatsapp(from: string, body: string, button?: { text: string; payload: string }): Promise<Response>;
  /**
   * Sends a message through the simulator API as the person called `who`: each person
   * is a visitor of their own, with their own cookie (kept here, one jar per person).
   */
  simulate(who: string, text: string, id?: string): Promise<Response>;
  /** The simulator address (random, from the cookie) of the person called `who`. */
  simulatorAddress(who: string): Promise<string>;
  /** Fetches a simulator path as the person called `who` (with their cookie and the token). */
  asVisitor(who: string, path: string, init?: RequestInit): Promise<Response>;
  /**
   * Outbound messages to an address on a channel, oldest first. On the simulator the
   * address is the person's name in these tests (see simulate).
   */
  outbound(channel: ChannelName, address: string): Promise<OutboundMessage[]>;
  /** Texts actually sent (status sent) to an address, oldest first. */
  sentTexts(channel: ChannelName, address: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  twilio?: boolean;
  /** Switch WhatsApp on through the fake Twilio (needs `twilio`), with these templates (kind: Content SID; all approved). */
  whatsapp?: boolean | { templates: Record<string, string> };
  /** Start a fake Bot API server and connect Telegram to it, by webhook (default) or polling. */
  telegram?: boolean | 'webhook' | 'polling';
  env?: Record<string, string>;
  role?: Role;
  clock?: Clock;
  ids?: Ids;
  databaseUrl?: string;
  prefix?: string;
  senders?: Partial<Record<ChannelName, ChannelSender>>;
  reconciler?: boolean;
}

/**
 * One simulator cookie per simulated person, shared by the apps of a test file, so a
 * web process and a worker process started apart agree on who the person is.
 */
const jar = new Map<string, Promise<string>>();

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const redisUrl = inject('redisUrl');
  const dir = mkdtempSync(join(tmpdir(), 'valued-test-'));
  const prefix = options.prefix ?? uniquePrefix();
  const twilio = options.twilio ? await new FakeTwilio(ACCOUNT_SID).start() : undefined;
  // Quick-reply templates for buttons are for use within the window; the others are approved to go outside it.
  if (twilio && typeof options.whatsapp === 'object')
    for (const [kind, sid] of Object.entries(options.whatsapp.templates)) if (!kind.startsWith('buttons')) twilio.approved.add(sid);
  const telegram = options.telegram ? await new FakeTelegram().start() : undefined;
  const telegramMode = options.telegram === 'polling' ? 'polling' : 'webhook';
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: PUBLIC_URL,
    DATABASE_URL: options.databaseUrl ?? `sqlite:${join(dir, 'valued.db')}`,
    DATA_DIR: dir,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    INBOUND_PARTITIONS: '4',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Beside the real channels, as a deployment would run it with SIMULATOR=on.
    SIMULATOR: 'on',
    SIMULATOR_TOKEN,
    SIMULATOR_MESSAGES_PER_MINUTE: '100000',
    ...(twilio
      ? { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM_NUMBER: OUR_NUMBER, TWILIO_API_BASE_URL: twilio.url, TWILIO_MPS: '100' }
      : {}),
    ...(twilio && options.whatsapp
      ? {
          TWILIO_WHATSAPP_FROM: OUR_WHATSAPP,
          ...(typeof options.whatsapp === 'object' ? { TWILIO_WHATSAPP_TEMPLATES: JSON.stringify(options.whatsapp.templates) } : {}),
        }
      : {}),
    ...(telegram
      ? { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: telegram.url, TELEGRAM_MODE: telegramMode, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET }
      : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const valued = await startValued({
    config,
    redisUrl: config.redis.url ?? redisUrl,
    role: options.role,
    clock: options.clock,
    ids: options.ids,
    log: createLogger(config.logLevel),
    senders: options.senders,
    reconciler: options.reconciler,
  });
  const url = valued.url;
  const servesSimulator = valued.config.simulator.enabled && options.role !== 'worker';

  const auth = { authorization: `Bearer ${config.simulator.token ?? SIMULATOR_TOKEN}` };
  const cookieOf = (who: string): Promise<string> => {
    let cookie = jar.get(who);
    if (!cookie) {
      // The first visit, made alone: two messages of one person sent at once never make
      // two visitors. A process without the simulator (a worker) makes a cookie as a browser would keep one.
      cookie = !servesSimulator
        ? Promise.resolve(randomBytes(32).toString('base64url'))
        : fetch(`${url}/simulator`, { headers: auth }).then((r) => {
            const set = /valued_sim=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];
            if (!set) throw new Error(`no simulator cookie (status ${r.status})`);
            return set;
          });
      jar.set(who, cookie);
    }
    return cookie;
  };
  const asVisitor = async (who: string, path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { ...auth, ...(init.headers as Record<string, string> | undefined), cookie: `valued_sim=${await cookieOf(who)}` },
    });
  const addressOf = async (channel: ChannelName, address: string) => (channel === 'simulator' ? simulatorAddress(await cookieOf(address)) : address);

  const outbound = async (channel: ChannelName, who: string) => {
    const identity = await findIdentity(valued.store.db, channel, await addressOf(channel, who));
    if (!identity) return [];
    return valued.store.db.selectFrom('outbound_messages').selectAll().where('identity_id', '=', identity.id).orderBy('id').execute();
  };

  return {
    valued,
    url,
    prefix,
    dir,
    redisUrl: config.redis.url ?? redisUrl,
    twilio,
    telegram,
    update: (update, secret = TELEGRAM_SECRET) =>
      fetch(`${url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: JSON.stringify(update),
      }),
    sms: (from, body, sid) => postSigned(url, PUBLIC_URL, '/webhooks/twilio/sms', inboundSmsParams(from, body, sid)),
    whatsapp: (from, body, button) => {
      twilio?.receivedFrom(`whatsapp:${from}`);
      return postSigned(url, PUBLIC_URL, '/webhooks/twilio/sms', inboundWhatsAppParams(from, body, button));
    },
    simulate: (who, text, id) =>
      asVisitor(who, '/simulator/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, id }) }),
    simulatorAddress: async (who) => simulatorAddress(await cookieOf(who)),
    asVisitor,
    outbound,
    sentTexts: async (channel, address) => (await outbound(channel, address)).filter((m) => m.status === 'sent').map((m) => m.body),
    async close() {
      await valued.close();
      await twilio?.stop();
      await telegram?.stop();
      await deletePrefix(config.redis.url ?? redisUrl, prefix).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether an outbound message has reached its end: sent, failed or cancelled. */
export function settled(m: { status: string }): boolean {
  return m.status === 'sent' || m.status === 'failed' || m.status === 'cancelled';
}

/** Polls until `check` returns something truthy, or fails saying what it waited for. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until `count` messages have been sent to an address, and returns their texts. */
export async function waitForSent(app: TestApp, channel: ChannelName, address: string, count: number, timeoutMs = 10_000): Promise<string[]> {
  return waitFor(
    async () => {
      const texts = await app.sentTexts(channel, address);
      return texts.length >= count ? texts : undefined;
    },
    `${count} message(s) sent to ${address}`,
    timeoutMs,
  );
}

/** Queues whose delayed jobs are work due later on purpose (waves, follow-ups, schedules), not work in flight. */
const LATER_QUEUES = new Set(['matching', 'timers']);

/**
 * Waits until the work that could still send something has finished: every inbound
 * message handled (or failed for good), every outbound message settled, and nothing
 * waiting, running or parked in the inbound and send queues (matching and timers may
 * hold jobs due later: nothing waiting or running there). Jobs are queued after their
 * transaction commits by the job that made them, which is running until then. Call it before asserting that something did not happen: it waits for the
 * work that could have done it to be over, not for a fixed time.
 */
export async function waitForQuiet(app: Pick<TestApp, 'valued'>, what = 'the work to finish', timeoutMs = 20_000): Promise<void> {
  const db = app.valued.store.db;
  await waitFor(
    async () => {
      const inbound = await db.selectFrom('inbound_messages').select('id').where('status', '=', 'pending').limit(1).execute();
      if (inbound.length) return false;
      const outbound = await db.selectFrom('outbound_messages').select('id').where('status', 'in', ['pending', 'sending']).limit(1).execute();
      if (outbound.length) return false;
      for (const [name, counts] of Object.entries(await app.valued.queues.counts())) {
        const busy = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0) + (LATER_QUEUES.has(name) ? 0 : (counts.delayed ?? 0));
        if (busy > 0) return false;
      }
      return true;
    },
    what,
    timeoutMs,
  );
}
