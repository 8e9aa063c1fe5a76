/**
 * What a person's turn reads, in one statement: their next message waiting, who they
 * are, their conversation, and where they stand (volunteer code, paused, whether they
 * have offers, requests to answer or matches, so the rarer reads are only made when
 * there is something to find). The hot path of every message (see
 * src/effects/inbound-worker.ts and docs/performance.md).
 */
import { sql } from 'kysely';
import { REMEMBER_ASKS_MS } from './asks.repository.js';
import type { Executor } from './database.js';
import { prepared } from './prepared.js';
import type { Identity, InboundMessage } from './schema.js';

export interface Turn {
  message: Pick<InboundMessage, 'id' | 'seq' | 'provider_id' | 'body' | 'input' | 'status'>;
  identity: Identity;
  conversation: { state: string; version: number } | undefined;
  standing: { code: string | null; paused: boolean; hasOffers: boolean; hasAsks: boolean; hasMatches: boolean };
  /** Whether another message of theirs waits behind this one (up to the same limit). */
  more: boolean;
}

/** The turn's read, built once (see prepared.ts). Values: identity id, the last message id (when limited), asks remembered since. */
function buildTurnQuery(limited: boolean) {
  return prepared((db, at) => {
    const upToSeq = sql<number>`(select ${sql.ref('u.seq')} from ${sql.table('inbound_messages')} as u where ${sql.ref('u.id')} = ${at(1)})`;
    return db
      .selectFrom('inbound_messages as m')
      .innerJoin('identities as i', 'i.id', 'm.identity_id')
      .leftJoin('conversations as c', 'c.identity_id', 'm.identity_id')
      .leftJoin('members as p', 'p.id', 'i.member_id')
      .select([
        'm.id',
        'm.seq',
        'm.provider_id',
        'm.body',
        'm.input',
        'm.status',
        'i.id as i_id',
        'i.member_id as i_member_id',
        'i.channel as i_channel',
        'i.address as i_address',
        'i.opted_out_at as i_opted_out_at',
        'i.unreachable_at as i_unreachable_at',
        'i.last_seq as i_last_seq',
        'i.created_at as i_created_at',
        'i.erased_at as i_erased_at',
        'i.handle as i_handle',
        'i.address_hash as i_address_hash',
        'c.state as c_state',
        'c.version as c_version',
        'p.code as p_code',
        'p.paused_at as p_paused_at',
      ])
      .select((eb) => [
        eb
          .exists(
            eb.selectFrom('offers').select('offers.id').where('offers.member_id', '=', eb.ref('i.member_id')).where('offers.status', '=', sql.lit('active')),
          )
          .as('has_offers'),
        eb
          .exists(
            eb
              .selectFrom('asks')
              .select('asks.id')
              .where('asks.volunteer_id', '=', eb.ref('i.member_id'))
              .where((w) => w.or([w('asks.status', '=', sql.lit('open')), w('asks.created_at', '>', at(2) as unknown as number)])),
          )
          .as('has_asks'),
        eb
          .or([
            eb.exists(
              eb
                .selectFrom('matches')
                .select('matches.id')
                .where('matches.requester_id', '=', eb.ref('i.member_id'))
                .where('matches.status', '=', sql.lit('active')),
            ),
            eb.exists(
              eb
                .selectFrom('matches')
                .select('matches.id')
                .where('matches.volunteer_id', '=', eb.ref('i.member_id'))
                .where('matches.status', '=', sql.lit('active')),
            ),
          ])
          .as('has_matches'),
        eb
          .exists(
            eb
              .selectFrom('inbound_messages as n')
              .select('n.id')
              .where('n.identity_id', '=', at(0))
              .where('n.status', '=', sql.lit('pending'))
              .where('n.seq', '>', eb.ref('m.seq'))
              .$if(limited, (q) => q.where('n.seq', '<=', upToSeq)),
          )
          .as('more'),
      ])
      .where('m.identity_id', '=', at(0))
      .where('m.status', '=', sql.lit('pending'))
      .$if(limited, (q) => q.where('m.seq', '<=', upToSeq))
      .orderBy('m.seq')
      .limit(1);
  });
}

const turnQuery = buildTurnQuery(false);
const turnQueryUpTo = buildTurnQuery(true);

/**
 * The identity's oldest pending message (no later than `upTo`, a message id, when
 * given) with everything its turn needs; undefined when none waits.
 */
export async function loadTurn(trx: Executor, identityId: string, upTo: string | null, now: number): Promise<Turn | undefined> {
  const query = upTo === null ? turnQuery : turnQueryUpTo;
  const [row] = await query.execute(trx, [identityId, upTo, now - REMEMBER_ASKS_MS]);
  if (!row) return undefined;
  return {
    message: { id: row.id, seq: row.seq, provider_id: row.provider_id, body: row.body, input: row.input, status: row.status },
    identity: {
      id: row.i_id,
      member_id: row.i_member_id,
      channel: row.i_channel,
      address: row.i_address,
      opted_out_at: row.i_opted_out_at,
      unreachable_at: row.i_unreachable_at,
      last_seq: row.i_last_seq,
      created_at: row.i_created_at,
      erased_at: row.i_erased_at,
      handle: row.i_handle,
      address_hash: row.i_address_hash,
    },
    conversation: row.c_state === null || row.c_version === null ? undefined : { state: row.c_state, version: Number(row.c_version) },
    standing: {
      code: row.p_code ?? null,
      paused: row.p_paused_at != null,
      hasOffers: Boolean(row.has_offers),
      hasAsks: Boolean(row.has_asks),
      hasMatches: Boolean(row.has_matches),
    },
    more: Boolean(row.more),
  };
}
