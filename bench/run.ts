/**
 * npm run bench: the figures of issue 6, each against its target, in one run on this
 * machine. Not part of CI. See README "Performance".
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { resolveRedis } from '../src/queue/local-redis.js';
import { fmt, rssSampler } from './lib.js';
import { runPipeline, startService } from './pipeline.js';
import { queueLimit } from './queue-limit.js';

const only = process.argv.slice(2);
const wanted = (part: string) => only.length === 0 || only.includes(part);
const lines: string[] = [];
const row = (figure: string, value: string, target: string, met: boolean | null) => {
  const line = `${figure.padEnd(46)} ${value.padEnd(24)} ${target.padEnd(22)} ${met === null ? '' : met ? 'met' : 'NOT MET'}`;
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-bench-redis-')));
  process.stdout.write(`valued benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Redis ${redis.url}\n\n`);
  process.stdout.write(`${'figure'.padEnd(46)} ${'value'.padEnd(24)} ${'target'.padEnd(22)} result\n`);
  let ratio = Number.NaN;

  if (wanted('pipeline')) {
    const limit = await queueLimit(redis.url, { jobs: 20_000, concurrency: 8 });
    row('1 queue limit (bare BullMQ, concurrency 8)', `${fmt(limit, 0)} jobs/s`, 'reference', null);
    const service = await startService(redis.url);
    const memory = rssSampler();
    const flat = await runPipeline(service, { people: 400, firstNumber: 100_000_000, rate: 0 });
    ratio = flat.perSecond / limit;
    row('2 pipeline, flat out', `${fmt(flat.perSecond, 0)} msg/s (${flat.messages})`, `>= 0.35 x queue limit`, ratio >= 0.35);
    const half = await runPipeline(service, { people: 2000, firstNumber: 200_000_000, rate: flat.perSecond / 2, durationMs: 15_000 });
    row('2 pipeline at half load: webhook to send p50', `${fmt(half.latencyP50)} ms`, 'reported', null);
    row('2 pipeline at half load: webhook to send p99', `${fmt(half.latencyP99)} ms`, 'reported', null);
    row('2 pipeline at half load: webhook answer p99', `${fmt(half.webhookP99)} ms`, '< 20 ms', half.webhookP99 < 20);
    const peak = memory.stop();
    row('5 peak RSS during the pipeline', `${fmt(peak, 0)} MB`, '< 250 MB', peak < 250);
    await service.close();
  }

  await redis.stop();
  process.stdout.write(`\n${lines.map((l) => l.trim()).join('\n')}\npipeline/queue-limit ratio: ${fmt(ratio, 2)}\n`);
  process.exit(0);
}

void main();
