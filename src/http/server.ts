/**
 * The HTTP server (Fastify): health, readiness and metrics here; webhooks and the
 * simulator are registered by the composition root for the channels that are on.
 */
import formbody from '@fastify/formbody';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { WebhookRoute } from '../channels/channel.js';
import type { Logger } from '../platform/log.js';
import type { Metrics } from '../platform/metrics.js';
import type { Queues } from '../queue/queues.js';
import { databaseAnswers, isTransientDbError, type Store } from '../store/database.js';
import { requireToken, type Lockout } from './lockout.js';

/** Webhook bodies are small; anything bigger is not from a provider we know. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * How long a client may take: to send a whole request (a 64 KB body needs far less
 * even on a slow link), and to stay silent on an open connection. Without them a
 * thousand stalled uploads hold a thousand sockets open for ever.
 */
export const HTTP_TIMEOUTS = { requestMs: 10_000, idleMs: 60_000 } as const;

export interface HttpServerDeps {
  log: Logger;
  metrics: Metrics;
  store: Store;
  queues: Queues;
  /** Whose X-Forwarded-For to believe (TRUST_PROXY). */
  trustProxy: boolean | string;
  /** METRICS_TOKEN: when set, /metrics needs it (wrong tokens count towards `lockout`). */
  metricsToken?: string;
  lockout: Lockout;
  /** Shorter in tests. */
  timeouts?: { requestMs: number; idleMs: number };
}

export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const timeouts = deps.timeouts ?? HTTP_TIMEOUTS;
  const app = Fastify<Server, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: deps.log,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    // Node looks for overdue requests this often (30 s unless told), and wants the headers within the request's time.
    http: { connectionsCheckingInterval: Math.min(1000, timeouts.requestMs), headersTimeout: timeouts.requestMs },
    // One line per request, from the onResponse hook below, instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy,
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });

  app.addHook('onResponse', async (request, reply) => {
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'debug';
    request.log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : isTransientDbError(error) ? 503 : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status >= 500) void reply.header('retry-after', '5');
    return reply
      .code(status)
      .send({ error: status >= 500 ? 'Sorry, something went wrong on our side. Please try again shortly.' : (error.message ?? 'Bad request') });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found' }));

  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const database = await databaseAnswers(deps.store.db);
    const redis = await deps.queues.ping();
    const ready = database && redis;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', database: database ? 'ok' : 'down', redis: redis ? 'ok' : 'down' });
  });

  app.get('/metrics', { onRequest: deps.metricsToken ? requireToken(deps.metricsToken, deps.lockout, 'Bearer', 'metrics') : [] }, async (_request, reply) => {
    try {
      const counts = await deps.queues.counts();
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) deps.metrics.queueDepth.set({ queue, state }, n);
      }
    } catch {
      // Redis away: the other metrics still help.
    }
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return app;
}

/** Mounts providers' webhooks as the channels declare them (POST, answered as the route says). */
export function mountWebhooks(app: FastifyInstance, routes: readonly WebhookRoute[]): void {
  for (const route of routes) {
    app.post(route.path, async (request, reply) => {
      const answer = await route.handle({ url: request.url, headers: request.headers, body: request.body });
      void reply.code(answer.status);
      for (const [name, value] of Object.entries(answer.headers ?? {})) void reply.header(name, value);
      if (answer.json !== undefined) return reply.send(answer.json);
      if (answer.type) void reply.type(answer.type);
      return reply.send(answer.body ?? '');
    });
  }
}
