/**
 * Coordinator accounts, from the command line of whoever runs valued:
 *
 *   npm run coordinator -- add "Sian Evans" --phone +447700900123   an account, and its sign-in link
 *   npm run coordinator -- link "Sian Evans"                        a new sign-in link
 *   npm run coordinator -- list                                     every account
 *   npm run coordinator -- remove "Sian Evans"                      ends their sessions; they cannot sign in
 *
 * Links work once, for 24 hours, at PUBLIC_BASE_URL/console/sign-in/... The console
 * exists once the first account does. Arguments are read as every valued command
 * reads them (src/platform/args.ts): strictly, so a mistyped flag is an error rather than part
 * of a name, and --help prints the usage and touches nothing. Uses the same settings
 * as `npm start` (DATABASE_URL, DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_OLD_KEYS,
 * PUBLIC_BASE_URL).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ParseArgsConfig } from 'node:util';
import { argsOrExit, readArgs, UsageError, type Cli } from '../platform/args.js';
import { loadConfig, type Config } from '../platform/config.js';
import { ulidIds } from '../platform/ids.js';
import { maskAddress } from '../platform/log.js';
import { addCoordinator, createSignInToken, findCoordinator, listCoordinators, removeCoordinator } from '../store/coordinators.repository.js';
import { migrateToLatest, openDatabase, type Db } from '../store/database.js';
import { date } from '../console/format.js';

const USAGE = `Usage:
  npm run coordinator -- add "First Last" [--phone +447700900123]
  npm run coordinator -- link "First Last"     (or their id)
  npm run coordinator -- list
  npm run coordinator -- remove "First Last"   (or their id)
  npm run coordinator -- --help                print this and exit`;

/** `npm run coordinator -- ...`: a command and a name, and --phone for add. */
export const COORDINATOR_CLI = {
  usage: USAGE,
  options: { phone: { type: 'string' } },
  positionals: true,
} satisfies Cli<NonNullable<ParseArgsConfig['options']>>;

/** What the command printed, and how it ended (0 done, 1 refused, 2 a command line it cannot follow). */
export interface CliResult {
  code: number;
  out: string;
}

function linkFor(config: Readonly<Config>, token: string): string {
  return `${config.http.publicBaseUrl}/console/sign-in/${token}`;
}

/** Runs one command against `db`; pure of process state, so tests can call it. */
export async function runCoordinatorCommand(db: Db, config: Readonly<Config>, args: readonly string[], now = Date.now()): Promise<CliResult> {
  let parsed;
  try {
    parsed = readArgs(COORDINATOR_CLI, args);
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, out: `${error.message}\n\n${USAGE}` };
    throw error;
  }
  if (parsed === 'help') return { code: 0, out: USAGE };
  const [command, ...rest] = parsed.positionals;
  const ids = ulidIds(() => now);
  const named = rest.join(' ').trim();
  if (parsed.values.phone !== undefined && command !== 'add') return { code: 2, out: `--phone is only for add.\n\n${USAGE}` };
  if (command === 'add') {
    const phone = parsed.values.phone !== undefined ? parsed.values.phone.replace(/\s/g, '') : null;
    if (named === '') return { code: 1, out: `Give their name.\n${USAGE}` };
    if (named.length > 80) return { code: 1, out: 'Names must be 80 characters or fewer.' };
    if (phone !== null && !/^\+\d{7,15}$/.test(phone)) return { code: 1, out: 'The phone number must be in +44... form, e.g. --phone +447700900123' };
    const existing = await findCoordinator(db, named);
    if (existing && existing.removed_at === null)
      return { code: 1, out: `${existing.name} already has an account. For a new sign-in link: npm run coordinator -- link "${existing.name}"` };
    const id = ids.next();
    await addCoordinator(db, { id, name: named, phone, now });
    const token = await createSignInToken(db, id, now);
    return {
      code: 0,
      out: `Added ${named} (id ${id}).\nTheir sign-in link works once, for 24 hours. Send it to them privately:\n\n  ${linkFor(config, token)}\n`,
    };
  }
  if (command === 'link') {
    const coordinator = named ? await findCoordinator(db, named) : undefined;
    if (!coordinator || coordinator.removed_at !== null) return { code: 1, out: `No account for "${named}". See: npm run coordinator -- list` };
    const token = await createSignInToken(db, coordinator.id, now);
    return { code: 0, out: `A new sign-in link for ${coordinator.name}. It works once, for 24 hours:\n\n  ${linkFor(config, token)}\n` };
  }
  if (command === 'list') {
    const all = await listCoordinators(db);
    if (all.length === 0) return { code: 0, out: 'No coordinator accounts yet, so the console is off. Add one: npm run coordinator -- add "First Last"' };
    const lines = all.map((c) =>
      [
        c.name,
        c.phone ? maskAddress(c.phone) : 'no phone',
        `added ${date(c.created_at)}`,
        c.removed_at ? `REMOVED ${date(c.removed_at)}` : c.last_signed_in_at ? `last signed in ${date(c.last_signed_in_at)}` : 'never signed in',
        c.id,
      ].join('  |  '),
    );
    return { code: 0, out: lines.join('\n') };
  }
  if (command === 'remove') {
    const coordinator = named ? await findCoordinator(db, named) : undefined;
    if (!coordinator || coordinator.removed_at !== null) return { code: 1, out: `No account for "${named}". See: npm run coordinator -- list` };
    await removeCoordinator(db, coordinator.id, now);
    return { code: 0, out: `Removed ${coordinator.name}: signed out everywhere, and their links no longer work.` };
  }
  return { code: 1, out: USAGE };
}

async function main(): Promise<void> {
  // --help and mistakes first: they need no settings and touch no database.
  argsOrExit(COORDINATOR_CLI);
  const config = loadConfig();
  const store = openDatabase(config.database.url, {
    encryptionKey: config.encryptionKey,
    oldEncryptionKeys: config.oldEncryptionKeys,
    preparedStatements: config.database.preparedStatements,
  });
  try {
    await migrateToLatest(store.db);
    const result = await runCoordinatorCommand(store.db, config, process.argv.slice(2));
    (result.code === 0 ? process.stdout : process.stderr).write(`${result.out}\n`);
    process.exitCode = result.code;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
