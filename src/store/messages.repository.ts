/**
 * Inbound and outbound messages: the record of everything said, and the state of
 * every send.
 */
import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { Executor } from './database.js';
import { everyColumn, named, prepared } from './prepared.js';
import type { Database, InboundMessage, NewInboundMessage, NewOutboundMessage, OutboundMessage, OutboundMessagesTable } from './schema.js';

export async function findInboundByProviderId(db: Executor, channel: string, providerId: string): Promise<InboundMessage | undefined> {
  return db.selectFrom('inbound_messages').selectAll().where('channel', '=', channel).where('provider_id', '=', providerId).executeTakeFirst();
}

export async function insertInbound(db: Executor, row: NewInboundMessage): Promise<void> {
  await db.insertInto('inbound_messages').values(row).execute();
}

/** Records a message unless one with its provider id is recorded already; false then. */
export async function insertInboundOnce(db: Executor, row: NewInboundMessage): Promise<boolean> {
  // Named on PostgreSQL (see named()): a write every message makes.
  const result = await db.executeQuery(
    named(
      db,
      db
        .insertInto('inbound_messages')
        .values(row)
        .onConflict((oc) => oc.columns(['channel', 'provider_id']).doNothing()),
    ),
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

/**
 * The identity's oldest message not yet handled: messages are handled strictly in
 * arrival order. Only where it stands in line, none of its words: reading them (and
 * opening them, when sealed) happens where a failure fails that message, not the queue.
 */
export async function nextPendingInbound(db: Executor, identityId: string): Promise<Pick<InboundMessage, 'id' | 'seq' | 'provider_id'> | undefined> {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'seq', 'provider_id'])
    .where('identity_id', '=', identityId)
    .where('status', '=', sql.lit('pending'))
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}

const handledQuery = prepared((db, at) =>
  db
    .updateTable('inbound_messages')
    .set({ status: 'handled', handled_at: at(1) as unknown as number })
    .where('id', '=', at(0))
    .where('status', '=', sql.lit('pending')),
);

/** Marks a message handled, only if it was still pending; false means someone else handled it. */
export async function markInboundHandled(db: Executor, id: string, now: number): Promise<boolean> {
  return (await handledQuery.run(db, [id, now])).changed === 1;
}

/** Counts a failed attempt; after `maxAttempts` the message is set aside as failed. */
export async function recordInboundFailure(db: Executor, id: string, error: string, maxAttempts: number, now: number): Promise<'retry' | 'failed'> {
  const row = await db
    .updateTable('inbound_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), error: error.slice(0, 1000) }))
    .where('id', '=', id)
    .where('status', '=', sql.lit('pending'))
    .returning('attempts')
    .executeTakeFirst();
  if (!row || row.attempts < maxAttempts) return 'retry';
  await db.updateTable('inbound_messages').set({ status: 'failed', handled_at: now }).where('id', '=', id).execute();
  return 'failed';
}

/** Pending messages received before `before`: the reconciler makes sure each has a job. */
export async function listStalePendingInbound(db: Executor, before: number, limit: number): Promise<{ id: string; identity_id: string }[]> {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'identity_id'])
    .where('status', '=', sql.lit('pending'))
    .where('received_at', '<', before)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

/**
 * Messages on `channels` still to go, untouched since before `before`: each is its own
 * record of the send job it needs, and the reconciler queues those again.
 */
export async function listUnsentOutbound(
  db: Executor,
  before: number,
  limit: number,
  channels: readonly string[],
): Promise<{ id: string; channel: string; inbound_id: string | null; created_at: number }[]> {
  if (channels.length === 0) return [];
  return (
    db
      .selectFrom('outbound_messages')
      .select(['id', 'channel', 'inbound_id', 'created_at'])
      // Written out, not as parameters: SQLite uses the partial index outbound_unsent only
      // when the query's condition is the index's own.
      .where(sql<boolean>`status in ('pending', 'sending')`)
      .where('updated_at', '<', before)
      .where('channel', 'in', channels)
      .orderBy('updated_at')
      .limit(limit)
      .execute()
  );
}

export async function insertOutbound(db: Executor, row: NewOutboundMessage): Promise<void> {
  // Named on PostgreSQL (see named()): a write every reply makes.
  await db.executeQuery(named(db, db.insertInto('outbound_messages').values(row)));
}

