/**
 * The last wall of the simulator's sandbox: whatever decides to send a message about
 * someone, it is not sent across the wall (a real member told about a simulator
 * member, or the other way round).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSms } from '../../src/channels/sms/render.js';
import { sendTo, type JobContext } from '../../src/effects/context.js';
import { createLogger } from '../../src/platform/log.js';
import { transact } from '../../src/store/database.js';
import { findOrCreateIdentity } from '../../src/store/members.repository.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

describe('sendTo and the sandbox', () => {
  let t: TestDb;
  const clock = new FakeClock();
  const ids = sequentialIds('guard');
  beforeAll(async () => {
    t = await createTestDb('sqlite');
  });
  afterAll(async () => t?.drop());

  it.each([
    ['a real member, about a simulator member', 'sms', 'simulator', 0],
    ['a simulator member, about a real member', 'simulator', 'sms', 0],
    ['a real member, about a real member', 'sms', 'sms', 1],
    ['a simulator member, about a simulator member', 'simulator', 'simulator', 1],
  ])('to %s: %s message(s) recorded', async (_name, toChannel, aboutChannel, expected) => {
    const sent = await transact(t.store, async (trx) => {
      const to = await findOrCreateIdentity(trx, toChannel, `to-${ids.next()}`, clock.now(), ids);
      const about = await findOrCreateIdentity(trx, aboutChannel, `about-${ids.next()}`, clock.now(), ids);
      const ctx: JobContext = {
        trx,
        dialect: 'sqlite',
        now: clock.now(),
        ids,
        log: createLogger('silent'),
        jobs: [],
        services: {
          formats: { sms: { render: renderSms, buttons: false }, simulator: { render: renderSms, buttons: false } },
          coordinators: [],
          matching: { waveSize: 1, maxWaves: 1, waveDelayMs: 1, followUpDelayMs: 1, requireVerifiedInPerson: false },
        },
      };
      await sendTo(ctx, to, { lang: 'en', text: 'Ann: my door code is 4455' }, 'normal', about.member_id);
      return (await trx.selectFrom('outbound_messages').select('id').where('identity_id', '=', to.id).execute()).length;
    });
    expect(sent).toBe(expected);
  });
});
