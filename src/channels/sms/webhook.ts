/**
 * Twilio's webhooks: inbound SMS and WhatsApp messages, and delivery reports. Every request must carry a
 * valid X-Twilio-Signature for PUBLIC_BASE_URL + the path, or it is refused with 403
 * and nothing is stored. An accepted SMS is recorded before we answer, and the
 * answer is an empty TwiML <Response/>: replies go out through the REST API.
 */
import twilio from 'twilio';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/log.js';
import type { Store } from '../../store/database.js';
import { getIdentity, setOptedOut, setUnreachable } from '../../store/members.repository.js';
import { applyDeliveryStatus, hasProviderId, reopenOutsideWindow } from '../../store/messages.repository.js';
import { text, type InboundEnvelope, type WebhookRequest, type WebhookResponse, type WebhookRoute } from '../channel.js';
import { unreachableEvent, type Inbox } from '../inbox.js';
import type { ChannelName } from '../../domain/channels.js';
import { parseCallbackData } from '../telegram/render.js';
import { OPTED_OUT_CODE, OUTSIDE_WINDOW_CODE, RECIPIENT_CODES } from './sender.js';

/**
 * How long a delivery report waits for the send it is about to be recorded (the record
 * follows Twilio's answer by milliseconds, or by seconds while the database is busy);
 * a report for a message we never recorded is then ignored.
 */
const REPORT_WAIT_MS = 3000;

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface SmsWebhookDeps {
  accountSid: string;
  authToken: string;
  publicBaseUrl: string;
  inbox: Inbox;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Which of Twilio's channels are switched on (default: SMS only). */
  channels?: { sms: boolean; whatsapp: boolean };
}

type TwilioParams = Record<string, unknown>;

/** Twilio's message ids: SM (SMS) or MM (MMS) and 32 lowercase hex digits. */
const MESSAGE_SID = /^(SM|MM)[0-9a-f]{32}$/;
const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const SERVICE_SID = /^MG[0-9a-f]{32}$/;
/** A phone number as Twilio writes it (E.164), on SMS or WhatsApp. */
const ADDRESS = /^(whatsapp:)?\+[1-9]\d{6,14}$/;
const DIGITS = /^\d{1,5}$/;
const WHATSAPP = 'whatsapp:';
const COORDINATE = /^-?\d{1,3}(\.\d{1,12})?$/;
const STATUSES = new Set([
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'undelivered',
  'failed',
  'delivered',
  'read',
  'receiving',
  'received',
  'canceled',
  'partially_delivered',
]);

/**
 * What a signed request from Twilio must hold, exactly. The signature covers the
 * names and values run together with no separators, so a replay can move a boundary
 * ("MessageSid=<sid>MessagingServiceSid<mg>" with that field dropped) and keep it;
 * every id is checked to its exact form (and the copies of the message id to be the
 * same), so a moved boundary is refused rather than read as a new message.
 */
function readCommon(params: TwilioParams, accountSid: string): { sid: string } | { error: string } {
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && typeof value !== 'string') return { error: `${name} must be given once` };
  }
  const p = params as Record<string, string | undefined>;
  if (!p.AccountSid || !ACCOUNT_SID.test(p.AccountSid) || p.AccountSid !== accountSid) return { error: 'AccountSid must be ours' };
  const sid = p.MessageSid;
  if (!sid || !MESSAGE_SID.test(sid)) return { error: 'MessageSid must be SM or MM and 32 hex digits' };
  for (const copy of ['SmsSid', 'SmsMessageSid'] as const) {
    if (p[copy] !== undefined && p[copy] !== sid) return { error: `${copy} must be the MessageSid` };
  }
  if (p.MessagingServiceSid && !SERVICE_SID.test(p.MessagingServiceSid)) return { error: 'MessagingServiceSid must be MG and 32 hex digits' };
  return { sid };
}

