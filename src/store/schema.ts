/**
 * The tables, as Kysely sees them. Portable across SQLite and PostgreSQL: ids are
 * made in the app, times are epoch milliseconds, booleans are 0/1 and JSON is text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  /** When they finished the volunteer questions (null: not a volunteer yet). */
  volunteer_at: number | null;
  /** How far they will go to help in person; 0 means by phone only. */
  travel_km: number | null;
  /** When they are usually free: 'weekdays', 'evenings', 'weekends' or 'any'. */
  availability: string | null;
  /** PAUSE: no match notifications until RESUME. */
  paused_at: number | null;
  /** A coordinator checked them (VERIFY), for in-person tasks where that is required. */
  verified_at: number | null;
  /** When they were last asked to help: the least recently asked go first. */
  last_asked_at: number | null;
  /** Their volunteer code, for coordinators (VERIFY 4821). */
  code: string | null;
  /**
   * 1 for a member made through the simulator: they live in a sandbox, matched only
   * with other sandbox members, never with real ones, and never a coordinator.
   */
  sandbox: Generated<number>;
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
  /** A Telegram @username, kept only to swap contact details when both sides send SHARE. */
  handle: string | null;
  /** With DATA_ENCRYPTION_KEY: a keyed hash of the address, for lookups (the address itself is sealed). */
  address_hash: string | null;
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
  /** 'pending', 'sending' (handed to the provider, not yet confirmed), 'sent', 'failed' or 'cancelled'. */
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
  /** The other member this message names or quotes (a relay, a match, an alert): FORGET ME wipes it. */
  about_member_id: string | null;
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
  /** 'in_person' or 'remote', from the category. */
  mode: string | null;
  /** Where the need is, copied from the member when it was made. */
  latitude: number | null;
  longitude: number | null;
  outcode: string | null;
  sector: string | null;
  area: string | null;
  /** The last wave of volunteers asked (0: none yet). */
  wave: number;
  /** Every wave asked and no one said yes: a coordinator was told. */
  unmatched_at: number | null;
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

/** A volunteer asked about a need: "Reply YES 4821 or NO 4821". */
export interface AsksTable {
  id: string;
  need_id: string;
  volunteer_id: string;
  /** Four digits, unique among the volunteer's open asks. */
  code: string;
  wave: number;
  /** 'open', 'accepted', 'declined', 'expired' (the wave passed) or 'closed' (someone else said yes, or the need went). */
  status: string;
  created_at: number;
  answered_at: number | null;
}

/** A need and the volunteer who said yes to it. Messages between them go through the bot. */
export interface MatchesTable {
  id: string;
  need_id: string;
  requester_id: string;
  volunteer_id: string;
  /** 'active', 'done' (DONE was sent, or the follow-up said it went well) or 'closed' (the need was cancelled). */
  status: string;
  /** Whether each side sent SHARE; contact details are swapped only when both have. */
  requester_shared: number;
  volunteer_shared: number;
  /** What the follow-up heard: 'helped', 'not_yet' or 'problem'. */
  outcome: string | null;
  created_at: number;
  closed_at: number | null;
}

/**
 * The candidate search index: one row per volunteer and category offered, with
 * everything ranking needs. Rebuilt for a member whenever anything in it changes.
 */
export interface CandidatesTable {
  member_id: string;
  category: string;
  /** 1 when they can be asked now: not paused, reachable, not erased. */
  available: number;
  verified: number;
  latitude: number | null;
  longitude: number | null;
  /** A grid cell of about 2.2 km by 1.4 km (see src/domain/geo.ts), for the nearby search. */
  cell: string | null;
  sector: string | null;
  outcode: string | null;
  area: string | null;
  travel_km: number | null;
  availability: string | null;
  lang: string;
  /** When last asked to help; 0 for never (not null: it orders the search through an index). */
  last_asked_at: number | null;
  /** The member's sandbox flag: a search reads only its own pool. */
  sandbox: Generated<number>;
}

/** Postcode centroids a deployer imports (npm run import:postcodes). */
export interface PostcodesTable {
  postcode: string;
  latitude: number;
  longitude: number;
}

/** Outcodes a deployer says are next to each other (npm run import:postcodes -- --neighbours). */
export interface OutcodeNeighboursTable {
  outcode: string;
  neighbour: string;
}

/** Something a coordinator should look at. */
export interface AlertsTable {
  id: string;
  member_id: string | null;
  kind: string;
  detail: string;
  created_at: number;
  resolved_at: number | null;
  /** A coordinator has seen it and is on it (the console's Acknowledge). */
  acknowledged_at: number | null;
  /** The coordinator who acknowledged it (coordinators.id). */
  acknowledged_by: string | null;
  /** The coordinator who resolved it; null when it resolved itself (a need found a match). */
  resolved_by: string | null;
  /** What the coordinator did about it, in their words. */
  note: string | null;
}

/** A person who looks after an area and signs in to the console (npm run coordinator). */
export interface CoordinatorsTable {
  id: string;
  name: string;
  phone: string | null;
  created_at: number;
  /** Removed accounts stay for the audit log; they cannot sign in and their sessions end. */
  removed_at: number | null;
  last_signed_in_at: number | null;
}

/** A one-time sign-in link, kept only as a hash of its token. */
export interface ConsoleLinksTable {
  token_hash: string;
  coordinator_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** A console session (@fastify/session), keyed by a hash of its id. */
export interface ConsoleSessionsTable {
  id_hash: string;
  coordinator_id: string | null;
  /** The session as JSON. */
  data: string;
  expires_at: number;
}

/** Who did what in the console, when, and about whom. */
export interface ConsoleAuditTable {
  id: string;
  at: number;
  coordinator_id: string;
  /** As it was then: the log outlives a removed account. */
  coordinator_name: string;
  action: string;
  member_id: string | null;
  /** What the action was on: an alert, a need, an export... */
  subject: string | null;
  detail: string | null;
}

/** Small values the console keeps for all web processes (the session signing secret...). */
export interface ConsoleSettingsTable {
  key: string;
  value: string;
}

/** With DATA_ENCRYPTION_KEY: a keyed hash of each member's first name, for search. */
export interface ConsoleSearchTable {
  member_id: string;
  name_key: string | null;
  indexed_at: number;
}

/** With DATA_ENCRYPTION_KEY: a keyed hash of the last four digits of each address. */
export interface ConsoleSearchTailsTable {
  identity_id: string;
  member_id: string;
  tail_key: string;
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
  asks: AsksTable;
  matches: MatchesTable;
  candidates: CandidatesTable;
  postcodes: PostcodesTable;
  outcode_neighbours: OutcodeNeighboursTable;
  coordinators: CoordinatorsTable;
  console_links: ConsoleLinksTable;
  console_sessions: ConsoleSessionsTable;
  console_audit: ConsoleAuditTable;
  console_settings: ConsoleSettingsTable;
  console_search: ConsoleSearchTable;
  console_search_tails: ConsoleSearchTailsTable;
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
export type Need = Selectable<NeedsTable>;
export type Ask = Selectable<AsksTable>;
export type Match = Selectable<MatchesTable>;
export type NewMatch = Insertable<MatchesTable>;
export type NewAsk = Insertable<AsksTable>;
export type CandidateRow = Selectable<CandidatesTable>;
export type Coordinator = Selectable<CoordinatorsTable>;
export type AuditEntry = Selectable<ConsoleAuditTable>;
