/**
 * Sending SMS through Twilio's REST Messages resource with the official SDK. The base
 * URL can point elsewhere (TWILIO_API_BASE_URL: a proxy, or a local fake in tests).
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { TwilioConfig } from '../../platform/config.js';
import { SendError, type ChannelSender } from '../channel.js';
import { renderSms } from './render.js';

type RequestOptions<T> = RequestClient.RequestOptions<T>;

/** Twilio error 21610: the recipient replied STOP at the carrier; sending is refused. */
export const OPTED_OUT_CODE = 21610;

/**
 * Twilio errors about the recipient's number: it is not a valid mobile, or the
 * carrier will not deliver to it. The number is marked unreachable (until they text
 * from it again). Errors about our own setup or the message (our From number, country
 * permissions, length, carrier filtering) are refusals of that message only: marking
 * people unreachable for them would break up every match over a configuration slip.
 * 63003: WhatsApp could not find the To address (the number is not on WhatsApp).
 */
export const RECIPIENT_CODES = new Set([21211, 21612, 21614, 21635, 30004, 30005, 30006, 63003]);

/**
 * Twilio error 63016: a free-form WhatsApp message outside the 24-hour window since
 * the person's last message. Only an approved template may go; the number is fine.
 */
export const OUTSIDE_WINDOW_CODE = 63016;

/** Twilio error 63018: sending faster than the WhatsApp sender's limit. */
export const CHANNEL_RATE_CODE = 63018;

/**
 * The SDK's own HTTP client, with every request to api.twilio.com redirected to
 * `baseUrl`. This is the SDK's documented `httpClient` extension point.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<T>(opts: RequestOptions<T>) {
    const uri = new URL(opts.uri);
    if (uri.hostname.endsWith('twilio.com')) opts.uri = `${this.baseUrl}${uri.pathname}${uri.search}`;
    return super.request<T>(opts);
  }
}

/** Maps whatever the SDK threw onto a SendError that says whether to try again. */
export function toSendError(error: unknown): SendError {
  const e = error as { status?: number; code?: number | string; message?: string } | null;
  const message = e?.message ?? String(error);
  if (typeof e?.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : undefined;
    if (code === OPTED_OUT_CODE) return new SendError(message, { reason: 'opted_out', retryable: false, code, cause: error });
    if (code === OUTSIDE_WINDOW_CODE) return new SendError(message, { reason: 'outside_window', retryable: false, code, cause: error });
    if (e.status === 429 || code === 20429 || code === CHANNEL_RATE_CODE)
      return new SendError(message, { reason: 'rate_limited', retryable: true, retryAfterMs: 1000, code, cause: error });
    if (e.status >= 500) return new SendError(message, { reason: 'provider', retryable: true, code, cause: error });
    if (code !== undefined && RECIPIENT_CODES.has(code)) return new SendError(message, { reason: 'unreachable', retryable: false, code, cause: error });
    return new SendError(message, { reason: 'rejected', retryable: false, code, cause: error });
  }
  // No HTTP status: the request did not get an answer (refused, reset, timed out).
  return new SendError(message, { reason: 'network', retryable: true, code: typeof e?.code === 'string' ? e.code : undefined, cause: error });
}

/** The Twilio SDK's client, talking to `apiBaseUrl` (SMS and WhatsApp share it). */
export function twilioClient(config: Pick<TwilioConfig, 'accountSid' | 'authToken' | 'apiBaseUrl' | 'timeoutMs'>) {
  return twilio(config.accountSid, config.authToken, {
    httpClient: new BaseUrlRequestClient(config.apiBaseUrl, { timeout: config.timeoutMs, keepAlive: true }),
  });
}

export function createSmsSender(config: TwilioConfig, statusCallbackUrl: string): ChannelSender {
  const client = twilioClient(config);
  const from = 'number' in config.from ? { from: config.from.number } : { messagingServiceSid: config.from.messagingServiceSid };
  return {
    channel: 'sms',
    buttons: false,
    // Twilio queues above the number's (or the service's) rate: TWILIO_MPS keeps under it.
    perSecond: config.mps,
    render: renderSms,
    async send(message) {
      try {
        const sent = await client.messages.create({ to: message.address, body: message.text, statusCallback: statusCallbackUrl, ...from });
        return { providerId: sent.sid };
      } catch (error) {
        throw toSendError(error);
      }
    },
    async findSent(message, since) {
      try {
        // Twilio lists a number's messages newest first; ours is there if it went out.
        const recent = await client.messages.list({ to: message.address, limit: 20 });
        const hit = recent.find((m) => m.body === message.text && m.direction.startsWith('outbound') && m.dateCreated.getTime() >= since - 60_000);
        return hit ? { providerId: hit.sid } : null;
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}
