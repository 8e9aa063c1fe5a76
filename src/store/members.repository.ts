/**
 * Members, how to reach them, and what they need and offer.
 */
import { sql } from 'kysely';
import { isSandboxChannel } from '../domain/channels.js';
import type { Item } from '../domain/categories.js';
import type { Ids } from '../platform/ids.js';
import { refreshCandidates } from './candidates.repository.js';
import type { Executor } from './database.js';
import { everyColumn, named } from './prepared.js';
import type { IdentitiesTable, Identity, Member, MemberUpdate } from './schema.js';

/**
 * Finds the identity for a channel address, creating it and its member the first time.
 * A member made through the simulator is in the sandbox for good.
 */
export async function findOrCreateIdentity(trx: Executor, channel: string, address: string, now: number, ids: Ids): Promise<Identity> {
  const found = await trx.selectFrom('identities').selectAll().where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
  if (found) return found;
  const memberId = ids.next();
  await trx
    .insertInto('members')
    .values({
      id: memberId,
      first_name: null,
      postcode: null,
      outcode: null,
      sector: null,
      latitude: null,
      longitude: null,
      lang: 'en',
      status: 'active',
      consented_at: null,
      created_at: now,
      updated_at: now,
      volunteer_at: null,
      travel_km: null,
      availability: null,
      paused_at: null,
      verified_at: null,
      last_asked_at: null,
      code: null,
      sandbox: isSandboxChannel(channel) ? 1 : 0,
    })
    .execute();
  const identity: Identity = {
    id: ids.next(),
    member_id: memberId,
    channel,
    address,
    opted_out_at: null,
    unreachable_at: null,
    last_seq: 0,
    created_at: now,
    erased_at: null,
    handle: null,
    address_hash: null,
  };
  await trx.insertInto('identities').values(identity).execute();
  return identity;
}

