/**
 * `npm start` as a person runs it: the real entry point in its own process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { uniquePrefix, deletePrefix } from './helpers/app.js';

const dir = mkdtempSync(join(tmpdir(), 'valued-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>, args: string[] = [], script = 'src/main.ts') {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, out: () => out, err: () => err };
}

// Each test starts the program in a process of its own, which loads the whole app
// through tsx: seconds on a quiet machine, many more on a busy one.
const PROCESS_TIMEOUT = { timeout: 120_000 };

describe('npm run migrate', PROCESS_TIMEOUT, () => {
  it('--help prints the usage and applies nothing', async () => {
    const file = join(dir, 'migrate-help.db');
    const p = run({ DATABASE_URL: `sqlite:${file}` }, ['--help'], 'src/cli/migrate.ts');
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/^Usage: npm run migrate/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an unknown flag and applies nothing', async () => {
    const file = join(dir, 'migrate-bad.db');
    const p = run({ DATABASE_URL: `sqlite:${file}` }, ['--dwon'], 'src/cli/migrate.ts');
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/^Unknown option '--dwon'/);
    expect(existsSync(file)).toBe(false);
  });

  it('with no arguments brings the database up to date', async () => {
    const file = join(dir, 'migrate.db');
    const p = run({ DATABASE_URL: `sqlite:${file}` }, [], 'src/cli/migrate.ts');
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/^Up 2026-11-26T0000_initial: Success$/m);
  });
});

describe('npm start', PROCESS_TIMEOUT, () => {
  it('stops at once on a wrong setting, naming it in one line', async () => {
    const p = run({ PORT: 'seventy' });
    expect(await p.exited).toBe(1);
    expect(p.err().trim()).toBe('Configuration error. PORT: must be a whole number from 0 to 65535');
  });

  it('--help prints the usage and does nothing else: no database, no server', async () => {
    const file = join(dir, 'help.db');
    const p = run({ DATABASE_URL: `sqlite:${file}`, PORT: '0' }, ['--help']);
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/^Usage: npm start \[-- --role web\|worker\|all\]/);
    expect(p.out()).not.toContain('valued is running');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an unknown flag, saying which, with the usage', async () => {
    const p = run({}, ['--rolle', 'web']);
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/^Unknown option '--rolle'/);
    expect(p.err()).toContain('Usage: npm start');
  });

  it('refuses an unknown role', async () => {
    const p = run({}, ['--role', 'boss']);
    expect(await p.exited).toBe(1);
    expect(p.err()).toContain('--role must be web, worker or all');
  });

  it("--role worker answers health and readiness on PORT (and nothing else), so the image's HEALTHCHECK works for workers", async () => {
    const prefix = uniquePrefix();
    const p = run(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        REDIS_URL: inject('redisUrl'),
        QUEUE_PREFIX: prefix,
        DATABASE_URL: `sqlite:${join(dir, 'worker.db')}`,
        DATA_DIR: dir,
      },
      ['--role', 'worker'],
    );
    try {
      const deadline = Date.now() + 90_000;
      while (!p.out().includes('valued is running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(p.out())?.[1];
      expect(url, p.out() + p.err()).toBeDefined();
      expect((await fetch(`${url!}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${url!}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });
      expect((await fetch(`${url!}/simulator`)).status).toBe(404);
      expect((await fetch(`${url!}/webhooks/twilio/sms`, { method: 'POST' })).status).toBe(404);
      // The image's own HEALTHCHECK command, as Docker would run it in the worker's container.
      const command = /^HEALTHCHECK[^\n]*\\\n\s*CMD (.+)$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
      expect(command).toBeDefined();
      const check = spawnSync('sh', ['-c', command!], { env: { PATH: process.env.PATH ?? '', PORT: new URL(url!).port }, encoding: 'utf8' });
      expect(check.status).toBe(0);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.out()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down: closing HTTP, draining workers, closing connections"/);
      expect(p.out()).toContain('"msg":"stopped"');
    } finally {
      p.child.kill('SIGKILL');
      await deletePrefix(inject('redisUrl'), prefix);
    }
  });

  it('without credentials points to the simulator, serves it, and stops cleanly on SIGTERM', async () => {
    const prefix = uniquePrefix();
    const p = run({
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: prefix,
      DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
      DATA_DIR: dir,
    });
    try {
      const deadline = Date.now() + 90_000;
      while (!p.out().includes('/simulator') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(p.out()).toContain('No Twilio or Telegram credentials are set');
      const link = /Talk to the bot in the simulator: (http:\/\/127\.0\.0\.1:\d+\/simulator)/.exec(p.out())?.[1];
      expect(link).toBeDefined();
      const page = await fetch(link!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('valued simulator');
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      p.child.kill('SIGKILL');
      await deletePrefix(inject('redisUrl'), prefix);
    }
  });
});
