/**
 * Automated senders and very long or empty messages, over SMS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIdentity } from '../../src/store/members.repository.js';
import { settled, startTestApp, waitFor, type TestApp } from '../helpers/app.js';

describe('abuse and odd messages over SMS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true });
  });
  afterAll(async () => app?.close());

  const handled = (from: string, count: number) =>
    waitFor(async () => {
      const identity = await findIdentity(app.valued.store.db, 'sms', from);
      if (!identity) return false;
      const rows = await app.valued.store.db
        .selectFrom('inbound_messages')
        .select('status')
        .where('identity_id', '=', identity.id)
        .where('status', '=', 'handled')
        .execute();
      return rows.length >= count;
    }, `${count} handled from ${from}`);

  it('an automated number that answers everything gets at most 5 replies in 30 seconds; every message is still handled', async () => {
    const bot = '+447700909001';
    for (let i = 0; i < 10; i++) {
      expect((await app.sms(bot, `AUTO-REPLY: I am away until Monday (${i})`)).status).toBe(200);
    }
    await handled(bot, 10);
    await waitFor(async () => (await app.outbound('sms', bot)).every(settled), 'the replies to settle');
    // The welcome, then re-asks until the limit (one of them the offer of a person).
    expect(app.twilio!.bodiesTo(bot).length).toBeLessThanOrEqual(6);
    expect((await app.outbound('sms', bot)).length).toBeLessThanOrEqual(6);
  });

  it('an empty message and a 2,000-character one get kind answers', async () => {
    const from = '+447700909002';
    await app.sms(from, 'hi');
    await app.sms(from, 'yes');
    await waitFor(() => app.twilio!.bodiesTo(from).length === 2, 'two replies');
    await app.sms(from, '');
    await waitFor(() => app.twilio!.bodiesTo(from).length === 3, 'an answer to an empty message');
    expect(app.twilio!.bodiesTo(from)[2]).toBe('Sorry, I did not understand. What is your first name? Or reply SKIP.');
    await app.sms(from, 'word '.repeat(400));
    await waitFor(() => app.twilio!.bodiesTo(from).length === 4, 'an answer to a long message');
    expect(app.twilio!.bodiesTo(from)[3]).toBe('Sorry, I did not understand. What is your first name? Or reply SKIP.');
  });
});
