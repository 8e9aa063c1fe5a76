/**
 * `npm run migrate` brings the database up to date; `npm run migrate -- --down` undoes
 * the latest migration. Uses DATABASE_URL like the service does.
 */
import { argsOrExit } from '../platform/args.js';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest, migrator, openDatabase } from '../store/database.js';

const args = argsOrExit({
  usage: `Usage: npm run migrate [-- --down]

Brings the database named by DATABASE_URL up to date (npm start does this too).
  --down   undo the latest migration instead
  --help   print this and exit`,
  // "down" without dashes, as it was first written, still works.
  options: { down: { type: 'boolean' } },
  positionals: true,
});
const extra = args.positionals.filter((p) => p !== 'down');
if (extra.length > 0) {
  process.stderr.write(`Unexpected argument '${extra[0]}'. Try npm run migrate -- --help\n`);
  process.exit(2);
}

const config = loadConfig();
const store = openDatabase(config.database.url, { preparedStatements: config.database.preparedStatements });
try {
  const down = args.values.down === true || args.positionals.includes('down');
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
