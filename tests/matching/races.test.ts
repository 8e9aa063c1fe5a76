/**
 * Races that real load brings, on both dialects. On PostgreSQL each side has its own
 * connection pool (as two worker processes would), so they truly run at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSms } from '../../src/channels/sms/render.js';
import type { Services } from '../../src/effects/context.js';
import { createInboundWorker } from '../../src/effects/inbound-worker.js';
import { createLogger } from '../../src/platform/log.js';
import { createMatcher } from '../../src/matching/waves.js';
import { placeNeeds, refreshCandidates } from '../../src/store/candidates.repository.js';
import { openDatabase, transact, type Store } from '../../src/store/database.js';
import { findOrCreateIdentity, replaceItems, takeNextSeq, updateMember } from '../../src/store/members.repository.js';
import { insertInbound } from '../../src/store/messages.repository.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

const log = createLogger('silent');
const services: Services = {
  formats: { simulator: { render: renderSms, buttons: false } },
  matching: { waveSize: 1, maxWaves: 5, waveDelayMs: 600_000, followUpDelayMs: 600_000, requireVerifiedInPerson: false },
  coordinators: [],
};

describe.each(DIALECTS)('races on $label', ({ dialect, available }) => {
  let t: TestDb;
  let other: Store;
  const clock = new FakeClock();
  const ids = sequentialIds(`${dialect}-race`);
  beforeAll(async () => {
    if (!available) return;
    t = await createTestDb(dialect);
    other = dialect === 'postgres' ? openDatabase(t.url) : t.store;
  });
  afterAll(async () => {
    if (other && other !== t?.store) await other.close();
    await t?.drop();
  });

  const matcher = (store: Store) => createMatcher({ store, clock, ids, log, services, enqueue: () => Promise.resolve() });
  async function person(address: string, name: string, offers: string[] = [], needs: string[] = []) {
    const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'simulator', address, clock.now(), ids));
    await updateMember(t.store.db, identity.member_id, { first_name: name }, clock.now());
    if (offers.length) {
      await replaceItems(
        t.store.db,
        identity.member_id,
        'offers',
        offers.map((c) => ({ category: c as 'chat' })),
        clock.now(),
        ids,
      );
      await refreshCandidates(t.store.db, identity.member_id);
    }
    let needId: string | undefined;
    if (needs.length) {
      needId = (
        await replaceItems(
          t.store.db,
          identity.member_id,
          'needs',
          needs.map((c) => ({ category: c as 'chat' })),
          clock.now(),
          ids,
        )
      ).added[0];
      await placeNeeds(t.store.db, identity.member_id, [needId!]);
    }
    return { identity, needId: needId! };
  }
  const asks = (needId: string) => t.store.db.selectFrom('asks').select(['volunteer_id', 'wave', 'status']).where('need_id', '=', needId).execute();

  describe.skipIf(!available)('', () => {
    it('a wave and its twin (the early one and the delayed one) ask once between them', async () => {
      await person('race-v1', 'Vee', ['chat']);
      await person('race-v2', 'Wyn', ['chat']);
      const { needId } = await person('race-r1', 'Rhi', [], ['chat']);
      await Promise.all([matcher(t.store).runWave(needId, 1, false, undefined), matcher(other).runWave(needId, 1, false, undefined)]);
      expect((await asks(needId)).filter((a) => a.wave === 1)).toHaveLength(1);
      await Promise.all([matcher(t.store).runWave(needId, 2, false, undefined), matcher(other).runWave(needId, 2, false, undefined)]);
      expect((await asks(needId)).filter((a) => a.wave === 2)).toHaveLength(1);
      expect(new Set((await asks(needId)).map((a) => a.volunteer_id)).size).toBe(2); // a different person each wave
    });

    it('two needs asking at once never both ask the one volunteer', async () => {
      await person('race-v3', 'Xan', ['listening']);
      const a = await person('race-r2', 'Sal', [], ['listening']);
      const b = await person('race-r3', 'Tam', [], ['listening']);
      await Promise.all([matcher(t.store).runWave(a.needId, 1, false, undefined), matcher(other).runWave(b.needId, 1, false, undefined)]);
      const open = [...(await asks(a.needId)), ...(await asks(b.needId))].filter((x) => x.status === 'open');
      expect(open).toHaveLength(1);
    });

    it("both sides sending SHARE at the same moment both get the other's contact", async () => {
      const requester = await person('race-r4', 'Uma', [], ['recipes']);
      const volunteer = await person('race-v4', 'Val', ['recipes']);
      await t.store.db
        .insertInto('matches')
        .values({
          id: ids.next(),
          need_id: requester.needId,
          requester_id: requester.identity.member_id,
          volunteer_id: volunteer.identity.member_id,
          status: 'active',
          requester_shared: 0,
          volunteer_shared: 0,
          outcome: null,
          created_at: clock.now(),
          closed_at: null,
        })
        .execute();
      for (const side of [requester, volunteer]) {
        await transact(t.store, async (trx) => {
          const seq = await takeNextSeq(trx, side.identity.id);
          await insertInbound(trx, {
            id: ids.next(),
            channel: 'simulator',
            provider_id: `share-${side.identity.id}`,
            identity_id: side.identity.id,
            seq,
            body: 'SHARE',
            input: JSON.stringify({ kind: 'text', text: 'SHARE' }),
            status: 'pending',
            attempts: 0,
            error: null,
            received_at: clock.now(),
            handled_at: null,
          });
        });
      }
      const runner = (store: Store) => createInboundWorker({ store, clock, ids, log, services, enqueue: () => Promise.resolve() });
      await Promise.all([runner(t.store).drain(requester.identity.id), runner(other).drain(volunteer.identity.id)]);
      const shared = await t.store.db.selectFrom('outbound_messages').select(['address', 'body']).where('body', 'like', '%is happy to share%').execute();
      expect(shared.map((s) => s.address).sort()).toEqual(['race-r4', 'race-v4']);
    });
  });
});
