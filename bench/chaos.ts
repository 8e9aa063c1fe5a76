/**
 * npm run chaos: the fault scenarios, end to end, with figures.
 *
 * Each scenario: people text the service over signed Twilio webhooks (a fake Twilio
 * takes the replies), the HTTP side runs here, workers run as processes of their own,
 * and one fault is done to them. Then it waits for everything to settle and counts:
 *
 *   sent        distinct messages the people sent
 *   accepted    of those, answered 2xx (a 503 is retried like a provider would)
 *   handled     of those, handled by the conversation engine
 *   duplicated  replies Twilio received more than once
 *   lost        accepted messages never handled, or handled but never answered
 *
 * Real Redis (REDIS_URL, or found as npm start finds it), SQLite files in a temp folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { argsOrExit } from '../src/platform/args.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/log.js';
import { startValued, type Valued } from '../src/main.js';
import { resolveRedis, startPrivateRedis } from '../src/queue/local-redis.js';
import { FakeTwilio } from '../tests/helpers/fake-twilio.js';
import { spawnValued, type ValuedProcess } from '../tests/helpers/processes.js';
import { ACCOUNT_SID, AUTH_TOKEN, inboundSmsParams, messageSid, OUR_NUMBER, postSigned } from '../tests/helpers/twilio.js';

const PUBLIC_URL = 'https://valued.example.org';
const SCRIPT = ['hello', 'yes', 'Kim', 'SA1 1AA', '1', 'not now', 'yes'];
const PEOPLE = 20;

interface Figures {
  scenario: string;
  sent: number;
  accepted: number;
  handled: number;
  duplicated: number;
  lost: number;
  seconds: number;
}

interface World {
  dir: string;
  redisUrl: string;
  web: Valued;
  twilio: FakeTwilio;
  workers: ValuedProcess[];
  workerEnv: Record<string, string>;
  startWorker(): Promise<ValuedProcess>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function world(name: string, redisUrl: string, copies = 1): Promise<World & { talk(): Promise<{ sent: number; accepted: number }> }> {
  const dir = mkdtempSync(join(tmpdir(), `valued-chaos-${name}-`));
  const prefix = `chaos${Date.now().toString(36)}`;
  const twilio = await new FakeTwilio(ACCOUNT_SID).start();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'valued.db')}`,
    DATA_DIR: dir,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    INBOUND_PARTITIONS: '4',
    PUBLIC_BASE_URL: PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM_NUMBER: OUR_NUMBER,
    TWILIO_API_BASE_URL: twilio.url,
    TWILIO_MPS: '200',
    PROVIDER_TIMEOUT_SECONDS: '2',
    JOB_LOCK_SECONDS: '4',
    RECONCILE_EVERY_SECONDS: '2',
    MATCH_WAVE_DELAY_SECONDS: '600',
    SIMULATOR: 'off',
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' });
  const web = await startValued({ config, redisUrl, role: 'web', log: createLogger('silent'), reconciler: false });
  const workers: ValuedProcess[] = [];
  const w: World = {
    dir,
    redisUrl,
    web,
    twilio,
    workers,
    workerEnv: { ...env, LOG_LEVEL: 'info' },
    async startWorker() {
      const p = spawnValued(w.workerEnv);
      workers.push(p);
      await p.ready;
      return p;
    },
  };
  return {
    ...w,
    /** Everyone works through the sign-up; a 503 is tried again after a second, as a provider would. */
    async talk() {
      let sent = 0;
      let accepted = 0;
      await Promise.all(
        Array.from({ length: PEOPLE }, async (_, i) => {
          const from = `+4477009200${String(i).padStart(2, '0')}`;
          for (const text of SCRIPT) {
            const params = inboundSmsParams(from, text, messageSid());
            sent++;
            let ok = false;
            for (let attempt = 0; attempt < 15 && !ok; attempt++) {
              const responses = await Promise.all(
                Array.from({ length: copies }, () => postSigned(web.url, PUBLIC_URL, '/webhooks/twilio/sms', params).catch(() => null)),
              );
              ok = responses.some((r) => r?.status === 200);
              if (!ok) await sleep(1000);
            }
            if (ok) accepted++;
            await sleep(60);
          }
        }),
      );
      return { sent, accepted };
    },
  };
}

async function settle(w: World, expected: number, timeoutMs = 90_000): Promise<void> {
  const db = w.web.store.db;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const handled = (await db.selectFrom('inbound_messages').select('id').where('status', '=', 'handled').execute()).length;
    const open = (await db.selectFrom('outbound_messages').select('id').where('status', 'in', ['pending', 'sending']).execute()).length;
    if (handled >= expected && open === 0) return;
    await sleep(250);
  }
}

