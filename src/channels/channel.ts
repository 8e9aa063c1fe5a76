/**
 * What every channel adapter speaks. Adapters are the only code that knows a
 * provider; the rest of valued sees neutral messages and a typed send error.
 */
import type { ConversationInput } from '../conversation/input.js';
import type { Reply } from '../conversation/reply.js';

import type { ChannelName } from '../domain/channels.js';

export { CHANNELS, isSandboxChannel, type ChannelName } from '../domain/channels.js';

/**
 * A provider's webhook, as the channel declares it: a path and what to do with a
 * request. The HTTP server mounts it (channels know no web framework); bodies arrive
 * parsed, forms and JSON alike.
 */
export interface WebhookRoute {
  path: string;
  handle(request: WebhookRequest): Promise<WebhookResponse>;
}

export interface WebhookRequest {
  /** The path and query as received ("/webhooks/twilio/sms?x=1"). */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: unknown;
}

export interface WebhookResponse {
  status: number;
  /** A content type; with `json`, application/json. */
  type?: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
  json?: unknown;
}

/** A plain-text answer. */
export const text = (status: number, body: string, headers?: Record<string, string>): WebhookResponse => ({ status, type: 'text/plain', body, headers });

/**
 * A message as a provider handed it to us, normalised.
 *
 * @example { channel: 'sms', providerId: 'SM0123...', address: '+447700900123', body: 'two', input: { kind: 'text', text: 'two' } }
 */
export interface InboundEnvelope {
  channel: ChannelName;
  /** The provider's own id (Twilio MessageSid, Telegram update_id): the key for dedupe. */
  providerId: string;
  /** Who sent it: a phone number, a chat id, a simulator name. */
  address: string;
  /** The words as received, for the record (null for a button press or location). */
  body: string | null;
  input: ConversationInput;
  /** A public handle (a Telegram @username), kept only for SHARE. */
  handle?: string | null;
}

/** A message ready to send, as the delivery worker hands it to a channel. */
export interface OutboundEnvelope {
  id: string;
  channel: ChannelName;
  address: string;
  /** The rendered text (from the channel's own `render`). */
  text: string;
  /** The neutral reply, for channels that draw buttons from its choices. */
  reply: Reply | null;
  /** What kind of message it is (outbound_messages.purpose: 'normal', 'ask', 'match'...). */
  purpose?: string;
  /**
   * Set when the provider said a free-form message may not go now (WhatsApp's 24-hour
   * window has closed): the channel sends its approved template for `purpose` instead.
   */
  outsideWindow?: boolean;
}

export interface SendResult {
  /** The provider's id for the sent message, used to match delivery reports. */
  providerId: string | null;
}

/**
 * Why a send failed: `opted_out` and `unreachable` change what we may send to that
 * address; `rate_limited` waits `retryAfterMs`; `outside_window`: a free-form message
 * may not go now (WhatsApp's 24-hour rule), only an approved template; the rest retry
 * only if `retryable`.
 */
export type SendFailure = 'opted_out' | 'unreachable' | 'rate_limited' | 'outside_window' | 'rejected' | 'provider' | 'network';

/** A failed send, saying whether trying again can help. */
export class SendError extends Error {
  override name = 'SendError';
  readonly reason: SendFailure;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly code: string | number | undefined;

  constructor(message: string, options: { reason: SendFailure; retryable: boolean; retryAfterMs?: number; code?: string | number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.reason = options.reason;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
  }
}

/** The outbound half of an adapter. */
export interface ChannelSender {
  readonly channel: ChannelName;
  /** Whether choices show as buttons (Telegram) rather than numbered lines (SMS). */
  readonly buttons: boolean;
  /** Least time between two sends to one chat (Telegram: about one a second). */
  readonly minGapMs?: number;
  /**
   * How long after a person's last message a free-form message may go (WhatsApp: 24
   * hours); after it, only an approved template. None: any time.
   */
  readonly windowMs?: number;
  /** The provider's limit across all chats, in sends a second; the send queue keeps under it. None: no limit. */
  readonly perSecond?: number;
  /** Turns a neutral reply into the text this channel sends. Pure. */
  render(reply: Reply): string;
  /** Sends one message; throws SendError when it cannot. */
  send(message: OutboundEnvelope): Promise<SendResult>;
  /**
   * Asks the provider whether this message already went out (an attempt since `since`
   * may have reached it before a crash). Providers that can say spare people a second
   * copy; without it, such a message is sent again (at least once, never lost).
   */
  findSent?(message: OutboundEnvelope, since: number): Promise<SendResult | null>;
  /**
   * Whether an approved template stands ready for messages of this purpose, to send
   * when a free-form message may not go (WhatsApp outside its 24-hour window).
   */
  hasTemplate?(purpose: string): boolean;
  /** Stops background work (polling, open connections). */
  close?(): Promise<void>;
}
