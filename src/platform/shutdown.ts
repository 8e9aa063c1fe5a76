/**
 * Stopping on SIGTERM or Ctrl-C, with a time limit (close-with-grace): the first signal
 * runs `close` (stop taking requests, let the workers finish what they hold, close
 * connections) and exits 0; a second signal, an error while closing, or a close that
 * takes longer than `limitMs` exits 1 at once. An uncaught error also closes, then
 * exits 1. Every step is logged.
 */
import closeWithGrace from 'close-with-grace';
import type { Logger } from './log.js';

export interface ShutdownOptions {
  log: Logger;
  /** How long a graceful stop may take, in milliseconds. */
  limitMs: number;
  /** Writes one line for the person at the terminal. */
  say: (line: string) => void;
  /** What still has to happen when stopping at once (e.g. stop a private redis-server). */
  onForce?: () => void;
}

export function stopGracefully(close: () => Promise<void>, { log, limitMs, say, onForce }: ShutdownOptions): void {
  closeWithGrace(
    {
      delay: limitMs,
      logger: { error: (error: unknown) => log.error({ err: error }, 'shutdown failed') },
      onSecondSignal: (signal) => {
        log.warn({ signal }, 'second signal: stopping now, without waiting for the workers');
        say('Stopping now.');
        onForce?.();
      },
      onSecondError: (error) => {
        log.error({ err: error }, 'another error while shutting down: stopping now');
        onForce?.();
      },
      onTimeout: (delay) => {
        log.error({ limitMs: delay }, `shutdown took longer than ${delay / 1000} s: stopping now`);
        say('Stopping now: shutting down took too long.');
        onForce?.();
      },
    },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'uncaught error: shutting down');
      log.info({ signal, limitMs }, 'shutting down: closing HTTP, draining workers, closing connections');
      await close();
      log.info('stopped');
    },
  );
}
