/**
 * SQLite's write-ahead log copied back into the database file off the main thread.
 * By default SQLite does this inside whichever commit takes the log past 1,000 pages:
 * that commit then copies megabytes and waits for the disk, and better-sqlite3 is
 * synchronous, so every webhook and turn in the process waits with it (it was most of
 * the commit time and the slowest webhooks in `npm run bench`). Here the main
 * connection never checkpoints on its own; a worker thread with its own connection
 * makes a PASSIVE checkpoint every quarter of a second, which never blocks the writer
 * and lets SQLite start the log again from its beginning once it has all been copied.
 *
 * After an erasure the log must be emptied (TRUNCATE), not only copied back: the words
 * are still in its old page images. Only one checkpoint runs at a time, so that is asked
 * of this thread too (`truncate`), which tries until it has done it: a TRUNCATE made
 * from the main thread while this one checkpoints would fail at once and leave them.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 250;
/** How long `truncate` waits for the log to be emptied before it answers "not yet" (the thread keeps trying). */
const TRUNCATE_WAIT_MS = 10_000;

/** Runs in the worker: its own connection to the file, a checkpoint on a timer. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let failing = false;
let truncating = false;
const waiting = [];
function checkpoint() {
  try {
    const mode = truncating ? 'TRUNCATE' : 'PASSIVE';
    const [result] = db.pragma('wal_checkpoint(' + mode + ')');
    failing = false;
    if (truncating && result && result.busy === 0) {
      truncating = false;
      for (const id of waiting.splice(0)) parentPort.postMessage({ truncated: id });
    }
  } catch (error) {
    if (!failing) parentPort.postMessage({ error: String((error && error.message) || error) });
    failing = true;
  }
}
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m && m.truncate !== undefined) {
    truncating = true;
    waiting.push(m.truncate);
    checkpoint();
    return;
  }
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Empties the log (after an erasure): true once done, false if it could not within 10 s (it goes on trying). */
  truncate(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Starts the checkpointing thread for the SQLite file `file`. `onError` hears of a
 * checkpoint that failed; `onExit` of a thread that ended without being stopped (the
 * caller then lets SQLite checkpoint in its commits again).
 */
export function startCheckpointer(file: string, onError: (message: string) => void, onExit: () => void = () => {}): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, module, everyMs: CHECKPOINT_EVERY_MS } });
  let exited = false;
  let stopping = false;
  let nextId = 0;
  const truncations = new Map<number, (done: boolean) => void>();
  const exit = new Promise<void>((done) =>
    worker.once('exit', () => {
      exited = true;
      for (const answer of truncations.values()) answer(false);
      truncations.clear();
      if (!stopping) onExit();
      done();
    }),
  );
  worker.on('message', (m: { error?: string; truncated?: number }) => {
    if (m.error) onError(m.error);
    if (m.truncated !== undefined) {
      truncations.get(m.truncated)?.(true);
      truncations.delete(m.truncated);
    }
  });
  worker.on('error', (error) => onError(error.message));
  // Never what keeps a process alive.
  worker.unref();
  return {
    truncate() {
      if (exited || stopping) return Promise.resolve(false);
      const id = nextId++;
      return new Promise<boolean>((answer) => {
        const timer = setTimeout(() => {
          truncations.delete(id);
          answer(false);
        }, TRUNCATE_WAIT_MS);
        timer.unref();
        truncations.set(id, (done) => {
          clearTimeout(timer);
          answer(done);
        });
        worker.postMessage({ truncate: id });
      });
    },
    async stop() {
      if (!exited && !stopping) {
        stopping = true;
        // Held while it ends: an unreferenced thread is all a process waiting here would
        // have left, and Node would end the process there, mid-shutdown.
        worker.ref();
        worker.postMessage('stop');
        // A thread stuck on the disk is not waited for long.
        setTimeout(() => void worker.terminate(), 2000).unref();
      }
      stopping = true;
      await exit;
    },
  };
}