export async function getIdentity(db: Executor, id: string): Promise<Identity | undefined> {
  return db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIdentity(db: Executor, channel: string, address: string): Promise<Identity | undefined> {
  return db.selectFrom('identities').selectAll().where('channel', '=', channel).where('address', '=', address).executeTakeFirst();
}

/**
 * The known identity at this address, its next inbound message given its place in line
 * in the same statement (the hot path of every webhook); undefined for a new address.
 * Locks the row on PostgreSQL.
 */
export async function takeNextSeqAt(trx: Executor, channel: string, address: string): Promise<Identity | undefined> {
  // Named on PostgreSQL (see named()): a write every webhook makes. Its columns spelt
  // out, so that one added by a later release does not change what it returns.
  const { rows } = await trx.executeQuery(
    named(
      trx,
      trx
        .updateTable('identities')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('channel', '=', channel)
        .where('address', '=', address)
        .returning(IDENTITY_COLUMNS),
    ),
  );
  return rows[0];
}

/** Every column of an identity (see takeNextSeqAt and everyColumn). */
const IDENTITY_COLUMNS = everyColumn<IdentitiesTable>()([
  'id',
  'member_id',
  'channel',
  'address',
  'opted_out_at',
  'unreachable_at',
  'last_seq',
  'created_at',
  'erased_at',
  'handle',
  'address_hash',
]);

/** Gives the identity's next inbound message its place in line (1, 2, 3...). Locks the row on PostgreSQL. */
export async function takeNextSeq(trx: Executor, identityId: string): Promise<number> {
  const row = await trx
    .updateTable('identities')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', identityId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/** Records an opt-out (or its end); whether the member can be asked to help follows. */
export async function setOptedOut(db: Executor, identityId: string, at: number | null): Promise<void> {
  const row = await db.updateTable('identities').set({ opted_out_at: at }).where('id', '=', identityId).returning('member_id').executeTakeFirst();
  if (row) await refreshCandidates(db, row.member_id);
}

/** Records that an address cannot be reached (or can again); the candidate index follows. */
export async function setUnreachable(db: Executor, identityId: string, at: number | null): Promise<void> {
  const row = await db.updateTable('identities').set({ unreachable_at: at }).where('id', '=', identityId).returning('member_id').executeTakeFirst();
  if (row) await refreshCandidates(db, row.member_id);
}

export async function getMember(db: Executor, id: string): Promise<Member | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The language a member chose (a code such as 'en' or 'cy'), or null if there is no such member. */
export async function memberLang(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('members').select('lang').where('id', '=', id).executeTakeFirst();
  return row?.lang ?? null;
}

export async function updateMember(db: Executor, id: string, changes: MemberUpdate, now: number): Promise<void> {
  await db
    .updateTable('members')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Replaces a member's open needs or active offers with `items`: ones no longer listed
 * are closed (cancelled or withdrawn), new ones added, unchanged ones kept as they are.
 * Returns the ids added and closed, for what follows (matching, closing requests).
 */
export async function replaceItems(
  trx: Executor,
  memberId: string,
  list: 'needs' | 'offers',
  items: readonly Item[],
  now: number,
  ids: Ids,
): Promise<{ added: string[]; closed: string[] }> {
  const live = list === 'needs' ? 'open' : 'active';
  const closed = list === 'needs' ? 'cancelled' : 'withdrawn';
  const current = await trx.selectFrom(list).select(['id', 'category', 'words']).where('member_id', '=', memberId).where('status', '=', live).execute();
  const key = (category: string, words: string | null | undefined) => `${category}\u0000${words ?? ''}`;
  const wanted = new Map(items.map((i) => [key(i.category, i.words), i]));
  const kept = new Set<string>();
  const result = { added: [] as string[], closed: [] as string[] };
  for (const row of current) {
    const k = key(row.category, row.words);
    if (wanted.has(k) && !kept.has(k)) kept.add(k);
    else {
      await trx.updateTable(list).set({ status: closed, updated_at: now }).where('id', '=', row.id).execute();
      result.closed.push(row.id);
    }
  }
  for (const [k, item] of wanted) {
    if (kept.has(k)) continue;
    const id = ids.next();
    await trx
      .insertInto(list)
      .values({ id, member_id: memberId, category: item.category, words: item.words ?? null, status: live, created_at: now, updated_at: now })
      .execute();
    result.added.push(id);
  }
  return result;
}

export async function insertAlert(db: Executor, alert: { id: string; memberId: string | null; kind: string; detail: string; now: number }): Promise<void> {
  await db
    .insertInto('alerts')
    .values({ id: alert.id, member_id: alert.memberId, kind: alert.kind, detail: alert.detail, created_at: alert.now, resolved_at: null })
    .execute();
}

/**
 * FORGET ME: removes a member's personal data. Names, places, needs, offers, the
 * words of every message and the console's notes about them go; the rows that remain hold no personal data and keep the
 * anonymous counts. Channel addresses are replaced, so the number or chat is no longer
 * held either: a later message from it starts afresh as a new member. The caller resets
 * the conversation state (the engine returns a fresh one). Messages that arrived
 * after FORGET ME was confirmed but are not handled yet (all but `handlingId`) go
 * with the rest: there is no one left to answer.
 */
export async function eraseMember(trx: Executor, memberId: string, now: number, handlingId: string | null = null): Promise<void> {
  await trx
    .updateTable('members')
    .set({
      first_name: null,
      postcode: null,
      outcode: null,
      sector: null,
      latitude: null,
      longitude: null,
      code: null,
      status: 'erased',
      updated_at: now,
      volunteer_at: null,
      travel_km: null,
      availability: null,
      paused_at: null,
      verified_at: null,
      last_asked_at: null,
    })
    .where('id', '=', memberId)
    .execute();
  // Needs and offers stay as anonymous counts: no words, no place, closed.
  await trx
    .updateTable('needs')
    .set((eb) => ({
      words: null,
      latitude: null,
      longitude: null,
      outcode: null,
      sector: null,
      area: null,
      updated_at: now,
      status: eb.case().when('status', 'in', ['open', 'matched']).then('cancelled').else(eb.ref('status')).end(),
    }))
    .where('member_id', '=', memberId)
    .execute();
  await trx.updateTable('offers').set({ words: null, status: 'withdrawn', updated_at: now }).where('member_id', '=', memberId).execute();
  await trx.deleteFrom('candidates').where('member_id', '=', memberId).execute();
  // The console's: what a coordinator wrote when resolving an alert about them (it may
  // name them or quote their number), and the keyed hashes it finds them by.
  await trx.updateTable('alerts').set({ note: '(erased)' }).where('member_id', '=', memberId).where('note', 'is not', null).execute();
  await trx.deleteFrom('console_search').where('member_id', '=', memberId).execute();
  await trx.deleteFrom('console_search_tails').where('member_id', '=', memberId).execute();
  await trx
    .updateTable('asks')
    .set({ status: 'closed', answered_at: now })
    .where('volunteer_id', '=', memberId)
    .where('status', '=', sql.lit('open'))
    .execute();
  const needIds = (await trx.selectFrom('needs').select('id').where('member_id', '=', memberId).execute()).map((r) => r.id);
  if (needIds.length > 0)
    await trx.updateTable('asks').set({ status: 'closed', answered_at: now }).where('need_id', 'in', needIds).where('status', '=', sql.lit('open')).execute();
  await trx
    .updateTable('matches')
    .set({ status: 'closed', closed_at: now })
    .where('status', '=', sql.lit('active'))
    .where((eb) => eb.or([eb('requester_id', '=', memberId), eb('volunteer_id', '=', memberId)]))
    .execute();
  const identityIds = (await trx.selectFrom('identities').select('id').where('member_id', '=', memberId).execute()).map((r) => r.id);
  if (identityIds.length === 0) return;
  await trx.updateTable('inbound_messages').set({ body: null, input: '{"kind":"erased"}' }).where('identity_id', 'in', identityIds).execute();
  await trx
    .updateTable('inbound_messages')
    .set({ status: 'handled', handled_at: now })
    .where('identity_id', 'in', identityIds)
    .where('status', '=', sql.lit('pending'))
    .where('id', '!=', handlingId ?? '')
    .execute();
  // Error texts can quote a number back (provider messages), so they go too. Replies
  // not sent yet will never go: they are cancelled, so nothing waits behind them.
  await trx.updateTable('outbound_messages').set({ body: '', reply: null, address: '', error: null }).where('identity_id', 'in', identityIds).execute();
  await trx
    .updateTable('outbound_messages')
    .set({ status: 'cancelled', error: 'recipient erased', updated_at: now })
    .where('identity_id', 'in', identityIds)
    .where('status', 'in', [sql.lit('pending'), sql.lit('sending')])
    .execute();
  await trx.updateTable('alerts').set({ detail: '(erased)' }).where('member_id', '=', memberId).execute();
  // What others were sent about them (their relayed words, their name, their contact):
  // not yet sent, it never goes; sent, its words go.
  await trx
    .updateTable('outbound_messages')
    .set({ status: 'cancelled', error: 'about an erased member', updated_at: now })
    .where('about_member_id', '=', memberId)
    .where('status', 'in', [sql.lit('pending'), sql.lit('sending')])
    .execute();
  await trx.updateTable('outbound_messages').set({ body: '', reply: null }).where('about_member_id', '=', memberId).execute();
  for (const id of identityIds) {
    await trx
      .updateTable('identities')
      .set({ address: `erased-${id}`, handle: null, opted_out_at: null, erased_at: now })
      .where('id', '=', id)
      .execute();
  }
}

/** Whether a member is in the simulator's sandbox; undefined if there is no such member. */
export async function isSandboxMember(db: Executor, id: string): Promise<boolean | undefined> {
  const member = await db.selectFrom('members').select('sandbox').where('id', '=', id).executeTakeFirst();
  return member === undefined ? undefined : member.sandbox === 1;
}

/** Locks a member's row until the transaction ends (PostgreSQL: SELECT ... FOR UPDATE). */
export async function lockMemberRow(db: Executor, id: string): Promise<void> {
  await db.selectFrom('members').select('id').where('id', '=', id).forUpdate().execute();
}

/** The active member with this volunteer code, if any. */
export async function activeMemberByCode(db: Executor, code: string): Promise<{ id: string; first_name: string | null } | undefined> {
  return db.selectFrom('members').select(['id', 'first_name']).where('code', '=', code).where('status', '=', sql.lit('active')).executeTakeFirst();
}

/**
 * Marks an active member as a verified volunteer (a coordinator checked them); false if
 * there is no such member or they are no longer active. Their candidate rows are not
 * refreshed here: the caller does that in the same transaction.
 */
export async function verifyMember(db: Executor, memberId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('members')
    .set({ verified_at: now, updated_at: now })
    .where('id', '=', memberId)
    .where('status', '=', sql.lit('active'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the handle (a Telegram @username) an identity now has; sealed at rest like the address. */
export async function setIdentityHandle(db: Executor, identityId: string, handle: string | null): Promise<void> {
  await db.updateTable('identities').set({ handle }).where('id', '=', identityId).execute();
}

/** A member's identities that can still be reached: not opted out, unreachable or erased. */
export async function reachableIdentities(db: Executor, memberId: string): Promise<Identity[]> {
  return db
    .selectFrom('identities')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('opted_out_at', 'is', null)
    .where('unreachable_at', 'is', null)
    .where('erased_at', 'is', null)
    .execute();
}

/** The member's other identities that can still be reached, newest first. */
export async function otherReachableIdentities(db: Executor, memberId: string, exceptIdentityId: string): Promise<Identity[]> {
  return (await reachableIdentities(db, memberId)).filter((i) => i.id !== exceptIdentityId).sort((a, b) => b.created_at - a.created_at);
}
