/**
 * Finding people whose names and numbers are sealed at rest (DATA_ENCRYPTION_KEY). A
 * sealed value cannot be compared in SQL, so the console keeps a keyed hash (HMAC,
 * the key derived from DATA_ENCRYPTION_KEY, see sealing.ts) of each member's first
 * name in lower case and of the last four digits of each of their numbers. Searching
 * by a whole first name or by four digits then reads an index; nothing readable is
 * kept, and without the key the hashes say nothing.
 *
 * The index catches up with members changed since it last looked (members.updated_at
 * moves with every change to a name, a postcode, erasure), re-reading a few minutes
 * back each time so a transaction that committed late is not missed. Erased members
 * drop out of it. The simulator's sandbox (members.sandbox) is never in it: the console
 * shows real members only.
 *
 * The hashes are made with the current key. When DATA_ENCRYPTION_KEY is rotated (the
 * old key moving to DATA_ENCRYPTION_OLD_KEYS), the index notices the new key's id and
 * is built again from the start, so nothing stays findable only under the old key.
 */
import type { Executor } from './database.js';
import { readSetting, writeSetting } from './console-sessions.repository.js';

/** The keyed hash of sealing.ts (Sealer.hash). */
export type KeyedHash = (value: string) => string;

const WATERMARK = 'search_indexed_until';
/** The id of the key the index was built with (sealing.ts keyId). */
const KEY_ID = 'search_key_id';
/** Changes this recent are read again at each catch-up: longer than any transaction runs. */
const MARGIN_MS = 5 * 60 * 1000;
const BATCH = 1000;

/** The hash a first name is found by: the whole name, any case, spaces trimmed. */
export function nameKey(hash: KeyedHash, name: string): string {
  return hash(`console name:${name.trim().toLowerCase()}`);
}

/** The hash a number's last four digits are found by. */
export function tailKey(hash: KeyedHash, digits: string): string {
  return hash(`console tail:${digits}`);
}

/** The last four digits of an address, if it has four (a phone number, a Telegram chat id). */
export function lastFourDigits(address: string): string | null {
  const digits = address.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/**
 * Brings the index up to date with every member changed since it last looked; returns
 * how many it read. `keyId` names the key `hash` uses: an index built with another key
 * is built again, every member read.
 */
export async function catchUpSearchIndex(db: Executor, hash: KeyedHash, now: number, keyId?: string): Promise<number> {
  const rekeyed = keyId !== undefined && (await readSetting(db, KEY_ID)) !== keyId;
  const since = rekeyed ? 0 : Math.max(0, Number((await readSetting(db, WATERMARK)) ?? '0') - MARGIN_MS);
  let after = { updatedAt: since, id: '' };
  let read = 0;
  for (;;) {
    const members = await db
      .selectFrom('members')
      .select(['id', 'first_name', 'status', 'sandbox', 'updated_at'])
      // A range on the members_updated index, then the rows of the last moment not yet read.
      .where('updated_at', '>=', after.updatedAt)
      .where((eb) => eb.or([eb('updated_at', '>', after.updatedAt), eb('id', '>', after.id)]))
      .orderBy('updated_at')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (members.length === 0) break;
    read += members.length;
    const ids = members.map((m) => m.id);
    await db.deleteFrom('console_search').where('member_id', 'in', ids).execute();
    await db.deleteFrom('console_search_tails').where('member_id', 'in', ids).execute();
    const active = members.filter((m) => m.status === 'active' && m.sandbox === 0);
    if (active.length > 0) {
      await db
        .insertInto('console_search')
        .values(active.map((m) => ({ member_id: m.id, name_key: m.first_name ? nameKey(hash, m.first_name) : null, indexed_at: now })))
        .execute();
      const identities = await db
        .selectFrom('identities')
        .select(['id', 'member_id', 'address'])
        .where(
          'member_id',
          'in',
          active.map((m) => m.id),
        )
        .where('erased_at', 'is', null)
        .execute();
      const tails = identities.flatMap((i) => {
        const digits = lastFourDigits(i.address);
        return digits ? [{ identity_id: i.id, member_id: i.member_id, tail_key: tailKey(hash, digits) }] : [];
      });
      if (tails.length > 0) await db.insertInto('console_search_tails').values(tails).execute();
    }
    const last = members[members.length - 1]!;
    after = { updatedAt: last.updated_at, id: last.id };
    if (members.length < BATCH) break;
    // Let the web process answer others between batches (SQLite calls do not yield by themselves).
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (read > 0) await writeSetting(db, WATERMARK, String(after.updatedAt));
  // Only once every member was read again: a rebuild cut short starts over next time.
  if (rekeyed && keyId !== undefined) await writeSetting(db, KEY_ID, keyId);
  return read;
}

/** Members whose first name is this one (any case), by the index. */
export async function membersByName(db: Executor, hash: KeyedHash, name: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('console_search').select('member_id').where('name_key', '=', nameKey(hash, name)).limit(limit).execute();
  return rows.map((r) => r.member_id);
}

/** Members with a number ending in these four digits, by the index. */
export async function membersByTail(db: Executor, hash: KeyedHash, digits: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('console_search_tails').select('member_id').distinct().where('tail_key', '=', tailKey(hash, digits)).limit(limit).execute();
  return rows.map((r) => r.member_id);
}
