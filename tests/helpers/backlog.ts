/**
 * Messages made outside any conversation, as a wave of requests or a broadcast makes
 * them: for the pacing tests and the benchmark. No test-runner imports.
 */
import type { ChannelName } from '../../src/domain/channels.js';
import type { Reply } from '../../src/conversation/reply.js';
import { sendTo, type JobContext } from '../../src/effects/context.js';
import { ulidIds } from '../../src/platform/ids.js';
import type { Valued } from '../../src/main.js';
import type { JobRequest } from '../../src/queue/queues.js';
import { transact } from '../../src/store/database.js';
import { findOrCreateIdentity } from '../../src/store/members.repository.js';

/** Makes `messages` in the order given, in one transaction; returns their send jobs, not yet queued. */
export async function makeMessages(valued: Valued, channel: ChannelName, messages: readonly { to: string; text: string }[]): Promise<JobRequest[]> {
  const ids = ulidIds();
  const ctx: JobContext = {
    trx: valued.store.db,
    dialect: valued.store.dialect,
    now: Date.now(),
    ids,
    log: valued.log,
    services: { formats: { [channel]: { render: (r: Reply) => r.text, buttons: channel === 'telegram' } }, matching: valued.config.matching, coordinators: [] },
    jobs: [],
  };
  await transact(valued.store, async (trx) => {
    const inTrx = { ...ctx, trx };
    for (const { to, text } of messages) await sendTo(inTrx, await findOrCreateIdentity(trx, channel, to, Date.now(), ids), { lang: 'en', text });
    ctx.jobs = inTrx.jobs;
  });
  return ctx.jobs;
}
