/**
 * Redis restarts, empty, while messages flow. While it is down the webhook answers
 * 503 (and keeps the message); once it is back, the reconciler (kept scheduled by the
 * workers' watchdog) queues again everything Redis lost. Nothing accepted is lost and
 * nothing is sent twice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../../src/queue/local-redis.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';

const PEOPLE = Array.from({ length: 6 }, (_, i) => `+4477009110${String(i).padStart(2, '0')}`);
const SCRIPT = ['hello', 'yes', 'Lee', 'SA1 1AA', '1', 'not now', 'yes'];

describe('Redis restarting while messages flow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'valued-redis-restart-'));
  let app: TestApp | undefined;
  afterAll(async () => app?.close());

  it('loses nothing accepted, answers 503 while Redis is down, and sends each reply once', async () => {
    let redis = await startPrivateRedis(dir, { persist: false });
    app = await startTestApp({ twilio: true, env: { REDIS_URL: redis.url, RECONCILE_EVERY_SECONDS: '1', JOB_LOCK_SECONDS: '4' } });
    const statuses: number[] = [];
    // Each person goes through the script in three parts: before Redis stops, while it
    // is down, and once it is back (people in parallel, each in order).
    const say = (from: number, to: number) =>
      Promise.all(
        PEOPLE.map(async (person) => {
          for (const text of SCRIPT.slice(from, to)) statuses.push((await app!.sms(person, text)).status);
        }),
      );
    await say(0, 3);
    await redis.stop(); // gone, and with it every queued job
    const whileDown = statuses.length;
    await say(3, 5);
    redis = await startPrivateRedis(dir, { persist: false, port: redis.port });
    await say(5, SCRIPT.length);

    expect(statuses.slice(whileDown, whileDown + PEOPLE.length * 2)).toContain(503); // some arrived while it was down
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const db = app.valued.store.db;
    const total = PEOPLE.length * SCRIPT.length;
    expect(
      Number(
        (
          await db
            .selectFrom('inbound_messages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(total);
    await waitFor(
      async () => (await db.selectFrom('inbound_messages').select('id').where('status', '=', 'handled').execute()).length === total,
      'every message handled',
      60_000,
    );
    await waitFor(
      async () => (await db.selectFrom('outbound_messages').select('status').execute()).filter((r) => r.status === 'sent').length === total,
      'every reply sent',
      60_000,
    );
    expect(app.twilio!.sent).toHaveLength(total);
    expect((await db.selectFrom('conversations').select('version').execute()).map((c) => c.version)).toEqual(PEOPLE.map(() => SCRIPT.length));
    await app.close();
    app = undefined;
    await redis.stop();
  }, 120_000);
});
