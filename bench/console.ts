/**
 * The coordinators' console at 100,000 members: a database filled as a busy area would
 * be after four months (needs, gifts, requests, matches, alerts, six messages a
 * member), then each page asked for again and again over real HTTP by a signed-in
 * coordinator, and the p95 of the server's own time for it (the Server-Timing header
 * every console response carries) reported, with the client's round trip beside it.
 */
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { CATEGORY_IDS, CATEGORY_MODE, type CategoryId } from '../src/domain/categories.js';
import { createLogger } from '../src/platform/log.js';
import { startValued } from '../src/main.js';
import { cellOf } from '../src/domain/geo.js';
import { givingMeasure } from '../src/store/console.repository.js';
import { migrateToLatest, openDatabase } from '../src/store/database.js';
import { ulidIds } from '../src/platform/ids.js';
import { addAccount, signIn } from '../tests/helpers/console.js';
import { deletePrefix } from '../tests/helpers/redis.js';
import { now, percentile } from './lib.js';
import { benchConfig } from './pipeline.js';
import { makeCountry, rng } from './synthetic-uk.js';

const NAMES = [
  'Ann',
  'Bryn',
  'Carys',
  'Dai',
  'Eira',
  'Ffion',
  'Gareth',
  'Huw',
  'Iwan',
  'Jac',
  'Kim',
  'Lowri',
  'Mair',
  'Nia',
  'Owen',
  'Pat',
  'Rhys',
  'Sian',
  'Tom',
  'Wyn',
  'Aled',
  'Beca',
  'Cai',
  'Delyth',
  'Elin',
  'Gwen',
  'Hefin',
  'Ieuan',
  'Llew',
  'Megan',
];
const WORDS = [
  'shopping on Fridays',
  'my prescription from the chemist',
  'someone to talk to',
  'walk my dog please',
  'a lift to the hospital',
  'help with a form',
  null,
  null,
  null,
];
const GIFTS = ['I can teach knitting', 'I make a good cawl', 'a chat on the phone', 'I can listen', 'help with computers', null, null];
const DAY = 86_400_000;

export interface PageTiming {
  page: string;
  requests: number;
  serverP50: number;
  serverP95: number;
  clientP95: number;
}

export interface ConsoleRun {
  members: number;
  rows: Record<string, number>;
  seedSeconds: number;
  pages: PageTiming[];
  exportSeconds: number;
  exportRows: number;
  /** The Needs and Gifts pages' measure, worked out afresh (the pages keep it a minute). */
  measureMs: number;
  /** With DATA_ENCRYPTION_KEY: the first search, which builds the keyed-hash index for everyone. */
  firstSealedSearchSeconds: number;
}

