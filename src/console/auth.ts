/**
 * Signing in and out. A coordinator opens the one-time link `npm run coordinator`
 * printed, sees whose account it is, and presses Sign in: opening a link changes
 * nothing (link previews and mail scanners open links), only the button uses it. The
 * session is then replaced (no one can plant a session id beforehand) and holds only
 * who signed in and when. Every other console page checks, on each request, that the
 * account still exists and the session has not run out.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.js';
import { activeCoordinator, peekSignInToken, useSignInToken } from '../store/coordinators.repository.js';
import { deleteExpiredSessions } from '../store/console-sessions.repository.js';
import type { Db } from '../store/database.js';
import type { Actions } from './act.js';
import { page } from './render.js';
import { ABSOLUTE_MS, IDLE_MS, TOUCH_EVERY_MS } from './session.js';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  actions: Actions;
}

/** Pages anyone may open: signing in, and the stylesheet and script. */
const PUBLIC = /^\/console\/(sign-in(\/[^/]*)?|assets\/[^/]+)$/;

/** Asks for sign-in: a redirect for a page, 401 for anything else (a form, a script's request). */
async function signInNeeded(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (request.method === 'GET' || request.method === 'HEAD') return reply.redirect('/console/sign-in', 303);
  return reply.code(401).type('text/plain; charset=utf-8').send('Please sign in to the console again.');
}

/**
 * The check before every console request (after the session is read): who is signed
 * in, if anyone, and whether they still may be.
 */
export function guard(deps: AuthDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    request.coordinator = null;
    const path = request.url.split('?', 1)[0]!;
    if (PUBLIC.test(path)) return undefined;
    const session = request.session;
    const now = deps.clock.now();
    const coordinator = session.coordinatorId ? await activeCoordinator(deps.db, session.coordinatorId) : undefined;
    const idle = session.lastSeenAt !== undefined && now - session.lastSeenAt > IDLE_MS;
    const old = session.signedInAt !== undefined && now - session.signedInAt > ABSOLUTE_MS;
    if (!coordinator || idle || old) {
      if (session.coordinatorId) {
        await session.regenerate();
        request.session.ended = 'expired';
      }
      return signInNeeded(request, reply);
    }
    request.coordinator = coordinator;
    if (session.lastSeenAt === undefined || now - session.lastSeenAt > TOUCH_EVERY_MS) session.lastSeenAt = now;
    return undefined;
  };
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps): void {
  app.get('/sign-in', async (request, reply) => {
    const ended = request.session.ended ?? ((request.query as { 'signed-out'?: string })['signed-out'] !== undefined ? 'signed-out' : undefined);
    if (request.session.ended) request.session.ended = undefined;
    if (request.session.coordinatorId && (await activeCoordinator(deps.db, request.session.coordinatorId))) return reply.redirect('/console', 303);
    return page(request, reply, 'sign-in', { title: 'Sign in', section: 'none', ended }, deps.clock.now());
  });

  app.get('/sign-in/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const coordinator = await peekSignInToken(deps.db, token, deps.clock.now());
    if (!coordinator)
      return page(
        request,
        reply,
        'sign-in-link',
        { title: 'This sign-in link does not work', section: 'none', coordinator: null, account: null },
        deps.clock.now(),
        404,
      );
    return page(
      request,
      reply,
      'sign-in-link',
      { title: `Sign in as ${coordinator.name}`, section: 'none', account: coordinator, action: `/console/sign-in/${token}` },
      deps.clock.now(),
    );
  });

  app.post('/sign-in/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const now = deps.clock.now();
    const coordinator = await useSignInToken(deps.db, token, now);
    if (!coordinator) return page(request, reply, 'sign-in-link', { title: 'This sign-in link does not work', section: 'none', account: null }, now, 404);
    await deleteExpiredSessions(deps.db, now);
    await request.session.regenerate();
    request.session.coordinatorId = coordinator.id;
    request.session.signedInAt = now;
    request.session.lastSeenAt = now;
    await deps.actions.record(coordinator, { action: 'signed in' });
    return reply.redirect('/console', 303);
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.coordinator) await deps.actions.record(request.coordinator, { action: 'signed out' });
    await request.session.destroy();
    return reply.redirect('/console/sign-in?signed-out', 303);
  });
}
