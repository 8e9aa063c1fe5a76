/**
 * Prometheus metrics (GET /metrics). One registry per running service, so tests that
 * start several services in one process never share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesIn: Counter<'channel'>;
  messagesOut: Counter<'channel'>;
  inboundDropped: Counter<'channel' | 'reason'>;
  sendFailures: Counter<'channel' | 'reason'>;
  jobDuration: Histogram<'queue'>;
  queueDepth: Gauge<'queue' | 'state'>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'valued_' });
  return {
    registry,
    messagesIn: new Counter({
      name: 'valued_messages_in_total',
      help: 'Inbound messages accepted (duplicates not counted)',
      labelNames: ['channel'],
      registers: [registry],
    }),
    inboundDropped: new Counter({
      name: 'valued_inbound_dropped_total',
      help: 'Inbound requests from a verified provider that could not be read, dropped',
      labelNames: ['channel', 'reason'],
      registers: [registry],
    }),
    messagesOut: new Counter({ name: 'valued_messages_out_total', help: 'Messages sent to a provider', labelNames: ['channel'], registers: [registry] }),
    sendFailures: new Counter({
      name: 'valued_send_failures_total',
      help: 'Failed send attempts, by reason',
      labelNames: ['channel', 'reason'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'valued_job_duration_seconds',
      help: 'Time to process one job',
      labelNames: ['queue'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'valued_queue_jobs',
      help: 'Jobs in each queue by state, read at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
  };
}
