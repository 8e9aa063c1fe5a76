/**
 * The delivery worker's own promises, on both dialects, with the simulator's sender
 * (nothing leaves the machine) watched for how often it is called.
 */
import { OperationNodeTransformer, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { ChannelSender, OutboundEnvelope } from '../../src/channels/channel.js';
import { createSimulatorSender } from '../../src/channels/simulator/sender.js';
import { createDelivery } from '../../src/delivery/deliver.js';
import { createLogger } from '../../src/platform/log.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { openDatabase, transact, type Store } from '../../src/store/database.js';
import { findOrCreateIdentity, setOptedOut } from '../../src/store/members.repository.js';
import { insertOutbound } from '../../src/store/messages.repository.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';
import { pendingOutbound } from '../helpers/rows.js';

/** Makes the next write that marks a message `armed` ('sent' or 'sending') fail, as a lost connection would. */
class FailNextWrite implements KyselyPlugin {
  armed: 'sent' | 'sending' | false = false;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    if (this.armed && args.node.kind === 'UpdateQueryNode' && JSON.stringify(args.node).includes(`"${this.armed}"`)) {
      this.armed = false;
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    }
    return new OperationNodeTransformer().transformNode(args.node);
  };
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result);
}

describe.each(DIALECTS)('delivery on $label', ({ dialect, available }) => {
  let t: TestDb;
  let store: Store;
  const plugin = new FailNextWrite();
  const clock = new FakeClock();
  const ids = sequentialIds(`${dialect}-d`);
  const calls: string[] = [];
  const simulator = createSimulatorSender();
  const watched: ChannelSender = { ...simulator, send: (m) => (calls.push(m.id), simulator.send(m)) };

  beforeAll(async () => {
    if (!available) return;
    t = await createTestDb(dialect);
    store = { ...t.store, db: t.store.db.withPlugin(plugin) };
  });
  afterAll(async () => t?.drop());

  async function pendingMessage(address: string, purpose = 'normal'): Promise<{ id: string; identityId: string }> {
    const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'simulator', address, clock.now(), ids));
    const id = ids.next();
    await insertOutbound(t.store.db, pendingOutbound({ id, identity_id: identity.id, channel: 'simulator', address, purpose }, clock.now()));
    return { id, identityId: identity.id };
  }
  const statusOf = async (id: string) =>
    await t.store.db.selectFrom('outbound_messages').select(['status', 'body', 'address']).where('id', '=', id).executeTakeFirstOrThrow();

  // Two ways to send: a channel with no chat gap claims a clear message in the statement
  // that reads it; one with a gap (or a window) reads first. Both keep every promise.
  describe.skipIf(!available).each([
    { way: 'claimed as it is read', key: 'a', gap: undefined },
    { way: 'read first (a chat gap to keep)', key: 'b', gap: 1 },
  ])('$way', ({ key, gap }) => {
    const sender: ChannelSender = { ...watched, minGapMs: gap };
    const delivery = () =>
      createDelivery({ store, clock, senders: new Map([['simulator', sender]]), log: createLogger('silent'), metrics: createMetrics({ defaults: false }) });

    it('a message the provider took is not sent again when recording it fails once', async () => {
      const { id } = await pendingMessage(`sim-d-1-${key}`);
      plugin.armed = 'sent';
      expect((await delivery().send('simulator', id)).kind).toBe('sent');
      expect(calls.filter((c) => c === id)).toHaveLength(1);
      expect((await statusOf(id)).status).toBe('sent');
      // And running the job again changes nothing.
      expect((await delivery().send('simulator', id)).kind).toBe('skipped');
      expect(calls.filter((c) => c === id)).toHaveLength(1);
    });

    it('a database that fails as a message is handed over is not a failed send, even on the last attempt: nothing went, it stays pending and goes next time', async () => {
      const { id } = await pendingMessage(`sim-d-sending-${key}`);
      plugin.armed = 'sending';
      const lastAttempt = { attemptsMade: 7, opts: { attempts: 8 } };
      await expect(delivery().send('simulator', id, lastAttempt)).rejects.toThrow('Connection terminated');
      expect(calls).not.toContain(id);
      const row = await t.store.db.selectFrom('outbound_messages').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'pending', attempts: 0 });
      expect((await delivery().send('simulator', id)).kind).toBe('sent');
      expect(calls.filter((c) => c === id)).toHaveLength(1);
    });

    it('nothing goes to someone who opted out; the answer to STOP itself does', async () => {
      const normal = await pendingMessage(`sim-d-2-${key}`);
      const ack = await pendingMessage(`sim-d-2-${key}`, 'optout_ack');
      await setOptedOut(t.store.db, normal.identityId, clock.now());
      expect((await delivery().send('simulator', normal.id)).kind).toBe('cancelled');
      expect((await delivery().send('simulator', ack.id)).kind).toBe('sent');
      expect(calls).not.toContain(normal.id);
    });

    it('the goodbye after FORGET ME keeps nothing once it has gone, or if it cannot go', async () => {
      const sent = await pendingMessage(`sim-d-3-${key}`, 'final');
      expect((await delivery().send('simulator', sent.id)).kind).toBe('sent');
      expect(await statusOf(sent.id)).toEqual({ status: 'sent', body: '', address: '' });
      const cancelled = await pendingMessage(`sim-d-4-${key}`, 'final');
      await setOptedOut(t.store.db, cancelled.identityId, clock.now());
      expect((await delivery().send('simulator', cancelled.id)).kind).toBe('cancelled');
      expect(await statusOf(cancelled.id)).toEqual({ status: 'cancelled', body: '', address: '' });
    });

    it('a message with one of theirs still to go before it waits its turn, unclaimed', async () => {
      const first = await pendingMessage(`sim-d-5-${key}`);
      const second = await pendingMessage(`sim-d-5-${key}`);
      expect((await delivery().send('simulator', second.id)).kind).toBe('later');
      expect((await statusOf(second.id)).status).toBe('pending');
      expect((await delivery().send('simulator', first.id)).kind).toBe('sent');
      expect((await delivery().send('simulator', second.id)).kind).toBe('sent');
      expect(calls.filter((c) => c === first.id || c === second.id)).toEqual([first.id, second.id]);
    });

    it('a message whose buttons cannot be read still goes, as its text', async () => {
      const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'simulator', `sim-d-9-${key}`, clock.now(), ids));
      const id = ids.next();
      await insertOutbound(
        t.store.db,
        pendingOutbound({ id, identity_id: identity.id, channel: 'simulator', address: `sim-d-9-${key}`, reply: '{"choices": [' }, clock.now()),
      );
      expect((await delivery().send('simulator', id)).kind).toBe('sent');
      expect(calls).toContain(id);
    });

    it('a message to someone erased does not go, whatever its way', async () => {
      const erased = await pendingMessage(`sim-d-6-${key}`);
      await t.store.db.updateTable('identities').set({ erased_at: clock.now() }).where('id', '=', erased.identityId).execute();
      expect((await delivery().send('simulator', erased.id)).kind).toBe('cancelled');
      expect(calls).not.toContain(erased.id);
    });
  });

  it.skipIf(!available)('on a store as deployed (words sealed, no other plugin), the claim that reads a message opens its words for the provider', async () => {
    const sealed = openDatabase(t.url, { encryptionKey: randomBytes(32) });
    try {
      const identity = await transact(sealed, (trx) => findOrCreateIdentity(trx, 'simulator', 'sim-d-8', clock.now(), ids));
      const id = ids.next();
      await insertOutbound(
        sealed.db,
        pendingOutbound({ id, identity_id: identity.id, channel: 'simulator', address: 'sim-d-8', body: 'Your shopping is on its way' }, clock.now()),
      );
      const stored = await t.store.db.selectFrom('outbound_messages').select(['body', 'address']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.body).not.toContain('shopping');
      const handed: OutboundEnvelope[] = [];
      const sender: ChannelSender = { ...simulator, send: (m) => (handed.push(m), simulator.send(m)) };
      const delivery = createDelivery({
        store: sealed,
        clock,
        senders: new Map([['simulator', sender]]),
        log: createLogger('silent'),
        metrics: createMetrics({ defaults: false }),
      });
      expect((await delivery.send('simulator', id)).kind).toBe('sent');
      expect(handed).toMatchObject([{ id, address: 'sim-d-8', text: 'Your shopping is on its way' }]);
    } finally {
      await sealed.close();
    }
  });

  it.skipIf(!available || dialect !== 'sqlite')('a clear message on a channel with no chat gap is read by the statement that claims it', async () => {
    const { id } = await pendingMessage('sim-d-7');
    const delivery = createDelivery({
      store,
      clock,
      senders: new Map([['simulator', watched]]),
      log: createLogger('silent'),
      metrics: createMetrics({ defaults: false }),
    });
    const before = t.store.counts.statements;
    expect((await delivery.send('simulator', id)).kind).toBe('sent');
    // The claim (which reads it) and the sent mark, each in a transaction of its own: no separate read.
    expect(t.store.counts.statements - before).toBe(2 + 2 * 2);
  });
});
