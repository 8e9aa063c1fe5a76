/**
 * The composition root: the only place that wires config, store, queues, channels,
 * HTTP and workers together. `npm start` runs this file; tests call `startValued`.
 *
 *   npm start                    HTTP server and workers in one process
 *   npm start -- --role web      HTTP only (webhooks record and queue)
 *   npm start -- --role worker   workers only (and a health listener on PORT)
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ParseArgsConfig } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { ChannelName, ChannelSender } from './channels/channel.js';
import { createInbox } from './channels/inbox.js';
import { createSimulatorSender } from './channels/simulator/sender.js';
import { registerSimulator } from './channels/simulator/routes.js';
import { createSmsSender } from './channels/sms/sender.js';
import { registerSmsWebhooks } from './channels/sms/webhook.js';
import { createTelegramReceiving, createTelegramSenderFor, type TelegramReceiving } from './channels/telegram/index.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Reply } from './conversation/reply.js';
import { argsOrExit, type Cli } from './platform/args.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createDelivery, type Turns } from './delivery/deliver.js';
import type { CoordinatorAddress, Services } from './effects/context.js';
import { registerConsole } from './console/index.js';
import { createRunner } from './effects/runner.js';
import { createFollowUps } from './matching/followup.js';
import { createMatcher } from './matching/waves.js';
import { registerAdmin } from './http/admin.js';
import { createLockout } from './platform/lockout.js';
import { createHttpServer } from './http/server.js';
import { ulidIds, type Ids } from './platform/ids.js';
import { createLogger, type Logger } from './platform/log.js';
import { createMetrics, type Metrics } from './platform/metrics.js';
import { RedisUnavailableError, resolveRedis } from './queue/local-redis.js';
import { createQueues, QUEUE_NAMES, SEND_PRIORITY, type Queues } from './queue/queues.js';
import { reconcile, RECONCILE_GRACE_MS, type ReconcileResult } from './queue/reconciler.js';
import { startWorkers, type RunningWorkers } from './queue/workers.js';
import { migrateToLatest, openDatabase, type Store } from './store/database.js';
import { purgeOldBodies } from './store/retention.js';

/** How often old message bodies are looked for. */
const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;


export type Role = 'web' | 'worker' | 'all';

export interface StartOptions {
  config: Readonly<Config>;
  redisUrl: string;
  role?: Role;
  clock?: Clock;
  ids?: Ids;
  log?: Logger;
  /** Replace a channel's sender (tests use this only for failure injection). */
  senders?: Partial<Record<ChannelName, ChannelSender>>;
  /** Run the reconciler on its schedule (default true). */
  reconciler?: boolean;
}

export interface Valued {
  config: Readonly<Config>;
  store: Store;
  queues: Queues;
  metrics: Metrics;
  log: Logger;
  /** The HTTP server: everything in the web role, only health, readiness and metrics in a worker. */
  app: FastifyInstance;
  /** Where the HTTP server listens, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Queues again whatever the database says is due and not done (older than `graceMs`). */
  reconcile(graceMs?: number): Promise<ReconcileResult>;
  close(): Promise<void>;
}

/**
 * A provider's rate as BullMQ limiter windows of about a third of a second: the same
 * rate as a second's burst, but sent evenly enough that a provider counting with a
 * token bucket (as they do) never sees more than it allows when windows jitter.
 */
export function paced(perSecond: number): { max: number; duration: number } {
  const max = Math.max(1, Math.floor(perSecond / 3));
  return { max, duration: Math.round((1000 * max) / perSecond) };
}