export async function getOutbound(db: Executor, id: string): Promise<OutboundMessage | undefined> {
  return db.selectFrom('outbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markOutboundEnded(db: Executor, id: string, status: 'failed' | 'cancelled', error: string, now: number): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set({ status, error: error.slice(0, 1000), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Counts a failed attempt. `status` says what we know: 'pending' when the provider
 * answered (it did not take the message), 'sending' when it never answered (it may have).
 */
export async function recordOutboundAttempt(db: Executor, id: string, error: string, now: number, status: 'pending' | 'sending' = 'pending'): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), error: error.slice(0, 1000), updated_at: now, status }))
    .where('id', '=', id)
    .execute();
}

/** A rate-limited attempt: not counted, and the provider did not take the message. */
export async function releaseOutbound(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('outbound_messages').set({ status: 'pending', updated_at: now }).where('id', '=', id).where('status', '=', sql.lit('sending')).execute();
}

/** Provider delivery reports, in the order a message moves through them. */
const DELIVERY_RANK: Record<string, number> = {
  accepted: 1,
  scheduled: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  undelivered: 5,
  failed: 5,
  delivered: 6,
  read: 7,
};

/** Whether a message the provider knows by `providerId` is recorded as handed to it. */
export async function hasProviderId(db: Executor, channel: string, providerId: string): Promise<boolean> {
  return (
    (await db.selectFrom('outbound_messages').select('id').where('channel', '=', channel).where('provider_id', '=', providerId).executeTakeFirst()) !==
    undefined
  );
}

/**
 * Records a delivery report, only moving forward: a late "sent" never overwrites
 * "delivered". Returns the message when the report was applied.
 */
export async function applyDeliveryStatus(
  db: Executor,
  channel: string,
  providerId: string,
  status: string,
  error: string | null,
  now: number,
): Promise<OutboundMessage | undefined> {
  const rank = DELIVERY_RANK[status];
  if (rank === undefined) return undefined;
  const row = await db.selectFrom('outbound_messages').selectAll().where('channel', '=', channel).where('provider_id', '=', providerId).executeTakeFirst();
  if (!row) return undefined;
  const currentRank = row.delivery_status ? (DELIVERY_RANK[row.delivery_status] ?? 0) : 0;
  if (rank <= currentRank) return undefined;
  await db
    .updateTable('outbound_messages')
    .set({ delivery_status: status, updated_at: now, ...(error ? { error } : {}) })
    .where('id', '=', row.id)
    .where('delivery_status', row.delivery_status === null ? 'is' : '=', row.delivery_status)
    .execute();
  return { ...row, delivery_status: status };
}

