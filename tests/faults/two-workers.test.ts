/**
 * One person's messages, arriving quickly, handled by two worker processes at once:
 * still one at a time and in the order they arrived (the inbound partitions run one
 * job at a time across every process).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { spawnValued, type ValuedProcess } from '../helpers/processes.js';

const SCRIPT = ['hello', 'yes', 'Ola', 'SA1 1AA', '1', 'not now', 'yes', 'menu', '3', 'Oli', 'menu', '4', 'M1 1AE'];

describe('two worker processes', () => {
  let web: TestApp;
  const workers: ValuedProcess[] = [];
  beforeAll(async () => {
    web = await startTestApp({ role: 'web', reconciler: false });
    const env = {
      DATABASE_URL: web.valued.config.database.url,
      REDIS_URL: web.redisUrl,
      QUEUE_PREFIX: web.prefix,
      INBOUND_PARTITIONS: '4',
      PUBLIC_BASE_URL: PUBLIC_URL,
      SIMULATOR: 'on',
      MATCH_WAVE_DELAY_SECONDS: '600',
    };
    for (const n of [1, 2]) workers.push(spawnValued({ ...env, DATA_DIR: join(web.dir, `w${n}`) }));
    await Promise.all(workers.map((w) => w.ready));
  });
  afterAll(async () => {
    for (const w of workers) await w.kill('SIGTERM');
    await web?.close();
  });

  it("handle one person's quick messages one at a time, in order", async () => {
    const people = ['+447700915001', '+447700915002', '+447700915003'];
    await Promise.all(
      people.map(async (person) => {
        for (const [i, text] of SCRIPT.entries()) {
          // 503 asks to send it again (as the page does): kept, and recognised when it comes again.
          let status = 503;
          for (let attempt = 0; status === 503 && attempt < 5; attempt++) status = (await web.simulate(person, text, `${person}-${i}`)).status;
          expect(status).toBe(202);
          await new Promise((r) => setTimeout(r, 5)); // quick typing, not a wait for anything
        }
      }),
    );
    const db = web.valued.store.db;
    await waitFor(
      async () => (await db.selectFrom('inbound_messages').select('id').where('status', '=', 'handled').execute()).length === people.length * SCRIPT.length,
      'every message handled',
      60_000,
    );
    for (const person of people) {
      const address = await web.simulatorAddress(person);
      const rows = await db
        .selectFrom('inbound_messages')
        .innerJoin('identities', 'identities.id', 'inbound_messages.identity_id')
        .select(['inbound_messages.seq', 'inbound_messages.handled_at', 'inbound_messages.body'])
        .where('identities.address', '=', address)
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.body)).toEqual(SCRIPT);
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.handled_at!).toBeGreaterThanOrEqual(rows[i - 1]!.handled_at!);
      // Only the right order leads here: renamed Oli, moved to M1.
      const member = await db
        .selectFrom('identities')
        .innerJoin('members', 'members.id', 'identities.member_id')
        .select(['members.first_name', 'members.outcode'])
        .where('identities.address', '=', address)
        .executeTakeFirstOrThrow();
      expect(member).toEqual({ first_name: 'Oli', outcode: 'M1' });
    }
    // Both workers were running throughout (which handled what is up to the queue).
    expect(workers.every((w) => w.output().includes('valued is running'))).toBe(true);
  }, 90_000);
});
