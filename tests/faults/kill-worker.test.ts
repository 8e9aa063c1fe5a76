/**
 * A worker process killed with SIGKILL in the middle of handling messages, twice.
 * After a new worker starts, every accepted message has been handled exactly once and
 * no reply went to Twilio twice.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { spawnValued, type ValuedProcess } from '../helpers/processes.js';
import { ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER } from '../helpers/twilio.js';

const PEOPLE = Array.from({ length: 8 }, (_, i) => `+4477009100${String(i).padStart(2, '0')}`);
const SCRIPT = ['hello', 'yes', 'Kim', 'SA1 1AA', '1', 'not now', 'yes'];

describe('a worker killed mid-flow', () => {
  let web: TestApp;
  const workers: ValuedProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    // The web role here in the test; workers as processes of their own, sharing the
    // database file, Redis prefix and fake Twilio.
    web = await startTestApp({ twilio: true, role: 'web', reconciler: false });
    env = {
      DATABASE_URL: web.valued.config.database.url,
      DATA_DIR: join(web.dir, 'worker'),
      REDIS_URL: web.redisUrl,
      QUEUE_PREFIX: web.prefix,
      INBOUND_PARTITIONS: '4',
      PUBLIC_BASE_URL: PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: OUR_NUMBER,
      TWILIO_API_BASE_URL: web.twilio!.url,
      TWILIO_MPS: '100',
      JOB_LOCK_SECONDS: '4',
      MATCH_WAVE_DELAY_SECONDS: '600',
      SIMULATOR: 'off',
    };
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await web?.close();
  });

  const start = async () => {
    const worker = spawnValued(env);
    workers.push(worker);
    await worker.ready;
    return worker;
  };

  it('handles every message once and sends every reply once', async () => {
    let worker = await start();
    const db = web.valued.store.db;
    const handled = async () =>
      Number(
        (
          await db
            .selectFrom('inbound_messages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'handled')
            .executeTakeFirstOrThrow()
        ).n,
      );

    // Each person works through the sign-up; people in parallel, each in order.
    const talk = Promise.all(
      PEOPLE.map(async (person) => {
        for (const text of SCRIPT) {
          expect((await web.sms(person, text)).status).toBe(200);
          await new Promise((r) => setTimeout(r, 40)); // a person typing, not a wait for anything
        }
      }),
    );
    for (let kill = 0; kill < 2; kill++) {
      await waitFor(async () => (await handled()) >= (kill + 1) * 12, `some messages handled before kill ${kill + 1}`, 30_000);
      await worker.kill('SIGKILL');
      worker = await start();
    }
    await talk;

    const total = PEOPLE.length * SCRIPT.length;
    await waitFor(async () => (await handled()) === total, `all ${total} messages handled`, 60_000);
    await waitFor(
      async () => {
        const rows = await db.selectFrom('outbound_messages').select('status').execute();
        return rows.length >= total && rows.every((r) => r.status === 'sent');
      },
      'every reply sent',
      60_000,
    );

    // Exactly once: one state change per message, one reply per message, each reply at Twilio once.
    const conversations = await db.selectFrom('conversations').select('version').execute();
    expect(conversations.map((c) => c.version)).toEqual(PEOPLE.map(() => SCRIPT.length));
    const outbound = await db.selectFrom('outbound_messages').select(['provider_id', 'inbound_id']).execute();
    expect(outbound).toHaveLength(total);
    expect(new Set(outbound.map((o) => o.inbound_id)).size).toBe(total);
    const sids = web.twilio!.sent.map((m) => m.sid);
    expect(sids).toHaveLength(total);
    expect(new Set(outbound.map((o) => o.provider_id))).toEqual(new Set(sids));
    for (const person of PEOPLE) {
      const texts = web.twilio!.bodiesTo(person);
      expect(texts).toHaveLength(SCRIPT.length);
      expect(texts[6]).toMatch(/^Thank you, Kim!/);
    }
  }, 180_000);
});
