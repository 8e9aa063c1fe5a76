/**
 * Stopping with a time limit (src/platform/shutdown.ts, used by `npm start`), in a real
 * process sent real signals: the first signal closes and exits 0; a second signal, or
 * a close that outlasts the limit, stops at once with exit code 1; each step is logged.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(env: { CLOSE_MS: string; LIMIT_MS: string }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/shutdown-child.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 20_000;
    while (!out.includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(out, err).toContain(text);
  };
  return { child, exited, waitFor, out: () => out, err: () => err };
}

describe('stopping', () => {
  it('closes on SIGTERM, logs it, and exits 0', async () => {
    const p = run({ CLOSE_MS: '100', LIMIT_MS: '10000' });
    try {
      await p.waitFor('"msg":"ready"');
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.out()).toMatch(/"signal":"SIGTERM","limitMs":10000,"msg":"shutting down: closing HTTP, draining workers, closing connections"/);
      expect(p.out()).toContain('"msg":"stopped"');
      expect(p.err()).not.toContain('forced');
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('stops at once on a second signal, and says so', async () => {
    const p = run({ CLOSE_MS: '60000', LIMIT_MS: '60000' });
    try {
      await p.waitFor('"msg":"ready"');
      p.child.kill('SIGTERM');
      await p.waitFor('shutting down');
      p.child.kill('SIGINT');
      expect(await p.exited).toBe(1);
      expect(p.out()).toMatch(/"signal":"SIGINT","msg":"second signal: stopping now, without waiting for the workers"/);
      expect(p.out()).not.toContain('"msg":"stopped"');
      expect(p.err()).toContain('Stopping now.');
      expect(p.err()).toContain('forced');
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  it('stops at once when closing takes longer than the limit, and logs why', async () => {
    const p = run({ CLOSE_MS: '60000', LIMIT_MS: '300' });
    try {
      await p.waitFor('"msg":"ready"');
      const sent = Date.now();
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(1);
      expect(Date.now() - sent).toBeLessThan(10_000);
      expect(p.out()).toMatch(/"limitMs":300,"msg":"shutdown took longer than 0.3 s: stopping now"/);
      expect(p.out()).not.toContain('"msg":"stopped"');
      expect(p.err()).toContain('forced');
    } finally {
      p.child.kill('SIGKILL');
    }
  });
});
