/**
 * What each queue's jobs do: the inbound worker drains a person's messages, delivery
 * sends, the timers run check-ins and housekeeping, matching runs waves. Job payloads
 * are read through the catalogue (src/queue/jobs.ts).
 */
import { unreachableEvent, type Inbox } from '../channels/inbox.js';
import { jobOutcome, type Delivery } from '../delivery/deliver.js';
import type { InboundWorker } from '../effects/inbound-worker.js';
import type { WindowFallback } from '../effects/window.js';
import type { FollowUps } from '../matching/followup.js';
import type { Matcher } from '../matching/waves.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/log.js';
import { readTimerJob, readWaveJob } from '../queue/jobs.js';
import type { Processors } from '../queue/workers.js';
import type { Store } from '../store/database.js';
import { purgeOldBodies } from '../store/retention.js';

export interface ProcessorDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  inbox: Inbox;
  inbound: InboundWorker;
  delivery: Delivery;
  windowFallback: WindowFallback;
  matcher: Matcher;
  followUps: FollowUps;
  reconcile(): Promise<unknown>;
  retentionDays: number;
}

export function processors(deps: ProcessorDeps): Processors {
  return {
    async drain(identityId, upTo) {
      const drained = await deps.inbound.drain(identityId, upTo);
      return drained.later ? { later: drained.later } : undefined;
    },
    async send(channel, outboundId, job) {
      const delivered = await deps.delivery.send(channel, outboundId, job);
      if (delivered.kind === 'failed' && delivered.closed) {
        // An address that takes no more messages becomes an event in that person's
        // conversation: a helper who cannot be reached leaves their match, and the
        // person they were helping hears.
        const { channel: on, address, outboundId: found } = delivered.closed;
        await deps.inbox
          .accept(unreachableEvent(on, address, found))
          .catch((error: unknown) => deps.log.error({ err: error, outboundId }, 'could not tell the conversation that its address is unreachable'));
      }
      return jobOutcome(delivered);
    },
    async timer(job) {
      const timer = readTimerJob(job);
      if (!timer) {
        deps.log.warn({ name: job.name }, 'unknown timer job');
        return;
      }
      switch (timer.name) {
        case 'reconcile':
          await deps.reconcile();
          return;
        case 'retention': {
          const purged = await purgeOldBodies(deps.store.db, deps.clock.now(), deps.retentionDays);
          if (purged.inbound + purged.outbound > 0) deps.log.info(purged, 'purged old message bodies');
          return;
        }
        case 'window-fallback':
          // Outside WhatsApp's window with no template for it: another channel of theirs, or a coordinator.
          await deps.windowFallback.outsideWindow(timer.outboundId, job.id);
          return;
        case 'followup':
          await deps.followUps.run(timer.matchId, timer.round, job.id);
          return;
      }
    },
    async matching(job) {
      const wave = readWaveJob(job.data);
      if (!wave) {
        deps.log.warn({ jobId: job.id }, 'a matching job without a need');
        return;
      }
      await deps.matcher.runWave(wave.needId, wave.wave, wave.retry, job.id);
    },
  };
}
