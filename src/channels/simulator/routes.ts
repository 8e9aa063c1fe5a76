/**
 * The simulator: talk to the bot as any phone number, with no credentials. The same
 * pipeline as SMS (record, queue, engine, outbox, sender), with a page for people and
 * a small JSON API for scripts and tests.
 *
 *   POST /simulator/api/messages   { "from": "+447700900123", "text": "hello", "id"?: "my-id-1" }
 *   GET  /simulator/api/messages?from=+447700900123
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/database.js';
import { findIdentity } from '../../store/members.repository.js';
import { listTranscript } from '../../store/messages.repository.js';
import type { Inbox } from '../inbox.js';
import { SIMULATOR_PAGE } from './page.js';

const ADDRESS = /^[A-Za-z0-9+\-_. ]{1,40}$/;
const MAX_TEXT = 4000;

export function registerSimulator(app: FastifyInstance, deps: { inbox: Inbox; store: Store }): void {
  app.get('/simulator', async (_request, reply) => reply.type('text/html; charset=utf-8').send(SIMULATOR_PAGE));

  app.post('/simulator/api/messages', async (request, reply) => {
    const body = (request.body ?? {}) as { from?: unknown; text?: unknown; id?: unknown };
    const from = typeof body.from === 'string' ? body.from.trim() : '';
    if (!ADDRESS.test(from)) {
      return reply.code(400).send({ error: 'Please give "from": a phone number or name, up to 40 letters, digits, + - _ . or spaces.' });
    }
    if (typeof body.text !== 'string') return reply.code(400).send({ error: 'Please give "text": the words to send.' });
    if (body.text.length > MAX_TEXT) return reply.code(400).send({ error: `Please keep "text" under ${MAX_TEXT} characters.` });
    const id = typeof body.id === 'string' && body.id.length > 0 && body.id.length <= 100 ? body.id : randomUUID();
    const accepted = await deps.inbox.accept({ channel: 'simulator', providerId: id, address: from, body: body.text, input: { kind: 'text', text: body.text } });
    if (!accepted.queued) return reply.code(503).header('retry-after', '5').send({ error: 'Busy, please retry', id });
    return reply.code(202).send({ id, status: accepted.status });
  });

  app.get('/simulator/api/messages', async (request, reply) => {
    const raw = (request.query as { from?: unknown }).from;
    const from = typeof raw === 'string' ? raw.trim() : '';
    if (!ADDRESS.test(from)) return reply.code(400).send({ error: 'Please give ?from= a phone number or name.' });
    const identity = await findIdentity(deps.store.db, 'simulator', from);
    const messages = identity ? await listTranscript(deps.store.db, identity.id) : [];
    return reply.send({
      from,
      optedOut: identity?.opted_out_at != null,
      messages: messages.map((m) => ({ direction: m.direction, text: m.text, at: new Date(m.at).toISOString(), status: m.status })),
    });
  });
}