/** Fills a migrated SQLite file with `members` members and everything around them; returns row counts and sample ids. */
export function seed(file: string, members: number, t0: number) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const random = rng(12);
  const country = makeCountry(3);
  let clock = t0 - 120 * DAY;
  const ids = ulidIds(() => (clock += 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const counts: Record<string, number> = {};
  const statements = new Map<string, BetterSqlite3.Statement>();
  const insert = (table: string, row: Record<string, unknown>) => {
    let s = statements.get(table);
    if (!s) {
      s = db.prepare(
        `insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row)
          .map((k) => `@${k}`)
          .join(', ')})`,
      );
      statements.set(table, s);
    }
    s.run(row);
    counts[table] = (counts[table] ?? 0) + 1;
  };
  const sample = { members: [] as string[], openNeeds: [] as string[], names: [] as string[], tails: [] as string[], outcodes: [] as string[] };
  const memberIds: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < members; i++) {
      const place = country.place(random);
      const created = t0 - Math.floor(random() * 120 * DAY);
      const id = ids.next();
      const name = pick(NAMES);
      const volunteer = random() < 0.25;
      memberIds.push(id);
      insert('members', {
        id,
        first_name: name,
        postcode: `${place.sector}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i >> 5) % 26))}`,
        outcode: place.outcode,
        sector: place.sector,
        latitude: place.latitude,
        longitude: place.longitude,
        lang: 'en',
        status: 'active',
        consented_at: created,
        created_at: created,
        updated_at: created,
        volunteer_at: volunteer ? created : null,
        travel_km: volunteer ? pick([1.6, 4.8, 8]) : null,
        availability: volunteer ? 'any' : null,
        paused_at: null,
        verified_at: volunteer && random() < 0.3 ? created : null,
        last_asked_at: null,
        code: null,
      });
      const phone = `+4477${String(10_000_000 + i).padStart(8, '0')}`;
      const identity = ids.next();
      insert('identities', {
        id: identity,
        member_id: id,
        channel: 'sms',
        address: phone,
        opted_out_at: random() < 0.02 ? created : null,
        unreachable_at: null,
        last_seq: 3,
        created_at: created,
        erased_at: null,
        handle: null,
        address_hash: null,
      });
      for (let m = 0; m < 3; m++) {
        const at = created + m * 60_000;
        insert('inbound_messages', {
          id: ids.next(),
          channel: 'sms',
          provider_id: `SM${i}-${m}`,
          identity_id: identity,
          seq: m + 1,
          body: pick(['hi', 'yes', name, 'SA1 1AA', 'shopping please', 'I can listen']),
          input: '{"kind":"text","text":"hi"}',
          status: 'handled',
          attempts: 0,
          error: null,
          received_at: at,
          handled_at: at,
        });
        const failed = random() < 0.01;
        insert('outbound_messages', {
          id: ids.next(),
          identity_id: identity,
          channel: 'sms',
          address: phone,
          purpose: 'normal',
          body: 'Thank you. What is your first name? Or reply SKIP.',
          reply: null,
          status: failed ? 'failed' : 'sent',
          delivery_status: failed ? null : 'delivered',
          provider_id: failed ? null : `SMo${i}-${m}`,
          attempts: 1,
          error: failed ? 'Message filtered by the carrier' : null,
          inbound_id: null,
          created_at: at + 500,
          sent_at: at + 600,
          updated_at: at + 600,
          about_member_id: null,
        });
      }
      if (random() < 0.6) {
        for (const category of new Set([pick(CATEGORY_IDS), ...(random() < 0.3 ? [pick(CATEGORY_IDS)] : [])])) {
          insert('offers', {
            id: ids.next(),
            member_id: id,
            category,
            words: pick(GIFTS),
            status: random() < 0.9 ? 'active' : 'withdrawn',
            created_at: created,
            updated_at: created,
          });
          insert('candidates', {
            member_id: id,
            category,
            available: 1,
            verified: 0,
            latitude: place.latitude,
            longitude: place.longitude,
            cell: cellOf(place),
            sector: place.sector,
            outcode: place.outcode,
            area: place.area,
            travel_km: volunteer ? 4.8 : 1.6,
            availability: 'any',
            lang: 'en',
            last_asked_at: 0,
          });
        }
      }
      if (i % 1000 === 0) sample.tails.push(phone.slice(-4));
      // The synthetic country numbers outcodes past 99 (S438); real ones stop at two digits.
      if (i % 500 === 0 && /^[A-Z]{1,2}\d{1,2}$/.test(place.outcode)) sample.outcodes.push(place.outcode);
    }
    // Needs: about 45 in 100 members asked for something.
    const memberRow = db.prepare('select created_at, outcode, sector, latitude, longitude from members where id = ?');
    for (let i = 0; i < members; i++) {
      if (random() >= 0.45) continue;
      const memberId = memberIds[i]!;
      const member = memberRow.get(memberId) as { created_at: number; outcode: string; sector: string; latitude: number; longitude: number };
      const category: CategoryId = pick(['shopping', 'shopping', 'medicines', 'chat', 'dogs', 'lifts', 'listening'] as const);
      const created = member.created_at + Math.floor(random() * 3 * DAY);
      const roll = random();
      const status = created > t0 - 10 * DAY && roll < 0.5 ? 'open' : roll < 0.15 ? 'open' : roll < 0.3 ? 'matched' : roll < 0.9 ? 'met' : 'cancelled';
      const needId = ids.next();
      insert('needs', {
        id: needId,
        member_id: memberId,
        category,
        words: pick(WORDS),
        status,
        created_at: created,
        updated_at: created,
        mode: CATEGORY_MODE[category],
        latitude: member.latitude,
        longitude: member.longitude,
        outcode: member.outcode,
        sector: member.sector,
        area: member.outcode.replace(/\d.*$/, ''),
        wave: status === 'open' ? 1 : 2,
        unmatched_at: status === 'open' && random() < 0.2 ? created + DAY : null,
      });
      if (status === 'open') sample.openNeeds.push(needId);
      const helper = memberIds[Math.floor(random() * members)]!;
      insert('asks', {
        id: ids.next(),
        need_id: needId,
        volunteer_id: helper,
        code: String(1000 + (i % 9000)),
        wave: 1,
        status: status === 'open' ? 'declined' : 'accepted',
        created_at: created + 60_000,
        answered_at: created + 3_600_000,
      });
      if (status === 'matched' || status === 'met') {
        const matched = created + Math.floor(random() * 2 * DAY);
        insert('matches', {
          id: ids.next(),
          need_id: needId,
          requester_id: memberId,
          volunteer_id: helper,
          status: status === 'met' ? 'done' : 'active',
          requester_shared: 0,
          volunteer_shared: 0,
          outcome: status === 'met' ? (random() < 0.85 ? 'helped' : 'problem') : null,
          created_at: matched,
          closed_at: status === 'met' ? matched + 2 * DAY : null,
        });
      }
      if (status === 'open' && random() < 0.02)
        insert('alerts', {
          id: ids.next(),
          member_id: memberId,
          kind: 'unmatched',
          detail: `need ${needId}: no one said yes in 3 waves`,
          created_at: created + DAY,
          resolved_at: null,
        });
    }
    for (let i = 0; i < members / 200; i++) {
      const kind = pick(['crisis', 'problem', 'requested', 'stuck']);
      insert('alerts', {
        id: ids.next(),
        member_id: memberIds[Math.floor(random() * members)]!,
        kind,
        detail: kind === 'crisis' ? 'I have fallen' : 'asked to talk to a person from the menu',
        created_at: t0 - Math.floor(random() * 30 * DAY),
        resolved_at: random() < 0.8 ? t0 : null,
      });
    }
  })();
  for (let i = 0; i < 200; i++) sample.members.push(memberIds[Math.floor(random() * members)]!);
  sample.names = NAMES.slice(0, 20);
  db.exec('analyze');
  db.close();
  return { counts, sample };
}

