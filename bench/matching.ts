/**
 * Matching at scale: a country's worth of members (1.5 million who may need help and
 * 750,000 volunteers, spread as people are) in a fresh database, then the candidate
 * search (src/matching/search.ts, the part of a wave that finds and ranks who to ask)
 * timed for needs drawn as the population is. The rows go in by the database's own
 * bulk paths; the search runs through the service's own code.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CATEGORY_MODE, type CategoryId } from '../src/domain/categories.js';
import { cellOf } from '../src/domain/geo.js';
import { findCandidates } from '../src/matching/search.js';
import { migrateToLatest, openDatabase, type DialectName, type Store } from '../src/store/database.js';
import { ulidIds } from '../src/platform/ids.js';
import { now, percentile } from './lib.js';
import { makeCountry, rng, type Place } from './synthetic-uk.js';

type ColumnType = 'text' | 'float8' | 'int8' | 'int4';
type Value = string | number | null;

interface Table {
  name: string;
  columns: [string, ColumnType][];
}

const TABLES = {
  members: {
    name: 'members',
    columns: [
      ['id', 'text'],
      ['first_name', 'text'],
      ['outcode', 'text'],
      ['sector', 'text'],
      ['latitude', 'float8'],
      ['longitude', 'float8'],
      ['lang', 'text'],
      ['status', 'text'],
      ['created_at', 'int8'],
      ['updated_at', 'int8'],
      ['volunteer_at', 'int8'],
      ['travel_km', 'float8'],
      ['last_asked_at', 'int8'],
      ['verified_at', 'int8'],
    ],
  },
  candidates: {
    name: 'candidates',
    columns: [
      ['member_id', 'text'],
      ['category', 'text'],
      ['available', 'int4'],
      ['verified', 'int4'],
      ['latitude', 'float8'],
      ['longitude', 'float8'],
      ['cell', 'text'],
      ['sector', 'text'],
      ['outcode', 'text'],
      ['area', 'text'],
      ['travel_km', 'float8'],
      ['lang', 'text'],
      ['last_asked_at', 'int8'],
    ],
  },
  needs: {
    name: 'needs',
    columns: [
      ['id', 'text'],
      ['member_id', 'text'],
      ['category', 'text'],
      ['status', 'text'],
      ['created_at', 'int8'],
      ['updated_at', 'int8'],
      ['mode', 'text'],
      ['latitude', 'float8'],
      ['longitude', 'float8'],
      ['outcode', 'text'],
      ['sector', 'text'],
      ['area', 'text'],
      ['wave', 'int4'],
    ],
  },
  asks: {
    name: 'asks',
    columns: [
      ['id', 'text'],
      ['need_id', 'text'],
      ['volunteer_id', 'text'],
      ['code', 'text'],
      ['wave', 'int4'],
      ['status', 'text'],
      ['created_at', 'int8'],
      ['answered_at', 'int8'],
    ],
  },
  matches: {
    name: 'matches',
    columns: [
      ['id', 'text'],
      ['need_id', 'text'],
      ['requester_id', 'text'],
      ['volunteer_id', 'text'],
      ['status', 'text'],
      ['created_at', 'int8'],
      ['closed_at', 'int8'],
    ],
  },
  neighbours: {
    name: 'outcode_neighbours',
    columns: [
      ['outcode', 'text'],
      ['neighbour', 'text'],
    ],
  },
} satisfies Record<string, Table>;

/** Writes rows in large batches: one prepared statement per transaction on SQLite, unnest() arrays on PostgreSQL. */
interface BulkWriter {
  insert(table: Table, rows: Value[][]): Promise<void>;
  finish(): Promise<void>;
}

/** The tables filled in bulk: their secondary indexes are dropped first and built again after, as any bulk load does. */
const BULK_TABLES = ['members', 'candidates', 'needs', 'asks', 'matches'];

