/**
 * Opening the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when the
 * URL says so. Both run the same migrations and the same queries.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  SqliteDialect,
  type MigrationResultSet,
  type SqliteDatabase,
  type SqliteStatement,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import type { Database } from './schema.js';
import { startCheckpointer } from './checkpointer.js';
import { PREPARED_NAMES } from './prepared.js';
import { createSealer, SealingPlugin } from './sealing.js';

export type Db = Kysely<Database>;
/** Either the database or a transaction on it: repositories accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Db;
  dialect: DialectName;
  /**
   * Statements run and transactions committed since the store opened, on either
   * database: a write outside a transaction is a transaction of its own. For the
   * benchmark's per-message figures.
   */
  counts: StoreCounts;
  /** SQLite with a background checkpointer: empties the write-ahead log through it (see compactAfterErasure). */
  truncateLog?: () => Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreCounts {
  statements: number;
  transactions: number;
}

/** PostgreSQL bigint (oid 20) comes back as text by default; our bigints are epoch ms, safe as numbers. */
const readInt8AsNumber = ((oid: number, format?: 'text') =>
  oid === 20 ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'];

/** Prepared statements kept per SQLite connection; beyond this the cache starts again. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement afresh; preparing costs as much as
 * running. The same SQL text is prepared once and reused here (better-sqlite3
 * statements are reusable, and calls are synchronous, so never shared mid-flight).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, counts: StoreCounts, onStatement?: (sql: string, ms: number) => void): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  const counted = (text: string, statement: BetterSqlite3.Statement): SqliteStatement => {
    const commits = /^\s*commit\b/i.test(text);
    const control = /^\s*(begin|commit|rollback|savepoint|release)\b/i.test(text);
    const writes = !statement.readonly && !control;
    const count = () => {
      counts.statements++;
      if (commits || (writes && !sqlite.inTransaction)) counts.transactions++;
    };
    const timed = <T>(run: () => T): T => {
      count();
      if (!onStatement) return run();
      const start = performance.now();
      try {
        return run();
      } finally {
        onStatement(text, performance.now() - start);
      }
    };
    return {
      reader: statement.reader,
      all: (parameters) => timed(() => statement.all(parameters)),
      run: (parameters) => timed(() => statement.run(parameters)),
      iterate: (parameters) => (count(), statement.iterate(parameters)),
    };
  };
  return {
    close: () => void sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = counted(text, sqlite.prepare(text));
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * PostgreSQL's refusals of a named prepared statement: a pooler that moved the session
 * to another server connection (26000 does not exist, 42P05 already exists), or a
 * table changed under it (0A000, "cached plan must not change result type").
 */
const PREPARED_REFUSED = new Set(['26000', '42P05', '0A000']);

/**
 * PostgreSQL: each pool client's statements. The hot queries (prepared.ts) go as named
 * prepared statements while `naming.on`: parsed and planned once per connection, then
 * only bound and run (about a tenth more messages a second in the benchmark). If the
 * server refuses one, naming stops for the whole store (`onRefused` says so) and the
 * error is marked for trying again (isTransientDbError), unprepared: a message is
 * late, never set aside. Statements and transactions are counted as SQLite's are (a
 * write outside a transaction counts as one), and timed for `onStatement`.
 */
function instrument(
  client: pg.PoolClient,
  counts: StoreCounts,
  naming: { on: boolean },
  onRefused: (error: Error) => void,
  onStatement?: (sql: string, ms: number) => void,
): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let open = false;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') return query(...args);
    // Named only as Kysely calls it (text and an array of values, answered by a promise).
    const name = naming.on && typeof first === 'string' && Array.isArray(args[1]) ? PREPARED_NAMES.get(text) : undefined;
    count(text);
    const start = performance.now();
    const result = name ? query({ name, text, values: args[1] }) : query(...args);
    if (!(result instanceof Promise)) return result;
    if (onStatement) result.then(() => onStatement(text, performance.now() - start)).catch(() => undefined);
    if (!name) return result;
    return result.catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && PREPARED_REFUSED.has(code)) {
        if (naming.on) {
          naming.on = false;
          onRefused(error as Error);
        }
        Object.assign(error as object, { preparedRefused: true });
      }
      throw error;
    });
  };
  function count(text: string): void {
    counts.statements++;
    if (/^\s*begin\b/i.test(text)) open = true;
    else if (/^\s*(commit|rollback)\b/i.test(text)) {
      if (/^\s*commit\b/i.test(text)) counts.transactions++;
      open = false;
    } else if (!open && /^\s*(insert|update|delete|with)\b/i.test(text)) counts.transactions++;
  }
}

