/**
 * Pacing: valued sending a burst through its real delivery path (send queue, rate
 * limiter, per-chat gaps, the real Twilio SDK and grammY client) to fake providers
 * that answer 429 above their limits, as Telegram (about 30 a second, one a second to
 * a chat) and Twilio (a sender's messages per second) do. How close to the allowed
 * rate it sends, and how often it was told to slow down.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName } from '../src/domain/channels.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/log.js';
import { startValued, type Valued } from '../src/main.js';
import { makeMessages } from '../tests/helpers/backlog.js';
import { FakeTelegram, BOT_TOKEN } from '../tests/helpers/fake-telegram.js';
import { FakeTwilio } from '../tests/helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER } from '../tests/helpers/twilio.js';
import { deletePrefix } from '../tests/helpers/redis.js';
import { sleep } from './lib.js';

export interface PacingFigures {
  channel: ChannelName;
  /** Which limit binds. */
  label: string;
  messages: number;
  seconds: number;
  /** Sends a second, sustained: over the middle 80% of the sends (start-up and stragglers aside). */
  perSecond: number;
  /** What the provider allows for these messages, sends a second. */
  allowedPerSecond: number;
  /** perSecond / allowedPerSecond: 1 is as fast as allowed. */
  ratio: number;
  tooFast: number;
  /** The longest run of consecutive seconds in which some send was refused. */
  refusedRunSeconds: number;
}

/**
 * A burst of `perChat[i]` messages to chat i, all made at once (as a wave or a
 * broadcast makes them). The caller warms the service first: a running service has
 * its connections open and statements prepared.
 */
async function burst(valued: Valued, channel: ChannelName, addresses: string[], perChat: number[]): Promise<number> {
  // Round by round, so each chat's messages are made in order, interleaved with others'.
  const messages: { to: string; text: string }[] = [];
  for (let round = 0; round < Math.max(...perChat); round++) {
    for (const [i, to] of addresses.entries()) {
      if (round < perChat[i]!) messages.push({ to, text: `Hello, this is message ${round + 1} of a few. Thank you for being part of this.` });
    }
  }
  for (const job of await makeMessages(valued, channel, messages)) await valued.queues.enqueue(job);
  return messages.length;
}

/** Sends a second over the middle 80% of the sends. */
function sustained(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const from = Math.floor(sorted.length * 0.1);
  const to = Math.ceil(sorted.length * 0.9) - 1;
  return (to - from) / ((sorted[to]! - sorted[from]!) / 1000);
}

function longestRun(times: number[]): number {
  const seconds = [...new Set(times.map((t) => Math.floor(t / 1000)))].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  for (let i = 0; i < seconds.length; i++) {
    run = i > 0 && seconds[i] === seconds[i - 1]! + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

async function start(redisUrl: string, env: Record<string, string>): Promise<Valued> {
  const dir = mkdtempSync(join(tmpdir(), 'valued-bench-pacing-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: 'https://valued.example.org',
    DATABASE_URL: `sqlite:${join(dir, 'valued.db')}`,
    DATA_DIR: dir,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `pace${Date.now().toString(36)}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  return startValued({ config, redisUrl, role: 'all', log: createLogger('silent') });
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await sleep(100);
}

/**
 * Telegram, its two limits one after the other: a broadcast to 150 chats, three
 * messages each (the 30-a-second limit binds), then 12 messages each to 5 chats (the
 * one-a-second-per-chat limit binds).
 */
export async function pacingTelegram(redisUrl: string): Promise<PacingFigures[]> {
  const telegram = await new FakeTelegram().start();
  telegram.limitRate({ perSecond: 30, perChatPerSecond: 1 });
  const valued = await start(redisUrl, {
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: 'bench-secret-0123456789abcdef',
  });
  await burst(valued, 'telegram', ['1'], [1]);
  await waitFor(() => telegram.callsTo('sendMessage').length >= 1, 10_000);
  await sleep(1500);
  const run = async (label: string, chats: string[], each: number, allowedPerSecond: number, measure: 'in all' | 'per chat'): Promise<PacingFigures> => {
    const before = telegram.calls.length;
    const tooFast = telegram.tooFast;
    const messages = await burst(
      valued,
      'telegram',
      chats,
      chats.map(() => each),
    );
    await waitFor(() => telegram.callsTo('sendMessage').filter((c) => chats.includes(String(c.params.chat_id))).length >= messages, 120_000);
    const calls = telegram.calls.slice(before).filter((c) => c.method === 'sendMessage');
    const sent = calls.filter((c) => !c.failed).map((c) => c.at);
    const seconds = (Math.max(...sent) - Math.min(...sent)) / 1000;
    // The one-a-second limit is per chat, so its rate is measured per chat and added up.
    const perChat = chats.map((chat) => calls.filter((c) => !c.failed && String(c.params.chat_id) === chat).map((c) => c.at));
    const perSecond =
      measure === 'per chat' ? perChat.reduce((sum, t) => sum + (t.length - 1) / ((Math.max(...t) - Math.min(...t)) / 1000), 0) : sustained(sent);
    return {
      channel: 'telegram',
      label,
      messages: sent.length,
      seconds,
      perSecond,
      allowedPerSecond,
      ratio: perSecond / allowedPerSecond,
      tooFast: telegram.tooFast - tooFast,
      refusedRunSeconds: longestRun(calls.filter((c) => c.failed).map((c) => c.at)),
    };
  };
  try {
    const broadcast = Array.from({ length: 150 }, (_, i) => String(700_000_000 + i));
    // 450 messages: 15 s at 30 a second.
    const overall = await run('30/s in all', broadcast, 3, 30, 'in all');
    const few = Array.from({ length: 5 }, (_, i) => String(710_000_000 + i));
    // 12 to each chat at one a second: 5 a second in all.
    const perChat = await run('1/s per chat', few, 12, 5, 'per chat');
    return [overall, perChat];
  } finally {
    await valued.close();
    await deletePrefix(redisUrl, valued.config.queue.prefix);
    await telegram.stop();
  }
}

/** SMS: a sender allowed `mps` messages a second, one message each to many people. */
export async function pacingSms(redisUrl: string, mps = 10): Promise<PacingFigures> {
  const twilio = await new FakeTwilio(ACCOUNT_SID).start();
  twilio.limitRate(mps);
  const valued = await start(redisUrl, {
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: OUR_NUMBER,
    TWILIO_API_BASE_URL: twilio.url,
    TWILIO_MPS: String(mps),
  });
  try {
    await burst(valued, 'sms', ['+447400999999'], [1]);
    await waitFor(() => twilio.sent.length >= 1, 10_000);
    await sleep(1500);
    const warm = twilio.sent.length;
    const tooFast = twilio.tooFast;
    const people = Array.from({ length: 15 * mps }, (_, i) => `+447${String(400_000_000 + i).padStart(9, '0')}`);
    const messages = await burst(
      valued,
      'sms',
      people,
      people.map(() => 1),
    );
    await waitFor(() => twilio.sent.length - warm >= messages, 120_000);
    const sent = twilio.sent.slice(warm).map((m) => m.at);
    const seconds = (Math.max(...sent) - Math.min(...sent)) / 1000;
    const perSecond = sustained(sent);
    return {
      channel: 'sms',
      label: `${mps}/s for the sender`,
      messages: sent.length,
      seconds,
      perSecond,
      allowedPerSecond: mps,
      ratio: perSecond / mps,
      tooFast: twilio.tooFast - tooFast,
      refusedRunSeconds: 0,
    };
  } finally {
    await valued.close();
    await deletePrefix(redisUrl, valued.config.queue.prefix);
    await twilio.stop();
  }
}