function sqliteWriter(file: string): BulkWriter {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  const indexes = db
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BULK_TABLES.map(() => '?').join(', ')})`)
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`drop index ${index.name}`);
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    insert(table, rows) {
      let statement = statements.get(table.name);
      if (!statement) {
        statement = db.prepare(`insert into ${table.name} (${table.columns.map((c) => c[0]).join(', ')}) values (${table.columns.map(() => '?').join(', ')})`);
        statements.set(table.name, statement);
      }
      const s = statement;
      db.transaction(() => {
        for (const row of rows) s.run(row);
      })();
      return Promise.resolve();
    },
    finish() {
      for (const index of indexes) db.exec(index.sql);
      db.close();
      return Promise.resolve();
    },
  };
}

function postgresWriter(url: string): BulkWriter {
  const client = new pg.Client({ connectionString: url });
  let indexes: { indexname: string; indexdef: string }[] = [];
  const connected = (async () => {
    await client.connect();
    // Secondary indexes only: those behind primary keys and unique constraints stay.
    const found = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes i where schemaname = 'public' and tablename = any($1)
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      [BULK_TABLES],
    );
    indexes = found.rows;
    for (const index of indexes) await client.query(`drop index ${index.indexname}`);
  })();
  return {
    async insert(table, rows) {
      await connected;
      const columns = table.columns.map((c) => c[0]).join(', ');
      const arrays = table.columns.map((_, i) => rows.map((r) => r[i]));
      await client.query(
        `insert into ${table.name} (${columns}) select * from unnest(${table.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
        arrays,
      );
    },
    async finish() {
      await connected;
      await client.query("set maintenance_work_mem = '256MB'");
      for (const index of indexes) await client.query(index.indexdef);
      // As autovacuum leaves a table some time after a load: statistics, and the
      // visibility map that lets index-only scans skip the table.
      await client.query('vacuum analyze');
      await client.end();
    },
  };
}

/** How the people are made: who volunteers, what they offer, how far they go. */
const VOLUNTEER_OFFERS: [CategoryId, number][] = [
  ['shopping', 0.55],
  ['medicines', 0.45],
  ['dogs', 0.15],
  ['lifts', 0.12],
  ['jobs', 0.08],
  ['meals', 0.1],
  ['chat', 0.3],
  ['tech', 0.08],
  ['listening', 0.1],
];
const MEMBER_OFFERS: CategoryId[] = ['chat', 'listening', 'teaching', 'recipes', 'phonehelp'];
const NEEDS: [CategoryId, number][] = [
  ['shopping', 0.35],
  ['medicines', 0.25],
  ['chat', 0.2],
  ['dogs', 0.05],
  ['lifts', 0.05],
  ['jobs', 0.05],
  ['listening', 0.05],
];
const TRAVEL_KM: [number, number][] = [
  [1.6, 0.4],
  [3.2, 0.3],
  [8, 0.2],
  [16, 0.1],
];

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((n, w) => n + w[1], 0);
  let x = random() * total;
  for (const [value, w] of weighted) if ((x -= w) < 0) return value;
  return weighted[weighted.length - 1]![0];
}

export interface Sizes {
  requesters: number;
  volunteers: number;
}

export interface Seeded {
  /** Open needs to search for, drawn as the population is. */
  sample: string[];
  rows: Record<string, number>;
  seconds: number;
}

