/**
 * `npm start`: runs valued from the command line (src/app/start.ts does the wiring).
 *
 *   npm start                    HTTP server and workers in one process
 *   npm start -- --role web      HTTP only (webhooks record and queue)
 *   npm start -- --role worker   workers only (and a health listener on PORT)
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ParseArgsConfig } from 'node:util';
import { startValued, type Role } from './app/start.js';
import { argsOrExit, type Cli } from './platform/args.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger } from './platform/log.js';
import { stopGracefully } from './platform/shutdown.js';
import { RedisUnavailableError, resolveRedis } from './queue/local-redis.js';

export { startValued, type Role, type StartOptions, type Valued } from './app/start.js';

/** `npm start -- --help`. */
export const START_CLI = {
  usage: `Usage: npm start [-- --role web|worker|all]

Runs valued: applies the database migrations, then the HTTP server and the workers.
  --role all      HTTP server and workers in one process (the default)
  --role web      only the HTTP side: webhooks record and queue, nothing is handled
  --role worker   only the workers (and a small health listener on PORT)
  --help          print this and exit

Settings come from the environment or a .env file: see .env.example.`,
  options: { role: { type: 'string' } },
} satisfies Cli<NonNullable<ParseArgsConfig['options']>>;

/** How long a graceful stop may take before valued stops at once. */
const SHUTDOWN_LIMIT_MS = 15_000;

function roleOf(value: string | undefined): Role {
  if (value === undefined) return 'all';
  if (value === 'web' || value === 'worker' || value === 'all') return value;
  throw new ConfigError(`--role must be web, worker or all (got "${value}")`);
}

async function main(): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const args = argsOrExit(START_CLI);
  let config: Readonly<Config>;
  let role: Role;
  try {
    role = roleOf(args.values.role);
    config = loadConfig();
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const log = createLogger(config.logLevel);

  let redis;
  try {
    redis = await resolveRedis(config.redis.url, config.dataDir);
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      say(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (redis.private) log.info({ url: redis.url, dir: resolve(config.dataDir, 'redis') }, 'started a private redis-server for this run');

  const valued = await startValued({ config, redisUrl: redis.url, role, log });
  log.info({ role, url: valued.url, database: config.database.url.split(':')[0] }, 'valued is running');
  if (role !== 'worker' && !config.twilio && !config.whatsapp && !config.telegram) {
    // With PORT=0 the port is chosen at listen time: point to where we really are.
    const base = config.http.port === 0 && valued.url ? valued.url : config.http.publicBaseUrl;
    process.stdout.write(
      `\nNo Twilio or Telegram credentials are set, so no real messages will be sent.\nTalk to the bot in the simulator: ${base}/simulator\n\n`,
    );
  }

  // SIGTERM or Ctrl-C: stop taking requests, let the workers finish what they hold, close
  // connections. A second signal, or a stop taking longer than the limit (inside
  // compose's 20 s stop_grace_period, so the log says why), stops at once.
  stopGracefully(
    async () => {
      await valued.close();
      await redis.stop();
    },
    { log, limitMs: SHUTDOWN_LIMIT_MS, say, onForce: () => void redis.stop() },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`valued could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
