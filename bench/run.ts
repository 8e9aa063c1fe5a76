/**
 * npm run bench: the figures of issue 6, each against its target, in one run on this
 * machine. Not part of CI (it takes several minutes). See docs/performance.md.
 *
 *   npm run bench                      everything
 *   npm run bench -- pipeline pacing   some parts: pipeline, memory, pacing, matching, console
 *
 * Needs Redis (REDIS_URL, else 127.0.0.1:6379, else a redis-server it starts) and, for
 * PostgreSQL's half of the matching figure, BENCH_POSTGRES_URL or TEST_POSTGRES_URL
 * (an administrative URL: a database is made for the run and dropped after).
 * BENCH_SCALE (default 1) scales the matching and console populations down for a quick look.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { initialState } from '../src/conversation/state.js';
import { argsOrExit } from '../src/platform/args.js';
import { resolveRedis } from '../src/queue/local-redis.js';
import { scratchPostgres } from '../tests/helpers/postgres.js';
import { fmt, rssSampler } from './lib.js';
import { consoleAtScale } from './console.js';
import { matchingAtScale } from './matching.js';
import { build, memoryUnderLoad } from './memory.js';
import { pacingSms, pacingTelegram } from './pacing.js';
import { runPipeline, startService, webAlone } from './pipeline.js';
import { queueLimit } from './queue-limit.js';

const PARTS = ['pipeline', 'memory', 'pacing', 'matching', 'console'];
const args = argsOrExit({
  usage: `Usage: npm run bench [-- PART...]

Prints valued's speed and memory figures against their targets (about five minutes).
PART is one or more of: ${PARTS.join(', ')} (default: all). See docs/performance.md.
  --help   print this and exit`,
  options: {},
  positionals: true,
});
const unknown = args.positionals.find((p) => !PARTS.includes(p));
if (unknown) {
  process.stderr.write(`Unknown part '${unknown}': choose from ${PARTS.join(', ')}\n`);
  process.exit(2);
}
const only = args.positionals;
const wanted = (part: string) => only.length === 0 || only.includes(part);
const summary: string[] = [];
const row = (figure: string, value: string, target: string, met: boolean | null) => {
  const line = `${figure.padEnd(50)} ${value.padEnd(26)} ${target.padEnd(24)} ${met === null ? '' : met ? 'met' : 'NOT MET'}`.trimEnd();
  summary.push(line);
  process.stdout.write(`${line}\n`);
};
const note = (text: string) => process.stdout.write(`  ${text}\n`);

async function main(): Promise<void> {
  const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-bench-redis-')));
  const postgresUrl = process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || '';
  const scale = Number(process.env.BENCH_SCALE || '1');
  process.stdout.write(
    `valued benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Redis ${redis.url}\n\n`,
  );
  process.stdout.write(`${'figure'.padEnd(50)} ${'value'.padEnd(26)} ${'target'.padEnd(24)} result\n`);
  let ratio = Number.NaN;
  let state = JSON.stringify(initialState());

  if (wanted('pipeline')) {
    const limit = await queueLimit(redis.url, { jobs: 20_000, concurrency: 8 });
    row('1 queue limit: bare BullMQ, concurrency 8', `${fmt(limit, 0)} jobs/s`, 'the reference', null);
    const service = await startService(redis.url);
    const memory = rssSampler();
    const flat = await runPipeline(service, { people: 400, firstNumber: 100_000_000, rate: 0 });
    ratio = flat.perSecond / limit;
    row('2 pipeline flat out (signed webhooks to sends)', `${fmt(flat.perSecond, 0)} msg/s (${flat.messages} msgs)`, '>= 0.35 x queue limit', ratio >= 0.35);
    row('2 SQL statements per message', fmt(flat.statementsPerMessage, 1), '<= 12', flat.statementsPerMessage <= 12);
    row('2 transactions per message', fmt(flat.transactionsPerMessage, 2), '<= 1', flat.transactionsPerMessage <= 1);
    const half = await runPipeline(service, { people: 2000, firstNumber: 200_000_000, rate: flat.perSecond / 2, durationMs: 15_000 });
    row('2 at half load: webhook to send call p50', `${fmt(half.latencyP50)} ms`, 'reported', null);
    row('2 at half load: webhook to send call p99', `${fmt(half.latencyP99)} ms`, 'reported', null);
    row('2 at half load: webhook answer p99', `${fmt(half.webhookP99)} ms`, '< 20 ms', half.webhookP99 < 20);
    note(
      `the service's event loop held up at half load: p99 ${fmt(half.loopDelayP99)} ms, longest ${fmt(half.loopDelayMax)} ms; ${fmt(half.transactionsPerMessage, 2)} transactions a message`,
    );
    note(`(in-process service and harness, under tsx: peak RSS ${fmt(memory.stop(), 0)} MB; figure 5 measures the deployed build)`);
    const stored = await service.valued.store.db.selectFrom('conversations').select('state').where('state', 'like', '%"step":"menu"%').executeTakeFirst();
    if (stored) state = stored.state;
    await service.close();
    const web = await webAlone(redis.url);
    row('  web role alone: webhooks accepted', `${fmt(web.perSecond, 0)}/s (${web.accepted} msgs)`, 'reported (sizing)', null);
    note(`answer p99 ${fmt(web.answerP99)} ms flat out, 400 people at once; nothing handled`);
    if (postgresUrl) {
      // The same flat-out run on PostgreSQL (for the capacity model in docs/performance.md).
      const scratch = await scratchPostgres(postgresUrl, 'valued_bench_pipeline');
      try {
        const onPostgres = await startService(redis.url, scratch.url);
        const pgRun = await runPipeline(onPostgres, { people: 400, firstNumber: 600_000_000, rate: 0 });
        await onPostgres.close();
        row('  pipeline flat out on PostgreSQL', `${fmt(pgRun.perSecond, 0)} msg/s (${pgRun.messages} msgs)`, 'reported (sizing)', null);
        note(`on PostgreSQL: ${fmt(pgRun.statementsPerMessage, 1)} SQL statements and ${fmt(pgRun.transactionsPerMessage, 2)} transactions a message`);
      } finally {
        await scratch.drop();
      }
    }
  }

  if (wanted('memory')) {
    build();
    const empty = await memoryUnderLoad(redis.url, { stored: 0, state, people: 400, firstNumber: 300_000_000 });
    row('5 peak RSS under the pipeline load', `${fmt(empty.peakMb, 0)} MB (${empty.messages} msgs)`, '< 250 MB', empty.peakMb < 250);
    const full = await memoryUnderLoad(redis.url, { stored: 100_000, state, people: 400, firstNumber: 400_000_000 });
    row('5 peak RSS, 100,000 stored conversations', `${fmt(full.peakMb, 0)} MB (${full.messages} msgs)`, '< 250 MB', full.peakMb < 250);
  }

  if (wanted('pacing')) {
    const [overall, perChat] = await pacingTelegram(redis.url);
    const sms = await pacingSms(redis.url, 10);
    for (const p of [overall!, perChat!, sms]) {
      row(
        `4 pacing ${p.channel} ${p.label}: achieved/allowed`,
        `${fmt(p.ratio, 2)} (${fmt(p.perSecond, 1)}/${p.allowedPerSecond}/s)`,
        '>= 0.95, no run of 429s',
        p.ratio >= 0.95 && p.refusedRunSeconds <= 1,
      );
      note(`${p.messages} messages in ${fmt(p.seconds, 1)} s; 429s: ${p.tooFast}`);
    }
  }

  if (wanted('matching')) {
    const sizes = { requesters: Math.round(1_500_000 * scale), volunteers: Math.round(750_000 * scale) };
    const dialects = postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
    for (const dialect of dialects) {
      const m = await matchingAtScale(dialect, sizes, { postgresUrl, log: note });
      row(`3 candidate search, ${dialect}: p50`, `${fmt(m.p50, 2)} ms`, 'reported', null);
      row(`3 candidate search, ${dialect}: p99`, `${fmt(m.p99, 2)} ms`, '< 10 ms', m.p99 < 10);
      const reach = Object.entries(m.rings)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      note(
        `${m.searches} searches; ${m.rows.members!.toLocaleString('en-GB')} members, ${m.rows.candidates!.toLocaleString('en-GB')} candidate rows, ${m.rows.asks!.toLocaleString('en-GB')} asks; seeded in ${fmt(m.seedSeconds, 0)} s${m.databaseMb ? `, ${fmt(m.databaseMb, 0)} MB` : ''}`,
      );
      note(`rows read per search ${fmt(m.meanRead, 0)}, max ${fmt(m.max, 1)} ms; reach: ${reach}; none found: ${m.empty}`);
    }
    if (!postgresUrl) row('3 candidate search, postgres', 'SKIPPED', 'set BENCH_POSTGRES_URL', null);
  }

  if (wanted('console')) {
    const members = Math.round(100_000 * scale);
    const c = await consoleAtScale(redis.url, { members, log: note });
    for (const p of c.pages) row(`6 console: ${p.page}, p95 server time`, `${fmt(p.serverP95)} ms`, 'reported', null);
    note(
      `${members.toLocaleString('en-GB')} members; the measure "asked and also gave" takes ${fmt(c.measureMs)} ms (worked out at most once a minute); needs CSV of ${c.exportRows.toLocaleString('en-GB')} rows in ${fmt(c.exportSeconds, 2)} s; with DATA_ENCRYPTION_KEY the first search indexes everyone in ${fmt(c.firstSealedSearchSeconds, 1)} s`,
    );
  }

  await redis.stop();
  process.stdout.write(`\n${summary.join('\n')}\npipeline/queue-limit ratio: ${fmt(ratio, 2)}\n`);
  process.exit(0);
}

void main();
