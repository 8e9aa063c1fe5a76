/**
 * `npm run migrate` brings the database up to date; `npm run migrate -- down` undoes
 * the latest migration. Uses DATABASE_URL like the service does.
 */
import { loadConfig } from '../config.js';
import { migrateToLatest, migrator, openDatabase } from './database.js';

const config = loadConfig();
const store = openDatabase(config.database.url);
try {
  const down = process.argv.includes('down');
  const result = down ? await migrator(store.db).migrateDown() : await migrateToLatest(store.db);
  if (result.error) throw result.error instanceof Error ? result.error : new Error('migration failed', { cause: result.error });
  const done = result.results ?? [];
  process.stdout.write(done.length === 0 ? 'Database is up to date.\n' : done.map((r) => `${r.direction} ${r.migrationName}: ${r.status}\n`).join(''));
} catch (error) {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
