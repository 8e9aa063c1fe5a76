/**
 * Group commit: work that is ready at the same moment (webhooks' inbox rows, different
 * people's turns, sends being marked) shares one transaction, so a busy process commits
 * a few times a second per batch instead of once per message. Each caller still waits
 * for its own work to be committed before it answers anyone or queues anything.
 *
 * A batch runs its pieces of work one after another in one transaction. If any of them
 * fails, or the commit does, the whole batch is rolled back and every piece is run again
 * alone, in a transaction of its own (as mailroom does when a batch of sessions fails to
 * write): so a piece that fails fails alone, with its own error, and is retried by its
 * own caller; the others commit as if they had never shared. Work must therefore only
 * touch the database through the `trx` it is given, and keep nothing from a run that
 * was rolled back (a fresh call of `work` starts from scratch).
 *
 * A batch takes pieces one after another, those that arrive while it runs included,
 * until it has `maxBatch` or has run for `budgetMs`; then it commits and the next
 * begins. (The budget only stops it taking more: a long piece holds its batch for as
 * long as it takes.) An idle committer starts at once (no timer), so a quiet service
 * waits for nothing.
 *
 * A piece must never call transactGrouped itself, nor use the store outside `trx` on
 * SQLite (whose one connection the batch holds): either would wait for ever.
 */
import { transact, type Executor, type Store } from './database.js';

export interface GroupCommitOptions {
  /** Pieces of work in one transaction at most (default 32). */
  maxBatch?: number;
  /**
   * How long a batch keeps taking pieces that arrive while it runs (default 4 ms): a
   * batch holds the database (all of it, on SQLite) until it commits, so this bounds
   * how long a webhook waits behind others' work, give or take the one piece running.
   */
  budgetMs?: number;
  /**
   * Batches running at once: 1 on SQLite, whose writers go one at a time anyway; 6 on
   * PostgreSQL, where every statement is a round trip and several batches at once keep
   * the server busy while each waits (of the pool's 10 connections, leaving some for reads).
   */
  concurrency?: number;
}

export interface GroupCommitStats {
  batches: number;
  pieces: number;
  /** Batches rolled back because one piece (or the commit) failed, and run again piece by piece. */
  split: number;
}

interface Piece {
  work: (trx: Executor) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommit {
  /**
   * Runs `work` in a transaction shared with whatever else is ready; resolves once it
   * has committed. `urgent` work (someone is waiting on it) goes before the rest.
   */
  run<T>(work: (trx: Executor) => Promise<T>, urgent?: boolean): Promise<T>;
  stats: GroupCommitStats;
}

export function createGroupCommit(store: Store, options: GroupCommitOptions = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 32;
  const budgetMs = options.budgetMs ?? 4;
  const concurrency = options.concurrency ?? (store.dialect === 'sqlite' ? 1 : 6);
  const urgentWaiting: Piece[] = [];
  const normalWaiting: Piece[] = [];
  const waitingCount = () => urgentWaiting.length + normalWaiting.length;
  const nextPiece = () => (urgentWaiting.shift() ?? normalWaiting.shift())!;
  const stats: GroupCommitStats = { batches: 0, pieces: 0, split: 0 };
  let running = 0;
  let scheduled = false;

  async function alone(piece: Piece): Promise<void> {
    try {
      piece.resolve(await transact(store, piece.work));
    } catch (error) {
      piece.reject(error);
    }
  }

  /** Takes waiting pieces one after another into one transaction until the batch is full or its time is up. */
  async function runBatch(first: Piece): Promise<void> {
    const batch: Piece[] = [first];
    let results: unknown[] = [];
    try {
      results = await transact(store, async (trx) => {
        const started = performance.now();
        const out: unknown[] = [await first.work(trx)];
        while (waitingCount() > 0 && batch.length < maxBatch && performance.now() - started < budgetMs) {
          const piece = nextPiece();
          batch.push(piece);
          out.push(await piece.work(trx));
        }
        return out;
      });
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      stats.split++;
      for (const piece of batch) await alone(piece);
      return;
    } finally {
      stats.batches++;
      stats.pieces += batch.length;
    }
    batch.forEach((piece, i) => piece.resolve(results[i]));
  }

  function pump(): void {
    scheduled = false;
    while (running < concurrency && waitingCount() > 0) {
      running++;
      void runBatch(nextPiece()).finally(() => {
        running--;
        pump();
      });
    }
  }

  return {
    stats,
    run<T>(work: (trx: Executor) => Promise<T>, urgent = false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        (urgent ? urgentWaiting : normalWaiting).push({ work, resolve: resolve, reject });
        // Let whatever else arrives in this turn of the event loop join the batch.
        if (!scheduled && running < concurrency) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}

/**
 * Which committer work goes through. On PostgreSQL webhooks' inbox rows have a lane of
 * their own, so that recording a message (which the provider is waiting on) never
 * queues behind a batch of turns waiting on a row lock; everything else shares the
 * other. On SQLite one lane serves both (its one connection takes one transaction at a
 * time whatever the lane, and a lane of its own only meant more, smaller commits), and
 * inbox rows go to the front of it.
 */
export type Lane = 'inbox' | 'work';

const committers = new WeakMap<Store, Record<Lane, GroupCommit>>();

/** The store's group committer for `lane` (one per store and lane, so every caller in a process shares its batches). */
export function groupCommitOf(store: Store, lane: Lane = 'work'): GroupCommit {
  let lanes = committers.get(store);
  if (!lanes) {
    const work = createGroupCommit(store);
    lanes = { inbox: store.dialect === 'sqlite' ? work : createGroupCommit(store, { concurrency: 2 }), work };
    committers.set(store, lanes);
  }
  return lanes[lane];
}

/**
 * Like `transact`, but the transaction may be shared with other work ready at the same
 * moment (see above). Resolves with `work`'s result once it has committed; rejects with
 * its own error if it failed (then nothing of it was kept).
 */
export function transactGrouped<T>(store: Store, work: (trx: Executor) => Promise<T>, lane: Lane = 'work'): Promise<T> {
  return groupCommitOf(store, lane).run(work, lane === 'inbox');
}