/** Fills an empty, migrated database with a country of members. */
export async function seed(writer: BulkWriter, sizes: Sizes, onProgress: (done: number) => void = () => {}): Promise<Seeded> {
  const started = now();
  const random = rng(42);
  const country = makeCountry(7);
  const DAY = 86_400_000;
  const t0 = Date.UTC(2026, 10, 1);
  let clock = t0;
  const ids = ulidIds(() => (clock += 1));
  const counts: Record<string, number> = { members: 0, candidates: 0, needs: 0, asks: 0, matches: 0, outcode_neighbours: 0 };
  const write = async (table: Table, rows: Value[][]) => {
    if (rows.length === 0) return;
    await writer.insert(table, rows);
    counts[table.name] = (counts[table.name] ?? 0) + rows.length;
  };
  await write(TABLES.neighbours, country.neighbours);

  const people = sizes.requesters + sizes.volunteers;
  const volunteerIds: string[] = [];
  const openNeeds: string[] = [];
  const matchedNeeds: [string, string][] = [];
  const closedNeeds: string[] = [];
  const BATCH = 10_000;
  for (let start = 0; start < people; start += BATCH) {
    const members: Value[][] = [];
    const candidates: Value[][] = [];
    const needs: Value[][] = [];
    for (let i = start; i < Math.min(people, start + BATCH); i++) {
      const volunteer = Math.floor(((i + 1) * sizes.volunteers) / people) > Math.floor((i * sizes.volunteers) / people);
      const id = ids.next();
      const place: Place = country.place(random);
      // Most postcodes are in the imported centroid file; some are new or mistyped.
      const located = random() < 0.85;
      const lat = located ? place.latitude : null;
      const lon = located ? place.longitude : null;
      const lang = random() < 0.03 ? 'cy' : 'en';
      const lastAsked = random() < 0.55 ? 0 : t0 + 30 * DAY - Math.floor(random() * 14 * DAY);
      const available = random() < 0.95 ? 1 : 0;
      const verified = random() < 0.3 ? 1 : 0;
      const travel = volunteer ? pick(random, TRAVEL_KM) : 0;
      members.push([
        id,
        'Sam',
        place.outcode,
        place.sector,
        lat,
        lon,
        lang,
        'active',
        t0,
        t0,
        volunteer ? t0 : null,
        volunteer ? travel : null,
        lastAsked || null,
        verified ? t0 : null,
      ]);
      const offers = new Set<CategoryId>();
      if (volunteer) {
        volunteerIds.push(id);
        for (const [category, p] of VOLUNTEER_OFFERS) if (random() < p) offers.add(category);
        if (offers.size === 0) offers.add('shopping');
      } else if (random() < 0.3) {
        offers.add(MEMBER_OFFERS[Math.floor(random() * MEMBER_OFFERS.length)]!);
      }
      for (const category of offers) {
        const cell = lat !== null && lon !== null ? cellOf({ latitude: lat, longitude: lon }) : null;
        candidates.push([id, category, available, verified, lat, lon, cell, place.sector, place.outcode, place.area, travel, lang, lastAsked]);
      }
      if (!volunteer && random() < 0.2) {
        const category = pick(random, NEEDS);
        const needId = ids.next();
        const roll = random();
        const status = roll < 0.15 ? 'open' : roll < 0.25 ? 'matched' : roll < 0.9 ? 'met' : 'cancelled';
        if (status === 'open') openNeeds.push(needId);
        else if (status === 'matched') matchedNeeds.push([needId, id]);
        else closedNeeds.push(needId);
        needs.push([needId, id, category, status, t0, t0, CATEGORY_MODE[category], lat, lon, place.outcode, place.sector, place.area, 1]);
      }
    }
    await write(TABLES.members, members);
    await write(TABLES.candidates, candidates);
    await write(TABLES.needs, needs);
    onProgress(Math.min(people, start + BATCH));
  }

  // A storm in progress: one volunteer in twenty is still thinking about a request,
  // one in twenty-five is helping someone, and past requests and matches are kept.
  const someVolunteer = () => volunteerIds[Math.floor(random() * volunteerIds.length)]!;
  const asks: Value[][] = [];
  const flushAsks = async () => {
    await write(TABLES.asks, asks.splice(0));
  };
  const openAsks = Math.round(volunteerIds.length / 20);
  for (let i = 0; i < openAsks; i++) {
    asks.push([ids.next(), openNeeds[i % openNeeds.length]!, someVolunteer(), String(1000 + (i % 9000)), 1, 'open', t0 + 30 * DAY, null]);
    if (asks.length >= BATCH) await flushAsks();
  }
  for (const needId of closedNeeds) {
    for (let k = 0; k < 2; k++)
      asks.push([ids.next(), needId, someVolunteer(), String(1000 + Math.floor(random() * 9000)), 1, k === 0 ? 'declined' : 'expired', t0, t0]);
    if (asks.length >= BATCH) await flushAsks();
  }
  await flushAsks();
  const matches: Value[][] = [];
  for (const [needId, requesterId] of matchedNeeds) {
    matches.push([ids.next(), needId, requesterId, someVolunteer(), 'active', t0, null]);
    if (matches.length >= BATCH) await write(TABLES.matches, matches.splice(0));
  }
  await write(TABLES.matches, matches);
  await writer.finish();

  const sample: string[] = [];
  for (let i = 0; i < 1000 && openNeeds.length > 0; i++) sample.push(openNeeds[Math.floor(random() * openNeeds.length)]!);
  return { sample, rows: counts, seconds: (now() - started) / 1000 };
}

export interface SearchFigures {
  dialect: DialectName;
  seedSeconds: number;
  rows: Record<string, number>;
  databaseMb: number | null;
  searches: number;
  p50: number;
  p99: number;
  max: number;
  meanRead: number;
  /** Of the in-person searches, how many stopped at each ring (km). */
  rings: Record<string, number>;
  /** Searches that found no one to ask. */
  empty: number;
  /** The slowest few searches, to see what the p99 is made of. */
  slowest: { ms: number; category: string; reach: string; read: number }[];
}

