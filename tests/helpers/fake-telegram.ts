/**
 * A stand-in for the Telegram Bot API server, over real HTTP: grammY's client talks
 * to it through TELEGRAM_API_ROOT exactly as it would to api.telegram.org. It records
 * every call, serves getUpdates with long polling, and can fail the way Telegram does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { TokenBucket } from './token-bucket.js';

export const BOT_TOKEN = '123456789:AAEhBP0av28aZ9XVf7uQ3Lw-test-token-ok';
export const BOT_USERNAME = 'valued_test_bot';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** Set when the fake answered with an error instead. */
  failed?: TelegramFailure;
}

export interface TelegramFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  url = '';
  private server: Server;
  private failures = new Map<string, TelegramFailure[]>();
  private updates: Update[] = [];
  private waiting: (() => void)[] = [];
  private nextMessageId = 1000;
  private limits: { perSecond: number; perChatPerSecond: number; slackMs: number; all: TokenBucket; chats: Map<string, TokenBucket> } | undefined;
  /** Sends refused with 429 because they came faster than limitRate allows. */
  tooFast = 0;

  constructor(private readonly token = BOT_TOKEN) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting.splice(0)) wake();
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  /**
   * Answers sendMessage with 429 and retry_after beyond `perSecond` in all or
   * `perChatPerSecond` to one chat, as Telegram's flood control does (about 30 a
   * second, one a second to a chat). A request early by at most `slackMs` is let
   * through (and its token owed): Telegram's flood control is not exact to the
   * millisecond, and on a busy machine one request reaches us later than it was sent
   * and the next on time. Sending with no gap at all is still refused.
   */
  limitRate(limits: { perSecond: number; perChatPerSecond: number; slackMs?: number }): void {
    this.limits = { slackMs: 0, ...limits, all: new TokenBucket(limits.perSecond), chats: new Map() };
  }

  /** The next `count` calls of `method` fail this way. */
  failNext(method: string, failure: TelegramFailure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Queues updates for getUpdates (polling mode). */
  pushUpdates(...updates: Update[]): void {
    this.updates.push(...updates);
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Successful calls of a method (failed ones are in `calls`, marked). */
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && !c.failed);
  }

  /** Texts sent to a chat, oldest first. */
  textsTo(chatId: number | string): string[] {
    return this.callsTo('sendMessage')
      .filter((c) => String(c.params.chat_id) === String(chatId))
      .map((c) => String(c.params.text));
  }

  /** The last message sent to a chat, with its keyboard. */
  lastTo(chatId: number | string): { text: string; buttons: { text: string; callback_data: string }[][]; message_id: number } | undefined {
    const call = this.callsTo('sendMessage')
      .filter((c) => String(c.params.chat_id) === String(chatId))
      .at(-1);
    if (!call) return undefined;
    const markup = call.params.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    return { text: String(call.params.text), buttons: markup?.inline_keyboard ?? [], message_id: call.params.__message_id as number };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!match) return void reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.token) return void reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const raw = Buffer.concat(chunks).toString('utf8');
    const params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const call: ApiCall = { method, params, at: Date.now() };
    this.calls.push(call);

    const failure = this.failures.get(method)?.shift();
    if (failure) {
      call.failed = failure;
      return void reply(failure.error_code, { ok: false, ...failure });
    }

    if (this.limits && method === 'sendMessage') {
      const chat = String(params.chat_id);
      let bucket = this.limits.chats.get(chat);
      if (!bucket) this.limits.chats.set(chat, (bucket = new TokenBucket(this.limits.perChatPerSecond, 1)));
      const waitMs = Math.max(bucket.waitMs(), this.limits.all.waitMs());
      if (waitMs <= this.limits.slackMs) {
        bucket.take(this.limits.slackMs);
        this.limits.all.take(this.limits.slackMs);
      } else {
        this.tooFast++;
        const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
        call.failed = { error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
        return void reply(429, { ok: false, ...call.failed });
      }
    }

    switch (method) {
      case 'getMe':
        return void reply(200, {
          ok: true,
          result: {
            id: 123456789,
            is_bot: true,
            first_name: 'valued',
            username: BOT_USERNAME,
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        });
      case 'sendMessage': {
        const messageId = this.nextMessageId++;
        params.__message_id = messageId;
        const chatId = Number(params.chat_id);
        return void reply(200, {
          ok: true,
          result: {
            message_id: messageId,
            from: { id: 123456789, is_bot: true, first_name: 'valued', username: BOT_USERNAME },
            chat: { id: chatId, first_name: 'Ann', type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text: params.text,
            ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
          },
        });
      }
      case 'editMessageText':
        return void reply(200, {
          ok: true,
          result: {
            message_id: params.message_id,
            chat: { id: Number(params.chat_id), type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text: params.text,
          },
        });
      case 'getUpdates': {
        const offset = typeof params.offset === 'number' ? params.offset : 0;
        this.updates = this.updates.filter((u) => u.update_id >= offset);
        if (this.updates.length === 0) {
          const timeout = Math.min(Number(params.timeout ?? 0), 2) * 1000;
          await new Promise<void>((wake) => {
            const timer = setTimeout(wake, timeout);
            this.waiting.push(() => (clearTimeout(timer), wake()));
          });
          this.updates = this.updates.filter((u) => u.update_id >= offset);
        }
        return void reply(200, { ok: true, result: this.updates.slice(0, Number(params.limit ?? 100)) });
      }
      default:
        // setWebhook, deleteWebhook, setMyCommands, answerCallbackQuery, editMessageReplyMarkup...
        return void reply(200, { ok: true, result: true });
    }
  }
}
