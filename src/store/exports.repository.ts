/**
 * The rows behind the console's CSV exports of needs, gifts and matches, read a batch
 * at a time in id order so an export of a whole area's history never holds more than
 * one batch, and each row carries the member ids whose numbers the CSV may show.
 * Real members only: nothing of the simulator's sandbox is exported.
 */
import { sql } from 'kysely';
import { giftCounts } from './console.repository.js';
import type { Executor } from './database.js';

const BATCH = 2000;

/** Reads a table in id order, a batch at a time, without offsets. */
async function* inBatches<T extends { id: string }>(read: (after: string, limit: number) => Promise<T[]>): AsyncGenerator<T[]> {
  let after = '';
  for (;;) {
    const rows = await read(after, BATCH);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}

export function exportNeeds(db: Executor) {
  return inBatches((after, limit) =>
    db
      .selectFrom('needs')
      .innerJoin('members', 'members.id', 'needs.member_id')
      .select([
        'needs.id',
        'needs.member_id',
        'members.first_name',
        'needs.outcode',
        'needs.category',
        'needs.words',
        'needs.status',
        'needs.created_at',
        'needs.unmatched_at',
      ])
      .where('members.sandbox', '=', sql.lit(0))
      .where('needs.id', '>', after)
      .orderBy('needs.id')
      .limit(limit)
      .execute(),
  );
}

export function exportGifts(db: Executor) {
  return inBatches((after, limit) =>
    db
      .selectFrom('offers')
      .innerJoin('members', 'members.id', 'offers.member_id')
      .select([
        'offers.id',
        'offers.member_id',
        'members.first_name',
        'members.outcode',
        'offers.category',
        'offers.words',
        'offers.status',
        'offers.created_at',
      ])
      .select((eb) => giftCounts(eb))
      .where('members.sandbox', '=', sql.lit(0))
      .where('offers.id', '>', after)
      .orderBy('offers.id')
      .limit(limit)
      .execute(),
  );
}

export function exportMatches(db: Executor) {
  return inBatches((after, limit) =>
    db
      .selectFrom('matches')
      .innerJoin('needs', 'needs.id', 'matches.need_id')
      .innerJoin('members as requester', 'requester.id', 'matches.requester_id')
      .innerJoin('members as helper', 'helper.id', 'matches.volunteer_id')
      .select([
        'matches.id',
        'matches.need_id',
        'matches.requester_id',
        'matches.volunteer_id',
        'requester.first_name as requester_name',
        'helper.first_name as helper_name',
        'needs.category',
        'needs.outcode',
        'matches.status',
        'matches.outcome',
        'matches.created_at',
        'matches.closed_at',
      ])
      .where('requester.sandbox', '=', sql.lit(0))
      .where('helper.sandbox', '=', sql.lit(0))
      .where('matches.id', '>', after)
      .orderBy('matches.id')
      .limit(limit)
      .execute(),
  );
}

/** The number (or chat id) each member is best reached on, for an export's rows. */
export async function numbersOf(db: Executor, memberIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (memberIds.length === 0) return out;
  const unique = [...new Set(memberIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('identities')
      .select(['member_id', 'address'])
      .where('member_id', 'in', unique.slice(i, i + 500))
      .where('erased_at', 'is', null)
      .orderBy('created_at')
      .execute();
    for (const r of rows) if (!out.has(r.member_id)) out.set(r.member_id, r.address);
  }
  return out;
}
