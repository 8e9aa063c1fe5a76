/**
 * Signing webhooks exactly as Twilio does, written from Twilio's description rather
 * than with its library, so the tests check our use of the library against the
 * real algorithm: HMAC-SHA1 with the auth token over the full URL followed by each
 * POST parameter's name and value, sorted by name; base64.
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
import { createHmac, randomBytes } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export const ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const OUR_NUMBER = '+441234567890';

/** The parameters Twilio posts for an inbound SMS. */
export function inboundSmsParams(from: string, body: string, sid = messageSid()): Record<string, string> {
  return {
    ToCountry: 'GB',
    ToState: '',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: body,
    FromCountry: 'GB',
    To: OUR_NUMBER,
    MessagingServiceSid: '',
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: from,
    ApiVersion: '2010-04-01',
  };
}

/** Posts a form to our server as Twilio would, signed for `publicUrl`. */
export async function postSigned(serverUrl: string, publicUrl: string, path: string, params: Record<string, string>, signature?: string): Promise<Response> {
  const sig = signature ?? twilioSignature(AUTH_TOKEN, publicUrl + path, params);
  return fetch(serverUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig, 'user-agent': 'TwilioProxy/1.1' },
    body: new URLSearchParams(params).toString(),
  });
}

/** Our WhatsApp sender in tests. */
export const OUR_WHATSAPP = 'whatsapp:+441234567891';

/**
 * The parameters Twilio posts for an inbound WhatsApp message (`from` as +44...):
 * the same as SMS with whatsapp: addresses, the profile name and WaId, and for a
 * quick-reply button press its ButtonText and ButtonPayload.
 */
export function inboundWhatsAppParams(from: string, body: string, button?: { text: string; payload: string }, sid = messageSid()): Record<string, string> {
  const params: Record<string, string> = {
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: 'Ann',
    MessageType: button ? 'button' : 'text',
    SmsSid: sid,
    WaId: from.replace(/^\+/, ''),
    SmsStatus: 'received',
    Body: button ? button.text : body,
    To: OUR_WHATSAPP,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: `whatsapp:${from}`,
    ApiVersion: '2010-04-01',
  };
  if (button) {
    params.ButtonText = button.text;
    params.ButtonPayload = button.payload;
  }
  return params;
}
