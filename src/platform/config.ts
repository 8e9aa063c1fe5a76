/**
 * Configuration, read once from the environment (and a `.env` file if there is one),
 * validated and frozen. This is the only module that reads `process.env`; everything
 * else is handed the parts of `Config` it needs. Every variable is documented in
 * `.env.example`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { parseKey } from './secrets.js';

/** Languages valued has texts for (src/conversation/texts); LANGUAGES picks among them. */
export const SPOKEN = ['en', 'cy'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const flagSaying = (error: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''], { error })
    .transform((v) => (v === '' ? undefined : ['true', '1', 'yes', 'on'].includes(v)))
    .optional();
const flag = flagSaying('must be true or false');

const url = (protocols: RegExp, example: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.test(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL like ${example}`);

/** A secret someone could try to guess over HTTP: long enough that guessing is hopeless. */
const SECRET_MIN = 32;
const secret = optionalText.refine((v) => v === undefined || v.length >= SECRET_MIN, `must be at least ${SECRET_MIN} characters (openssl rand -hex 24)`);

/** A whole number in a range, with a message a person can act on. */
const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};

/**
 * The WhatsApp templates (Twilio Content SIDs, HX...) by what they are for.
 * `buttons2`, `buttons3`: quick-reply templates for questions with two or three
 * choices, sent within the 24-hour window (variables: 1 the question, then each
 * button's title and id: 2 and 3, 4 and 5, 6 and 7). The rest are approved templates
 * for messages outside the window, by kind: `ask` (a request to help), `match` (news
 * of a match), `relay` (words from the other person), `alert` (to a coordinator) and
 * `default` for any other (variable 1: the message, on one line).
 */
export const WHATSAPP_TEMPLATE_KINDS = ['buttons2', 'buttons3', 'ask', 'match', 'relay', 'alert', 'default'] as const;
export type WhatsAppTemplateKind = (typeof WHATSAPP_TEMPLATE_KINDS)[number];

const WHATSAPP_SENDER = /^whatsapp:\+[1-9]\d{6,14}$/;
const SERVICE_SID = /^MG[0-9a-f]{32}$/;
const CONTENT_SID = /^HX[0-9a-f]{32}$/;

function whatsappTemplatesRule(): string {
  return `must be JSON like {"ask":"HX...","default":"HX..."}: kinds ${WHATSAPP_TEMPLATE_KINDS.join(', ')}; each a Content SID (HX followed by 32 hex digits)`;
}

function readTemplates(value: string): Partial<Record<WhatsAppTemplateKind, string>> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed as Record<string, unknown>);
  const ok = entries.every(([kind, sid]) => (WHATSAPP_TEMPLATE_KINDS as readonly string[]).includes(kind) && typeof sid === 'string' && CONTENT_SID.test(sid));
  return ok ? Object.fromEntries(entries) : null;
}

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  PORT: wholeNumber(0, 65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: url(/^https?:$/, 'https://valued.example.org').optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:PATH or postgres://USER@HOST/DB')
    .default('sqlite:./data/valued.db'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  REDIS_URL: url(/^rediss?:$/, 'redis://127.0.0.1:6379').optional(),
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'may hold letters, digits, _ - { } only')
    .default('valued'),
  INBOUND_PARTITIONS: wholeNumber(1, 256).default(8),
  SEND_CONCURRENCY: wholeNumber(1, 256).default(8),
  JOB_LOCK_SECONDS: wholeNumber(2, 600).default(30),
  RECONCILE_EVERY_SECONDS: wholeNumber(1, 3600).default(15),
  SQLITE_CHECKPOINTS: z.enum(['in-commits', 'background']).default('in-commits'),
  POSTGRES_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  TWILIO_ACCOUNT_SID: optionalText.refine(
    (v) => v === undefined || /^AC[0-9a-f]{32}$/.test(v),
    'must be AC followed by 32 hex digits, as in the Twilio console',
  ),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM_NUMBER: optionalText,
  TWILIO_MESSAGING_SERVICE_SID: optionalText,
  TWILIO_API_BASE_URL: url(/^https?:$/, 'https://api.twilio.com').default('https://api.twilio.com'),
  PROVIDER_TIMEOUT_SECONDS: wholeNumber(1, 300).default(15),
  TWILIO_MPS: z.coerce
    .number({ error: 'must be a number of messages per second, e.g. 10' })
    .positive({ error: 'must be more than 0' })
    .max(1000, { error: 'must be at most 1000' })
    .default(10),
  TWILIO_WHATSAPP_FROM: optionalText.refine(
    (v) => v === undefined || WHATSAPP_SENDER.test(v) || SERVICE_SID.test(v),
    'must be the WhatsApp sender as whatsapp:+447700900123, or a Messaging Service (MG followed by 32 hex digits) that holds it',
  ),
  TWILIO_WHATSAPP_TEMPLATES: optionalText.refine((v) => v === undefined || readTemplates(v) !== null, whatsappTemplatesRule()),
  TWILIO_WHATSAPP_MPS: z.coerce
    .number({ error: 'must be a number of messages per second, e.g. 80' })
    .positive({ error: 'must be more than 0' })
    .max(1000, { error: 'must be at most 1000' })
    .default(80),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_MODE: z.enum(['webhook', 'polling'], { error: 'must be webhook or polling' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'may hold only A-Z a-z 0-9 _ - (Telegram rule), 1 to 256 characters')
    .optional(),
  TELEGRAM_API_ROOT: url(/^https?:$/, 'https://api.telegram.org').default('https://api.telegram.org'),
  ADMIN_TOKEN: secret,
  METRICS_TOKEN: secret,
  COORDINATOR_PHONES: z
    .string()
    .trim()
    .regex(/^(\+\d{7,15})(\s*,\s*\+\d{7,15})*$|^$/, 'must be phone numbers in +44... form, separated by commas')
    .optional(),
  COORDINATOR_TELEGRAM_IDS: z
    .string()
    .trim()
    .regex(/^(-?\d{1,20})(\s*,\s*-?\d{1,20})*$|^$/, 'must be Telegram chat ids (numbers), separated by commas')
    .optional(),
  MATCH_WAVE_SIZE: wholeNumber(1, 50).default(3),
  MATCH_MAX_WAVES: wholeNumber(1, 50).default(3),
  MATCH_WAVE_DELAY_SECONDS: wholeNumber(1, 7 * 24 * 3600).default(30 * 60),
  FOLLOW_UP_DELAY_SECONDS: wholeNumber(1, 30 * 24 * 3600).default(2 * 24 * 3600),
  REQUIRE_VERIFIED_IN_PERSON: flag,
  RETENTION_DAYS: wholeNumber(1, 3650).default(180),
  DATA_ENCRYPTION_KEY: optionalText.refine(
    (v) => v === undefined || parseKey(v) !== null,
    'must be 32 bytes: 64 hex digits or 44 characters of base64 (openssl rand -hex 32)',
  ),
  DATA_ENCRYPTION_OLD_KEYS: optionalText.refine(
    (v) => v === undefined || list(v).every((k) => parseKey(k) !== null),
    'must be keys of 32 bytes (as DATA_ENCRYPTION_KEY), separated by commas',
  ),
  SIMULATOR: flagSaying('must be on or off'),
  /** Deprecated: SIMULATOR's old name, still read when SIMULATOR is not set. */
  SIMULATOR_ENABLED: flag,
  SIMULATOR_TOKEN: secret,
  SIMULATOR_MESSAGES_PER_MINUTE: wholeNumber(1, 100_000).default(30),
  TRUST_PROXY: z.string().trim().min(1).default('loopback,linklocal,uniquelocal'),
  LANGUAGES: z
    .string()
    .trim()
    .transform((v) => (v === '' ? ['en'] : list(v.toLowerCase())))
    .refine(
      (v) => v.every((l) => (SPOKEN as readonly string[]).includes(l)),
      `must be languages valued speaks (${SPOKEN.join(', ')}), separated by commas, like en,cy`,
    )
    .refine((v) => v.includes('en'), 'must include en: English is the fallback for every text')
    .default(['en']),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
});

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from: { number: string } | { messagingServiceSid: string };
  apiBaseUrl: string;
  /** Messages per second the sender may send (Twilio queues beyond its own limit). */
  mps: number;
  /** How long one request to Twilio may take before it counts as a network failure. */
  timeoutMs: number;
}

/** WhatsApp through the same Twilio account as SMS. */
export interface WhatsAppConfig {
  accountSid: string;
  authToken: string;
  /** The WhatsApp sender (whatsapp:+44...), or a Messaging Service that holds one. */
  from: { address: string } | { messagingServiceSid: string };
  templates: Readonly<Partial<Record<WhatsAppTemplateKind, string>>>;
  apiBaseUrl: string;
  mps: number;
  timeoutMs: number;
}

export interface TelegramConfig {
  botToken: string;
  mode: 'webhook' | 'polling';
  webhookSecret: string | undefined;
  apiRoot: string;
  timeoutMs: number;
}

/** Who looks after the area, and how matching paces itself. */
export interface MatchingConfig {
  waveSize: number;
  maxWaves: number;
  waveDelayMs: number;
  followUpDelayMs: number;
  /** In-person tasks go only to volunteers a coordinator has verified. */
  requireVerifiedInPerson: boolean;
}

export interface CoordinatorsConfig {
  phones: readonly string[];
  telegramIds: readonly string[];
}

/**
 * The simulator. On by default only while no real channel is configured; beside a
 * real channel it runs only when SIMULATOR=on, and then only for those who hold its
 * token. Its members are sandboxed either way (see members.sandbox).
 */
export interface SimulatorConfig {
  enabled: boolean;
  /** Needed to use it (bearer, or a browser's basic-auth password); undefined: open. */
  token: string | undefined;
  /** Messages one client address may post a minute. */
  messagesPerMinute: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  /**
   * `trustProxy`: whose X-Forwarded-For to believe for the client's address (rate
   * limits and lockouts count by it): true, false, or addresses and ranges (Fastify's
   * trustProxy, e.g. the default "loopback,linklocal,uniquelocal": a proxy on this
   * machine or a private network).
   */
  http: { port: number; host: string; publicBaseUrl: string; trustProxy: boolean | string };
  /**
   * `backgroundCheckpoints`: SQLite's write-ahead log copied back by a worker thread, not
   * in commits (see src/store/checkpointer.ts). `preparedStatements`: PostgreSQL's hot
   * queries as named prepared statements (off behind a pooler that cannot keep them).
   */
  database: { url: string; backgroundCheckpoints: boolean; preparedStatements: boolean };
  dataDir: string;
  /** `undefined` means: find a local Redis, or start a private one (development). */
  redis: { url: string | undefined };
  /** `lockMs`: how long a job in hand stays locked without renewal; a dead worker's jobs are taken up after it. */
  queue: { prefix: string; inboundPartitions: number; sendConcurrency: number; lockMs: number; reconcileEveryMs: number };
  /** SMS through Twilio: set when an SMS sender is configured. */
  twilio: TwilioConfig | undefined;
  /** WhatsApp through Twilio: set when TWILIO_WHATSAPP_FROM is. */
  whatsapp: WhatsAppConfig | undefined;
  telegram: TelegramConfig | undefined;
  adminToken: string | undefined;
  /** When set, GET /metrics needs it as a bearer token. */
  metricsToken: string | undefined;
  coordinators: CoordinatorsConfig;
  matching: MatchingConfig;
  simulator: SimulatorConfig;
  /** Things worth saying once at start-up (a deprecated variable in use). */
  notices: readonly string[];
  /** Message bodies older than this many days are purged. */
  retentionDays: number;
  /** Seals words, names and addresses at rest (see src/store/sealing.ts); undefined: stored plain. */
  encryptionKey: Buffer | undefined;
  /** Keys rotated out: what they sealed is still read, and addresses hashed with them still found. */
  oldEncryptionKeys: readonly Buffer[];
  /** Languages members may choose (LANGUAGES); English always, first. */
  languages: readonly string[];
  logLevel: string;
}

/** A configuration that cannot work; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from `env` (the process environment by default) and a
 * `.env` file in the working directory, whose values never override real ones.
 */
export function loadConfig(env: Record<string, string | undefined> = withDotEnv(process.env)): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Configuration error. ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');

  let twilio: TwilioConfig | undefined;
  let whatsapp: WhatsAppConfig | undefined;
  if (e.TWILIO_WHATSAPP_FROM && !(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN))
    throw new ConfigError('Configuration error. TWILIO_WHATSAPP_FROM needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
  if (e.TWILIO_WHATSAPP_TEMPLATES && !e.TWILIO_WHATSAPP_FROM)
    throw new ConfigError('Configuration error. TWILIO_WHATSAPP_TEMPLATES needs TWILIO_WHATSAPP_FROM');
  if (e.TWILIO_ACCOUNT_SID || e.TWILIO_AUTH_TOKEN) {
    if (!e.TWILIO_ACCOUNT_SID) throw new ConfigError('Configuration error. TWILIO_ACCOUNT_SID is needed with TWILIO_AUTH_TOKEN');
    if (!e.TWILIO_AUTH_TOKEN) throw new ConfigError('Configuration error. TWILIO_AUTH_TOKEN is needed with TWILIO_ACCOUNT_SID');
    const from = e.TWILIO_MESSAGING_SERVICE_SID
      ? { messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID }
      : e.TWILIO_FROM_NUMBER
        ? { number: e.TWILIO_FROM_NUMBER }
        : undefined;
    if (!from && !e.TWILIO_WHATSAPP_FROM)
      throw new ConfigError(
        'Configuration error. TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID is needed to send SMS (or TWILIO_WHATSAPP_FROM for WhatsApp alone)',
      );
    if (e.TWILIO_WHATSAPP_FROM) {
      whatsapp = {
        accountSid: e.TWILIO_ACCOUNT_SID,
        authToken: e.TWILIO_AUTH_TOKEN,
        from: SERVICE_SID.test(e.TWILIO_WHATSAPP_FROM) ? { messagingServiceSid: e.TWILIO_WHATSAPP_FROM } : { address: e.TWILIO_WHATSAPP_FROM },
        templates: e.TWILIO_WHATSAPP_TEMPLATES ? (readTemplates(e.TWILIO_WHATSAPP_TEMPLATES) ?? {}) : {},
        apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
        mps: e.TWILIO_WHATSAPP_MPS,
        timeoutMs: e.PROVIDER_TIMEOUT_SECONDS * 1000,
      };
    }
    if (from) {
      twilio = {
        accountSid: e.TWILIO_ACCOUNT_SID,
        authToken: e.TWILIO_AUTH_TOKEN,
        from,
        apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
        mps: e.TWILIO_MPS,
        timeoutMs: e.PROVIDER_TIMEOUT_SECONDS * 1000,
      };
    }
  }

  let telegram: TelegramConfig | undefined;
  if (e.TELEGRAM_BOT_TOKEN) {
    const mode = e.TELEGRAM_MODE ?? (publicBaseUrl.startsWith('https://') ? 'webhook' : 'polling');
    if (mode === 'webhook' && !e.TELEGRAM_WEBHOOK_SECRET) {
      throw new ConfigError('Configuration error. TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE is webhook');
    }
    if (mode === 'webhook' && !publicBaseUrl.startsWith('https://')) {
      throw new ConfigError('Configuration error. PUBLIC_BASE_URL must be https:// for TELEGRAM_MODE=webhook (Telegram calls only https)');
    }
    telegram = {
      botToken: e.TELEGRAM_BOT_TOKEN,
      mode,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      timeoutMs: e.PROVIDER_TIMEOUT_SECONDS * 1000,
    };
  }

  if (e.DATA_ENCRYPTION_OLD_KEYS && !e.DATA_ENCRYPTION_KEY)
    throw new ConfigError('Configuration error. DATA_ENCRYPTION_OLD_KEYS needs DATA_ENCRYPTION_KEY (the key that seals from now on)');
  const realChannel = twilio !== undefined || whatsapp !== undefined || telegram !== undefined;
  const notices: string[] = [];
  if (e.SIMULATOR_ENABLED !== undefined)
    notices.push(
      `SIMULATOR_ENABLED is deprecated: use SIMULATOR=${e.SIMULATOR_ENABLED ? 'on' : 'off'}${e.SIMULATOR !== undefined ? ' (SIMULATOR is set and wins)' : ''}`,
    );
  // Anyone can talk through the simulator: on by default only while nothing real runs.
  const simulatorOn = e.SIMULATOR ?? e.SIMULATOR_ENABLED ?? !realChannel;
  const simulatorToken = e.SIMULATOR_TOKEN ?? (realChannel ? e.ADMIN_TOKEN : undefined);
  if (simulatorOn && realChannel && !simulatorToken) {
    throw new ConfigError('Configuration error. SIMULATOR=on beside a real channel needs SIMULATOR_TOKEN (or ADMIN_TOKEN) so that only your team can use it');
  }
  const config: Config = {
    env: e.NODE_ENV,
    http: { port: e.PORT, host: e.HOST, publicBaseUrl, trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY },
    database: {
      url: e.DATABASE_URL,
      backgroundCheckpoints: e.SQLITE_CHECKPOINTS === 'background',
      preparedStatements: e.POSTGRES_PREPARED_STATEMENTS === 'on',
    },
    dataDir: e.DATA_DIR,
    redis: { url: e.REDIS_URL },
    queue: {
      prefix: e.QUEUE_PREFIX,
      inboundPartitions: e.INBOUND_PARTITIONS,
      sendConcurrency: e.SEND_CONCURRENCY,
      lockMs: e.JOB_LOCK_SECONDS * 1000,
      reconcileEveryMs: e.RECONCILE_EVERY_SECONDS * 1000,
    },
    twilio,
    whatsapp,
    telegram,
    adminToken: e.ADMIN_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    coordinators: { phones: list(e.COORDINATOR_PHONES), telegramIds: list(e.COORDINATOR_TELEGRAM_IDS) },
    matching: {
      waveSize: e.MATCH_WAVE_SIZE,
      maxWaves: e.MATCH_MAX_WAVES,
      waveDelayMs: e.MATCH_WAVE_DELAY_SECONDS * 1000,
      followUpDelayMs: e.FOLLOW_UP_DELAY_SECONDS * 1000,
      requireVerifiedInPerson: e.REQUIRE_VERIFIED_IN_PERSON ?? false,
    },
    simulator: { enabled: simulatorOn, token: simulatorOn ? simulatorToken : undefined, messagesPerMinute: e.SIMULATOR_MESSAGES_PER_MINUTE },
    notices,
    retentionDays: e.RETENTION_DAYS,
    encryptionKey: e.DATA_ENCRYPTION_KEY ? (parseKey(e.DATA_ENCRYPTION_KEY) ?? undefined) : undefined,
    oldEncryptionKeys: list(e.DATA_ENCRYPTION_OLD_KEYS).map((k) => parseKey(k)!),
    languages: ['en', ...new Set(e.LANGUAGES.filter((l) => l !== 'en'))],
    logLevel: e.LOG_LEVEL,
  };
  return deepFreeze(config);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The process environment over a `.env` file's values. */
function withDotEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const file = '.env';
  if (!existsSync(file)) return env;
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
