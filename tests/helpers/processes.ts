/**
 * Running valued as separate processes, as `npm start -- --role worker` does, for the
 * fault tests: kill one with SIGKILL, start another, watch what survives.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ValuedProcess {
  child: ChildProcess;
  /** Resolves once the process says it is running. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnValued(env: Record<string, string>, role: 'web' | 'worker' | 'all' = 'worker'): ValuedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', role], {
    cwd: process.cwd(),
    // Every role listens on PORT (a worker for its health): any free port, on loopback.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const ready = new Promise<void>((done, fail) => {
    const timer = setInterval(() => {
      if (out.includes('valued is running')) {
        clearInterval(timer);
        done();
      }
    }, 25);
    void exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`valued exited with ${code} before it was running:\n${out}`));
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exited,
    output: () => out,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
