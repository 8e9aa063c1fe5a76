/**
 * The database is the record, not Redis. Whatever Redis loses (jobs, or everything
 * while it is down), the reconciler finds in the database and queues again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../../src/queue/local-redis.js';
import { QUEUE_NAMES } from '../../src/queue/queues.js';
import { findIdentity } from '../../src/store/members.repository.js';
import { deletePrefix, startTestApp, uniquePrefix, waitFor, waitForQuiet, waitForSent, type TestApp } from '../helpers/app.js';

const apps: TestApp[] = [];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'valued-reconcile-'));
});
afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(options: Parameters<typeof startTestApp>[0]): Promise<TestApp> {
  const app = await startTestApp(options);
  apps.push(app);
  return app;
}

const inboundStatus = async (app: TestApp, from: string) => {
  const identity = await findIdentity(app.valued.store.db, 'simulator', await app.simulatorAddress(from));
  if (!identity) return [];
  return (await app.valued.store.db.selectFrom('inbound_messages').select('status').where('identity_id', '=', identity.id).execute()).map((r) => r.status);
};

describe('the reconciler', () => {
  it('queues again an inbound message whose job Redis lost', async () => {
    const databaseUrl = `sqlite:${join(dir, 'lost-inbound.db')}`;
    const prefix = uniquePrefix();
    const web = await start({ role: 'web', databaseUrl, prefix, reconciler: false });
    const from = '+447700900401';
    expect((await web.simulate(from, 'hello')).status).toBe(202);
    await deletePrefix(web.redisUrl, prefix); // Redis restarts empty

    const worker = await start({ role: 'worker', databaseUrl, prefix, reconciler: false });
    // The worker is at work: someone else's message, queued now, is handled and answered...
    const other = '+447700900411';
    expect((await web.simulate(other, 'hello')).status).toBe(202);
    await waitForSent(worker, 'simulator', other, 1);
    // ...but the lost one waits: nothing in Redis says it is there.
    expect(await inboundStatus(worker, from)).toEqual(['pending']);

    expect(await worker.valued.reconcile(0)).toEqual({ inbound: 1, outbox: 0 });
    const [reply] = await waitForSent(worker, 'simulator', from, 1);
    expect(reply).toMatch(/Shall we start\?/);
    expect(await inboundStatus(worker, from)).toEqual(['handled']);
  });

  it('queues again a reply whose send job Redis lost, and sends it once', async () => {
    const app = await start({ reconciler: false });
    const from = '+447700900402';
    const sends = app.valued.queues.queue(QUEUE_NAMES.send('simulator'));
    await sends.pause();
    await app.simulate(from, 'hello');
    await waitFor(async () => (await app.outbound('simulator', from)).length === 1, 'the reply to be recorded');
    await sends.obliterate({ force: true }); // the job is gone, the queue is still paused
    await sends.resume();
    // Sending works again: someone else's reply goes...
    const other = '+447700900412';
    await app.simulate(other, 'hello');
    await waitForSent(app, 'simulator', other, 1);
    // ...but the reply whose job was lost does not: nothing in Redis says it is there.
    expect((await app.outbound('simulator', from)).map((m) => m.status)).toEqual(['pending']);

    expect(await app.valued.reconcile(0)).toEqual({ inbound: 0, outbox: 1 });
    await waitForSent(app, 'simulator', from, 1);
    expect(await app.valued.reconcile(0)).toEqual({ inbound: 0, outbox: 0 });
    await waitForQuiet(app, 'any second send to (wrongly) go');
    expect((await app.outbound('simulator', from)).map((m) => m.status)).toEqual(['sent']);
  });

  it('queueing again what is still queued changes nothing', async () => {
    const app = await start({ reconciler: false });
    const from = '+447700900403';
    await app.simulate(from, 'hello');
    await waitForSent(app, 'simulator', from, 1);
    await app.valued.reconcile(0);
    await app.valued.reconcile(0);
    await waitForQuiet(app, 'any second send to (wrongly) go');
    expect(await app.sentTexts('simulator', from)).toHaveLength(1);
  });
});

describe('while Redis is down', () => {
  it('the webhook answers 503 but keeps the message, and it is handled once Redis is back', async () => {
    const redis = await startPrivateRedis(join(dir, 'redis-down'), { persist: false });
    try {
      const app = await start({ env: { REDIS_URL: redis.url }, reconciler: false });
      const from = '+447700900404';
      await redis.stop(); // Redis goes away

      const response = await app.simulate(from, 'hello', 'sim-while-down');
      expect(response.status).toBe(503);
      expect(await inboundStatus(app, from)).toEqual(['pending']);
      const readiness = await fetch(`${app.url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({ database: 'ok', redis: 'down' });

      const again = await startPrivateRedis(join(dir, 'redis-down'), { persist: false, port: redis.port });
      try {
        await waitFor(async () => (await fetch(`${app.url}/readyz`)).status === 200, 'Redis to be back', 15_000);
        // The provider retries the same message: recognised, not recorded twice.
        expect((await app.simulate(from, 'hello', 'sim-while-down')).status).toBe(202);
        await app.valued.reconcile(0);
        await waitForSent(app, 'simulator', from, 1, 15_000);
        expect(await inboundStatus(app, from)).toEqual(['handled']);
        expect(await app.sentTexts('simulator', from)).toHaveLength(1);
      } finally {
        await apps.pop()!.close();
        await again.stop();
      }
    } finally {
      await redis.stop();
    }
  });
});
