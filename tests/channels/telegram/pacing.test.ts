/**
 * Telegram's limits, enforced by the fake Bot API server as Telegram's flood control
 * does (429 with retry_after beyond about 30 a second, or one a second to a chat):
 * valued keeps under them without being told, and a reply in conversation is not
 * kept behind a backlog of other messages. How close to the limits it sends is
 * measured by `npm run bench`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendJobId } from '../../../src/queue/jobs.js';
import { QUEUE_NAMES } from '../../../src/queue/queues.js';
import { makeMessages } from '../../helpers/backlog.js';
import { startTestApp, waitFor, type TestApp } from '../../helpers/app.js';
import { textUpdate } from '../../helpers/telegram-updates.js';

let updateId = 900000;
const nextId = () => ++updateId;

describe('Telegram pacing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ telegram: true });
    // A quarter of a second of slack: valued and this fake share one process, whose busy
    // event loop may hold back one request and not the next (see limitRate).
    app.telegram!.limitRate({ perSecond: 30, perChatPerSecond: 1, slackMs: 250 });
  });
  afterAll(async () => app?.close());
  const tg = () => app.telegram!;
  const sendsTo = (chat: number) =>
    tg()
      .callsTo('sendMessage')
      .filter((c) => Number(c.params.chat_id) === chat);
  /** Sends refused as too fast since the test began (each test counts its own). */
  let callsBefore = 0;
  beforeEach(() => {
    callsBefore = tg().calls.length;
  });
  const refused = () =>
    tg()
      .calls.slice(callsBefore)
      .filter((c) => c.failed?.error_code === 429)
      .map((c) => ({ chat: c.params.chat_id, at: c.at, after: c.failed?.description }));

  /**
   * Does `act` with the Telegram send queue paused, until the send jobs of `count`
   * messages to `chat` are queued: then lets it go. What goes first is then a matter of
   * order alone, not of how fast this machine handles a message.
   */
  const whilePaused = async (chat: number, count: number, act: () => Promise<void>) => {
    const sends = app.valued.queues.queue(QUEUE_NAMES.send('telegram'));
    await sends.pause();
    try {
      await act();
      await waitFor(
        async () => {
          const rows = await app.outbound('telegram', String(chat));
          if (rows.length < count) return false;
          return (await Promise.all(rows.map((m) => sends.getJob(sendJobId(m.id))))).every(Boolean);
        },
        `${count} send job(s) to ${chat} queued`,
        15_000,
      );
    } finally {
      await sends.resume();
    }
  };

  it('a crowd writing at once, and one person writing three times, are answered with no 429', async () => {
    const crowd = Array.from({ length: 40 }, (_, i) => 810_000_000 + i);
    const busy = 810_001_000;
    await Promise.all(crowd.map((chat) => app.update(textUpdate(nextId(), '/start', chat))));
    for (const text of ['/start', 'yes', 'Kim']) expect((await app.update(textUpdate(nextId(), text, busy))).status).toBe(200);
    await waitFor(() => crowd.every((chat) => sendsTo(chat).length >= 1) && sendsTo(busy).length >= 3, 'every answer', 20_000);
    expect(refused()).toEqual([]);
    // A second apart as valued handed them over (its own clock, so exact)...
    const rows = await waitFor(async () => {
      const all = await app.outbound('telegram', String(busy));
      return all.length === 3 && all.every((m) => m.status === 'sent') ? all : undefined;
    }, 'the three replies to be marked sent');
    const handed = rows.map((m) => m.sent_at!);
    for (let i = 1; i < handed.length; i++) expect(handed[i]! - handed[i - 1]!).toBeGreaterThanOrEqual(1000);
    // ...and about a second apart as they reached Telegram.
    const arrived = sendsTo(busy).map((c) => c.at);
    for (let i = 1; i < arrived.length; i++) expect(arrived[i]! - arrived[i - 1]!).toBeGreaterThanOrEqual(750);
  });

  it('a broadcast of two messages to each of forty chats spends the rate on sending, not on waiting', async () => {
    // Forty first messages take 1.3 s at 30 a second, so each chat's second comes to its
    // turn after its chat's gap: it should run once. Woken too early it runs only to wait.
    const chats = Array.from({ length: 40 }, (_, i) => String(840_000_000 + i));
    const jobs = await makeMessages(
      app.valued,
      'telegram',
      ['First', 'Second'].flatMap((text) => chats.map((to) => ({ to, text }))),
    );
    const runs = async () =>
      (await app.valued.metrics.jobDuration.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.queue === 'send-telegram')?.value ?? 0;
    const before = await runs();
    for (const job of jobs) await app.valued.queues.enqueue(job);
    await waitFor(() => chats.every((chat) => sendsTo(Number(chat)).length === 2), 'both messages to every chat', 30_000);
    expect(
      chats.every(
        (chat) =>
          sendsTo(Number(chat))
            .map((c) => c.params.text)
            .join() === 'First,Second',
      ),
    ).toBe(true);
    // Eighty messages, so about eighty runs: woken before its chat's gap each second one
    // would run twice or more (160 and up). A busy machine may wake a few late, or early.
    expect((await runs()) - before).toBeLessThanOrEqual(80 * 1.25);
    expect(refused()).toEqual([]);
  });

  it('a reply in conversation goes ahead of a backlog of requests and reminders', async () => {
    // Sixty messages made at once outside any conversation (as a wave of requests is): two seconds' worth.
    const others = Array.from({ length: 60 }, (_, i) => String(820_000_000 + i));
    const jobs = await makeMessages(
      app.valued,
      'telegram',
      others.map((to) => ({ to, text: 'A request to help' })),
    );
    const before = tg().callsTo('sendMessage').length;
    const person = 830_000_000;
    // The backlog is queued, and the person's reply made, before any of it goes.
    await whilePaused(person, 1, async () => {
      for (const job of jobs) await app.valued.queues.enqueue(job);
      expect((await app.update(textUpdate(nextId(), '/start', person))).status).toBe(200);
    });
    await waitFor(() => tg().callsTo('sendMessage').length - before >= 61, 'the backlog and the reply', 30_000);
    const order = tg()
      .callsTo('sendMessage')
      .slice(before)
      .map((c) => Number(c.params.chat_id));
    // Made last, sent first (give or take the sends a worker had already taken up).
    expect(order.indexOf(person)).toBeLessThan(5);
    expect(refused()).toEqual([]);
  });

  it('a reply behind two earlier messages to the same chat does not wait out a backlog', async () => {
    // Four seconds' worth of messages to others, then two to the person, all outside
    // any conversation; then the person writes, and the reply is third in their line.
    const others = Array.from({ length: 120 }, (_, i) => String(850_000_000 + i));
    const person = 860_000_000;
    const jobs = await makeMessages(app.valued, 'telegram', [
      ...others.map((to) => ({ to, text: 'A request to help' })),
      ...['Earlier one', 'Earlier two'].map((text) => ({ to: String(person), text })),
    ]);
    const before = tg().callsTo('sendMessage').length;
    await whilePaused(person, 3, async () => {
      for (const job of jobs) await app.valued.queues.enqueue(job);
      expect((await app.update(textUpdate(nextId(), '/start', person))).status).toBe(200);
    });
    await waitFor(() => tg().callsTo('sendMessage').length - before >= 123, 'the backlog and the three to the person', 30_000);
    expect(
      sendsTo(person)
        .slice(0, 3)
        .map((c) => c.params.text),
    ).toEqual(['Earlier one', 'Earlier two', expect.stringMatching(/Shall we start\?/)]);
    const order = tg()
      .callsTo('sendMessage')
      .slice(before)
      .map((c) => Number(c.params.chat_id));
    // The backlog takes four seconds; the person's three go a second apart, at its head:
    // the last of them after about two seconds' worth of it (60 sends), not at its end.
    expect(order.lastIndexOf(person)).toBeLessThan(100);
    expect(refused()).toEqual([]);
  });
});
