/**
 * The database busy or locked by someone else: the webhook answers 5xx (so Twilio's
 * fallback or a retry comes), never 200-and-drop, and the message arrives once the
 * database is free again.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import { inboundSmsParams, messageSid, postSigned } from '../helpers/twilio.js';
import { PUBLIC_URL } from '../helpers/app.js';

/** Holds the write lock from another process (SQLite) or another session (PostgreSQL) until released. */
async function holdLock(dialect: 'sqlite' | 'postgres', url: string): Promise<() => Promise<void>> {
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.exec('BEGIN IMMEDIATE');process.stdout.write('locked\\n');process.stdin.on('data',()=>{d.exec('COMMIT');process.exit(0)});`,
      ],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((done) => child.stdout.once('data', () => done()));
    return async () => {
      child.stdin.write('go\n');
      await new Promise((done) => child.on('exit', done));
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE identities, inbound_messages IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('COMMIT');
    await client.end();
  };
}

describe.each(DIALECTS)('the database locked, on $label', ({ dialect, available }) => {
  let app: TestApp;
  let db: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  beforeAll(async () => {
    if (!available) return;
    db = await createDatabaseUrl(dialect);
    app = await startTestApp({ twilio: true, databaseUrl: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.skipIf(!available)(
    'the webhook answers 503, and the same message arrives once the database is back',
    async () => {
      const from = '+447700912001';
      const params = inboundSmsParams(from, 'hello', messageSid());
      const release = await holdLock(dialect, db!.url);
      const started = Date.now();
      const refused = await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/sms', params);
      await release();
      expect(refused.status).toBe(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4000); // it waited for the lock first
      expect(await app.valued.store.db.selectFrom('inbound_messages').select('id').execute()).toEqual([]);

      const accepted = await postSigned(app.url, PUBLIC_URL, '/webhooks/twilio/sms', params);
      expect(accepted.status).toBe(200);
      await waitFor(() => app.twilio!.bodiesTo(from).length === 1, 'the reply');
      expect(app.twilio!.bodiesTo(from)[0]).toMatch(/Shall we start\?/);
    },
    60_000,
  );
});
