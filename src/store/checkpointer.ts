/**
 * SQLite's write-ahead log copied back into the database file off the main thread.
 * By default SQLite does this inside whichever commit takes the log past 1,000 pages:
 * that commit then copies megabytes and waits for the disk, and better-sqlite3 is
 * synchronous, so every webhook and turn in the process waits with it (it was most of
 * the commit time and the slowest webhooks in `npm run bench`). Here the main
 * connection never checkpoints on its own; a worker thread with its own connection
 * makes a PASSIVE checkpoint every quarter of a second, which never blocks the writer
 * and lets SQLite start the log again from its beginning once it has all been copied.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 250;

/** Runs in the worker: its own connection to the file, a passive checkpoint on a timer. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failing = false;
  } catch (error) {
    if (!failing) parentPort.postMessage({ error: String(error && error.message || error) });
    failing = true;
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, onError: (message: string) => void): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, module, everyMs: CHECKPOINT_EVERY_MS } });
  worker.on('message', (m: { error?: string }) => m.error && onError(m.error));
  worker.on('error', (error) => onError(error.message));
  // Never what keeps a process alive.
  worker.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((done) => {
        worker.once('exit', () => done());
        worker.postMessage('stop');
        // A worker stuck on the disk is not waited for long.
        setTimeout(() => void worker.terminate(), 2000).unref();
      });
      return stopped;
    },
  };
}
