/**
 * Queues, for operators: @bull-board/fastify at /console/queues, behind the console's
 * sign-in. Read-only: the database is the record of every job (the outbox) and the
 * reconciler queues again whatever Redis lost, so there is nothing to retry by hand,
 * and only reading keeps every console action in the audit log. bull-board serves its
 * whole interface from its package; the one thing it would fetch from elsewhere (a
 * Google Fonts stylesheet) is taken out of its page and forbidden by the page's CSP.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { Queues } from '../queue/queues.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'";
const REMOTE_FONTS = /<link[^>]+fonts\.googleapis\.com[^>]*>/g;

export async function registerQueues(scope: FastifyInstance, queues: Queues): Promise<void> {
  const adapter = new FastifyAdapter();
  adapter.setBasePath('/console/queues');
  createBullBoard({
    queues: queues.names.map((name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: true })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'valued queues' } },
  });
  await scope.register(async (board) => {
    board.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(405).header('allow', 'GET').send({ error: 'The queues page is read-only.' });
      return undefined;
    });
    board.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('content-security-policy', CSP);
      return typeof payload === 'string' ? payload.replace(REMOTE_FONTS, '') : payload;
    });
    await board.register(adapter.registerPlugin(), { prefix: '/queues' });
  });
}
