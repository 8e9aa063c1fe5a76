/**
 * The pipeline: signed SMS webhooks over real HTTP from many people at once, each
 * carrying on a conversation, through the inbound queue, engine, store and outbox, to a
 * fake sender that notes when each send call came. valued runs here; the people run
 * in a process of their own (load-generator.ts).
 */
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChannelSender } from '../src/channels/channel.js';
import { renderSms } from '../src/channels/sms/render.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/log.js';
import { startValued, type Valued } from '../src/main.js';
import { ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER } from '../tests/helpers/twilio.js';
import { deletePrefix } from '../tests/helpers/redis.js';
import { now, percentile, sleep } from './lib.js';
import type { LoadOrder, Sent } from './load-generator.js';

const PUBLIC_URL = 'https://valued.example.org';
/** Sign-up, then a change from the menu: the conversation each person has. */
export const SCRIPT = ['hello', 'yes', 'Kim', 'SA1 1AA', '1 3', 'a phone chat', 'yes', 'menu', '2', 'listening and recipes'];

export interface PipelineRun {
  messages: number;
  seconds: number;
  perSecond: number;
  latencyP50: number;
  latencyP99: number;
  webhookP99: number;
  /** SQL statements and transactions per message, the benchmark's own queries left out. */
  statementsPerMessage: number;
  transactionsPerMessage: number;
  /** The service's event loop held up: p99 and the longest, in ms (a webhook waits that long). */
  loopDelayP99: number;
  loopDelayMax: number;
}

export interface Service {
  valued: Valued;
  sends: Map<string, number>;
  close(): Promise<void>;
}