async function timeSearches(store: Store, sample: string[]): Promise<Omit<SearchFigures, 'dialect' | 'seedSeconds' | 'rows' | 'databaseMb'>> {
  const times: number[] = [];
  const rings: Record<string, number> = {};
  let read = 0;
  let empty = 0;
  const searched: SearchFigures['slowest'] = [];
  const at = Date.UTC(2026, 11, 1);
  // The first tenth warms the caches, as a running service's are; it is not counted.
  const warm = Math.floor(sample.length / 10);
  for (const [i, needId] of sample.entries()) {
    const need = await store.db.selectFrom('needs').selectAll().where('id', '=', needId).executeTakeFirstOrThrow();
    const start = now();
    const found = await findCandidates(store.db, need, { now: at, requireVerifiedInPerson: false, enough: 3, lang: 'en' });
    const ms = now() - start;
    if (i < warm) continue;
    times.push(ms);
    searched.push({ ms, category: need.category, reach: found.reach, read: found.read });
    read += found.read;
    if (found.ranked.length === 0) empty++;
    rings[found.reach] = (rings[found.reach] ?? 0) + 1;
  }
  return {
    searches: times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: Math.max(...times),
    meanRead: read / times.length,
    rings,
    empty,
    slowest: searched.sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(searched.length / 100)),
  };
}

/**
 * Where a kept database's sample of needs is written (BENCH_KEEP_DB): seeding is
 * deterministic, so a later run with the same sizes can search the same needs.
 */
const keptSampleFile = (name: string) => join(tmpdir(), `${name}.sample.json`);

/**
 * Builds the country in a fresh database of `dialect` and times the search.
 * With BENCH_KEEP_DB set, the database is named by its size and kept after the run,
 * and a later run with the same sizes searches it again without seeding (after
 * running any new migrations): for working on the search with EXPLAIN at hand. Drop
 * it by hand (`drop database valued_bench_keep_...`, or remove the SQLite folder).
 */
export async function matchingAtScale(
  dialect: DialectName,
  sizes: Sizes,
  options: { postgresUrl?: string; log?: (line: string) => void } = {},
): Promise<SearchFigures> {
  const log = options.log ?? (() => {});
  const keep = Boolean(process.env.BENCH_KEEP_DB);
  const people = sizes.requesters + sizes.volunteers;
  const keptName = `valued_bench_keep_${dialect}_${people}`;
  let url: string;
  let drop: () => Promise<void>;
  let file: string | null = null;
  let fresh = true;
  if (dialect === 'sqlite') {
    const dir = keep ? join(tmpdir(), keptName) : mkdtempSync(join(tmpdir(), 'valued-bench-match-'));
    file = join(dir, 'valued.db');
    url = `sqlite:${file}`;
    if (keep && existsSync(file) && existsSync(keptSampleFile(keptName))) fresh = false;
    else if (keep) rmSync(dir, { recursive: true, force: true });
    drop = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const admin = options.postgresUrl!;
    const name = keep ? keptName : `valued_bench_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (keep && exists && existsSync(keptSampleFile(keptName))) fresh = false;
    else {
      if (exists) await client.query(`drop database ${name} with (force)`);
      await client.query(`create database ${name}`);
    }
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  let store = openDatabase(url);
  try {
    await migrateToLatest(store.db);
    let seeded: Seeded;
    if (fresh) {
      if (dialect === 'sqlite') await store.close();
      const writer = dialect === 'sqlite' ? sqliteWriter(file!) : postgresWriter(url);
      let reported = 0;
      seeded = await seed(writer, sizes, (done) => {
        if (done - reported >= people / 4 || done === people) {
          reported = done;
          log(`  ${dialect}: ${done.toLocaleString('en-GB')} of ${people.toLocaleString('en-GB')} people written`);
        }
      });
      if (dialect === 'sqlite') store = openDatabase(url);
      if (keep) writeFileSync(keptSampleFile(keptName), JSON.stringify(seeded));
    } else {
      seeded = JSON.parse(readFileSync(keptSampleFile(keptName), 'utf8')) as Seeded;
      log(`  ${dialect}: searching the kept ${url} (not seeded again)`);
    }
    const figures = await timeSearches(store, seeded.sample);
    log(`  ${dialect}: slowest ${figures.slowest.map((s) => `${s.ms.toFixed(1)} ms (${s.category}, ${s.reach}, ${s.read} rows)`).join('; ')}`);
    return { dialect, seedSeconds: seeded.seconds, rows: seeded.rows, databaseMb: file ? statSync(file).size / 2 ** 20 : null, ...figures };
  } finally {
    await store.close();
    if (keep) log(`  kept ${url}`);
    else await drop();
  }
}
