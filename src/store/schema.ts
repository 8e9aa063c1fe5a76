/**
 * The tables, as Kysely sees them. Portable across SQLite and PostgreSQL: ids are
 * made in the app, times are epoch milliseconds, booleans are 0/1 and JSON is text.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

/** A person who uses valued. Everyone is a member; volunteering is a kind of offer. */
export interface MembersTable {
  id: string;
  first_name: string | null;
  postcode: string | null;
  outcode: string | null;
  sector: string | null;
  latitude: number | null;
  longitude: number | null;
  lang: string;
  /** 'active', or 'erased' after FORGET ME (only anonymous counts remain). */
  status: string;
  consented_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One way to reach a member: a phone number on SMS, a chat on Telegram, a simulator name. */
export interface IdentitiesTable {
  id: string;
  member_id: string;
  channel: string;
  address: string;
  opted_out_at: number | null;
  /** Set when the provider says the address cannot be reached (blocked bot, dead number). */
  unreachable_at: number | null;
  /** The sequence number given to this identity's last inbound message. */
  last_seq: number;
  created_at: number;
  /** Set by FORGET ME: the address is gone; nothing more is handled or sent. */
  erased_at: number | null;
}

/** The engine's state for one identity's chat, with a version for optimistic updates. */
export interface ConversationsTable {
  identity_id: string;
  member_id: string;
  state: string;
  version: number;
  updated_at: number;
}

/** Every message a provider handed us, recorded before we answer the provider. */
export interface InboundMessagesTable {
  id: string;
  channel: string;
  /** Twilio MessageSid, Telegram update_id, simulator id: unique per channel. */
  provider_id: string;
  identity_id: string;
  /** Arrival order within the identity: 1, 2, 3... */
  seq: number;
  body: string | null;
  /** The normalised engine input, as JSON. */
  input: string;
  /** 'pending' until handled once; 'failed' after too many attempts. */
  status: string;
  attempts: number;
  error: string | null;
  received_at: number;
  handled_at: number | null;
}

/** Every message we send, from the moment the engine decides to send it. */
export interface OutboundMessagesTable {
  id: string;
  identity_id: string;
  channel: string;
  address: string;
  /** 'normal', or 'optout_ack' for the answer to STOP (the only send after an opt-out). */
  purpose: string;
  /** The text as the channel will send it. */
  body: string;
  /** The neutral reply as JSON (choices, step) for channels with buttons. */
  reply: string | null;
  /** 'pending', 'sent', 'failed' or 'cancelled'. */
  status: string;
  /** The provider's delivery report (queued, sent, delivered, undelivered, failed, read). */
  delivery_status: string | null;
  provider_id: string | null;
  attempts: number;
  error: string | null;
  inbound_id: string | null;
  created_at: number;
  sent_at: number | null;
  updated_at: number;
}

/** Something a member needs. */
export interface NeedsTable {
  id: string;
  member_id: string;
  category: string;
  words: string | null;
  /** 'open', 'matched', 'met' or 'cancelled'. */
  status: string;
  created_at: number;
  updated_at: number;
}

/** Something a member can give. */
export interface OffersTable {
  id: string;
  member_id: string;
  category: string;
  words: string | null;
  /** 'active' or 'withdrawn'. */
  status: string;
  created_at: number;
  updated_at: number;
}

/**
 * Jobs that must reach the queue. Written in the same transaction as the change that
 * needs them, enqueued after commit, and marked done by the job itself, so a crash or
 * a Redis that lost its data never loses work: the reconciler re-enqueues what is due.
 */
export interface OutboxTable {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  data: string;
  run_at: number;
  created_at: number;
  done_at: number | null;
}

/** Something a coordinator should look at. */
export interface AlertsTable {
  id: string;
  member_id: string | null;
  kind: string;
  detail: string;
  created_at: number;
  resolved_at: number | null;
}

export interface Database {
  members: MembersTable;
  identities: IdentitiesTable;
  conversations: ConversationsTable;
  inbound_messages: InboundMessagesTable;
  outbound_messages: OutboundMessagesTable;
  needs: NeedsTable;
  offers: OffersTable;
  outbox: OutboxTable;
  alerts: AlertsTable;
}

export type Member = Selectable<MembersTable>;
export type Identity = Selectable<IdentitiesTable>;
export type InboundMessage = Selectable<InboundMessagesTable>;
export type NewInboundMessage = Insertable<InboundMessagesTable>;
export type OutboundMessage = Selectable<OutboundMessagesTable>;
export type NewOutboundMessage = Insertable<OutboundMessagesTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type MemberUpdate = Updateable<MembersTable>;
export type Alert = Selectable<AlertsTable>;