/** valued's settings for a benchmark run: SMS on, in a fresh directory, its own queue prefix. */
export function benchConfig(redisUrl: string, prefix: string, databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), `valued-${prefix}-`));
  return loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: PUBLIC_URL,
    DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'valued.db')}`,
    DATA_DIR: dir,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `${prefix}${Date.now().toString(36)}`,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: OUR_NUMBER,
    TWILIO_MPS: '1000',
    MATCH_WAVE_DELAY_SECONDS: '3600',
    ...(process.env.INBOUND_PARTITIONS ? { INBOUND_PARTITIONS: process.env.INBOUND_PARTITIONS } : {}),
    ...(process.env.SEND_CONCURRENCY ? { SEND_CONCURRENCY: process.env.SEND_CONCURRENCY } : {}),
    ...(process.env.POSTGRES_PREPARED_STATEMENTS ? { POSTGRES_PREPARED_STATEMENTS: process.env.POSTGRES_PREPARED_STATEMENTS } : {}),
    LOG_LEVEL: 'silent',
  });
}

/** valued with SMS on, its sender replaced by one that only notes the time of each call. */
export async function startService(redisUrl: string, databaseUrl?: string, onStatement?: (sql: string, ms: number) => void): Promise<Service> {
  const sends = new Map<string, number>();
  const sender: ChannelSender = {
    channel: 'sms',
    buttons: false,
    render: renderSms,
    send: (m) => {
      sends.set(m.id, now());
      return Promise.resolve({ providerId: `SM${m.id}` });
    },
  };
  const config = benchConfig(redisUrl, 'bench', databaseUrl);
  const valued = await startValued({ config, redisUrl, role: 'all', log: createLogger('silent'), senders: { sms: sender }, onStatement });
  const close = async () => {
    await valued.close();
    await deletePrefix(redisUrl, config.queue.prefix);
  };
  return { valued, sends, close };
}

export function generate(order: LoadOrder): Promise<Sent[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-generator.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
    child.once('message', (sent) => resolve(sent as Sent[]));
    child.once('error', reject);
    child.send(order);
  });
}

/**
 * Waits until every message from `sids` has been handled and every send made, with
 * cheap counts, then maps each message to the time its reply was sent (one query).
 */
async function settle(service: Service, sids: Set<string>, timeoutMs: number): Promise<{ answered: Map<string, number>; ownStatements: number }> {
  const db = service.valued.store.db;
  const deadline = Date.now() + timeoutMs;
  let ownStatements = 0;
  for (;;) {
    ownStatements += 2;
    const pending = await db
      .selectFrom('inbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    const unsent = await db
      .selectFrom('outbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow();
    if ((Number(pending.n) === 0 && Number(unsent.n) === 0 && service.sends.size >= sids.size) || Date.now() > deadline) break;
    await sleep(250);
  }
  const answered = new Map<string, number>();
  const rows = await db
    .selectFrom('outbound_messages')
    .innerJoin('inbound_messages', 'inbound_messages.id', 'outbound_messages.inbound_id')
    .select(['outbound_messages.id', 'inbound_messages.provider_id'])
    .execute();
  for (const r of rows) {
    const at = service.sends.get(r.id);
    if (at !== undefined && sids.has(r.provider_id)) answered.set(r.provider_id, Math.min(at, answered.get(r.provider_id) ?? Infinity));
  }
  return { answered, ownStatements };
}

/** Runs people through the conversation, flat out or at a rate, and measures. */
export async function runPipeline(service: Service, options: { people: number; firstNumber: number; rate: number; durationMs?: number }): Promise<PipelineRun> {
  const counts = service.valued.store.counts;
  const before = { ...counts };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const sent = await generate({
    url: service.valued.url,
    publicUrl: PUBLIC_URL,
    authToken: AUTH_TOKEN,
    people: options.people,
    firstNumber: options.firstNumber,
    script: SCRIPT,
    rate: options.rate,
    durationMs: options.durationMs,
  });
  const ok = sent.filter((s) => s.status === 200);
  const sids = new Set(ok.map((s) => s.sid));
  const { answered, ownStatements } = await settle(service, sids, 120_000);
  loop.disable();
  const statements = counts.statements - before.statements - ownStatements;
  const transactions = counts.transactions - before.transactions;
  const latencies = ok.filter((s) => answered.has(s.sid)).map((s) => answered.get(s.sid)! - s.start);
  const first = Math.min(...ok.map((s) => s.start));
  const last = Math.max(...answered.values());
  const seconds = (last - first) / 1000;
  return {
    messages: answered.size,
    seconds,
    perSecond: answered.size / seconds,
    latencyP50: percentile(latencies, 50),
    latencyP99: percentile(latencies, 99),
    webhookP99: percentile(
      ok.map((s) => s.answerMs),
      99,
    ),
    statementsPerMessage: statements / answered.size,
    transactionsPerMessage: transactions / answered.size,
    loopDelayP99: loop.percentile(99) / 1e6,
    loopDelayMax: loop.max / 1e6,
  };
}

/**
 * The web role alone (`--role web`): signed webhooks checked, recorded and queued,
 * nothing handled. How many one web process takes, for sizing a deployment.
 */
export async function webAlone(redisUrl: string): Promise<{ accepted: number; perSecond: number; answerP99: number }> {
  const config = benchConfig(redisUrl, 'web');
  const valued = await startValued({ config, redisUrl, role: 'web', log: createLogger('silent') });
  try {
    const sent = await generate({
      url: valued.url,
      publicUrl: PUBLIC_URL,
      authToken: AUTH_TOKEN,
      people: 400,
      firstNumber: 500_000_000,
      script: SCRIPT,
      rate: 0,
    });
    const ok = sent.filter((s) => s.status === 200);
    const first = Math.min(...ok.map((s) => s.start));
    const last = Math.max(...ok.map((s) => s.start + s.answerMs));
    return {
      accepted: ok.length,
      perSecond: ok.length / ((last - first) / 1000),
      answerP99: percentile(
        ok.map((s) => s.answerMs),
        99,
      ),
    };
  } finally {
    await valued.close();
    await deletePrefix(redisUrl, config.queue.prefix);
  }
}
