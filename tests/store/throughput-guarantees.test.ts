/**
 * Guarantees the throughput work (group commit, sends as their own record, the
 * background checkpointer) first gave up, found by an outside review: each test failed
 * on that code. Erased words leave the write-ahead log even when a checkpoint is under
 * way; a rolling deploy's send outbox rows neither loop for ever nor crowd out lost
 * timer jobs; a provider's retry never brings a forgotten number back; the reconciler's
 * look uses its index; stopping the checkpointer never hangs.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '../../src/channels/inbox.js';
import { createSimulatorSender } from '../../src/channels/simulator/sender.js';
import { createDelivery } from '../../src/delivery/deliver.js';
import { createLogger } from '../../src/platform/log.js';
import { createMetrics } from '../../src/platform/metrics.js';
import type { JobRequest, Queues } from '../../src/queue/queues.js';
import { reconcile } from '../../src/queue/reconciler.js';
import { startCheckpointer } from '../../src/store/checkpointer.js';
import { compactAfterErasure, migrateToLatest, openDatabase, transact, type Store } from '../../src/store/database.js';
import { eraseMember, findOrCreateIdentity, insertAlert } from '../../src/store/members.repository.js';
import { insertOutbound, listUnsentOutbound } from '../../src/store/messages.repository.js';
import { addToOutbox } from '../../src/store/outbox.repository.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { pendingOutbound } from '../helpers/rows.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

const log = createLogger('silent');

describe('SQLite with the background checkpointer (src/store/checkpointer.ts)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'valued-review14-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an erasure leaves no erased words in the write-ahead log, even when its TRUNCATE checkpoint meets the worker thread checkpointing', async () => {
    const file = join(dir, 'erasure.db');
    const store = openDatabase(`sqlite:${file}`, { backgroundCheckpoints: true });
    try {
      await migrateToLatest(store.db);
      const filler = 'x'.repeat(3000);
      // A busy service: a burst of writes lengthens the worker's PASSIVE checkpoint, and
      // an erasure's TRUNCATE that starts meanwhile cannot take the checkpoint lock.
      for (let n = 0; n < 40; n++) {
        await transact(store, async (trx) => {
          for (let i = 0; i < 3000; i++) await insertAlert(trx, { id: `f-${n}-${i}`, memberId: null, kind: 'failed_message', detail: filler, now: 1 });
        });
        await store.db.deleteFrom('alerts').where('id', 'like', `f-${n}-%`).execute();
        const words = `words-to-forget-${n}-`;
        await insertAlert(store.db, { id: `s-${n}`, memberId: null, kind: 'failed_message', detail: words, now: 1 });
        await store.db.updateTable('alerts').set({ detail: '(erased)' }).where('id', '=', `s-${n}`).execute();
        const { complete } = await compactAfterErasure(store);
        // The app's answer to an incomplete compaction is a warning that the log "is emptied
        // at the next checkpoint"; give the worker a second (four checkpoints) to do so.
        if (!complete) await new Promise((r) => setTimeout(r, 1000));
        const wal = existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0);
        expect({ round: n, walHoldsWords: wal.includes(words) }).toEqual({ round: n, walHoldsWords: false });
      }
    } finally {
      await store.close();
    }
  }, 120_000);

  it("the reconciler's look for messages still to go uses the partial index made for it (outbound_unsent)", async () => {
    const file = join(dir, 'plan.db');
    const statements: string[] = [];
    const store = openDatabase(`sqlite:${file}`, { onStatement: (text) => statements.push(text) });
    try {
      await migrateToLatest(store.db);
      await listUnsentOutbound(store.db, 0, 500, ['sms']);
    } finally {
      await store.close();
    }
    const text = statements.find((s) => s.includes('from "outbound_messages"'))!;
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      // Its values, in order: before, the channel, the limit (the statuses are written out).
      const plan = raw.prepare(`explain query plan ${text}`).all(0, 'sms', 500) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('; ')).toContain('outbound_unsent');
    } finally {
      raw.close();
    }
  });

  it('a process closing a store with the checkpointer goes on to what comes after (the thread never lets it end mid-shutdown)', () => {
    const file = join(dir, 'close.db');
    const script = [
      `import { openDatabase, migrateToLatest } from ${JSON.stringify(join(process.cwd(), 'src/store/database.ts'))};`,
      `const store = openDatabase(${JSON.stringify(`sqlite:${file}`)}, { backgroundCheckpoints: true });`,
      'await migrateToLatest(store.db);',
      'await store.close();',
      "process.stdout.write('after close');",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout).toBe('after close');
  });

  it('stopping the checkpointer returns even when its worker thread has already ended', async () => {
    const errors: string[] = [];
    const checkpointer = startCheckpointer(join(dir, 'no-such-dir', 'x.db'), (m) => errors.push(m));
    await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0);
    // The thread reports its error, then ends; stop() is called after it has ended (as at
    // shutdown, long after a thread died). Nothing here can be waited for: it is the
    // absence of a second 'exit' event that is being shown.
    await new Promise((r) => setTimeout(r, 500));
    const stopped = await Promise.race([checkpointer.stop().then(() => 'stopped'), new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000))]);
    expect(stopped).toBe('stopped');
  });
});

describe.each(DIALECTS)('on $label', ({ dialect, available }) => {
  let t: TestDb;
  const clock = new FakeClock();
  const ids = sequentialIds(`${dialect}-r14`);
  beforeAll(async () => {
    if (available) t = await createTestDb(dialect);
  });
  afterAll(async () => t?.drop());

  it.skipIf(!available)('a provider sending again a message from someone since forgotten does not bring their number back', async () => {
    const address = '+447700900914';
    const inbox = createInbox({ store: t.store, clock, ids, log, enqueue: () => Promise.resolve() });
    const message = { channel: 'sms' as const, providerId: 'SM-r14-forget', address, body: 'FORGET ME', input: { kind: 'text' as const, text: 'FORGET ME' } };
    const first = await inbox.accept(message);
    const memberId = (await t.store.db.selectFrom('identities').select('member_id').where('id', '=', first.identityId).executeTakeFirstOrThrow()).member_id;
    await transact(t.store, (trx) => eraseMember(trx, memberId, clock.now()));
    const members = (await t.store.db.selectFrom('members').select('id').execute()).length;

    // The provider never heard our answer to the first delivery and tries again.
    const again = await inbox.accept(message);
    expect(again.status).toBe('duplicate');
    const identities = await t.store.db.selectFrom('identities').select(['id', 'address']).execute();
    expect(identities.filter((i) => i.address === address)).toEqual([]);
    expect((await t.store.db.selectFrom('members').select('id').execute()).length).toBe(members);
  });

  /** Queues that only record what is asked of them. */
  const recordingQueues = (queued: JobRequest[]): Queues =>
    ({
      names: ['send-simulator', 'timers', 'matching'],
      limitPartitions: () => Promise.resolve(),
      enqueueInbound: () => Promise.resolve(),
      enqueue: (job: JobRequest) => Promise.resolve(void queued.push(job)),
    }) as unknown as Queues;

  /** An outbound message with the outbox row a worker of the release before writes beside it (rolling deploy). */
  async function messageFromOldWorker(store: Store, address: string): Promise<string> {
    const identity = await transact(store, (trx) => findOrCreateIdentity(trx, 'simulator', address, clock.now(), ids));
    const id = ids.next();
    await transact(store, async (trx) => {
      await insertOutbound(trx, pendingOutbound({ id, identity_id: identity.id, channel: 'simulator', address }, clock.now()));
      await addToOutbox(trx, {
        id: ids.next(),
        queue: 'send-simulator',
        job_name: 'send',
        job_id: `send-${id}`,
        data: JSON.stringify({ outboundId: id }),
        run_at: clock.now(),
        created_at: clock.now(),
        done_at: null,
      });
    });
    return id;
  }

  it.skipIf(!available)('rolling deploy: a message an old worker recorded, sent by a new one, is not queued again by the reconciler for ever', async () => {
    const id = await messageFromOldWorker(t.store, 'sim-r14-rolling');
    const delivery = createDelivery({
      store: t.store,
      clock,
      senders: new Map([['simulator', createSimulatorSender()]]),
      log,
      metrics: createMetrics({ defaults: false }),
    });
    expect((await delivery.send('simulator', id)).kind).toBe('sent');
    clock.advance(60_000);
    const queued: JobRequest[] = [];
    await reconcile({ store: t.store, queues: recordingQueues(queued), clock, log });
    await reconcile({ store: t.store, queues: recordingQueues(queued), clock, log });
    expect(queued.map((j) => j.jobId)).not.toContain(`send-${id}`);
  });

  it.skipIf(!available)('rolling deploy: 500 such rows do not stop the reconciler from queueing again a lost timer job', async () => {
    const store = t.store;
    const identity = await transact(store, (trx) => findOrCreateIdentity(trx, 'simulator', 'sim-r14-many', clock.now(), ids));
    const old = clock.now() - 3_600_000;
    // Sent by the new release (status 'sent'), recorded in the outbox by the old one.
    for (let chunk = 0; chunk < 5; chunk++) {
      const rows = Array.from({ length: 100 }, () => ids.next());
      await store.db
        .insertInto('outbound_messages')
        .values(
          rows.map((id) =>
            pendingOutbound(
              {
                id,
                identity_id: identity.id,
                channel: 'simulator',
                address: 'sim-r14-many',
                status: 'sent',
                provider_id: `sim-${id}`,
                attempts: 1,
                sent_at: old,
              },
              old,
            ),
          ),
        )
        .execute();
      await store.db
        .insertInto('outbox')
        .values(
          rows.map((id) => ({
            id: `ob-${id}`,
            queue: 'send-simulator',
            job_name: 'send',
            job_id: `send-${id}`,
            data: JSON.stringify({ outboundId: id }),
            run_at: old,
            created_at: old,
            done_at: null,
          })),
        )
        .execute();
    }
    // A check-in whose job Redis lost, due a minute ago.
    await addToOutbox(store.db, {
      id: ids.next(),
      queue: 'timers',
      job_name: 'followup',
      job_id: 'followup-r14-match-1',
      data: JSON.stringify({ matchId: 'r14-match', round: 1 }),
      run_at: clock.now() - 60_000,
      created_at: clock.now() - 60_000,
      done_at: null,
    });
    const queued: JobRequest[] = [];
    await reconcile({ store, queues: recordingQueues(queued), clock, log });
    expect(queued.map((j) => j.jobId)).toContain('followup-r14-match-1');
  });
});