export async function startValued(options: StartOptions): Promise<Valued> {
  const { config } = options;
  const role = options.role ?? 'all';
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? ulidIds(() => clock.now());
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = createMetrics();

  const store = openDatabase(config.database.url, { encryptionKey: config.encryptionKey, oldEncryptionKeys: config.oldEncryptionKeys, onError: (error) => log.warn({ err: error }, 'database connection lost; it will be replaced') });
  for (const notice of config.notices) log.warn(notice);
  if (!config.encryptionKey) log.warn('DATA_ENCRYPTION_KEY is not set: message words, names and phone numbers are stored unencrypted (see .env.example)');
  await migrateToLatest(store.db);

  const senders = new Map<ChannelName, ChannelSender>();
  if (config.twilio) senders.set('sms', createSmsSender(config.twilio, `${config.http.publicBaseUrl}/webhooks/twilio/status`));
  if (config.telegram) senders.set('telegram', createTelegramSenderFor(config.telegram));
  if (config.simulator.enabled) senders.set('simulator', createSimulatorSender());
  for (const [channel, sender] of Object.entries(options.senders ?? {}) as [ChannelName, ChannelSender][]) senders.set(channel, sender);
  const channels = [...senders.keys()];

  const queues = await createQueues({
    redisUrl: options.redisUrl,
    prefix: config.queue.prefix,
    partitions: config.queue.inboundPartitions,
    channels,
    now: () => clock.now(),
  });
  const reconcileNow = (graceMs?: number) => reconcile({ store, queues, clock, log }, graceMs);
  // Work sits this long before the reconciler queues it again (never less than two rounds).
  const reconcileGraceMs = Math.min(RECONCILE_GRACE_MS, 2 * config.queue.reconcileEveryMs);
  const inbox = createInbox({ store, clock, ids, log, enqueue: (identityId, messageId) => queues.enqueueInbound(identityId, messageId), onAccepted: (m) => metrics.messagesIn.inc({ channel: m.channel }) });

  // How replies look on each channel and how matching runs: the workers' and the console's.
  const formats = Object.fromEntries([...senders].map(([channel, sender]) => [channel, { render: (reply: Reply) => sender.render(reply), buttons: sender.buttons }]));
  const services: Services = { formats, matching: config.matching, coordinators: coordinatorAddresses(config, senders) };
  const enqueue = (job: Parameters<Queues['enqueue']>[0]) => queues.enqueue(job);

  let workers: RunningWorkers | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  if (role !== 'web') {
    const runner = createRunner({ store, clock, ids, log, services, enqueue });
    const matcher = createMatcher({ store, clock, ids, log, services, enqueue });
    const followUps = createFollowUps({ store, clock, inbox, log });
    // A person's messages wait their turn parked in the send queue; these bring them back.
    const turns: Turns = {
      wake: (channel, id, at) => queues.wake(QUEUE_NAMES.send(channel), `send-${id}`, at, SEND_PRIORITY.waited),
      hurry: (channel, id) => queues.raise(QUEUE_NAMES.send(channel), `send-${id}`, SEND_PRIORITY.waited),
    };
    // An address the provider will not deliver to becomes an event in that person's
    // conversation, recorded once per address and moment, ordered with what they say.
    const onUnreachable = async (identity: { id: string; channel: ChannelName; address: string }) =>
      void (await inbox.accept({ channel: identity.channel, providerId: `unreachable-${identity.id}-${clock.now()}`, address: identity.address, body: null, input: { kind: 'event', name: 'unreachable' } }));
    const delivery = createDelivery({ store, clock, senders, log, metrics, turns, onUnreachable });
    workers = await startWorkers({
      redisUrl: options.redisUrl,
      prefix: config.queue.prefix,
      partitions: config.queue.inboundPartitions,
      sendConcurrency: config.queue.sendConcurrency,
      lockMs: config.queue.lockMs,
      channels,
      limits: {
        ...(config.twilio ? { sms: paced(config.twilio.mps) } : {}),
        // Telegram: about 30 messages a second in all (one a second per chat is paced in delivery).
        telegram: paced(30),
      },
      processors: {
        drain: async (identityId) => void (await runner.drain(identityId)),
        send: async (channel, outboundId, job) => void (await delivery.send(channel, outboundId, job)),
        timer: async (job) => {
          if (job.name === 'reconcile') await reconcileNow(reconcileGraceMs);
          else if (job.name === 'retention') {
            const purged = await purgeOldBodies(store.db, clock.now(), config.retentionDays);
            if (purged.inbound + purged.outbound > 0) log.info(purged, 'purged old message bodies');
          }
          else if (job.name === 'followup') {
            const data = job.data as { matchId: string; round: number };
            await followUps.run(data.matchId, data.round, job.id);
          } else log.warn({ name: job.name }, 'unknown timer job');
        },
        matching: async (job) => {
          const data = job.data as { needId: string; wave: number; retry?: boolean };
          await matcher.runWave(data.needId, data.wave, data.retry ?? false, job.id);
        },
      },
      log,
      metrics,
    });
    if (options.reconciler ?? true) {
      // Kept in Redis, so lost with it when Redis restarts without persistence: a small
      // watchdog in each worker process puts them back (and the partition limits).
      const schedule = async () => {
        await queues.queue(QUEUE_NAMES.timers).upsertJobScheduler('reconcile', { every: config.queue.reconcileEveryMs }, { name: 'reconcile' });
        await queues.queue(QUEUE_NAMES.timers).upsertJobScheduler('retention', { every: RETENTION_EVERY_MS }, { name: 'retention' });
        await queues.limitPartitions();
      };
      await schedule();
      watchdog = setInterval(() => void schedule().catch((error: unknown) => log.debug({ err: error }, 'watchdog could not reach Redis')), 2 * config.queue.reconcileEveryMs);
      watchdog.unref();
    }
  }

  // Every role listens on PORT: the web role for everything, a worker only for its
  // health, readiness and metrics (so the image's HEALTHCHECK works for workers too).
  // One count of wrong tokens for the admin API, the simulator and the metrics.
  const lockout = createLockout(clock);
  const app: FastifyInstance = await createHttpServer({ log, metrics, store, queues, trustProxy: config.http.trustProxy, metricsToken: config.metricsToken, lockout });
  let telegram: TelegramReceiving | undefined;
  if (role !== 'worker') {
    if (config.twilio) registerSmsWebhooks(app, { accountSid: config.twilio.accountSid, authToken: config.twilio.authToken, publicBaseUrl: config.http.publicBaseUrl, inbox, store, clock, log });
    if (config.simulator.enabled) await registerSimulator(app, { inbox, store, config: config.simulator, publicBaseUrl: config.http.publicBaseUrl, lockout });
    if (config.adminToken) registerAdmin(app, { token: config.adminToken, store, clock, lockout });
    await registerConsole(app, { store, clock, ids, log, services, enqueue, queues, encryptionKey: config.encryptionKey });
    if (config.telegram) {
      telegram = createTelegramReceiving(app, { config: config.telegram, publicBaseUrl: config.http.publicBaseUrl, inbox, store, clock, log, metrics });
    }
  }
  await app.listen({ port: config.http.port, host: config.http.host });
  // After listening: its calls are retried, and webhooks are answered meanwhile.
  await telegram?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    config,
    store,
    queues,
    metrics,
    log,
    app,
    url,
    reconcile: reconcileNow,
    close() {
      // HTTP first (no new work), then workers (finish work in hand), then connections.
      closing ??= (async () => {
        clearInterval(watchdog);
        await telegram?.close();
        await app.close();
        await workers?.close();
        await queues.close();
        for (const sender of senders.values()) await sender.close?.();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * Where coordinators are reached: phone numbers by SMS, chat ids on Telegram, each
 * only while that channel is on. Never in the simulator, where anyone could claim a
 * number: with no real channel, alerts are recorded (the admin API lists them) and
 * sent to no one.
 */
export function coordinatorAddresses(config: Pick<Config, 'coordinators'>, senders: ReadonlyMap<ChannelName, unknown>): CoordinatorAddress[] {
  return [
    ...(senders.has('sms') ? config.coordinators.phones.map((address) => ({ channel: 'sms' as const, address })) : []),
    ...(senders.has('telegram') ? config.coordinators.telegramIds.map((address) => ({ channel: 'telegram' as const, address })) : []),
  ];
}

/** `npm start -- --help`. */
export const START_CLI = {
  usage: `Usage: npm start [-- --role web|worker|all]

Runs valued: applies the database migrations, then the HTTP server and the workers.
  --role all      HTTP server and workers in one process (the default)
  --role web      only the HTTP side: webhooks record and queue, nothing is handled
  --role worker   only the workers (and a small health listener on PORT)
  --help          print this and exit

Settings come from the environment or a .env file: see .env.example.`,
  options: { role: { type: 'string' } },
} satisfies Cli<NonNullable<ParseArgsConfig['options']>>;

function roleOf(value: string | undefined): Role {
  if (value === undefined) return 'all';
  if (value === 'web' || value === 'worker' || value === 'all') return value;
  throw new ConfigError(`--role must be web, worker or all (got "${value}")`);
}

async function main(): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const args = argsOrExit(START_CLI);
  let config: Readonly<Config>;
  let role: Role;
  try {
    role = roleOf(args.values.role);
    config = loadConfig();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const log = createLogger(config.logLevel);

  let redis;
  try {
    redis = await resolveRedis(config.redis.url, config.dataDir);
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      say(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (redis.private) log.info({ url: redis.url, dir: resolve(config.dataDir, 'redis') }, 'started a private redis-server for this run');

  const valued = await startValued({ config, redisUrl: redis.url, role, log });
  log.info({ role, url: valued.url, database: config.database.url.split(':')[0] }, 'valued is running');
  if (role !== 'worker' && !config.twilio && !config.telegram) {
    // With PORT=0 the port is chosen at listen time: point to where we really are.
    const base = config.http.port === 0 && valued.url ? valued.url : config.http.publicBaseUrl;
    process.stdout.write(`\nNo Twilio or Telegram credentials are set, so no real messages will be sent.\nTalk to the bot in the simulator: ${base}/simulator\n\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      say('Stopping now.');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: closing HTTP, draining workers, closing connections');
    void valued
      .close()
      .then(() => redis.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`valued could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
