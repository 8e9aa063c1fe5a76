/**
 * Finding Redis for development and tests: REDIS_URL if set; otherwise a Redis already
 * listening on 127.0.0.1:6379; otherwise a private redis-server started from PATH
 * (loopback only, data under the data directory), stopped when we stop.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { resolve } from 'node:path';

export const NO_REDIS_MESSAGE =
  'valued needs Redis: install it (Debian/Ubuntu: sudo apt install redis-server; macOS: brew install redis) or set REDIS_URL=redis://HOST:6379';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface ResolvedRedis {
  url: string;
  /** Whether we started this Redis ourselves (and will stop it). */
  private: boolean;
  stop(): Promise<void>;
}

/** Whether something answering PING as Redis listens at host:port. */
export function redisAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.connect(port, host, () => socket.write('PING\r\n'));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Starts a private redis-server on a free loopback port. */
export async function startPrivateRedis(
  dataDir: string,
  options: { persist?: boolean; port?: number } = {},
): Promise<ResolvedRedis & { process: ChildProcess; port: number }> {
  if (!hasRedisServer()) throw new RedisUnavailableError(NO_REDIS_MESSAGE);
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const persist = options.persist ?? true;
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', persist ? 'yes' : 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers('127.0.0.1', port, 200))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisUnavailableError(`redis-server did not start on port ${port}. ${NO_REDIS_MESSAGE}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    private: true,
    process: child,
    port,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The Redis to use: the configured URL; else one answering on 127.0.0.1:6379 (`probe`
 * can name another address, for tests); else a private one. Throws
 * RedisUnavailableError, whose message is the one line a person needs, if none.
 */
export async function resolveRedis(configuredUrl: string | undefined, dataDir: string, probe = { host: '127.0.0.1', port: 6379 }): Promise<ResolvedRedis> {
  if (configuredUrl) return { url: configuredUrl, private: false, stop: () => Promise.resolve() };
  if (await redisAnswers(probe.host, probe.port)) return { url: `redis://${probe.host}:${probe.port}`, private: false, stop: () => Promise.resolve() };
  return startPrivateRedis(dataDir);
}
