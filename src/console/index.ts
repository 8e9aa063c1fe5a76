/**
 * The coordinators' console at /console: server-rendered pages for the people who look
 * after an area (Today, Needs, Gifts, People, Reports, Activity) and bull-board for
 * the queues, all behind named sign-in. It exists only once a coordinator account
 * does (npm run coordinator -- add ...); until then every /console address is a 404.
 *
 * Everything here is scoped to /console: the cookie, the session, CSRF and the views
 * touch no other route (webhooks and the JSON admin API are untouched).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import fastifyView from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import type { Queues } from '../queue/queues.js';
import { sessionSecret } from '../store/console-sessions.repository.js';
import { hasCoordinators } from '../store/coordinators.repository.js';
import { isTransientDbError, type Db } from '../store/database.js';
import { catchUpSearchIndex } from '../store/search-index.repository.js';
import { createSealer, keyId } from '../store/sealing.js';
import { createActions, type ActDeps } from './act.js';
import { guard, registerAuthRoutes } from './auth.js';
import type { ConsoleContext } from './context.js';
import { registerNeeds } from './needs.js';
import { registerPeople } from './people.js';
import { registerQueues } from './queues.js';
import { page } from './render.js';
import { registerReports } from './reports.js';
import { ABSOLUTE_MS, databaseSessionStore } from './session.js';
import { registerToday } from './today.js';

/** The actions' needs (the workers' services, a way to queue jobs after commit) and the queues. */
export interface ConsoleDeps extends ActDeps {
  queues: Queues;
  /** DATA_ENCRYPTION_KEY: names and numbers are sealed, and searched through keyed hashes. */
  encryptionKey: Buffer | undefined;
}

const VIEWS = fileURLToPath(new URL('./views/', import.meta.url));
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const ASSET_TYPES: Record<string, string> = { 'console.css': 'text/css; charset=utf-8', 'console.js': 'text/javascript; charset=utf-8' };

/** The console's pages run nothing from elsewhere and cannot be framed; nothing personal is cached or referred on. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The sealed search: sealing.ts's keyed hash, and the index's catch-up, one run at a
 * time. It first runs as the console starts, in the background, so that the first
 * search after a deploy does not wait for every member to be indexed.
 */
function sealedSearch(key: Buffer, db: Db, clock: Clock, log: Logger): NonNullable<ConsoleContext['sealedSearch']> {
  // Hashes with the current key only; the index is rebuilt when that key changes (rotation).
  const sealer = createSealer(key);
  const hash = (value: string) => sealer.hash(value);
  const id = keyId(key);
  let running: Promise<void> | undefined;
  const catchUp = () =>
    (running ??= catchUpSearchIndex(db, hash, clock.now(), id)
      .then((read) => void (read > 1000 && log.info({ read }, 'console search index brought up to date')))
      .finally(() => {
        running = undefined;
      }));
  void catchUp().catch((error: unknown) => log.warn({ err: error }, 'console search index: catching up failed; the next search tries again'));
  return { hash, catchUp };
}

export async function registerConsole(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const db = deps.store.db;
  const secret = await sessionSecret(db);
  const actions = createActions(deps);
  const ctx: ConsoleContext = {
    db,
    clock: deps.clock,
    log: deps.log,
    actions,
    matching: deps.services.matching,
    sealedSearch: deps.encryptionKey ? sealedSearch(deps.encryptionKey, db, deps.clock, deps.log) : undefined,
  };
  const assets = new Map(Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(`${ASSETS}${name}`)]));

  await app.register(
    async (scope) => {
      // Off until someone has an account: a plain 404, as for any unknown address.
      scope.addHook('onRequest', async (_request, reply) => ((await hasCoordinators(db)) ? undefined : reply.callNotFound()));
      scope.addHook('onSend', async (_request, reply) => {
        // The server's own time for the page, for operators and npm run bench.
        void reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
      });
      await scope.register(fastifyCookie);
      await scope.register(fastifySession, {
        secret,
        store: databaseSessionStore(db, deps.clock),
        cookieName: 'valued_console',
        cookie: { path: '/console', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: ABSOLUTE_MS },
        saveUninitialized: false,
        rolling: false,
      });
      scope.decorateRequest('coordinator', null);
      scope.addHook('onRequest', guard({ db, clock: deps.clock, actions }));

      await scope.register(async (pages) => {
        await pages.register(fastifyView, { engine: { eta: new Eta({ views: VIEWS, cache: true }) }, templates: VIEWS, production: true });
        await pages.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
        // Every form: a POST without this session's token is refused (403) before anything happens.
        pages.addHook('preHandler', (request, reply, done) => (request.method === 'POST' ? pages.csrfProtection(request, reply, done) : done()));
        pages.addHook('onSend', async (_request, reply) => {
          reply.headers(PAGE_HEADERS);
          if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
        });
        pages.setErrorHandler(async (error: { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) => {
          const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : isTransientDbError(error) ? 503 : 500;
          if (status >= 500) request.log.error({ err: error }, 'console request failed');
          const expired = error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
          return page(
            request,
            reply,
            'error',
            {
              title: expired ? 'This form has expired' : status >= 500 ? 'Sorry, something went wrong' : 'Something was not right',
              section: 'none',
              expired,
              status,
            },
            deps.clock.now(),
            status,
          );
        });
        pages.get('/assets/:name', async (request, reply) => {
          const { name } = request.params as { name: string };
          const body = assets.get(name);
          if (!body) return reply.callNotFound();
          return reply.type(ASSET_TYPES[name]!).header('cache-control', 'public, max-age=3600').send(body);
        });
        registerAuthRoutes(pages, { db, clock: deps.clock, actions });
        registerToday(pages, ctx);
        registerNeeds(pages, ctx);
        registerPeople(pages, ctx);
        registerReports(pages, ctx);
      });
      await registerQueues(scope, deps.queues);
    },
    { prefix: '/console' },
  );
}