/** Times GET `path()` `times` times (after a few unmeasured), by the server's own clock and the client's. */
async function time(url: string, cookie: string, name: string, path: (i: number) => string, times: number): Promise<PageTiming> {
  const server: number[] = [];
  const client: number[] = [];
  for (let i = -5; i < times; i++) {
    const started = now();
    const response = await fetch(`${url}${path(Math.max(0, i))}`, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${name}: ${path(i)} answered ${response.status}`);
    if (i < 0) continue;
    client.push(now() - started);
    server.push(Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN));
  }
  return { page: name, requests: times, serverP50: percentile(server, 50), serverP95: percentile(server, 95), clientP95: percentile(client, 95) };
}

/** Fills a database with `members` members, starts the web role on it, and times every console page. */
export async function consoleAtScale(redisUrl: string, options: { members: number; log: (line: string) => void }): Promise<ConsoleRun> {
  const config = benchConfig(redisUrl, 'console');
  const file = config.database.url.slice('sqlite:'.length);
  const migrated = openDatabase(config.database.url);
  await migrateToLatest(migrated.db);
  await migrated.close();
  const t0 = Date.now();
  const started = now();
  const { counts, sample } = seed(file, options.members, t0);
  const seedSeconds = (now() - started) / 1000;
  options.log(
    `seeded ${Object.entries(counts)
      .map(([k, n]) => `${n.toLocaleString('en-GB')} ${k}`)
      .join(', ')} in ${seedSeconds.toFixed(0)} s`,
  );
  const valued = await startValued({ config, redisUrl, role: 'web', log: createLogger('silent') });
  try {
    const account = await addAccount(valued.store.db, 'Bench Coordinator');
    const cookie = await signIn(valued.url, account.token);
    const url = valued.url;
    const at = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const pages: PageTiming[] = [];
    const run = async (name: string, path: (i: number) => string, times = 100) => {
      const t = await time(url, cookie, name, path, times);
      pages.push(t);
      options.log(`${name.padEnd(26)} server p50 ${t.serverP50.toFixed(1)} ms, p95 ${t.serverP95.toFixed(1)} ms; client p95 ${t.clientP95.toFixed(1)} ms`);
    };
    await run('Today', () => '/console');
    await run('Needs', () => '/console/needs');
    await run('Needs, filtered', (i) => `/console/needs?state=open&area=${at(sample.outcodes, i)}&category=shopping&age=1d`);
    await run('Needs, page 20', () => '/console/needs?page=20');
    await run('A need (with candidates)', (i) => `/console/needs/${at(sample.openNeeds, i)}`);
    await run('Gifts', () => '/console/gifts');
    await run('People, by first name', (i) => `/console/people?q=${at(sample.names, i)}`);
    await run('People, by last 4 digits', (i) => `/console/people?q=${at(sample.tails, i)}`);
    await run('People, by outcode', (i) => `/console/people?q=${at(sample.outcodes, i)}`);
    await run('A person', (i) => `/console/people/${at(sample.members, i)}`);
    await run('Reports', () => '/console/reports', 30);
    await run('Activity', () => '/console/activity');
    const measureStarted = now();
    await givingMeasure(valued.store.db);
    const measureMs = now() - measureStarted;
    const exportStarted = now();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${url}/console/reports`, { headers: { cookie } })).text())![1]!;
    const csv = await (
      await fetch(`${url}/console/export`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, dataset: 'needs' }),
      })
    ).text();
    const exportSeconds = (now() - exportStarted) / 1000;
    await valued.close();

    // The same members with DATA_ENCRYPTION_KEY set: names and numbers are found through
    // the keyed-hash index, which the first search builds for everyone.
    const sealed = await startValued({ config: { ...config, encryptionKey: randomBytes(32) }, redisUrl, role: 'web', log: createLogger('silent') });
    try {
      const sealedCookie = await signIn(sealed.url, (await addAccount(sealed.store.db, 'Bench Sealed')).token);
      const firstStarted = now();
      const first = await fetch(`${sealed.url}/console/people?q=${sample.names[0]}`, { headers: { cookie: sealedCookie } });
      await first.arrayBuffer();
      const firstSearchSeconds = (now() - firstStarted) / 1000;
      options.log(`sealed: the first search indexed ${options.members.toLocaleString('en-GB')} members in ${firstSearchSeconds.toFixed(2)} s`);
      for (const [name, path] of [
        ['People, by first name (sealed)', (i: number) => `/console/people?q=${at(sample.names, i)}`],
        ['People, by last 4 digits (sealed)', (i: number) => `/console/people?q=${at(sample.tails, i)}`],
      ] as const) {
        const t = await time(sealed.url, sealedCookie, name, path, 100);
        pages.push(t);
        options.log(`${name.padEnd(26)} server p50 ${t.serverP50.toFixed(1)} ms, p95 ${t.serverP95.toFixed(1)} ms; client p95 ${t.clientP95.toFixed(1)} ms`);
      }
      return {
        members: options.members,
        rows: counts,
        seedSeconds,
        pages,
        exportSeconds,
        exportRows: csv.split('\r\n').length - 2,
        measureMs,
        firstSealedSearchSeconds: firstSearchSeconds,
      };
    } finally {
      await sealed.close();
    }
  } finally {
    await valued.close();
    await deletePrefix(redisUrl, config.queue.prefix);
  }
}
