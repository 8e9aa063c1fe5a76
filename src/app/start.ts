/**
 * The composition root: the only place that wires config, store, queues, channels,
 * HTTP and workers together. `src/main.ts` runs it from the command line; tests call
 * `startValued`. Nothing in this file is on the path of a message: it only builds and
 * connects. What each queue's jobs do is in processors.ts, which is.
 */
import type { FastifyInstance } from 'fastify';
import type { ChannelName, ChannelSender, WebhookRoute } from '../channels/channel.js';
import { createInbox } from '../channels/inbox.js';
import { smsWebhooks } from '../channels/sms/webhook.js';
import { createTelegramReceiving, type TelegramReceiving } from '../channels/telegram/index.js';
import { registerConsole } from '../console/index.js';
import { createDelivery } from '../delivery/deliver.js';
import type { Services } from '../effects/context.js';
import { createInboundWorker } from '../effects/inbound-worker.js';
import { createWindowFallback } from '../effects/window.js';
import { registerAdmin } from '../http/admin.js';
import { createLockout } from '../http/lockout.js';
import { createHttpServer, mountWebhooks } from '../http/server.js';
import { registerSimulator } from '../http/simulator.js';
import { createFollowUps } from '../matching/followup.js';
import { createMatcher } from '../matching/waves.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { ulidIds, type Ids } from '../platform/ids.js';
import { createLogger, type Logger } from '../platform/log.js';
import { createMetrics, type Metrics } from '../platform/metrics.js';
import { sendJobId } from '../queue/jobs.js';
import { createQueues, QUEUE_NAMES, SEND_PRIORITY, type Queues } from '../queue/queues.js';
import { reconcile, RECONCILE_GRACE_MS, type ReconcileResult } from '../queue/reconciler.js';
import { startWorkers, type RunningWorkers } from '../queue/workers.js';
import { migrateToLatest, openDatabase, type Store } from '../store/database.js';
import { coordinatorAddresses, formatsOf, sendersFor, sendLimits, unreachedCoordinatorsNotice } from './channels.js';
import { processors } from './processors.js';
import { keepSchedules } from './schedules.js';

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
  /** Called with each SQL statement as it runs (SQLite): the benchmark's profile. */
  onStatement?: (sql: string, ms: number) => void;
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

export async function startValued(options: StartOptions): Promise<Valued> {
  const { config } = options;
  const role = options.role ?? 'all';
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? ulidIds(() => clock.now());
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = createMetrics();

  const store = openDatabase(config.database.url, {
    encryptionKey: config.encryptionKey,
    oldEncryptionKeys: config.oldEncryptionKeys,
    onError: (error) => log.warn({ err: error }, error.message),
    onStatement: options.onStatement,
    backgroundCheckpoints: config.database.backgroundCheckpoints,
    preparedStatements: config.database.preparedStatements,
  });
  for (const notice of config.notices) log.warn(notice);
  if (!config.encryptionKey) log.warn('DATA_ENCRYPTION_KEY is not set: message words, names and phone numbers are stored unencrypted (see .env.example)');
  await migrateToLatest(store.db);

  const senders = sendersFor(config, options.senders);
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
  const inbox = createInbox({
    store,
    clock,
    ids,
    log,
    enqueue: (identityId, messageId) => queues.enqueueInbound(identityId, messageId),
    onAccepted: (m) => metrics.messagesIn.inc({ channel: m.channel }),
  });
  const unreached = unreachedCoordinatorsNotice(config, senders);
  if (unreached && role !== 'web') log.warn(unreached);
  const services: Services = {
    formats: formatsOf(senders),
    matching: config.matching,
    coordinators: coordinatorAddresses(config, senders),
    languages: config.languages,
  };
  const enqueue = (job: Parameters<Queues['enqueue']>[0]) => queues.enqueue(job);

  let workers: RunningWorkers | undefined;
  let stopSchedules: (() => void) | undefined;
  if (role !== 'web') {
    const delivery = createDelivery({
      store,
      clock,
      senders,
      log,
      metrics,
      ids,
      enqueue,
      // A person's messages wait their turn parked in the send queue; these bring them back.
      parked: {
        wake: (channel, id, at) => queues.wake(QUEUE_NAMES.send(channel), sendJobId(id), at, SEND_PRIORITY.waited),
        hurry: (channel, id) => queues.raise(QUEUE_NAMES.send(channel), sendJobId(id), SEND_PRIORITY.waited),
      },
    });
    workers = await startWorkers({
      redisUrl: options.redisUrl,
      prefix: config.queue.prefix,
      partitions: config.queue.inboundPartitions,
      sendConcurrency: config.queue.sendConcurrency,
      lockMs: config.queue.lockMs,
      channels,
      limits: sendLimits(senders),
      processors: processors({
        store,
        clock,
        log,
        inbox,
        inbound: createInboundWorker({ store, clock, ids, log, services, enqueue }),
        delivery,
        matcher: createMatcher({ store, clock, ids, log, services, enqueue }),
        windowFallback: createWindowFallback({ store, clock, ids, log, services, enqueue }),
        followUps: createFollowUps({ store, clock, inbox, log }),
        reconcile: () => reconcileNow(reconcileGraceMs),
        retentionDays: config.retentionDays,
      }),
      log,
      metrics,
    });
    if (options.reconciler ?? true) stopSchedules = await keepSchedules(queues, config.queue.reconcileEveryMs, log);
  }

  // Every role listens on PORT: the web role for everything, a worker only for its
  // health, readiness and metrics (so the image's HEALTHCHECK works for workers too).
  // One count of wrong tokens for the admin API, the simulator and the metrics.
  const lockout = createLockout(clock);
  const app: FastifyInstance = await createHttpServer({
    log,
    metrics,
    store,
    queues,
    trustProxy: config.http.trustProxy,
    metricsToken: config.metricsToken,
    lockout,
  });
  let telegram: TelegramReceiving | undefined;
  if (role !== 'worker') {
    const webhooks: WebhookRoute[] = [];
    // SMS and WhatsApp share Twilio's account, webhook and signature.
    const twilioAccount = config.twilio ?? config.whatsapp;
    if (twilioAccount) {
      const channels = { sms: config.twilio !== undefined, whatsapp: config.whatsapp !== undefined };
      webhooks.push(
        ...smsWebhooks({
          accountSid: twilioAccount.accountSid,
          authToken: twilioAccount.authToken,
          publicBaseUrl: config.http.publicBaseUrl,
          inbox,
          store,
          clock,
          log,
          channels,
        }),
      );
    }
    if (config.telegram) {
      telegram = createTelegramReceiving({
        config: config.telegram,
        publicBaseUrl: config.http.publicBaseUrl,
        inbox,
        store,
        clock,
        log,
        metrics,
        languages: config.languages,
      });
      webhooks.push(...telegram.routes);
    }
    mountWebhooks(app, webhooks);
    if (config.simulator.enabled) await registerSimulator(app, { inbox, store, config: config.simulator, publicBaseUrl: config.http.publicBaseUrl, lockout });
    if (config.adminToken) registerAdmin(app, { token: config.adminToken, store, clock, lockout });
    await registerConsole(app, { store, clock, ids, log, services, enqueue, queues, encryptionKey: config.encryptionKey });
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
        stopSchedules?.();
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