/**
 * Turns Twilio's inbound parameters into a neutral message, or says what is wrong with
 * them. Deduplicated on the MessageSid, which is only ever taken in its one exact
 * form. A `whatsapp:` From is a WhatsApp message: its own channel, addressed by the
 * plain number (a WhatsApp identity is not the SMS identity of the same number). A
 * press of one of our quick-reply buttons carries its choice in ButtonPayload.
 */
export function readInboundSms(params: TwilioParams, accountSid: string): { message: InboundEnvelope } | { error: string } {
  const common = readCommon(params, accountSid);
  if ('error' in common) return common;
  const p = params as Record<string, string | undefined>;
  if (!p.From || !ADDRESS.test(p.From)) return { error: 'From must be a phone number' };
  if (!p.To || !ADDRESS.test(p.To)) return { error: 'To must be a phone number' };
  const whatsapp = p.From.startsWith(WHATSAPP);
  if (whatsapp !== p.To.startsWith(WHATSAPP)) return { error: 'From and To must both be WhatsApp addresses, or neither' };
  if (p.NumMedia !== undefined && !DIGITS.test(p.NumMedia)) return { error: 'NumMedia must be a number' };
  const channel: ChannelName = whatsapp ? 'whatsapp' : 'sms';
  const address = whatsapp ? p.From.slice(WHATSAPP.length) : p.From;
  const body = p.Body ?? '';
  const media = Number(p.NumMedia ?? '0');
  if (whatsapp && p.ButtonPayload) {
    // Our buttons carry "v1|step|choice"; a template's own buttons carry words of their own.
    const parsed = parseCallbackData(p.ButtonPayload);
    const input = !parsed
      ? ({ kind: 'text', text: p.ButtonText || p.ButtonPayload } as const)
      : parsed.step === 'word'
        ? ({ kind: 'text', text: parsed.choice } as const)
        : ({ kind: 'choice', step: parsed.step, choice: parsed.choice } as const);
    return { message: { channel, providerId: common.sid, address, body: p.ButtonText || body || p.ButtonPayload, input } };
  }
  if (whatsapp && p.Latitude !== undefined && p.Longitude !== undefined) {
    // A shared location: read as on Telegram, where the engine takes it for a postcode.
    const latitude = Number(p.Latitude);
    const longitude = Number(p.Longitude);
    if (!COORDINATE.test(p.Latitude) || !COORDINATE.test(p.Longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
      return { error: 'Latitude and Longitude must be numbers' };
    return { message: { channel, providerId: common.sid, address, body: null, input: { kind: 'location', latitude, longitude } } };
  }
  const input = body.trim() === '' && media > 0 ? ({ kind: 'unsupported', what: 'media' } as const) : ({ kind: 'text', text: body } as const);
  return { message: { channel, providerId: common.sid, address, body, input } };
}

/** A delivery report's parameters, checked as strictly as an inbound message's. */
export function readStatus(
  params: TwilioParams,
  accountSid: string,
): { sid: string; status: string; errorCode: string | undefined; channel: ChannelName } | { error: string } {
  const common = readCommon(params, accountSid);
  if ('error' in common) return common;
  const p = params as Record<string, string | undefined>;
  const status = p.MessageStatus ?? p.SmsStatus;
  if (!status || !STATUSES.has(status)) return { error: "MessageStatus must be one of Twilio's" };
  if (p.ErrorCode && !DIGITS.test(p.ErrorCode)) return { error: 'ErrorCode must be a number' };
  // A WhatsApp message's report is addressed to (or from) a whatsapp: address.
  const channel: ChannelName = p.To?.startsWith(WHATSAPP) || p.From?.startsWith(WHATSAPP) ? 'whatsapp' : 'sms';
  return { sid: common.sid, status, errorCode: p.ErrorCode || undefined, channel };
}

/** The webhooks Twilio calls: inbound SMS, and delivery reports. */
export function smsWebhooks(deps: SmsWebhookDeps): WebhookRoute[] {
  const verified = (request: WebhookRequest): { params: TwilioParams } | { refused: WebhookResponse } => {
    // Twilio posts forms; anything else (JSON, say, whose values need not be strings) is not from it.
    const contentType = request.headers['content-type'];
    if (typeof contentType !== 'string' || !/^application\/x-www-form-urlencoded\b/i.test(contentType))
      return { refused: text(415, 'Twilio webhooks are form-encoded') };
    const signature = request.headers['x-twilio-signature'];
    const params = (request.body && typeof request.body === 'object' ? request.body : {}) as TwilioParams;
    const url = deps.publicBaseUrl + request.url;
    if (typeof signature !== 'string' || !twilio.validateRequest(deps.authToken, signature, url, params as Record<string, string>)) {
      deps.log.warn({ url: request.url }, 'refused a Twilio webhook with a missing or wrong signature');
      return { refused: text(403, 'Invalid Twilio signature') };
    }
    return { params };
  };

  const inbound: WebhookRoute = {
    path: '/webhooks/twilio/sms',
    async handle(request) {
      const checked = verified(request);
      if ('refused' in checked) return checked.refused;
      const read = readInboundSms(checked.params, deps.accountSid);
      if ('error' in read) {
        deps.log.warn({ why: read.error }, 'refused a signed Twilio webhook that is not a well-formed SMS');
        return text(400, `Not an SMS as Twilio sends it: ${read.error}`);
      }
      const on = deps.channels ?? { sms: true, whatsapp: false };
      if (!on[read.message.channel as 'sms' | 'whatsapp']) {
        deps.log.warn({ channel: read.message.channel }, 'refused a Twilio message for a channel that is not switched on');
        return text(400, `${read.message.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} is not switched on here`);
      }
      const accepted = await deps.inbox.accept(read.message);
      // Recorded, so not lost; but say so, so a provider that retries does.
      if (!accepted.queued) return text(503, 'Busy, please retry', { 'retry-after': '5' });
      return { status: 200, type: 'text/xml', body: EMPTY_TWIML };
    },
  };

  const status: WebhookRoute = {
    path: '/webhooks/twilio/status',
    async handle(request) {
      const checked = verified(request);
      if ('refused' in checked) return checked.refused;
      const read = readStatus(checked.params, deps.accountSid);
      if ('error' in read) {
        deps.log.warn({ why: read.error }, 'refused a signed Twilio delivery report that is not well formed');
        return text(400, `Not a delivery report as Twilio sends it: ${read.error}`);
      }
      const { sid, errorCode, channel } = read;
      // A report can come before we have recorded the send it is about (Twilio answers
      // the send and may report within milliseconds): give the record a moment.
      const deadline = Date.now() + REPORT_WAIT_MS;
      while (!(await hasProviderId(deps.store.db, channel, sid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const now = deps.clock.now();
      if (channel === 'whatsapp' && Number(errorCode) === OUTSIDE_WINDOW_CODE && (await reopenOutsideWindow(deps.store.db, channel, sid, now))) {
        // Taken, then refused as outside the 24-hour window: it goes again as a template
        // (or another way), once, when the reconciler finds its send due.
        deps.log.info({ sid }, 'Twilio refused a WhatsApp message outside the 24-hour window; it will go as a template or another way');
        return { status: 204 };
      }
      const updated = await applyDeliveryStatus(deps.store.db, channel, sid, read.status, errorCode ? `twilio ${errorCode}` : null, now);
      const code = Number(errorCode);
      const optedOut = code === OPTED_OUT_CODE;
      if (updated && (optedOut || RECIPIENT_CODES.has(code))) {
        // The carrier would not deliver it (most dead numbers are reported here, after
        // Twilio took the message): stop sending, and tell their conversation, once per message.
        if (optedOut) await setOptedOut(deps.store.db, updated.identity_id, now);
        else await setUnreachable(deps.store.db, updated.identity_id, now);
        const identity = await getIdentity(deps.store.db, updated.identity_id);
        if (identity && identity.erased_at === null) await deps.inbox.accept(unreachableEvent(channel, identity.address, updated.id));
      }
      return { status: 204 };
    },
  };

  return [inbound, status];
}
