import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.js';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const LONG = 'x'.repeat(32);

describe('loadConfig', () => {
  it('has working defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      http: { port: 3000, host: '0.0.0.0', publicBaseUrl: 'http://localhost:3000' },
      database: { url: 'sqlite:./data/valued.db' },
      redis: { url: undefined },
      queue: { prefix: 'valued', inboundPartitions: 8 },
      twilio: undefined,
      telegram: undefined,
      simulator: { enabled: true },
      logLevel: 'info',
    });
  });

  it('checkpoints SQLite in commits unless told to use the background thread; anything else stops start-up', () => {
    expect(loadConfig({}).database.backgroundCheckpoints).toBe(false);
    expect(loadConfig({ SQLITE_CHECKPOINTS: 'background' }).database.backgroundCheckpoints).toBe(true);
    expect(() => loadConfig({ SQLITE_CHECKPOINTS: 'sometimes' })).toThrow(/SQLITE_CHECKPOINTS/);
  });

  it('prepares the hot queries on PostgreSQL unless told not to; anything else stops start-up', () => {
    expect(loadConfig({}).database.preparedStatements).toBe(true);
    expect(loadConfig({ POSTGRES_PREPARED_STATEMENTS: 'off' }).database.preparedStatements).toBe(false);
    expect(() => loadConfig({ POSTGRES_PREPARED_STATEMENTS: 'no' })).toThrow(/POSTGRES_PREPARED_STATEMENTS/);
  });

  it('is frozen, all the way down', () => {
    const config = loadConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+441' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.twilio)).toBe(true);
    expect(Object.isFrozen(config.twilio!.from)).toBe(true);
  });

  it('follows PORT in the default public URL and trims a trailing slash from a given one', () => {
    expect(loadConfig({ PORT: '8080' }).http.publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://valued.example.org/' }).http.publicBaseUrl).toBe('https://valued.example.org');
  });

  it('enables SMS with a sender number or a messaging service', () => {
    const base = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'token' };
    expect(loadConfig({ ...base, TWILIO_FROM_NUMBER: '+441234567890' }).twilio).toMatchObject({
      from: { number: '+441234567890' },
      apiBaseUrl: 'https://api.twilio.com',
      mps: 10,
    });
    expect(loadConfig({ ...base, TWILIO_MESSAGING_SERVICE_SID: 'MG1', TWILIO_API_BASE_URL: 'http://127.0.0.1:9/' }).twilio).toMatchObject({
      from: { messagingServiceSid: 'MG1' },
      apiBaseUrl: 'http://127.0.0.1:9',
    });
  });

  it('picks the Telegram mode from the public URL', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '1:a' }).telegram?.mode).toBe('polling');
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '1:a', PUBLIC_BASE_URL: 'https://v.example', TELEGRAM_WEBHOOK_SECRET: 's3cret' }).telegram?.mode).toBe('webhook');
  });

  it('serves the simulator only while no real channel runs, whatever NODE_ENV says, unless SIMULATOR=on', () => {
    const sms = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+441' };
    const telegram = { TELEGRAM_BOT_TOKEN: '1:a' };
    expect(loadConfig({ NODE_ENV: 'production' }).simulator).toMatchObject({ enabled: true, token: undefined });
    expect(loadConfig({ NODE_ENV: 'development', ...sms }).simulator.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', ...telegram }).simulator.enabled).toBe(false);
    expect(loadConfig({ SIMULATOR: 'off' }).simulator.enabled).toBe(false);
    // Beside a real channel only with a token: its own, or the admin token.
    expect(loadConfig({ ...sms, SIMULATOR: 'on', SIMULATOR_TOKEN: LONG }).simulator).toMatchObject({ enabled: true, token: LONG });
    expect(loadConfig({ ...telegram, SIMULATOR: 'on', ADMIN_TOKEN: `a${LONG}` }).simulator).toMatchObject({ enabled: true, token: `a${LONG}` });
    // Alone, a SIMULATOR_TOKEN still guards it; the admin token does not.
    expect(loadConfig({ SIMULATOR_TOKEN: LONG }).simulator.token).toBe(LONG);
    expect(loadConfig({ ADMIN_TOKEN: LONG }).simulator.token).toBeUndefined();
  });

  it('still reads SIMULATOR_ENABLED, deprecated, and says so', () => {
    const sms = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+441', SIMULATOR_TOKEN: LONG };
    const old = loadConfig({ ...sms, SIMULATOR_ENABLED: 'true' });
    expect(old.simulator.enabled).toBe(true);
    expect(old.notices).toEqual(['SIMULATOR_ENABLED is deprecated: use SIMULATOR=on']);
    expect(loadConfig({ SIMULATOR_ENABLED: 'off' }).simulator.enabled).toBe(false);
    expect(loadConfig({ ...sms, SIMULATOR_ENABLED: 'true', SIMULATOR: 'off' }).simulator.enabled).toBe(false);
  });

  it('speaks English by default, and Welsh too with LANGUAGES=en,cy', () => {
    expect(loadConfig({}).languages).toEqual(['en']);
    expect(loadConfig({ LANGUAGES: '' }).languages).toEqual(['en']);
    expect(loadConfig({ LANGUAGES: 'cy, EN' }).languages).toEqual(['en', 'cy']);
  });

  it.each([
    [{ PORT: '99999' }, 'PORT: must be a whole number from 0 to 65535'],
    [{ PORT: 'abc' }, 'PORT: must be a whole number from 0 to 65535'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL: must be sqlite:PATH or postgres://USER@HOST/DB'],
    [{ REDIS_URL: 'localhost' }, 'REDIS_URL: must be a URL like redis://127.0.0.1:6379'],
    [{ PUBLIC_BASE_URL: 'valued.example.org' }, 'PUBLIC_BASE_URL: must be a URL like https://valued.example.org'],
    [{ QUEUE_PREFIX: 'a:b' }, 'QUEUE_PREFIX'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of'],
    [{ LANGUAGES: 'en,fr' }, 'LANGUAGES: must be languages valued speaks (en, cy)'],
    [{ LANGUAGES: 'cy' }, 'LANGUAGES: must include en'],
    [{ SIMULATOR_ENABLED: 'maybe' }, 'SIMULATOR_ENABLED: must be true or false'],
    [{ SIMULATOR: 'maybe' }, 'SIMULATOR: must be on or off'],
    [
      { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+441', SIMULATOR: 'on' },
      'SIMULATOR=on beside a real channel needs SIMULATOR_TOKEN (or ADMIN_TOKEN)',
    ],
    [{ ADMIN_TOKEN: 'short-and-guessable' }, 'ADMIN_TOKEN: must be at least 32 characters'],
    [{ ADMIN_TOKEN: 'x'.repeat(31) }, 'ADMIN_TOKEN: must be at least 32 characters'],
    [{ SIMULATOR_TOKEN: 'short' }, 'SIMULATOR_TOKEN: must be at least 32 characters'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN: must be at least 32 characters'],
    [{ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM_NUMBER: '+441' }, 'TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits'],
    [{ TWILIO_ACCOUNT_SID: SID }, 'TWILIO_AUTH_TOKEN is needed'],
    [{ TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_ACCOUNT_SID is needed'],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID'],
    [{ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_MODE: 'webhook', PUBLIC_BASE_URL: 'https://v.example' }, 'TELEGRAM_WEBHOOK_SECRET is required'],
    [{ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 's' }, 'PUBLIC_BASE_URL must be https://'],
    [{ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_SECRET: 'has spaces' }, 'TELEGRAM_WEBHOOK_SECRET'],
  ])('%j stops start-up naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
