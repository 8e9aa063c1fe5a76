/**
 * A person's messages waiting their turn in the send queue (src/delivery/order.ts): parked behind an earlier one, woken when it has gone or ended, and never
 * left behind a backlog of others' messages. Real BullMQ workers on real Redis, with a
 * limiter slow enough that the queue's order shows.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelSender } from '../../src/channels/channel.js';
import { createSimulatorSender } from '../../src/channels/simulator/sender.js';
import { systemClock } from '../../src/platform/clock.js';
import { createDelivery, jobOutcome } from '../../src/delivery/deliver.js';
import type { ParkedMessages } from '../../src/delivery/order.js';
import { ulidIds } from '../../src/platform/ids.js';
import { createLogger } from '../../src/platform/log.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { createQueues, QUEUE_NAMES, SEND_PRIORITY, type Queues } from '../../src/queue/queues.js';
import { startWorkers, type RunningWorkers } from '../../src/queue/workers.js';
import { transact } from '../../src/store/database.js';
import { findOrCreateIdentity } from '../../src/store/members.repository.js';
import { insertOutbound } from '../../src/store/messages.repository.js';
import { deletePrefix, uniquePrefix, waitFor } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { pendingOutbound } from '../helpers/rows.js';

const ids = ulidIds();
const sent: string[] = [];
const simulator = createSimulatorSender();
const sender: ChannelSender = { ...simulator, send: (m) => (sent.push(m.id), simulator.send(m)) };
const queueName = QUEUE_NAMES.send('simulator');
const prefix = uniquePrefix();

let t: TestDb;
let queues: Queues;
let workers: RunningWorkers;

beforeAll(async () => {
  t = await createTestDb('sqlite');
  queues = await createQueues({ redisUrl: inject('redisUrl'), prefix, partitions: 1, channels: ['simulator'], now: () => Date.now() });
  const parked: ParkedMessages = {
    wake: (channel, id, at) => queues.wake(QUEUE_NAMES.send(channel), `send-${id}`, at, SEND_PRIORITY.waited),
    hurry: (channel, id) => queues.raise(QUEUE_NAMES.send(channel), `send-${id}`, SEND_PRIORITY.waited),
  };
  const log = createLogger('silent');
  const delivery = createDelivery({
    store: t.store,
    clock: systemClock,
    senders: new Map([['simulator', sender]]),
    log,
    metrics: createMetrics({ defaults: false }),
    parked,
  });
  workers = await startWorkers({
    redisUrl: inject('redisUrl'),
    prefix,
    partitions: 1,
    sendConcurrency: 8,
    lockMs: 30_000,
    channels: ['simulator'],
    limits: { simulator: { max: 1, duration: 250 } }, // four a second
    log,
    metrics: createMetrics({ defaults: false }),
    processors: {
      drain: () => Promise.resolve(undefined),
      timer: async () => {},
      matching: async () => {},
      send: async (channel, id, job) => jobOutcome(await delivery.send(channel, id, job)),
    },
  });
});
afterAll(async () => {
  await workers?.close();
  await queues?.close();
  await t?.drop();
  await deletePrefix(inject('redisUrl'), prefix);
});

async function message(address: string): Promise<string> {
  const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'simulator', address, Date.now(), ids));
  const id = ids.next();
  await insertOutbound(t.store.db, pendingOutbound({ id, identity_id: identity.id, channel: 'simulator', address, body: `to ${address}` }, Date.now()));
  return id;
}
const queue = (id: string, priority: number) =>
  queues.enqueue({ queue: queueName, name: 'send', jobId: `send-${id}`, data: { outboundId: id }, runAt: Date.now(), priority });

describe('a person’s messages waiting their turn', () => {
  it('a parked message is woken when the one before it was ended elsewhere (as an erasure ends them)', async () => {
    const first = await message('turns-1');
    const second = await message('turns-1');
    await queue(second, SEND_PRIORITY.normal);
    await waitFor(async () => (await queues.queue(queueName).getJobState(`send-${second}`)) === 'delayed', 'the second to park');
    await t.store.db.updateTable('outbound_messages').set({ status: 'cancelled' }).where('id', '=', first).execute();
    await queue(first, SEND_PRIORITY.normal);
    // Well within the 30 s a lost wake would cost.
    await waitFor(() => sent.includes(second), 'the second to go', 5000);
    expect(sent).not.toContain(first);
  });

  it('a reply behind two earlier messages to the same person does not wait out a backlog', async () => {
    const backlog = await Promise.all(Array.from({ length: 10 }, (_, i) => message(`turns-other-${i}`)));
    const a = await message('turns-2');
    const b = await message('turns-2');
    const reply = await message('turns-2');
    for (const id of [...backlog, a, b]) await queue(id, SEND_PRIORITY.normal);
    await queue(reply, SEND_PRIORITY.reply);
    await waitFor(() => sent.includes(reply) && backlog.every((id) => sent.includes(id)), 'everything', 15_000);
    const at = (id: string) => sent.indexOf(id);
    expect(at(a)).toBeLessThan(at(b));
    expect(at(b)).toBeLessThan(at(reply));
    // The person's three went ahead of most of the backlog (four a second: it takes 2.5 s).
    expect(at(reply)).toBeLessThan(Math.max(...backlog.map(at)));
  });
});
