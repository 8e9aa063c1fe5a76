/**
 * The inbound worker on both dialects: arrival order, exactly-once handling when two
 * workers race for one person, and a poisoned message set aside instead of blocking.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSms } from '../../src/channels/sms/render.js';
import type { Effect } from '../../src/conversation/effects.js';
import type { Reply } from '../../src/conversation/reply.js';
import { createSimulatorSender } from '../../src/channels/simulator/sender.js';
import { createDelivery } from '../../src/delivery/deliver.js';
import type { ChannelFormats, Services } from '../../src/effects/context.js';
import { createInboundWorker, mergeReplies, type InboundWorkerDeps } from '../../src/effects/inbound-worker.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { createLogger } from '../../src/platform/log.js';
import type { JobRequest } from '../../src/queue/queues.js';
import { openDatabase, transact, type Store } from '../../src/store/database.js';
import { findOrCreateIdentity, takeNextSeq } from '../../src/store/members.repository.js';
import { insertInbound, listUnsentOutbound } from '../../src/store/messages.repository.js';
import { createSealer } from '../../src/store/sealing.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

const log = createLogger('silent');
const services = (formats: ChannelFormats): Services => ({
  formats,
  matching: { waveSize: 3, maxWaves: 3, waveDelayMs: 60_000, followUpDelayMs: 60_000, requireVerifiedInPerson: false },
  coordinators: [],
});

describe.each(DIALECTS)('the inbound worker on $label', ({ dialect, available }) => {
  let t: TestDb;
  // Another worker's connection. On PostgreSQL a second pool, as another process has.
  // On SQLite each process has one connection; two in one process would block each
  // other's event loop (better-sqlite3 waits synchronously), so workers share it.
  let second: Store;
  const clock = new FakeClock();
  const ids = sequentialIds(`${dialect}-r`);
  const jobs: JobRequest[] = [];

  beforeAll(async () => {
    if (!available) return;
    t = await createTestDb(dialect);
    second = dialect === 'postgres' ? openDatabase(t.url) : t.store;
  });
  afterAll(async () => {
    if (second !== t?.store) await second?.close();
    await t?.drop();
  });

  const deps = (store: Store, extra: Partial<InboundWorkerDeps> = {}): InboundWorkerDeps => ({
    store,
    clock,
    ids,
    log,
    services: services({ sms: { render: renderSms, buttons: false } }),
    enqueue: (job) => Promise.resolve(void jobs.push(job)),
    ...extra,
  });

  /** Records texts from one number as the webhook would, in this order. */
  async function receive(address: string, texts: string[]): Promise<string> {
    const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', address, clock.now(), ids));
    for (const text of texts) {
      await transact(t.store, async (trx) => {
        const seq = await takeNextSeq(trx, identity.id);
        await insertInbound(trx, {
          id: ids.next(),
          channel: 'sms',
          provider_id: `SM-${ids.next()}`,
          identity_id: identity.id,
          seq,
          body: text,
          input: JSON.stringify({ kind: 'text', text }),
          status: 'pending',
          attempts: 0,
          error: null,
          received_at: clock.now(),
          handled_at: null,
        });
      });
    }
    return identity.id;
  }

  const replies = async (identityId: string) =>
    (await t.store.db.selectFrom('outbound_messages').select(['body', 'inbound_id']).where('identity_id', '=', identityId).orderBy('id').execute()).map(
      (r) => r.body.split('\n')[0],
    );

  describe.skipIf(!available)('', () => {
    it("handles a person's messages in arrival order, each with its reply and a send job", async () => {
      const id = await receive('+447700900601', ['hello', 'yes', 'Ann', 'SA1 1AA']);
      jobs.length = 0;
      expect((await createInboundWorker(deps(t.store)).drain(id)).handled).toBe(4);
      expect(await replies(id)).toEqual([
        expect.stringMatching(/^Hello, this is valued/),
        'Thank you. What is your first name? Or reply SKIP.',
        expect.stringMatching(/^Thanks, Ann\. What is your postcode\?/),
        expect.stringMatching(/^What would help you\?/),
      ]);
      expect(jobs.map((j) => j.queue)).toEqual(['send-sms', 'send-sms', 'send-sms', 'send-sms']);
      // Each send job's record is its message, pending until sent: the reconciler queues
      // the job again from it if Redis loses it (listUnsentOutbound).
      const unsent = await listUnsentOutbound(t.store.db, clock.now() + 1, 10, ['sms']);
      expect(unsent.map((m) => `send-${m.id}`).sort()).toEqual(jobs.map((j) => j.jobId).sort());
    });

    it('two workers draining one person at once: every message once, in order', async () => {
      const texts = ['hello', 'yes', 'Bea', 'SA1 1AA', '1', '2', 'yes', 'menu', '3', 'Bee'];
      const id = await receive('+447700900602', texts);
      const [a, b] = await Promise.all([createInboundWorker(deps(t.store)).drain(id), createInboundWorker(deps(second)).drain(id)]);
      expect(a.handled + b.handled).toBe(texts.length);
      const conversation = await t.store.db.selectFrom('conversations').select(['version', 'state']).where('identity_id', '=', id).executeTakeFirstOrThrow();
      expect(conversation.version).toBe(texts.length);
      expect(JSON.parse(conversation.state)).toMatchObject({ step: 'idle', onboarded: true, profile: { name: 'Bee' } });
      const sent = await replies(id);
      expect(sent).toHaveLength(texts.length);
      expect(sent[sent.length - 1]).toBe('Saved: Bee. Text MENU to change anything else.');
      const member = await t.store.db
        .selectFrom('identities')
        .innerJoin('members', 'members.id', 'identities.member_id')
        .select('first_name')
        .where('identities.id', '=', id)
        .executeTakeFirstOrThrow();
      expect(member.first_name).toBe('Bee');
    });

    it('FORGET ME with more messages right behind it: all erased, nothing more answered, no trace left', async () => {
      const address = '+447700900604';
      const id = await receive(address, [
        'hello',
        'yes',
        'Marjorie',
        'SA1 1AA',
        'my secret lemon drizzle',
        'not now',
        'yes',
        'forget me',
        'yes',
        'STOP',
        'hello again',
      ]);
      // Nine handled; the two behind the confirmed FORGET ME went with the erasure.
      expect((await createInboundWorker(deps(t.store)).drain(id)).handled).toBe(9);
      const outbound = await t.store.db.selectFrom('outbound_messages').select(['purpose', 'inbound_id']).where('identity_id', '=', id).orderBy('id').execute();
      expect(outbound.at(-1)?.purpose).toBe('final');
      expect(outbound).toHaveLength(9); // one reply to each message up to and including the confirmed FORGET ME
      const pending = await t.store.db.selectFrom('inbound_messages').select('status').where('identity_id', '=', id).where('status', '!=', 'handled').execute();
      expect(pending).toEqual([]);
      // The goodbye is the one thing still to go, to the number, once; then nothing is left.
      const waiting = await t.store.db
        .selectFrom('outbound_messages')
        .select(['id', 'purpose'])
        .where('identity_id', '=', id)
        .where('status', '=', 'pending')
        .execute();
      expect(waiting.map((m) => m.purpose)).toEqual(['final']);
      const sms = { ...createSimulatorSender(), channel: 'sms' as const };
      const delivery = createDelivery({ store: t.store, clock, senders: new Map([['sms', sms]]), log, metrics: createMetrics({ defaults: false }) });
      expect((await delivery.send('sms', waiting[0]!.id)).kind).toBe('sent');
      for (const table of ['members', 'identities', 'inbound_messages', 'outbound_messages', 'needs', 'offers', 'conversations', 'alerts', 'outbox'] as const) {
        const text = JSON.stringify(await t.store.db.selectFrom(table).selectAll().execute());
        expect(text, table).not.toContain(address);
        expect(text, table).not.toContain('Marjorie');
        expect(text, table).not.toContain('lemon drizzle');
      }
    });

    it('someone back in reach after their number failed: the flag clears and their need is looked for again', async () => {
      const id = await receive('+447700900606', ['hello', 'yes', 'Nia', 'SA1 1AA', '1', 'not now', 'yes']);
      expect((await createInboundWorker(deps(t.store)).drain(id)).handled).toBe(7);
      const db = t.store.db;
      const need = await db
        .selectFrom('needs')
        .innerJoin('identities', 'identities.member_id', 'needs.member_id')
        .select('needs.id')
        .where('identities.id', '=', id)
        .executeTakeFirstOrThrow();
      // Away: their number failed, and the match they had closed meanwhile (their helper was told).
      await db.updateTable('identities').set({ unreachable_at: clock.now() }).where('id', '=', id).execute();
      await db.updateTable('needs').set({ status: 'matched' }).where('id', '=', need.id).execute();
      jobs.length = 0;
      await receive('+447700900606', ['hello']);
      expect((await createInboundWorker(deps(t.store)).drain(id)).handled).toBe(1);
      expect((await db.selectFrom('identities').select('unreachable_at').where('id', '=', id).executeTakeFirstOrThrow()).unreachable_at).toBeNull();
      expect((await db.selectFrom('needs').select('status').where('id', '=', need.id).executeTakeFirstOrThrow()).status).toBe('open');
      expect(jobs.filter((j) => j.queue === 'matching').map((j) => (j.data as { needId: string }).needId)).toEqual([need.id]);
    });

    it('a sender flooding is slowed to 20 a minute, and loses nothing', async () => {
      const texts = Array.from({ length: 25 }, (_, i) => (i === 0 ? 'hello' : `message ${i}`));
      const id = await receive('+447700900605', texts);
      const runner = createInboundWorker(deps(t.store));
      const started = clock.now();
      const drained = await runner.drain(id);
      expect(drained.later?.at).toBe(started + 60_000);
      const handled = async () =>
        (await t.store.db.selectFrom('inbound_messages').select('status').where('identity_id', '=', id).where('status', '=', 'handled').execute()).length;
      expect(await handled()).toBe(20);
      clock.advance(60_000);
      expect((await runner.drain(id)).handled).toBe(5);
      expect(await handled()).toBe(25);
    });

    it('a message that keeps failing is set aside after its attempts, a coordinator is told, and the next one goes on', async () => {
      const id = await receive('+447700900603', ['hello', 'yes']);
      let failures = 2; // the first message fails every time it is tried
      const formats = {
        sms: {
          buttons: false,
          render: (reply: Reply) => {
            if (failures-- > 0) throw new Error('renderer broke');
            return renderSms(reply);
          },
        },
      };
      const runner = createInboundWorker(deps(t.store, { services: services(formats), maxAttempts: 2 }));
      await expect(runner.drain(id)).rejects.toThrow('renderer broke');
      expect((await runner.drain(id)).handled).toBe(2);
      const rows = await t.store.db
        .selectFrom('inbound_messages')
        .select(['body', 'status', 'attempts', 'error'])
        .where('identity_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(rows).toEqual([
        { body: 'hello', status: 'failed', attempts: 2, error: 'renderer broke' },
        { body: 'yes', status: 'handled', attempts: 0, error: null },
      ]);
      const alerts = await t.store.db.selectFrom('alerts').select(['kind']).where('kind', '=', 'failed_message').execute();
      expect(alerts.length).toBeGreaterThanOrEqual(1);
    });

    it("a message whose words cannot be opened fails that message at once, never the sender's queue", async () => {
      const key = randomBytes(32);
      const sealed = openDatabase(t.url, { encryptionKey: key });
      try {
        // Words sealed under our key and then damaged on disk, then a good message behind them.
        const damaged = (() => {
          const value = createSealer(key).seal('hello');
          return `${value.slice(0, -4)}${value.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
        })();
        const identity = await transact(sealed, (trx) => findOrCreateIdentity(trx, 'sms', '+447700900604', clock.now(), ids));
        for (const [store, body] of [
          [t.store, damaged],
          [sealed, 'hello'],
        ] as const) {
          await transact(store, async (trx) => {
            const seq = await takeNextSeq(trx, identity.id);
            await insertInbound(trx, {
              id: ids.next(),
              channel: 'sms',
              provider_id: `SM-${ids.next()}`,
              identity_id: identity.id,
              seq,
              body,
              input: body === damaged ? damaged : JSON.stringify({ kind: 'text', text: body }),
              status: 'pending',
              attempts: 0,
              error: null,
              received_at: clock.now(),
              handled_at: null,
            });
          });
        }
        const runner = createInboundWorker(deps(sealed));
        expect((await runner.drain(identity.id)).handled).toBe(2);
        const rows = await t.store.db
          .selectFrom('inbound_messages')
          .select(['status', 'attempts', 'error'])
          .where('identity_id', '=', identity.id)
          .orderBy('seq')
          .execute();
        expect(rows).toEqual([
          { status: 'failed', attempts: 1, error: expect.stringMatching(/^a value sealed with key [0-9a-f]{8} does not open/) },
          { status: 'handled', attempts: 0, error: null },
        ]);
        expect((await replies(identity.id)).length).toBe(1);
      } finally {
        await sealed.close();
      }
    });
  });
});

describe('mergeReplies', () => {
  const reply = (text: string, choices = false): Effect => ({
    type: 'reply',
    purpose: 'normal',
    reply: { lang: 'en', text, ...(choices ? { choices: [{ id: 'yes', label: 'Yes' }], select: 'one' as const } : {}) },
  });

  it('joins a preface to the question after it', () => {
    expect(mergeReplies([reply('Welcome back.'), reply('Shall we start?', true)])).toEqual([
      {
        type: 'reply',
        purpose: 'normal',
        reply: { lang: 'en', text: 'Welcome back.\nShall we start?', choices: [{ id: 'yes', label: 'Yes' }], select: 'one' },
      },
    ]);
  });

  it('keeps a question with choices apart from what follows, and other effects in place', () => {
    const effects: Effect[] = [reply('Pick one', true), reply('Then this'), { type: 'optIn' }, reply('Last')];
    expect(mergeReplies(effects)).toEqual(effects);
  });
});
