/**
 * A stand-in for Twilio's REST API, over real HTTP, so the real Twilio SDK talks to
 * it exactly as it would to api.twilio.com. It records every message and can be told
 * to fail the way Twilio fails.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenBucket } from './token-bucket.js';

export interface SentSms {
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  statusCallback: string | undefined;
  sid: string;
  auth: string | undefined;
  at: number;
  /** A Content template sent instead of a body (WhatsApp buttons, or a template outside the window). */
  contentSid?: string;
  contentVariables?: Record<string, string>;
}

/** WhatsApp's customer service window: free-form messages only this long after the person's last. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * What to answer instead of success: an HTTP status and Twilio's error body, a dropped
 * connection, or a slow answer (the message is taken, the answer comes `ms` later).
 */
export type Failure = { status: number; code?: number; message?: string } | 'drop' | { slowMs: number };

export class FakeTwilio {
  readonly sent: SentSms[] = [];
  requests = 0;
  /** How often the Messages list was asked for. */
  lists = 0;
  /** When set, asked on every send: a failure to answer with, or nothing for success. */
  chaos: (() => Failure | undefined) | undefined;
  /** Sends refused with 429 because they came faster than the rate set by limitRate. */
  tooFast = 0;
  /** Outside the window, Twilio refused a free-form WhatsApp message (63016) this often. */
  outsideWindow = 0;
  /** Content SIDs of templates WhatsApp approved: the only messages that may go outside the window. */
  readonly approved = new Set<string>();
  /** When each WhatsApp address (whatsapp:+44...) last wrote to us, as WhatsApp counts the window. */
  readonly lastInbound = new Map<string, number>();
  private failures: Failure[] = [];
  private bucket: TokenBucket | undefined;
  private server: Server;
  url = '';

  constructor(private readonly accountSid: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /**
   * Refuses sends beyond `perSecond` (a sender's messages-per-second, a second's worth
   * of burst) with 429 and error 20429, as Twilio does when its queue is full.
   */
  limitRate(perSecond: number): void {
    this.bucket = new TokenBucket(perSecond);
  }

  /** The next `count` requests fail this way. */
  failNext(failure: Failure, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /** Records a message as if our service had just sent it (for crash tests). */
  takeDirectly(to: string, body: string): Promise<SentSms> {
    const message: SentSms = {
      to,
      from: undefined,
      messagingServiceSid: undefined,
      body,
      statusCallback: undefined,
      sid: `SM${randomBytes(16).toString('hex')}`,
      auth: undefined,
      at: Date.now() - 2000,
    };
    this.sent.push(message);
    return Promise.resolve(message);
  }

  /** A WhatsApp user wrote to us: their 24-hour window opens (or `at`, to place it in the past). */
  receivedFrom(address: string, at = Date.now()): void {
    this.lastInbound.set(address, at);
  }

  /** What each message to `to` said: its body, or a template's first variable (the text). */
  textsTo(to: string): string[] {
    return this.sent.filter((m) => m.to === to).map((m) => (m.contentSid ? (m.contentVariables?.['1'] ?? '') : m.body));
  }

  lastTo(to: string): SentSms | undefined {
    return this.sent.filter((m) => m.to === to).at(-1);
  }

  bodiesTo(to: string): string[] {
    return this.sent.filter((m) => m.to === to).map((m) => m.body);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (req.method === 'GET' && path === `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      // The Messages list, newest first, filtered by To, in Twilio's page envelope.
      this.lists++;
      const to = url.searchParams.get('To');
      const size = Number(url.searchParams.get('PageSize') ?? '50');
      const messages = this.sent
        .filter((m) => !to || m.to === to)
        .reverse()
        .slice(0, size)
        .map((m) => this.resource(m));
      const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages.json?PageSize=${size}&Page=0`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          end: messages.length - 1,
          first_page_uri: uri,
          next_page_uri: null,
          page: 0,
          page_size: size,
          previous_page_uri: null,
          messages,
          start: 0,
          uri,
        }),
      );
      return;
    }
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
      return;
    }
    if (this.bucket && !this.bucket.take().ok) {
      this.tooFast++;
      res
        .writeHead(429, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }));
      return;
    }
    const failure = this.failures.shift() ?? this.chaos?.();
    if (failure === 'drop') {
      req.socket.destroy();
      return;
    }
    if (failure && 'slowMs' in failure) {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const message: SentSms = {
        to: form.get('To') ?? '',
        from: form.get('From') ?? undefined,
        messagingServiceSid: undefined,
        body: form.get('Body') ?? '',
        statusCallback: undefined,
        sid: `SM${randomBytes(16).toString('hex')}`,
        auth: req.headers.authorization,
        at: Date.now(),
      };
      this.sent.push(message);
      setTimeout(() => {
        if (!res.writableEnded && !res.destroyed) res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(this.resource(message)));
      }, failure.slowMs);
      return;
    }
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          code: failure.code ?? failure.status * 100,
          message: failure.message ?? 'Failure',
          more_info: `https://www.twilio.com/docs/errors/${failure.code ?? ''}`,
          status: failure.status,
        }),
      );
      return;
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const to = form.get('To') ?? '';
    const contentSid = form.get('ContentSid') ?? undefined;
    if (to.startsWith('whatsapp:')) {
      // As Twilio does: outside 24 hours since their last message only an approved template goes.
      const last = this.lastInbound.get(to);
      const open = last !== undefined && Date.now() - last < WHATSAPP_WINDOW_MS;
      if (!open && !(contentSid && this.approved.has(contentSid))) {
        this.outsideWindow++;
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            code: 63016,
            message: 'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
            more_info: 'https://www.twilio.com/docs/errors/63016',
            status: 400,
          }),
        );
        return;
      }
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const message: SentSms = {
      to: form.get('To') ?? '',
      from: form.get('From') ?? undefined,
      messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
      body: form.get('Body') ?? '',
      statusCallback: form.get('StatusCallback') ?? undefined,
      sid,
      auth: req.headers.authorization,
      at: Date.now(),
      ...(contentSid ? { contentSid, contentVariables: JSON.parse(form.get('ContentVariables') ?? '{}') as Record<string, string> } : {}),
    };
    this.sent.push(message);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(this.resource(message)));
  }

  /** A message as Twilio's API shows it. */
  private resource(message: SentSms) {
    const at = new Date(message.at).toUTCString();
    return {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: message.body,
      date_created: at,
      date_sent: null,
      date_updated: at,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from ?? null,
      messaging_service_sid: message.messagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'GBP',
      sid: message.sid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}/Media.json` },
      to: message.to,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
    };
  }
}