async function count(w: World, scenario: string, talked: { sent: number; accepted: number }, started: number): Promise<Figures> {
  await settle(w, talked.accepted);
  const db = w.web.store.db;
  const handled = (await db.selectFrom('inbound_messages').select('id').where('status', '=', 'handled').execute()).length;
  const answered = (await db.selectFrom('outbound_messages').select('inbound_id').where('status', '=', 'sent').execute()).length;
  // A duplicate: Twilio got more messages than we recorded as sent.
  const duplicated = Math.max(0, w.twilio.sent.length - answered);
  const lost = Math.max(0, talked.accepted - handled) + Math.max(0, handled - answered);
  return { scenario, sent: talked.sent, accepted: talked.accepted, handled, duplicated, lost, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

async function close(w: World): Promise<void> {
  for (const p of w.workers) await p.kill('SIGKILL');
  await w.web.close();
  await w.twilio.stop();
  const redis = new Redis(w.redisUrl);
  const keys = await redis.keys(`${w.workerEnv.QUEUE_PREFIX}:*`).catch(() => []);
  if (keys.length) await redis.del(...keys).catch(() => 0);
  redis.disconnect();
  rmSync(w.dir, { recursive: true, force: true });
}

type Scenario = (redisUrl: string) => Promise<Figures>;

const scenarios: [string, Scenario][] = [
  [
    'baseline',
    async (redisUrl) => {
      const w = await world('baseline', redisUrl);
      await w.startWorker();
      const started = Date.now();
      const f = await count(w, 'baseline', await w.talk(), started);
      await close(w);
      return f;
    },
  ],
  [
    'worker killed 3 times',
    async (redisUrl) => {
      const w = await world('kill', redisUrl);
      let worker = await w.startWorker();
      const started = Date.now();
      const talking = w.talk();
      for (let i = 0; i < 3; i++) {
        await sleep(1500);
        await worker.kill('SIGKILL');
        worker = await w.startWorker();
      }
      const f = await count(w, 'worker killed 3 times', await talking, started);
      await close(w);
      return f;
    },
  ],
  [
    'redis restarted empty',
    async () => {
      const redisDir = mkdtempSync(join(tmpdir(), 'valued-chaos-redis-'));
      let redis = await startPrivateRedis(redisDir, { persist: false });
      const w = await world('redis', redis.url);
      await w.startWorker();
      const started = Date.now();
      const talking = w.talk();
      await sleep(1500);
      await redis.stop();
      await sleep(1500);
      redis = await startPrivateRedis(redisDir, { persist: false, port: redis.port });
      const f = await count(w, 'redis restarted empty', await talking, started);
      await close(w);
      await redis.stop();
      rmSync(redisDir, { recursive: true, force: true });
      return f;
    },
  ],
  [
    'database locked 7 s',
    async (redisUrl) => {
      const w = await world('locked', redisUrl);
      await w.startWorker();
      const started = Date.now();
      const talking = w.talk();
      await sleep(1000);
      const file = w.workerEnv.DATABASE_URL!.slice('sqlite:'.length);
      const locker = spawn(
        process.execPath,
        [
          '-e',
          `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.exec('BEGIN IMMEDIATE');setTimeout(()=>{d.exec('COMMIT');process.exit(0)},7000);`,
        ],
        { stdio: 'ignore' },
      );
      await new Promise((r) => locker.on('exit', r));
      const f = await count(w, 'database locked 7 s', await talking, started);
      await close(w);
      return f;
    },
  ],
  [
    'Twilio failing 30%',
    async (redisUrl) => {
      const w = await world('twilio', redisUrl);
      await w.startWorker();
      // Of the sends: 15% answered 503, 10% dropped, 5% answered after the timeout.
      w.twilio.chaos = () => {
        const r = Math.random();
        return r < 0.15 ? { status: 503, code: 20503 } : r < 0.25 ? 'drop' : r < 0.3 ? { slowMs: 3000 } : undefined;
      };
      const started = Date.now();
      const f = await count(w, 'Twilio failing 30%', await w.talk(), started);
      await close(w);
      return f;
    },
  ],
  [
    'every message 3 times at once',
    async (redisUrl) => {
      const w = await world('storm', redisUrl, 3);
      await w.startWorker();
      const started = Date.now();
      const f = await count(w, 'every message 3 times at once', await w.talk(), started);
      await close(w);
      return f;
    },
  ],
];

async function main(): Promise<void> {
  const args = argsOrExit({
    usage: `Usage: npm run chaos [-- WORDS]

Runs each fault scenario end to end and prints one line per scenario; WORDS runs only
the scenarios whose name holds them (e.g. "redis").
  --help   print this and exit`,
    options: {},
    positionals: true,
  });
  const only = args.positionals.join(' ');
  const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-chaos-')));
  const results: Figures[] = [];
  process.stdout.write(`valued chaos: ${PEOPLE} people x ${SCRIPT.length} messages per scenario, real Redis, worker processes\n\n`);
  for (const [name, run] of scenarios) {
    if (only && !name.includes(only)) continue;
    const f = await run(redis.url);
    results.push(f);
    process.stdout.write(
      `${f.scenario.padEnd(30)} sent ${f.sent}  accepted ${f.accepted}  handled ${f.handled}  duplicated ${f.duplicated}  lost ${f.lost}  (${f.seconds} s)\n`,
    );
  }
  await redis.stop();
  const bad = results.filter((r) => r.lost > 0 || r.duplicated > 0 || r.handled !== r.accepted);
  process.stdout.write(
    `\n${bad.length === 0 ? 'every scenario: nothing lost, nothing duplicated' : `${bad.length} scenario(s) lost or duplicated messages`}\n`,
  );
  process.exit(bad.length === 0 ? 0 : 1);
}

void main();
