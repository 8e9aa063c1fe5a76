/**
 * Twilio's webhooks: inbound SMS and delivery reports. Every request must carry a
 * valid X-Twilio-Signature for PUBLIC_BASE_URL + the path, or it is refused with 403
 * and nothing is stored. An accepted SMS is recorded before we answer, and the
 * answer is an empty TwiML <Response/>: replies go out through the REST API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/database.js';
import { getIdentity, setOptedOut, setUnreachable } from '../../store/members.repository.js';
import { applyDeliveryStatus } from '../../store/messages.repository.js';
import type { InboundEnvelope } from '../channel.js';
import type { Inbox } from '../inbox.js';
import { OPTED_OUT_CODE, RECIPIENT_CODES } from './sender.js';

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface SmsWebhookDeps {
  authToken: string;
  publicBaseUrl: string;
  inbox: Inbox;
  store: Store;
  clock: Clock;
  log: Logger;
}

type TwilioParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Turns Twilio's inbound SMS parameters into a neutral message; null if they are not an SMS. */
export function normaliseSms(params: TwilioParams): InboundEnvelope | null {
  const sid = first(params.MessageSid) ?? first(params.SmsSid);
  const from = first(params.From);
  if (!sid || !from) return null;
  const body = first(params.Body) ?? '';
  const media = Number(first(params.NumMedia) ?? '0');
  const input = body.trim() === '' && media > 0 ? ({ kind: 'unsupported', what: 'media' } as const) : ({ kind: 'text', text: body } as const);
  return { channel: 'sms', providerId: sid, address: from, body, input };
}

export function registerSmsWebhooks(app: FastifyInstance, deps: SmsWebhookDeps): void {
  const verified = (request: FastifyRequest, reply: FastifyReply): TwilioParams | null => {
    const signature = request.headers['x-twilio-signature'];
    const params = (request.body && typeof request.body === 'object' ? request.body : {}) as TwilioParams;
    const url = deps.publicBaseUrl + request.url;
    if (typeof signature !== 'string' || !twilio.validateRequest(deps.authToken, signature, url, params)) {
      deps.log.warn({ url: request.url }, 'refused a Twilio webhook with a missing or wrong signature');
      void reply.code(403).type('text/plain').send('Invalid Twilio signature');
      return null;
    }
    return params;
  };

  app.post('/webhooks/twilio/sms', async (request, reply) => {
    const params = verified(request, reply);
    if (!params) return reply;
    const message = normaliseSms(params);
    if (!message) return reply.code(400).type('text/plain').send('Not an SMS: MessageSid and From are required');
    const accepted = await deps.inbox.accept(message);
    if (!accepted.queued) {
      // Recorded, so not lost; but say so, so a provider that retries does.
      return reply.code(503).header('retry-after', '5').type('text/plain').send('Busy, please retry');
    }
    return reply.type('text/xml').send(EMPTY_TWIML);
  });

  app.post('/webhooks/twilio/status', async (request, reply) => {
    const params = verified(request, reply);
    if (!params) return reply;
    const sid = first(params.MessageSid) ?? first(params.SmsSid);
    const status = first(params.MessageStatus) ?? first(params.SmsStatus);
    const errorCode = first(params.ErrorCode);
    if (sid && status) {
      const now = deps.clock.now();
      const updated = await applyDeliveryStatus(deps.store.db, 'sms', sid, status, errorCode ? `twilio ${errorCode}` : null, now);
      const code = Number(errorCode);
      const optedOut = code === OPTED_OUT_CODE;
      if (updated && (optedOut || RECIPIENT_CODES.has(code))) {
        // The carrier would not deliver it (most dead numbers are reported here, after
        // Twilio took the message): stop sending, and tell their conversation, once per message.
        if (optedOut) await setOptedOut(deps.store.db, updated.identity_id, now);
        else await setUnreachable(deps.store.db, updated.identity_id, now);
        const identity = await getIdentity(deps.store.db, updated.identity_id);
        if (identity && identity.erased_at === null) {
          await deps.inbox.accept({ channel: 'sms', providerId: `status-${sid}`, address: identity.address, body: null, input: { kind: 'event', name: 'unreachable' } });
        }
      }
    }
    return reply.code(204).send();
  });
}
