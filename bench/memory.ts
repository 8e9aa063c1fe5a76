/**
 * Memory: valued as it is deployed (the compiled build, `node dist/src/main.js`, in a
 * process of its own, the real Twilio SDK talking to a fake Twilio) taking the
 * pipeline's load, on an empty database and on one holding 100,000 people's
 * conversations. The figure is the process's peak resident memory (VmHWM), read from
 * /proc when the load is done.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ulidIds } from '../src/platform/ids.js';
import { migrateToLatest, openDatabase } from '../src/store/database.js';
import { FakeTwilio } from '../tests/helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER } from '../tests/helpers/twilio.js';
import { deletePrefix } from '../tests/helpers/redis.js';
import { sleep } from './lib.js';
import { generate, SCRIPT } from './pipeline.js';

const PUBLIC_URL = 'https://valued.example.org';

/** Compiles valued as the Dockerfile does, so the process measured is the one deployed. */
export function build(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** People who signed up earlier: a member, their phone, and where their conversation stands. */
function storeConversations(file: string, count: number, state: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const ids = ulidIds();
  const now = Date.now();
  const member = db.prepare(
    "insert into members (id, first_name, outcode, sector, lang, status, consented_at, created_at, updated_at) values (?, 'Sam', 'SA1', 'SA1 1', 'en', 'active', ?, ?, ?)",
  );
  const identity = db.prepare("insert into identities (id, member_id, channel, address, last_seq, created_at) values (?, ?, 'sms', ?, 10, ?)");
  const conversation = db.prepare('insert into conversations (identity_id, member_id, state, version, updated_at) values (?, ?, ?, 10, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const memberId = ids.next();
      const identityId = ids.next();
      member.run(memberId, now, now, now);
      identity.run(identityId, memberId, `+447${String(500_000_000 + i).padStart(9, '0')}`, now);
      conversation.run(identityId, memberId, state, now);
    }
  })();
  db.close();
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 'NaN');
  return kb / 1024;
}

export interface MemoryFigures {
  stored: number;
  messages: number;
  peakMb: number;
}

/** Runs the compiled service on a database holding `stored` conversations and sends it the pipeline's load. */
export async function memoryUnderLoad(
  redisUrl: string,
  options: { stored: number; state: string; people: number; firstNumber: number },
): Promise<MemoryFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'valued-bench-memory-'));
  const file = join(dir, 'valued.db');
  const store = openDatabase(`sqlite:${file}`);
  await migrateToLatest(store.db);
  await store.close();
  if (options.stored > 0) storeConversations(file, options.stored, options.state);

  const twilio = await new FakeTwilio(ACCOUNT_SID).start();
  const port = await freePort();
  const prefix = `mem${Date.now().toString(36)}`;
  const child = spawn(process.execPath, ['dist/src/main.js', '--role', 'all'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: PUBLIC_URL,
      DATABASE_URL: `sqlite:${file}`,
      DATA_DIR: dir,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM_NUMBER: OUR_NUMBER,
      TWILIO_API_BASE_URL: twilio.url,
      TWILIO_MPS: '1000',
      MATCH_WAVE_DELAY_SECONDS: '3600',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const up = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 300 || child.exitCode !== null) throw new Error('valued did not start');
      await sleep(100);
    }
    const sent = await generate({
      url,
      publicUrl: PUBLIC_URL,
      authToken: AUTH_TOKEN,
      people: options.people,
      firstNumber: options.firstNumber,
      script: SCRIPT,
      rate: 0,
    });
    const accepted = sent.filter((s) => s.status === 200).length;
    // Done when every message has a reply out and the count has settled.
    const reader = new BetterSqlite3(file, { readonly: true });
    const pending = reader.prepare(
      "select (select count(*) from inbound_messages where status = 'pending') + (select count(*) from outbound_messages where status in ('pending', 'sending')) as n",
    );
    for (let i = 0; i < 1200; i++) {
      const { n } = pending.get() as { n: number };
      if (n === 0 && twilio.sent.length >= accepted) break;
      await sleep(100);
    }
    reader.close();
    return { stored: options.stored, messages: accepted, peakMb: peakRssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await twilio.stop();
    await deletePrefix(redisUrl, prefix);
  }
}