/** A transcript: what an address sent and was sent, oldest first (ids sort by creation time). */
export async function listTranscript(
  db: Executor,
  identityId: string,
  limit = 200,
): Promise<{ id: string; direction: 'in' | 'out'; text: string; at: number; status: string; reply: string | null }[]> {
  const inbound = await db
    .selectFrom('inbound_messages')
    .select(['id', 'body', 'received_at', 'status'])
    .where('identity_id', '=', identityId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  const outbound = await db
    .selectFrom('outbound_messages')
    .select(['id', 'body', 'created_at', 'status', 'reply'])
    .where('identity_id', '=', identityId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return [
    ...inbound.map((m) => ({ id: m.id, direction: 'in' as const, text: m.body ?? '', at: m.received_at, status: m.status, reply: null })),
    ...outbound.map((m) => ({ id: m.id, direction: 'out' as const, text: m.body, at: m.created_at, status: m.status, reply: m.reply })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The earliest of a person's messages still to go (pending or sending) before (`<`) or
 * after (`>`) a message in send order: what keeps one person's replies in order (see
 * delivery/order.ts). `person` and `message` are values, or references to the outer
 * query's row (the send's read, its claim and its sent mark ask it in their own statement).
 */
function stillToGo(db: Executor, person: Expression<string>, side: '<' | '>', message: Expression<string>) {
  return db
    .selectFrom('outbound_messages as a')
    .select('a.id')
    .where('a.identity_id', '=', person)
    .where('a.status', 'in', [sql.lit('pending'), sql.lit('sending')])
    .where('a.id', side, message)
    .orderBy('a.id')
    .limit(1);
}

/** The earliest message to this identity still to go (pending or sending), before or after `id` in send order. */
export async function earliestPendingOutbound(db: Executor, identityId: string, side: { before: string } | { after: string }): Promise<string | undefined> {
  const [person, id] = [sql.val(identityId), sql.val('before' in side ? side.before : side.after)];
  return (await stillToGo(db, person, 'before' in side ? '<' : '>', id).executeTakeFirst())?.id;
}

/** A message with what sending it needs to know of its recipient and its place in their line. */
export type OutboundForSend = OutboundMessage & {
  /** Null when the identity is gone. */
  recipient: { opted_out_at: number | null; unreachable_at: number | null; erased_at: number | null } | null;
  /** The earliest of their messages still to go before this one, if any. */
  ahead_id: string | null;
};

/** Every column of an outbound message, for the prepared queries (see everyColumn). */
const OUTBOUND_COLUMNS = everyColumn<OutboundMessagesTable>()([
  'id',
  'identity_id',
  'channel',
  'address',
  'purpose',
  'body',
  'reply',
  'status',
  'delivery_status',
  'provider_id',
  'attempts',
  'error',
  'inbound_id',
  'created_at',
  'sent_at',
  'updated_at',
  'about_member_id',
]);

/** A message to send, with its recipient's standing and whatever is ahead of it, in one statement. */
const outboundForSendQuery = prepared((db, at) =>
  db
    .selectFrom('outbound_messages as o')
    .leftJoin('identities as i', 'i.id', 'o.identity_id')
    .select(OUTBOUND_COLUMNS.map((c) => `o.${c}` as const))
    .select(['i.id as r_id', 'i.opted_out_at as r_opted_out_at', 'i.unreachable_at as r_unreachable_at', 'i.erased_at as r_erased_at'])
    .select(stillToGo(db, sql.ref('o.identity_id'), '<', sql.ref('o.id')).as('ahead_id'))
    .where('o.id', '=', at(0)),
);

export async function outboundForSend(db: Executor, id: string): Promise<OutboundForSend | undefined> {
  const [row] = await outboundForSendQuery.execute(db, [id]);
  if (!row) return undefined;
  const { r_id, r_opted_out_at, r_unreachable_at, r_erased_at, ahead_id, ...message } = row;
  return {
    ...message,
    recipient: r_id === null ? null : { opted_out_at: r_opted_out_at, unreachable_at: r_unreachable_at, erased_at: r_erased_at },
    ahead_id: ahead_id ?? null,
  };
}

/**
 * Marks a message as being handed to its provider, in the same statement as the last
 * look at whether it may still go (the recipient has not opted out, become unreachable
 * or been erased since it was read, except for the answer to STOP and the goodbye
 * after FORGET ME). False when it may not, or is no longer waiting to go.
 */
const claimQuery = prepared((db, at) =>
  db
    .updateTable('outbound_messages')
    .set({ status: 'sending', updated_at: at(1) as unknown as number })
    .where('id', '=', at(0))
    .where('status', 'in', [sql.lit('pending'), sql.lit('sending')])
    .where('address', '!=', '')
    .where(recipientMayHaveIt),
);

/** Whether the recipient of the outbound row being updated may have it now (mayNotGo in deliver.ts asks the same). */
function recipientMayHaveIt(eb: ExpressionBuilder<Database, 'outbound_messages'>) {
  return eb.exists(
    eb
      .selectFrom('identities as i')
      .select('i.id')
      .whereRef('i.id', '=', 'outbound_messages.identity_id')
      .where('i.unreachable_at', 'is', null)
      .where((w) => w.or([w('i.opted_out_at', 'is', null), w('outbound_messages.purpose', '=', 'optout_ack')]))
      .where((w) => w.or([w('i.erased_at', 'is', null), w('outbound_messages.purpose', '=', 'final')])),
  );
}

export async function claimForSending(db: Executor, id: string, now: number): Promise<boolean> {
  return (await claimQuery.run(db, [id, now])).changed === 1;
}

/**
 * The common case in one statement: marks a message as being handed to its provider
 * and returns it, when it is waiting to go for the first time ('pending', not an
 * unconfirmed 'sending'), its recipient may have it, and none of theirs is still to go
 * before it. Undefined otherwise: the caller then reads it to learn why (see
 * outboundForSend and claimForSending), exactly as if this had not been tried.
 */
const claimIfClearQuery = prepared((db, at) =>
  db
    .updateTable('outbound_messages')
    .set({ status: 'sending', updated_at: at(1) as unknown as number })
    .where('id', '=', at(0))
    .where('status', '=', sql.lit('pending'))
    .where('address', '!=', '')
    .where(recipientMayHaveIt)
    .where((eb) => eb.not(eb.exists(stillToGo(db, sql.ref('outbound_messages.identity_id'), '<', sql.ref('outbound_messages.id')))))
    .returning(OUTBOUND_COLUMNS),
);

export async function claimIfClear(db: Executor, id: string, now: number): Promise<OutboundMessage | undefined> {
  const [row] = await claimIfClearQuery.execute(db, [id, now]);
  return row;
}

/**
 * Records a message as sent (`sentAt`: when the provider was handed it) and returns, in
 * the same statement, the recipient's next message still to go, if any.
 */
const sentThenNextQuery = prepared((db, at) =>
  db
    .updateTable('outbound_messages')
    .set({
      status: 'sent',
      provider_id: at(1),
      sent_at: at(2) as unknown as number,
      updated_at: at(3) as unknown as number,
      attempts: (eb) => eb('attempts', '+', 1),
    })
    .where('id', '=', at(0))
    .returning(stillToGo(db, sql.ref('outbound_messages.identity_id'), '>', sql.ref('outbound_messages.id')).as('next_id')),
);

export async function markOutboundSentThenNext(db: Executor, id: string, providerId: string | null, sentAt: number, now: number): Promise<string | null> {
  const [row] = await sentThenNextQuery.execute(db, [id, providerId, sentAt, now]);
  return row?.next_id ?? null;
}

/** When the last message to this identity was handed to its provider, or null. */
export async function lastSentAt(db: Executor, identityId: string): Promise<number | null> {
  const last = await db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.max('sent_at').as('at'))
    .where('identity_id', '=', identityId)
    .where('status', '=', sql.lit('sent'))
    .executeTakeFirst();
  return last?.at === null || last?.at === undefined ? null : Number(last.at);
}

/** Keeps nothing of a message kept only until sent (the goodbye after FORGET ME); whether there was one to wipe. */
export async function wipeFinalOutbound(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('outbound_messages')
    .set({ body: '', reply: null, address: '', error: null })
    .where('id', '=', id)
    .where('purpose', '=', 'final')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * When the identity's message number `seq` was handled, if it was (the nearest before
 * it when that number was never used: a duplicate webhook costs a number).
 */
export async function handledAtOfSeq(db: Executor, identityId: string, seq: number): Promise<number | null> {
  const row = await db
    .selectFrom('inbound_messages')
    .select('handled_at')
    .where('identity_id', '=', identityId)
    .where('seq', '<=', seq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.handled_at ?? null;
}

/** The check-in events recorded for a match (provider ids `followup-<match>-<round>`). */
export async function followUpEvents(db: Executor, matchId: string): Promise<{ id: string; input: string }[]> {
  return db.selectFrom('inbound_messages').select(['id', 'input']).where('provider_id', 'like', `followup-${matchId}-%`).execute();
}

/** Rewrites a recorded event's input (to forget a name in it). */
export async function setInboundInput(db: Executor, id: string, input: string): Promise<void> {
  await db.updateTable('inbound_messages').set({ input }).where('id', '=', id).execute();
}

/**
 * When the person last wrote from this identity (their own messages, not the events
 * queued for their conversation: unreachable-..., followup-...), or undefined.
 */
export async function lastWordsAt(db: Executor, identityId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('inbound_messages')
    .select((eb) => eb.fn.max('received_at').as('at'))
    .where('identity_id', '=', identityId)
    .where('provider_id', 'not like', 'unreachable-%')
    .where('provider_id', 'not like', 'followup-%')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}

/** The mark a message carries once it must go as a template (or another way), not free-form. */
export const OUTSIDE_WINDOW_MARK = 'outside_window';

/**
 * A WhatsApp message Twilio took, then reported refused as outside the 24-hour window
 * (63016 in a delivery report): back to pending, marked to go as a template (or
 * another way), and its send job due again for the reconciler. Once per message: one
 * marked already, or already reported failed, stays as it is. Returns whether it was.
 */
export async function reopenOutsideWindow(db: Executor, channel: string, providerId: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('outbound_messages')
    .select(['id', 'status', 'error', 'delivery_status'])
    .where('channel', '=', channel)
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
  if (!row || row.status !== 'sent' || row.error?.startsWith(OUTSIDE_WINDOW_MARK) || row.delivery_status === 'failed' || row.delivery_status === 'undelivered')
    return false;
  const reopened = await db
    .updateTable('outbound_messages')
    .set({
      status: 'pending',
      provider_id: null,
      delivery_status: null,
      sent_at: null,
      error: `${OUTSIDE_WINDOW_MARK}: Twilio reported 63016 after taking it`,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .where('status', '=', sql.lit('sent'))
    .executeTakeFirst();
  // Pending again, so the reconciler queues its send again (the message is its own record).
  return Number(reopened.numUpdatedRows) > 0;
}