/** How long SQLite waits for another writer before giving up with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function openDatabase(
  url: string,
  options: {
    poolSize?: number;
    onError?: (error: Error) => void;
    encryptionKey?: Buffer;
    oldEncryptionKeys?: readonly Buffer[];
    /** Called with each statement's SQL and how long it ran (on PostgreSQL, the round trip): for profiling. */
    onStatement?: (sql: string, ms: number) => void;
    /** SQLite: copy the write-ahead log back in a worker thread, never inside a commit (see checkpointer.ts). */
    backgroundCheckpoints?: boolean;
    /** PostgreSQL: the hot queries as named prepared statements (default true; false behind a pooler that cannot keep them). */
    preparedStatements?: boolean;
  } = {},
): Store {
  const counts: StoreCounts = { statements: 0, transactions: 0 };
  const plugins = options.encryptionKey ? [new SealingPlugin(createSealer(options.encryptionKey, options.oldEncryptionKeys))] : [];
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // Deleted and overwritten content is zeroed in the file, not left in free space:
    // FORGET ME must leave no words behind (see compactAfterErasure for the WAL).
    sqlite.pragma('secure_delete = ON');
    const checkpointer =
      options.backgroundCheckpoints && file !== ':memory:'
        ? startCheckpointer(
            file,
            (message) => options.onError?.(new Error(`checkpointing the write-ahead log failed: ${message}`)),
            () => {
              // The thread is gone: SQLite checkpoints in its commits again, or the log would grow for ever.
              if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
              options.onError?.(new Error('the checkpointing thread ended; checkpoints are made in commits again'));
            },
          )
        : undefined;
    if (checkpointer) {
      sqlite.pragma('wal_autocheckpoint = 0');
      // Once copied back, a log grown large in a burst is cut back to this size.
      sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, counts, options.onStatement) }), plugins });
    return {
      db,
      dialect: 'sqlite',
      counts,
      truncateLog: checkpointer ? () => checkpointer.truncate() : undefined,
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Never wait for ever behind a lock or a runaway query: a webhook must answer (503)
    // well before the provider gives up on it.
    lock_timeout: 5000,
    statement_timeout: 30_000,
    // Times are epoch milliseconds in bigint columns: read them as numbers, not strings.
    types: { getTypeParser: readInt8AsNumber },
  });
  // An idle client that loses its server (a restart, a failover) emits 'error'; without a
  // listener that would end the process. The pool replaces the client on next use.
  pool.on('error', (error) => options.onError?.(new Error(`a database connection was lost and will be replaced: ${error.message}`, { cause: error })));
  const naming = { on: options.preparedStatements ?? true };
  const onRefused = (error: Error) =>
    options.onError?.(
      new Error(
        `PostgreSQL refused a prepared statement (${String((error as { code?: unknown }).code)}: ${error.message}); this process now sends every query unprepared. Behind a pooler in transaction mode, set POSTGRES_PREPARED_STATEMENTS=off`,
        { cause: error },
      ),
    );
  pool.on('connect', (client) => instrument(client, counts, naming, onRefused, options.onStatement));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return { db, dialect: 'postgres', counts, close: () => db.destroy() };
}

/**
 * Runs `fn` in a write transaction. On SQLite it begins IMMEDIATE, taking the write
 * lock at the start, so two processes never deadlock upgrading a read to a write
 * (which SQLite reports as SQLITE_BUSY without waiting).
 */
export async function transact<T>(store: Store, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (store.dialect === 'postgres') return store.db.transaction().execute(fn);
  return store.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * After an erasure commits: on SQLite the write-ahead log still holds the erased words
 * in the page images it has not yet copied back, so copy them now and truncate the log
 * (secure_delete has zeroed them in the pages themselves). If a reader holds the log,
 * the rest is copied at the next checkpoint. PostgreSQL keeps old row versions until
 * VACUUM; see docs/security.md, "Erasure on disk".
 */
export async function compactAfterErasure(store: Store): Promise<{ complete: boolean }> {
  if (store.dialect !== 'sqlite') return { complete: true };
  // Only one checkpoint runs at a time: with a checkpointing thread, it does this one too.
  if (store.truncateLog) return { complete: await store.truncateLog() };
  const { rows } = await sql<{ busy: number; log: number; checkpointed: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
  return { complete: rows[0]?.busy === 0 };
}

export function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/** Brings the schema up to date; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed`, { cause: result.error });
  }
  return result;
}

/** Network-level codes: the database was not reached, or the connection broke. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether an error means "the database is busy or away; try again shortly", as
 * opposed to something wrong with the work itself. Only the latter may count against
 * a message: a failover must never get a message set aside as undeliverable.
 * SQLite: busy or locked. PostgreSQL: serialization failure and deadlock (40xxx),
 * connection exceptions (08xxx), server shutting down or starting (57P0x),
 * insufficient resources such as too many connections (53xxx), a lock not had in
 * time (55P03) or a statement cancelled by its timeout (57014). pg itself: a
 * connection that ended or could not be made in time.
 */
export function isTransientDbError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; preparedRefused?: unknown } | null;
  // A prepared statement refused (see instrument): it runs again unprepared.
  if (e?.preparedRefused === true) return true;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
  if (/^(40001|40P01|08...|57P0.|53...|55P03|57014)$/.test(code)) return true;
  if (NETWORK_CODES.has(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    message,
  );
}

/** Whether an error is a unique-constraint violation (a duplicate arrived at the same moment). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Whether the database answers a trivial query now (for readiness checks); never throws. */
export async function databaseAnswers(db: Executor): Promise<boolean> {
  return sql`select 1 as ok`
    .execute(db)
    .then(() => true)
    .catch(() => false);
}
