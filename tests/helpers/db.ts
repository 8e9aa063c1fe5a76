/**
 * Databases for tests: a fresh SQLite file, or a fresh PostgreSQL database made for
 * the test and dropped after it, so the same tests run once per dialect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { migrateToLatest, openDatabase, type DialectName, type Store } from '../../src/store/database.js';
import { scratchPostgres } from './postgres.js';

export interface TestDb {
  dialect: DialectName;
  url: string;
  store: Store;
  /** Closes and removes the database. */
  drop(): Promise<void>;
}

export function postgresUrl(): string {
  return inject('postgresUrl');
}

/** Each dialect with whether it can run here; PostgreSQL needs TEST_POSTGRES_URL. */
export const DIALECTS: { dialect: DialectName; available: boolean; label: string }[] = [
  { dialect: 'sqlite', available: true, label: 'SQLite' },
  { dialect: 'postgres', available: postgresUrl() !== '', label: postgresUrl() ? 'PostgreSQL' : 'PostgreSQL (SKIPPED: set TEST_POSTGRES_URL)' },
];

/** Makes an empty database of that dialect and returns its URL. */
export async function createDatabaseUrl(dialect: DialectName): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'valued-db-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  return scratchPostgres(postgresUrl(), 'valued_t');
}

export async function createTestDb(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDb> {
  const made = await createDatabaseUrl(dialect);
  const url = made.url;
  const store = openDatabase(url);
  if (options.migrate ?? true) await migrateToLatest(store.db);
  return {
    dialect,
    url,
    store,
    async drop() {
      await store.close();
      await made.drop();
    },
  };
}
