/**
 * The simulator: talk to the bot with no phone. The same pipeline as SMS (record,
 * queue, engine, outbox, sender), with a page for people and a small JSON API for
 * scripts and tests.
 *
 *   GET  /simulator                the page
 *   POST /simulator/api/messages   { "text": "hello", "id"?: "my-id-1" }
 *   GET  /simulator/api/messages   this visitor's conversation, oldest first
 *
 * Anyone may be a visitor, so a visitor is only ever themselves: each gets a random
 * identity in an HTTP-only cookie (never a number they choose), sees only their own
 * conversation, and lives in the sandbox (see members.sandbox): never matched with,
 * told about or relayed to real members, never a coordinator. Posts must come from
 * the page's own origin, as JSON, and are rate limited per client address. Beside a
 * real channel, the simulator also needs its token (see SimulatorConfig).
 */
import { createHash, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimulatorConfig } from '../platform/config.js';
import { requireToken, type Lockout } from './lockout.js';
import type { Store } from '../store/database.js';
import { findIdentity } from '../store/members.repository.js';
import { listTranscript } from '../store/messages.repository.js';
import type { Inbox } from '../channels/inbox.js';
import { SIMULATOR_PAGE } from './simulator-page.js';

const MAX_TEXT = 4000;
const MAX_ID = 100;
export const VISITOR_COOKIE = 'valued_sim';
/** A visitor keeps their identity this long after their last visit. */
const VISITOR_DAYS = 30;
/** Page loads and transcript reads a client address may make a minute (the page reads once a second). */
const READS_PER_MINUTE = 240;

/**
 * The address a visitor's cookie stands for. A hash, so the database never holds
 * the cookie itself: reading the database does not let anyone act as a visitor.
 */
export function simulatorAddress(visitor: string): string {
  return `sim-${createHash('sha256').update(visitor).digest('base64url').slice(0, 22)}`;
}

function cookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === VISITOR_COOKIE) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
    }
  }
  return undefined;
}

export interface SimulatorDeps {
  inbox: Inbox;
  store: Store;
  config: SimulatorConfig;
  /** Where the page is served from (PUBLIC_BASE_URL): its origin may post. */
  publicBaseUrl: string;
  lockout: Lockout;
}

export async function registerSimulator(app: FastifyInstance, deps: SimulatorDeps): Promise<void> {
  const secure = deps.publicBaseUrl.startsWith('https://');
  const publicOrigin = new URL(deps.publicBaseUrl).origin;

  /** The visitor's identity: from their cookie, or a new one (and the cookie to keep it). */
  const visitor = (request: FastifyRequest, reply: FastifyReply): string => {
    const known = cookieOf(request);
    const token = known ?? randomBytes(32).toString('base64url');
    // Sent again each time, so it lasts VISITOR_DAYS from the last visit.
    void reply.header(
      'set-cookie',
      `${VISITOR_COOKIE}=${token}; Path=/simulator; Max-Age=${VISITOR_DAYS * 86_400}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
    );
    return simulatorAddress(token);
  };

  /**
   * A post from another site is refused: a browser says where it comes from (Origin,
   * or Sec-Fetch-Site), and it must be this site, as the visitor reached it or as
   * PUBLIC_BASE_URL names it. A script sends neither, and is let through.
   */
  const sameOrigin = (request: FastifyRequest): boolean => {
    const origin = request.headers.origin;
    if (typeof origin === 'string') {
      if (origin === publicOrigin) return true;
      try {
        return new URL(origin).host === request.host;
      } catch {
        return false;
      }
    }
    const site = request.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  };

  await app.register(rateLimit, { global: false });

  await app.register((simulator, _options, done) => {
    if (deps.config.token)
      simulator.addHook('onRequest', requireToken(deps.config.token, deps.lockout, 'Basic realm="valued simulator", charset="UTF-8"', 'simulator'));

    simulator.get('/simulator', { config: { rateLimit: { max: READS_PER_MINUTE, timeWindow: '1 minute' } } }, async (request, reply) => {
      visitor(request, reply);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(SIMULATOR_PAGE);
    });

    simulator.post(
      '/simulator/api/messages',
      { config: { rateLimit: { max: deps.config.messagesPerMinute, timeWindow: '1 minute' } } },
      async (request, reply) => {
        if (!sameOrigin(request)) return reply.code(403).send({ error: 'Messages can be sent only from the simulator page itself.' });
        if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return reply.code(415).send({ error: 'Please send JSON: {"text": "..."}' });
        const body = (request.body ?? {}) as { from?: unknown; text?: unknown; id?: unknown };
        if (body.from !== undefined)
          return reply.code(400).send({ error: 'Each visitor is their own person (a cookie keeps who you are): "from" is not accepted.' });
        if (typeof body.text !== 'string') return reply.code(400).send({ error: 'Please give "text": the words to send.' });
        if (body.text.length > MAX_TEXT) return reply.code(400).send({ error: `Please keep "text" under ${MAX_TEXT} characters.` });
        if (body.id !== undefined && (typeof body.id !== 'string' || body.id.length === 0 || body.id.length > MAX_ID)) {
          return reply.code(400).send({ error: `"id", if given, must be text of 1 to ${MAX_ID} characters.` });
        }
        const address = visitor(request, reply);
        const id = typeof body.id === 'string' ? body.id : randomBytes(12).toString('base64url');
        // Ids are the visitor's own: the same id from two visitors is two messages. Hashed
        // with the address, so the record keeps no trace of who once FORGET ME wipes the address.
        const providerId = createHash('sha256').update(`${address}\n${id}`).digest('base64url');
        const accepted = await deps.inbox.accept({ channel: 'simulator', providerId, address, body: body.text, input: { kind: 'text', text: body.text } });
        if (!accepted.queued) return reply.code(503).header('retry-after', '5').send({ error: 'Busy, please retry', id });
        return reply.code(202).send({ id, status: accepted.status });
      },
    );

    simulator.get('/simulator/api/messages', { config: { rateLimit: { max: READS_PER_MINUTE, timeWindow: '1 minute' } } }, async (request, reply) => {
      const identity = await findIdentity(deps.store.db, 'simulator', visitor(request, reply));
      const messages = identity ? await listTranscript(deps.store.db, identity.id) : [];
      return reply.header('cache-control', 'no-store').send({
        optedOut: identity?.opted_out_at != null,
        messages: messages.map((m) => ({ direction: m.direction, text: m.text, at: new Date(m.at).toISOString(), status: m.status })),
      });
    });
    done();
  });
}
