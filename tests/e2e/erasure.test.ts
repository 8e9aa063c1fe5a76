/**
 * FORGET ME, on disk (issue 11): after a helper who was matched, talked through the
 * bot, shared her number and was asked about in a follow-up ("Did Margaret help...")
 * says FORGET ME, no byte of her number, her name or her words is left in the SQLite
 * file, its write-ahead log, or Redis: not only the rows are clean, the files are.
 * That holds for what the coordinators' console wrote about her too: an alert
 * resolved with a note naming her and her number, a message sent to her, the number
 * shown (and audited).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAlert } from '../../src/store/members.repository.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { addAccount, postForm, signIn } from '../helpers/console.js';

const MARGARET = '+447700918001';
const RITA = '+447700918009';
/** What must not be found anywhere once she is forgotten. */
const HERS = ['447700918001', '7700918001', 'Margaret', 'bees at the allotment'];

/** Every value under a key prefix, as text, whatever the type of key. */
async function redisText(url: string, prefix: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, '0', '-1')
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        parts.push(key, JSON.stringify(value));
      }
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

describe('FORGET ME, on disk', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { FOLLOW_UP_DELAY_SECONDS: '1', MATCH_WAVE_DELAY_SECONDS: '600' } });
  });
  afterAll(async () => app?.close());

  const bodies = (to: string) => app.twilio!.bodiesTo(to);
  const next = (to: string, pattern: RegExp) => waitFor(() => bodies(to).find((b) => pattern.test(b)), `an SMS to ${to} matching ${pattern}`, 20_000);
  async function say(from: string, text: string) {
    const before = bodies(from).length;
    expect((await app.sms(from, text)).status).toBe(200);
    await waitFor(() => bodies(from).length > before, `an answer to "${text}"`, 20_000);
  }

  it('leaves no byte of her number, name or words in the database file, its WAL, or Redis', async () => {
    for (const text of ['hi', 'yes', 'Margaret', 'SA1 1AA', 'nothing', '1', 'yes']) await say(MARGARET, text); // offers a phone chat
    for (const text of ['hi', 'yes', 'Rita', 'SA1 1AB', '3', 'not now', 'yes']) await say(RITA, text); // would like one
    const ask = await next(MARGARET, /^Can you help\?/);
    await say(MARGARET, `YES ${/YES (\d{4})/.exec(ask)![1]}`);
    await next(RITA, /^Good news! Margaret can help/);
    expect((await app.sms(MARGARET, 'I keep bees at the allotment')).status).toBe(200);
    await next(RITA, /^Margaret: I keep bees at the allotment/);
    expect((await app.sms(RITA, 'SHARE')).status).toBe(200);
    expect((await app.sms(MARGARET, 'SHARE')).status).toBe(200);
    await next(RITA, /You can reach them on \+447700918001/);
    await next(RITA, /^Did Margaret help/);

    // A coordinator looks after her in the console, and writes about her.
    const db = app.valued.store.db;
    const margaret = (await db.selectFrom('members').select('id').where('first_name', '=', 'Margaret').executeTakeFirstOrThrow()).id;
    await insertAlert(db, { id: 'alert-margaret', memberId: margaret, kind: 'requested', detail: 'asked to talk to a person from the menu', now: Date.now() });
    const cookie = await signIn(app.url, (await addAccount(db, 'Sian Evans')).token);
    const inConsole = async (path: string, fields: Record<string, string>) => {
      expect((await postForm(app.url, path, cookie, fields)).status, path).toBe(303);
      await fetch(`${app.url}/console`, { headers: { cookie } }); // the page it leads to, as a browser would
    };
    await inConsole('/console/alerts/alert-margaret/resolve', { note: 'Rang Margaret on +447700918001 about the bees at the allotment' });
    await inConsole(`/console/people/${margaret}/show-number`, {});
    await inConsole(`/console/people/${margaret}/message`, { text: 'Margaret, thank you for the bees at the allotment' });
    await next(MARGARET, /^Sian at valued: Margaret, thank you/);

    await say(MARGARET, 'FORGET ME');
    await say(MARGARET, 'yes');
    await next(RITA, /^Your helper with a phone chat can no longer help/);
    await waitFor(
      async () => (await db.selectFrom('inbound_messages').select('id').where('status', '=', 'pending').execute()).length === 0,
      'every message handled',
    );
    await waitFor(
      async () => (await db.selectFrom('outbound_messages').select('id').where('status', 'in', ['pending', 'sending']).execute()).length === 0,
      'every send settled',
    );
    // The rows first (as before), then the files underneath them.
    for (const table of [
      'members',
      'identities',
      'inbound_messages',
      'outbound_messages',
      'conversations',
      'needs',
      'offers',
      'alerts',
      'outbox',
      'console_audit',
      'console_sessions',
      'console_search',
      'console_search_tails',
    ] as const) {
      const dump = JSON.stringify(await db.selectFrom(table).selectAll().execute());
      for (const word of HERS) expect(dump, `${table} holds "${word}"`).not.toContain(word);
    }
    const file = app.valued.config.database.url.slice('sqlite:'.length);
    const files = [file, `${file}-wal`].filter((f) => existsSync(f));
    expect(files).toContain(file);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const word of HERS) expect(bytes.includes(word), `${f} holds "${word}"`).toBe(false);
    }
    const redis = await redisText(app.redisUrl, app.prefix);
    expect(redis.length).toBeGreaterThan(0);
    for (const word of HERS) expect(redis, `Redis holds "${word}"`).not.toContain(word);
    // Rita is still herself, and can still be asked how it went, about "your helper".
    expect(await db.selectFrom('members').select('first_name').where('first_name', '=', 'Rita').execute()).toHaveLength(1);
  }, 90_000);
});
