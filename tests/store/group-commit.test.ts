/**
 * Group commit (src/store/group-commit.ts): work ready at the same moment shares one
 * transaction; each caller learns of its own work only once it has committed; a piece
 * that fails fails alone, with its own error, and nothing of it is kept, while the
 * others commit.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/store/group-commit.js';
import { insertAlert } from '../../src/store/members.repository.js';
import type { Executor } from '../../src/store/database.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

describe.each(DIALECTS)('group commit on $label', ({ dialect, available }) => {
  let t: TestDb;
  beforeAll(async () => {
    if (!available) return;
    t = await createTestDb(dialect);
  });
  afterAll(async () => t?.drop());

  const alert = (trx: Executor, id: string) => insertAlert(trx, { id, memberId: null, kind: 'failed_message', detail: `piece ${id}`, now: 1 });
  const alertIds = async (prefix: string) =>
    (await t.store.db.selectFrom('alerts').select('id').where('id', 'like', `${prefix}%`).orderBy('id').execute()).map((r) => r.id);

  /** Reads through a connection of its own: what it sees has been committed. */
  async function committedElsewhere(id: string): Promise<boolean> {
    if (dialect === 'sqlite') {
      const other = new BetterSqlite3(t.url.slice('sqlite:'.length), { readonly: true });
      try {
        return other.prepare('select 1 from alerts where id = ?').get(id) !== undefined;
      } finally {
        other.close();
      }
    }
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      return (await client.query('select 1 from alerts where id = $1', [id])).rowCount === 1;
    } finally {
      await client.end();
    }
  }

  it.skipIf(!available)('pieces ready at the same moment share one transaction, and each caller hears only after its piece is committed', async () => {
    const committer = createGroupCommit(t.store, { budgetMs: 60_000, concurrency: 1 });
    const seen: boolean[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        committer
          .run((trx) => alert(trx, `gc-a-${String(i).padStart(2, '0')}`))
          .then(async () => void seen.push(await committedElsewhere(`gc-a-${String(i).padStart(2, '0')}`))),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 20 }, () => true));
    expect(committer.stats.pieces).toBe(20);
    expect(committer.stats.batches).toBe(1);
    expect(await alertIds('gc-a-')).toHaveLength(20);
  });

  it.skipIf(!available)('a piece that fails fails alone, with its own error, and keeps nothing; the others in its batch commit', async () => {
    const committer = createGroupCommit(t.store, { concurrency: 1, budgetMs: 60_000 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        committer.run(async (trx) => {
          await alert(trx, `gc-b-${i}`);
          if (i === 3) throw new Error('piece 3 broke');
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([0, 1, 2, 'piece 3 broke', 4, 5]);
    expect(await alertIds('gc-b-')).toEqual(['gc-b-0', 'gc-b-1', 'gc-b-2', 'gc-b-4', 'gc-b-5']);
    expect(committer.stats.split).toBe(1);
  });

  it.skipIf(!available)(
    'a database error in one piece (a duplicate key) rolls back only that piece, even on PostgreSQL where it aborts the transaction',
    async () => {
      const committer = createGroupCommit(t.store);
      await committer.run((trx) => alert(trx, 'gc-c-taken'));
      const outcomes = await Promise.allSettled(['gc-c-1', 'gc-c-taken', 'gc-c-2'].map((id) => committer.run((trx) => alert(trx, id))));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await alertIds('gc-c-')).toEqual(['gc-c-1', 'gc-c-2', 'gc-c-taken']);
    },
  );

  it.skipIf(!available)('urgent pieces (webhooks waiting to be answered) go before those already waiting', async () => {
    const committer = createGroupCommit(t.store, { maxBatch: 2, concurrency: 1, budgetMs: 60_000 });
    const order: string[] = [];
    const piece = (name: string) => async (trx: Executor) => {
      order.push(name);
      await alert(trx, `gc-e-${name}`);
    };
    await Promise.all([committer.run(piece('turn-1')), committer.run(piece('turn-2')), committer.run(piece('turn-3')), committer.run(piece('webhook'), true)]);
    expect(order).toEqual(['webhook', 'turn-1', 'turn-2', 'turn-3']);
  });

  it.skipIf(!available)('batches are cut at their size, in the order the pieces came', async () => {
    const committer = createGroupCommit(t.store, { maxBatch: 4, concurrency: 1, budgetMs: 60_000 });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        committer.run(async (trx) => {
          order.push(i);
          await alert(trx, `gc-d-${i}`);
        }),
      ),
    );
    expect(committer.stats.batches).toBe(3);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
