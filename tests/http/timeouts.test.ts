/**
 * Slow clients: a request that stalls mid-body, or a connection that never says
 * anything, is cut off after the server's timeouts instead of holding a socket open.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../src/platform/clock.js';
import { createLockout } from '../../src/http/lockout.js';
import { createHttpServer, HTTP_TIMEOUTS } from '../../src/http/server.js';
import { createLogger } from '../../src/platform/log.js';
import { createMetrics } from '../../src/platform/metrics.js';
import type { Queues } from '../../src/queue/queues.js';
import type { Store } from '../../src/store/database.js';

/**
 * Well past the timeouts set here (half a second, a second and a half), yet far short
 * of a socket held open: room for a busy machine to be late.
 */
const CUT_OFF_WITHIN_MS = 10_000;

/** Opens a connection, writes `first`, and resolves with how long until the server ended it and what it said. */
function stall(port: number, first: string): Promise<{ ms: number; said: string }> {
  return new Promise((done, fail) => {
    const started = Date.now();
    let said = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(first));
    socket.on('data', (d: Buffer) => (said += d.toString()));
    socket.on('close', () => done({ ms: Date.now() - started, said }));
    socket.on('error', fail);
  });
}

describe('HTTP timeouts', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await createHttpServer({
      log: createLogger('silent'),
      metrics: createMetrics({ defaults: false }),
      store: {} as Store,
      queues: {} as Queues,
      trustProxy: false,
      lockout: createLockout(systemClock),
      timeouts: { requestMs: 500, idleMs: 1500 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  afterAll(async () => app?.close());

  it('are set in production to seconds, not "never"', () => {
    expect(HTTP_TIMEOUTS.requestMs).toBeGreaterThan(0);
    expect(HTTP_TIMEOUTS.idleMs).toBeGreaterThan(0);
  });

  it('an upload that stalls mid-body is answered 408 and closed', async () => {
    const { ms, said } = await stall(port, 'POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":');
    expect(said).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(ms).toBeLessThan(CUT_OFF_WITHIN_MS);
  });

  it('a connection that never sends a request is closed', async () => {
    const { ms } = await stall(port, '');
    expect(ms).toBeLessThan(CUT_OFF_WITHIN_MS);
  });

  it("a stalled request's headers are cut off too", async () => {
    const { ms } = await stall(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n');
    expect(ms).toBeLessThan(CUT_OFF_WITHIN_MS);
  });
});
