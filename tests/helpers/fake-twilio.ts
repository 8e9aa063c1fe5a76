/**
 * A stand-in for Twilio's REST API, over real HTTP, so the real Twilio SDK talks to
 * it exactly as it would to api.twilio.com. It records every message and can be told
 * to fail the way Twilio fails.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  statusCallback: string | undefined;
  sid: string;
  auth: string | undefined;
  at: number;
}

/** What to answer instead of success: an HTTP status and Twilio's error body, or a dropped connection. */
export type Failure = { status: number; code?: number; message?: string } | 'drop';

export class FakeTwilio {
  readonly sent: SentSms[] = [];
  requests = 0;
  private failures: Failure[] = [];
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

  /** The next `count` requests fail this way. */
  failNext(failure: Failure, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
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
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
      return;
    }
    const failure = this.failures.shift();
    if (failure === 'drop') {
      req.socket.destroy();
      return;
    }
    if (failure) {
      res
        .writeHead(failure.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: failure.code ?? failure.status * 100, message: failure.message ?? 'Failure', more_info: `https://www.twilio.com/docs/errors/${failure.code ?? ''}`, status: failure.status }));
      return;
    }
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
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
    };
    this.sent.push(message);
    const now = new Date().toUTCString();
    res.writeHead(201, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        account_sid: this.accountSid,
        api_version: '2010-04-01',
        body: message.body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: message.from ?? null,
        messaging_service_sid: message.messagingServiceSid ?? null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'GBP',
        sid,
        status: 'queued',
        subresource_uris: { media: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}/Media.json` },
        to: message.to,
        uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
      }),
    );
  }
}
